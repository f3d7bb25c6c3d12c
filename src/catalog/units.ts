/**
 * Unit parsing and printing: what people write → internal units.
 *
 *   duration  ms        5525000 (declared ms), 5525s, 92 min, 1.5h, 1h 32m 5s, 1:32:05,
 *                       01:32:05.120, 32:05 (m:ss), PT1H32M5S, 00:00:03.007000000
 *   bitrate   kbps      8.5 Mbps, 8500 kb/s, 8500kbps, 8500000 bps, 1.2 Gbps (1 kbps = 1000 bit/s)
 *   size      bytes     123 B, 700MB, 1.5 GB (decimal), 1.5 GiB (binary), 4 KiB
 *   resolution pixels   1920x1080, 1920×1080, 1080p, 4K
 *   fps                 24000/1001, 23.976, 25, 24p
 *
 * Missing values ("", NA, N/A, NaN, null) parse to NaN here. The catalog loaders are
 * stricter about one of them: a cell spelling a non-finite number ("NaN", "inf") is an
 * invalid row there (catalogBuilder.ts), checked before these parsers run, because a
 * program that wrote NaN computed something wrong rather than recorded nothing.
 * A bare number needs a declared
 * unit (the loader detects it from the column name or `--map`): guessing units is how
 * wrong results happen. A unit written in the value wins over the declared one.
 *
 * Unit factors are kept as mantissa · 10^exponent so that decimal inputs convert exactly:
 * 1.001 s is 1001 ms, not 1000.9999999999999 (the product in binary floating point).
 */
import { UserError } from "../base/errors.js";

export type UnitKind = "duration" | "bitrate" | "size";

/** factor = mantissa · 10^exponent (internal units per one of this unit). */
export interface UnitScale {
  mantissa: number;
  exponent: number;
}

/** Canonical unit names per kind, smallest first (used for printing and error lists). */
export const CANONICAL_UNITS: Record<UnitKind, readonly string[]> = {
  duration: ["ms", "s", "min", "h"],
  bitrate: ["bps", "kbps", "Mbps", "Gbps"],
  size: ["B", "KB", "KiB", "MB", "MiB", "GB", "GiB", "TB", "TiB"],
};

const EXPECTED_UNITS: Record<UnitKind, string> = {
  duration: "ms, s, min, h",
  bitrate: "bps, kbps, Mbps, Gbps (or b/s, kb/s, Mb/s, Gb/s; byte rates B/s, kB/s, MB/s)",
  size: "B, KB, MB, GB, TB, KiB, MiB, GiB, TiB",
};

const EXAMPLES: Record<UnitKind | "resolution" | "fps", string> = {
  duration: "5525s, 92 min, 1:32:05",
  bitrate: "8.5 Mbps, 8500 kb/s",
  size: "700MB, 1.5 GiB, 123 B",
  resolution: "1920x1080, 1080p, 4K",
  fps: "24000/1001, 23.976, 25",
};

/** Internal unit written after a bare number in the "missing unit" hint. */
const HINT_UNIT: Record<UnitKind, string> = { duration: "s", bitrate: "kbps", size: "B" };

// Duration units are case-insensitive: there is no bit/byte distinction to protect.
const DURATION_UNITS: Record<string, UnitScale> = {};
for (const [names, scale] of [
  [["ms", "msec", "msecs", "millisecond", "milliseconds"], { mantissa: 1, exponent: 0 }],
  [["s", "sec", "secs", "second", "seconds"], { mantissa: 1, exponent: 3 }],
  [["m", "min", "mins", "minute", "minutes"], { mantissa: 6, exponent: 4 }],
  [["h", "hr", "hrs", "hour", "hours"], { mantissa: 36, exponent: 5 }],
] as const) {
  for (const n of names) DURATION_UNITS[n] = scale;
}

const DECIMAL_PREFIX: Record<string, number> = { "": 0, k: 3, m: 6, g: 9, t: 12 };
const BINARY_PREFIX: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

function durationScale(unit: string): UnitScale | undefined {
  return DURATION_UNITS[unit.toLowerCase()];
}

/**
 * Bitrate units. The prefix is case-insensitive (Mbps = mbps = MBPS). The base is bits
 * unless it is written as a byte rate: `B/s`, `Bps` with a capital B and lower-case rest
 * (MB/s, kBps), or spelled out (bytes/s). All-caps `MBPS` stays bits, as UIs print it.
 */
function bitrateScale(unit: string): UnitScale | undefined {
  const m = /^([kmgt]?)(.+)$/i.exec(unit);
  if (!m) return undefined;
  const prefixExp = DECIMAL_PREFIX[m[1].toLowerCase()];
  const base = m[2];
  const lower = base.toLowerCase();
  let bytes: boolean;
  if (lower === "bps" || lower === "b/s") bytes = base === "Bps" || base === "B/s";
  else if (lower === "bit/s" || lower === "bits/s" || lower === "bitps") bytes = false;
  else if (lower === "byte/s" || lower === "bytes/s") bytes = true;
  else return undefined;
  // internal unit is kbps: a bare bit/s is 10^-3 kbps
  return { mantissa: bytes ? 8 : 1, exponent: prefixExp - 3 };
}

/**
 * Size units: byte units only. The prefix is case-insensitive (kB = KB); the final B must
 * be a capital (a lower-case b is a bit, see `sizeBitUnit`).
 */
function sizeScale(unit: string): UnitScale | undefined {
  const lower = unit.toLowerCase();
  if (lower === "byte" || lower === "bytes") return { mantissa: 1, exponent: 0 };
  const m = /^([kmgt]?)(i?)B$/i.exec(unit);
  if (!m || !unit.endsWith("B")) return undefined;
  const p = m[1].toLowerCase();
  if (m[2]) return p ? { mantissa: BINARY_PREFIX[p], exponent: 0 } : undefined;
  return { mantissa: 1, exponent: DECIMAL_PREFIX[p] };
}

/** True for units such as `Mb`, `kbit`, `Mbps` that a size column must not accept. */
function isBitUnit(unit: string): boolean {
  return (/^[kmgt]?i?(b|bit|bits)$/i.test(unit) && !unit.endsWith("B")) || bitrateScale(unit) !== undefined;
}

const SCALE_OF: Record<UnitKind, (unit: string) => UnitScale | undefined> = {
  duration: durationScale,
  bitrate: bitrateScale,
  size: sizeScale,
};

function unknownUnit(kind: UnitKind, unit: string, value?: string): UserError {
  const where = value === undefined ? `for ${kind}` : `in ${kind} "${value}"`;
  if (kind === "size" && isBitUnit(unit)) {
    return new UserError(`"${unit}" ${where} is a bit unit (b = bit); sizes take byte units: ${EXPECTED_UNITS.size}`);
  }
  return new UserError(`unknown unit "${unit}" ${where} (expected one of ${EXPECTED_UNITS[kind]})`);
}

/** The unit's scale to internal units; throws UserError naming the accepted units. */
export function unitScale(kind: UnitKind, unit: string): UnitScale {
  const scale = SCALE_OF[kind](unit.trim());
  if (!scale) throw unknownUnit(kind, unit.trim());
  return scale;
}

/** Multiplier from `unit` to internal units (ms, kbps, bytes). Throws UserError for unknown units. */
export function unitFactor(kind: UnitKind, unit: string): number {
  const s = unitScale(kind, unit);
  return s.mantissa * 10 ** s.exponent;
}

/** Exact powers of ten (every 10^k up to 10^22 is a double). */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * x · mantissa · 10^exponent, shifting the decimal point in the number's shortest
 * decimal form (so 1.001 s → 1001 ms exactly) instead of multiplying by 10^exponent.
 */
export function applyScale(x: number, scale: UnitScale): number {
  const { mantissa, exponent } = scale;
  if (exponent === 0 || x === 0 || !Number.isFinite(x)) return mantissa === 1 ? x : x * mantissa;
  let y: number;
  if (Number.isInteger(x) && exponent > 0 && exponent < POW10.length) {
    y = x * POW10[exponent];
    if (Math.abs(y) > Number.MAX_SAFE_INTEGER) y = shiftDecimal(x, exponent);
  } else if (Number.isInteger(x) && exponent < 0 && -exponent < POW10.length) {
    y = x / POW10[-exponent]; // one correctly rounded division equals the decimal shift
  } else {
    y = shiftDecimal(x, exponent);
  }
  return mantissa === 1 ? y : y * mantissa;
}

function shiftDecimal(x: number, exponent: number): number {
  const s = String(x);
  const e = s.indexOf("e");
  return e < 0 ? Number(`${s}e${exponent}`) : Number(`${s.slice(0, e)}e${Number(s.slice(e + 1)) + exponent}`);
}

/** "", NA, N/A, NaN, null (any case, surrounding blanks ignored) mean "not recorded" (loaders reject "NaN" first; see the file comment). */
export function isMissing(text: string): boolean {
  const n = text.length;
  let i = 0;
  let j = n;
  while (i < j && text.charCodeAt(i) <= 32) i++;
  if (i === j) return true;
  while (text.charCodeAt(j - 1) <= 32) j--;
  const len = j - i;
  if (len < 2 || len > 4) return false;
  const t = text.slice(i, j).toLowerCase();
  return t === "na" || t === "n/a" || t === "nan" || t === "null";
}

/**
 * True when `text` is a plain decimal number (optional sign, digits, point, exponent,
 * surrounding blanks). Checked by char codes so the common cell avoids any regex, and so
 * that Number()'s extras ("", "0x1A", "Infinity") never slip through.
 */
export function isPlainNumber(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n && text.charCodeAt(i) <= 32) i++;
  let c = text.charCodeAt(i);
  if (c === 43 || c === 45) c = text.charCodeAt(++i); // + -
  let digits = 0;
  while (c >= 48 && c <= 57) {
    digits++;
    c = text.charCodeAt(++i);
  }
  if (c === 46) {
    c = text.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      digits++;
      c = text.charCodeAt(++i);
    }
  }
  if (digits === 0) return false;
  if (c === 101 || c === 69) {
    c = text.charCodeAt(++i);
    if (c === 43 || c === 45) c = text.charCodeAt(++i);
    let expDigits = 0;
    while (c >= 48 && c <= 57) {
      expDigits++;
      c = text.charCodeAt(++i);
    }
    if (expDigits === 0) return false;
  }
  while (i < n && text.charCodeAt(i) <= 32) i++;
  return i === n;
}

/**
 * A plain decimal times 10^shift, computed from its digits: the whole-number mantissa
 * (≤ 15 digits, so exact) is multiplied or divided once by an exact power of ten, which
 * gives the double nearest the decimal with no string building. NaN when the text is not
 * a plain decimal or is beyond that exact range; callers then take the general path.
 */
function scanDecimal(text: string, shift: number): number {
  const n = text.length;
  let i = 0;
  while (i < n && text.charCodeAt(i) <= 32) i++;
  let c = text.charCodeAt(i);
  let negative = false;
  if (c === 45 || c === 43) {
    negative = c === 45;
    c = text.charCodeAt(++i);
  }
  let mantissa = 0;
  let digits = 0; // significant digits kept in the mantissa
  let seen = 0; // all digits, to reject "." and ""
  let exp = shift;
  while (c >= 48 && c <= 57) {
    if (digits > 0 || c !== 48) digits++;
    mantissa = mantissa * 10 + (c - 48);
    seen++;
    c = text.charCodeAt(++i);
  }
  if (c === 46) {
    c = text.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      if (digits > 0 || c !== 48) digits++;
      mantissa = mantissa * 10 + (c - 48);
      exp--;
      seen++;
      c = text.charCodeAt(++i);
    }
  }
  if (seen === 0 || digits > 15) return NaN;
  if (c === 101 || c === 69) return NaN; // exponent form: rare, general path
  while (i < n && text.charCodeAt(i) <= 32) i++;
  if (i !== n) return NaN;
  return decimalValue(mantissa, exp, negative);
}

/**
 * ±mantissa · 10^exp for a whole mantissa of at most 15 digits (exact as a double): one
 * multiply or divide by an exact power of ten, so the double nearest the decimal; NaN
 * beyond 10^±22. The last step of every plain-decimal scanner (this file's, csvPreparse's).
 */
export function decimalValue(mantissa: number, exp: number, negative: boolean): number {
  let v: number;
  if (exp === 0) v = mantissa;
  else if (exp > 0 && exp <= 22) v = mantissa * POW10[exp];
  else if (exp < 0 && exp >= -22) v = mantissa / POW10[-exp];
  else return NaN;
  return negative ? -v : v;
}

const NUMBER_SRC = "[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?";
const NUMBER_UNIT = new RegExp(`^(${NUMBER_SRC})\\s*([A-Za-zµ/]+)$`);
const DURATION_PAIR = new RegExp(`(${NUMBER_SRC})\\s*([A-Za-zµ]+)\\s*`, "y");
const CLOCK = /^(\d+):(\d{1,2})(?::(\d{1,2}))?(?:[.,](\d+))?$/;
const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

function notParsable(kind: UnitKind | "resolution" | "fps", text: string): UserError {
  const what = kind === "resolution" ? "WxH or a resolution class" : kind === "fps" ? "a frame rate" : "a number with a unit";
  return new UserError(`${kind} "${text}" is not ${what} (expected e.g. ${EXAMPLES[kind]})`);
}

function missingUnit(kind: UnitKind, text: string): UserError {
  const t = text.trim();
  return new UserError(
    `${kind} "${t}": missing unit — write e.g. ${t}${HINT_UNIT[kind]}, or declare the column's unit (\`map\` ${kind}=COLUMN:${HINT_UNIT[kind]})`,
  );
}

/** hh:mm:ss(.frac) or m:ss(.frac) → ms, fractional digits kept exactly to the millisecond. */
function parseClock(m: RegExpExecArray, text: string): number {
  const hasHours = m[3] !== undefined;
  const h = hasHours ? Number(m[1]) : 0;
  const min = hasHours ? Number(m[2]) : Number(m[1]);
  const sec = hasHours ? Number(m[3]) : Number(m[2]);
  if ((hasHours && min >= 60) || sec >= 60) throw notParsable("duration", text);
  let ms = ((h * 60 + min) * 60 + sec) * 1000;
  const frac = m[4];
  if (frac) {
    ms += Number(frac.slice(0, 3).padEnd(3, "0"));
    if (frac.length > 3) ms += Number(`0.${frac.slice(3)}`);
  }
  return ms;
}

function parseIsoDuration(m: RegExpExecArray, text: string): number {
  if (m[1] === undefined && m[2] === undefined && m[3] === undefined && m[4] === undefined) {
    throw notParsable("duration", text);
  }
  const part = (s: string | undefined, scale: UnitScale) => (s === undefined ? 0 : applyScale(Number(s), scale));
  return (
    part(m[1], { mantissa: 864, exponent: 5 }) +
    part(m[2], DURATION_UNITS.h) +
    part(m[3], DURATION_UNITS.min) +
    part(m[4], DURATION_UNITS.s)
  );
}

/** Everything but the plain-number fast path: clocks, ISO 8601, number+unit, 1h 32m 5s. */
function parseDurationSlow(text: string): number {
  const t = text.trim();
  const clock = CLOCK.exec(t);
  if (clock) return parseClock(clock, t);
  const iso = ISO_DURATION.exec(t);
  if (iso) return parseIsoDuration(iso, t);
  DURATION_PAIR.lastIndex = 0;
  let total = 0;
  let pairs = 0;
  let m: RegExpExecArray | null;
  while (DURATION_PAIR.lastIndex < t.length && (m = DURATION_PAIR.exec(t)) !== null) {
    const scale = durationScale(m[2]);
    if (!scale) throw unknownUnit("duration", m[2], t);
    total += applyScale(Number(m[1]), scale);
    pairs++;
  }
  if (pairs === 0 || DURATION_PAIR.lastIndex !== t.length) throw notParsable("duration", t);
  return total;
}

function parseWithUnitSlow(kind: "bitrate" | "size", text: string): number {
  const t = text.trim();
  const m = NUMBER_UNIT.exec(t);
  if (!m) throw notParsable(kind, t);
  const scale = SCALE_OF[kind](m[2]);
  if (!scale) throw unknownUnit(kind, m[2], t);
  return applyScale(Number(m[1]), scale);
}

/**
 * A per-column parser with the declared unit resolved once: the loaders call this per
 * cell. A plain decimal costs one char-code scan (scanDecimal) and no allocation; anything
 * else takes the regex path. Without a declared unit a bare number throws "missing unit".
 */
export function makeNumberParser(kind: UnitKind, declaredUnit?: string): (text: string) => number {
  const scale = declaredUnit === undefined || declaredUnit.trim() === "" ? undefined : unitScale(kind, declaredUnit);
  const slow = kind === "duration" ? parseDurationSlow : (t: string) => parseWithUnitSlow(kind, t);
  if (!scale) {
    return (text) => {
      if (isPlainNumber(text)) throw missingUnit(kind, text);
      return isMissing(text) ? NaN : slow(text);
    };
  }
  const { mantissa, exponent } = scale;
  return (text) => {
    const v = scanDecimal(text, exponent);
    if (v === v) return mantissa === 1 ? v : v * mantissa;
    if (isPlainNumber(text)) return applyScale(Number(text), scale);
    return isMissing(text) ? NaN : slow(text);
  };
}

/** Duration → milliseconds. See the module comment for the accepted forms. */
export function parseDurationMs(text: string, declaredUnit?: string): number {
  return makeNumberParser("duration", declaredUnit)(text);
}

/** Bitrate → kbps (1000 bit/s). */
export function parseBitrateKbps(text: string, declaredUnit?: string): number {
  return makeNumberParser("bitrate", declaredUnit)(text);
}

/** Size → bytes. KB/MB/GB are decimal (10^3n), KiB/MiB/GiB binary (2^10n). */
export function parseSizeBytes(text: string, declaredUnit?: string): number {
  return makeNumberParser("size", declaredUnit)(text);
}

const WXH = /^(\d+)\s*[x×X*]\s*(\d+)$/;
const SCAN_LINES = /^(\d+)\s*[pPiI]$/;
/**
 * Named resolutions. "4K"/"UHD" and "8K" get their nominal consumer size (3840×2160,
 * 7680×4320); "SD" is only a height (480) because SD widths vary (640, 704, 720, 854).
 */
const NAMED_RESOLUTIONS: Record<string, { width: number; height: number }> = {
  "4k": { width: 3840, height: 2160 },
  uhd: { width: 3840, height: 2160 },
  "8k": { width: 7680, height: 4320 },
  sd: { width: NaN, height: 480 },
};

/**
 * "1920x1080" (x, X, ×, *) → both; "1080p"/"1080i" → height only (width NaN: the aspect
 * is unknown); "4K", "UHD", "8K", "SD" see NAMED_RESOLUTIONS. "0x0" (ffprobe's "no
 * video") is missing.
 */
export function parseResolution(text: string): { width: number; height: number } {
  if (isMissing(text)) return { width: NaN, height: NaN };
  const t = text.trim();
  const wxh = WXH.exec(t);
  if (wxh) {
    const width = Number(wxh[1]);
    const height = Number(wxh[2]);
    return width === 0 && height === 0 ? { width: NaN, height: NaN } : { width, height };
  }
  const lines = SCAN_LINES.exec(t);
  if (lines) return { width: NaN, height: Number(lines[1]) };
  const named = NAMED_RESOLUTIONS[t.toLowerCase()];
  if (named) return { ...named };
  throw notParsable("resolution", t);
}

const FPS_RATIO = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/;
const FPS_SUFFIX = /^(\d+(?:\.\d+)?)\s*(?:p|fps)$/i;

/** "24000/1001", "23.976", "25", "24p", "25 fps"; a zero denominator ("0/0", ffprobe's unknown) is missing. */
export function parseFps(text: string): number {
  if (isPlainNumber(text)) return Number(text);
  if (isMissing(text)) return NaN;
  const t = text.trim();
  const ratio = FPS_RATIO.exec(t);
  if (ratio) {
    const den = Number(ratio[2]);
    return den === 0 ? NaN : Number(ratio[1]) / den;
  }
  const suffix = FPS_SUFFIX.exec(t);
  if (suffix) return Number(suffix[1]);
  throw notParsable("fps", t);
}

// ---- printing (reports, bucket labels) ----

/** Up to `digits` decimals, trailing zeros dropped: 5.600 → "5.6". */
function trimmed(x: number, digits = 3): string {
  return String(Number(x.toFixed(digits)));
}

/** ms → "h:mm:ss", with ".mmm" when not a whole second (rounded to the millisecond). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? "-" : "";
  const total = Math.round(Math.abs(ms));
  const millis = total % 1000;
  const secs = Math.floor(total / 1000);
  const h = Math.floor(secs / 3600);
  const m = Math.floor(secs / 60) % 60;
  const s = secs % 60;
  const frac = millis ? `.${String(millis).padStart(3, "0")}` : "";
  return `${sign}${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}${frac}`;
}

/** kbps → "850 kbps", "5.6 Mbps", "1.2 Gbps", "500 bps"; up to `decimals` decimals in that unit. */
export function formatBitrate(kbps: number, decimals = 3): string {
  if (!Number.isFinite(kbps)) return String(kbps);
  const a = Math.abs(kbps);
  if (a !== 0 && a < 1) return `${trimmed(kbps * 1000, decimals)} bps`;
  if (a < 1000) return `${trimmed(kbps, decimals)} kbps`;
  if (a < 1e6) return `${trimmed(kbps / 1000, decimals)} Mbps`;
  return `${trimmed(kbps / 1e6, decimals)} Gbps`;
}

/** bytes → "123 B", "700 MB", "1.5 GB" (decimal units); up to `decimals` decimals. */
export function formatSize(bytes: number, decimals = 3): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${trimmed(v, decimals)} ${units[i]}`;
}

/** fps → "23.976 fps"; up to `decimals` decimals. */
export function formatFps(fps: number, decimals = 3): string {
  return Number.isFinite(fps) ? `${trimmed(fps, decimals)} fps` : String(fps);
}
