/**
 * A delimited file read byte by byte into the builder's columns, for plain UTF-8 files
 * (a large CSV is the common input: a million rows in well under a second). It must give
 * exactly the catalog csv-parse + CatalogBuilder give (csv.ts), so it reads what it can
 * reproduce and declines (returns null, the reason to `onNote`) on anything else; the
 * caller then reads the file with csv-parse, which also words every error.
 *
 * How it stays exact:
 * - Records and lines follow csv-parse's defaults: a quote opens a field only at its
 *   start, "" inside quotes is a quote, a closing quote is followed by a delimiter or a
 *   line end; empty lines are skipped; one line ending, LF or CR LF, for the whole file;
 *   inside quotes every CR and every LF counts as a line (csv-parse's `lines`). Anything
 *   else (a stray quote, a lone CR, mixed line endings, an unclosed quote) declines, as
 *   does text that is not UTF-8.
 * - A row whose cells are all "clean" is parsed here: the title's bytes (the previous
 *   row's code when they repeat, else the trimmed text interned by the builder's title
 *   dictionary), plain decimals read from their digits the way units.ts's scanDecimal
 *   reads them (≤ 15 significant digits, one exact multiply or divide by a power of ten,
 *   so the double nearest the decimal, as Number() gives), blanks as missing. Clean rows
 *   go to the builder in blocks (`addParsedBlock`), which applies the shared rules.
 * - Any other row — a quoted field, a unit written out ("92 min"), "NA", a negative or
 *   out-of-range number, an empty title, a wrong field count — goes to the builder's own
 *   `add` as csv-parse would hand it over (strings, its line), after the block before it.
 * - A UserError from the builder (an invalid row without --skip-invalid, a header the
 *   map does not fit) declines too, so that csv-parse's path reports it.
 *
 *   const builder = await readCsvBytesInto("plays.csv", { delimiter: "," }, makeBuilder);  // null: declined
 */
import { isUtf8 } from "node:buffer";
import { open } from "node:fs/promises";
import { UserError } from "../../base/errors.js";
import type { CatalogBuilder, RecordPlan } from "../catalogBuilder.js";
import { joinTitleParts } from "../catalogBuilder.js";

export interface CsvBytesOptions {
  delimiter: string;
  /** Told why the file was not read here (one line), e.g. for `--verbose`. */
  onNote?: (text: string) => void;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;

/** Bytes read at a time; a record longer than this grows the buffer. */
const CHUNK_BYTES = 1 << 23;
/** Clean rows handed to the builder at once. */
const BLOCK_ROWS = 1 << 16;
/** Distinct resolution texts remembered with their parsed size. */
const MAX_CACHED_RESOLUTIONS = 10_000;

/** Exact powers of ten (every 10^k up to 10^22 is a double). */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** Thrown inside the reader to stop it; becomes a null return with the reason noted. */
class Decline extends Error {}

/**
 * A plain decimal in bytes [s, e) (already trimmed, not empty) times 10^shift, as units.ts's
 * scanDecimal computes it from text: [+-]digits[.digits], at most 15 significant digits, no
 * exponent form, the result within the exact range. NaN otherwise (the caller then parses
 * the text with the builder's parser). Only ASCII bytes are digits, so text and bytes agree.
 */
export function scanDecimalBytes(b: Uint8Array, s: number, e: number, shift: number): number {
  let i = s;
  let c = b[i];
  let negative = false;
  if (c === 45 || c === 43) {
    negative = c === 45;
    c = ++i < e ? b[i] : 0;
  }
  let mantissa = 0;
  let digits = 0;
  let seen = 0;
  let exp = shift;
  while (i < e && c >= 48 && c <= 57) {
    if (digits > 0 || c !== 48) digits++;
    mantissa = mantissa * 10 + (c - 48);
    seen++;
    c = ++i < e ? b[i] : 0;
  }
  if (i < e && c === 46) {
    c = ++i < e ? b[i] : 0;
    while (i < e && c >= 48 && c <= 57) {
      if (digits > 0 || c !== 48) digits++;
      mantissa = mantissa * 10 + (c - 48);
      exp--;
      seen++;
      c = ++i < e ? b[i] : 0;
    }
  }
  if (i !== e || seen === 0 || digits > 15) return NaN;
  let v: number;
  if (exp === 0) v = mantissa;
  else if (exp > 0 && exp <= 22) v = mantissa * POW10[exp];
  else if (exp < 0 && exp >= -22) v = mantissa / POW10[-exp];
  else return NaN;
  return negative ? -v : v;
}

/**
 * Title codes by the title's bytes: an open-addressing table (FNV-1a hashes) over an arena
 * holding each entry's bytes, so a title seen before costs neither a string nor a Map
 * lookup. Several byte forms may share a code (" Up" and "Up" are one title).
 */
class TitleBytes {
  private slots = new Int32Array(1 << 12).fill(-1);
  private hashes = new Int32Array(1 << 11);
  private starts = new Int32Array(1 << 11);
  private codes = new Int32Array(1 << 11);
  private arena = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  count = 0;

  static hash(buf: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    return h;
  }

  /** The code of bytes [s, e) with hash h, or -1. */
  get(buf: Uint8Array, s: number, e: number, h: number): number {
    const mask = this.slots.length - 1;
    const len = e - s;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const j = this.slots[p];
      if (j < 0) return -1;
      if (this.hashes[j] !== h || this.starts[j + 1] - this.starts[j] !== len) continue;
      const a = this.starts[j];
      let i = 0;
      while (i < len && this.arena[a + i] === buf[s + i]) i++;
      if (i === len) return this.codes[j];
    }
  }

  set(buf: Uint8Array, s: number, e: number, h: number, code: number): void {
    const j = this.count;
    if (j + 2 > this.starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.hashes = grow(this.hashes);
      this.starts = grow(this.starts);
      this.codes = grow(this.codes);
    }
    const len = e - s;
    if (this.used + len > this.arena.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + len));
      this.arena.copy(grown, 0, 0, this.used);
      this.arena = grown;
    }
    for (let i = 0; i < len; i++) this.arena[this.used + i] = buf[s + i];
    this.hashes[j] = h;
    this.starts[j] = this.used;
    this.codes[j] = code;
    this.used += len;
    this.starts[j + 1] = this.used;
    this.count++;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.place(j);
  }

  private place(j: number): void {
    const mask = this.slots.length - 1;
    let p = this.hashes[j] & mask;
    while (this.slots[p] >= 0) p = (p + 1) & mask;
    this.slots[p] = j;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let j = 0; j < this.count; j++) this.place(j);
  }
}

/** Whether trimming cannot change these bytes' text: the first and last bytes are visible ASCII. */
function untrimmable(buf: Uint8Array, s: number, e: number): boolean {
  return buf[s] > 32 && buf[s] < 127 && buf[e - 1] > 32 && buf[e - 1] < 127;
}

/** Clean rows waiting to go to the builder in one block. */
class Block {
  n = 0;
  readonly titleCodes = new Int32Array(BLOCK_ROWS);
  readonly lines = new Int32Array(BLOCK_ROWS);
  readonly numbers: Float64Array[];
  readonly texts: string[][];
  constructor(
    numbers: number,
    texts: number,
    private readonly builder: CatalogBuilder,
  ) {
    this.numbers = Array.from({ length: numbers }, () => new Float64Array(BLOCK_ROWS));
    this.texts = Array.from({ length: texts }, () => []);
  }
  flush(): void {
    if (this.n === 0) return;
    const n = this.n;
    this.builder.addParsedBlock(
      this.titleCodes.subarray(0, n),
      this.numbers.map((c) => c.subarray(0, n)),
      this.texts,
      this.lines.subarray(0, n),
    );
    this.n = 0;
    for (let k = 0; k < this.texts.length; k++) this.texts[k] = [];
  }
}

/** The reader's position and what it learned about the file so far. */
class Reader {
  /** csv-parse's line count: the line the current record ends on. */
  line = 1;
  /** Line ending settled by the first one seen outside quotes. */
  sawLF = false;
  sawCRLF = false;
  builder?: CatalogBuilder;
  plan?: RecordPlan;
  block?: Block;
  /** Start and end of each field of the current record (unquoted records only). */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** The previous clean row's title bytes (in the current buffer) and code; -1 when none. */
  prevTitleStart = -1;
  prevTitleEnd = -1;
  prevTitleCode = -1;
  readonly resolutions = new Map<string, { width: number; height: number } | null>();
  readonly titleBytes = new TitleBytes();
  /** Titles the dictionary got from this table via addNew; fewer than its size once others came in by `code`. */
  newTitles = 0;
  /** A clean row's numbers before they go into the block. */
  row: number[] = [];

  constructor(
    readonly delim: number,
    private readonly makeBuilder: (header: string[]) => CatalogBuilder,
  ) {}

  lineEnding(crlf: boolean): void {
    if (crlf) this.sawCRLF = true;
    else this.sawLF = true;
    // csv-parse settles on one line ending; with both, CRs would be data to it.
    if (this.sawLF && this.sawCRLF) throw new Decline("LF and CR LF line endings are mixed");
  }

  /**
   * Records in buf[from, limit) (limit: just past a line end, or the end of the file when
   * `final`); returns where the first record not read begins (it continues past limit).
   */
  records(buf: Buffer, from: number, limit: number, final: boolean): number {
    const delim = this.delim;
    let pos = from;
    // Next quote and CR at or after pos (limit when none), searched again only once passed:
    // searching afresh on every line for a byte the file lacks would scan to the end each time.
    let nextQuote = -1;
    let nextCR = -1;
    while (pos < limit) {
      let lf = buf.indexOf(LF, pos);
      if (lf < 0 || lf >= limit) {
        if (!final) return pos;
        lf = limit;
      }
      if (nextQuote < pos) {
        nextQuote = buf.indexOf(QUOTE, pos);
        if (nextQuote < 0 || nextQuote >= limit) nextQuote = limit;
      }
      if (nextQuote < lf) {
        // A quoted field: the general tokenizer, which may run over several lines.
        const end = this.quotedRecord(buf, pos, limit, final);
        if (end < 0) return pos;
        pos = end;
        continue;
      }
      const crlf = lf > pos && buf[lf - 1] === CR;
      const contentEnd = crlf ? lf - 1 : lf;
      if (nextCR < pos) {
        nextCR = buf.indexOf(CR, pos);
        if (nextCR < 0 || nextCR >= limit) nextCR = limit;
      }
      if (nextCR < contentEnd) throw new Decline("a CR that does not end a line");
      if (lf < limit) this.lineEnding(crlf);
      else if (crlf) throw new Decline("a lone CR at the end of the file");
      if (contentEnd > pos) {
        // Field boundaries of one unquoted line.
        let f = 0;
        let s = pos;
        for (;;) {
          let e = s;
          while (e < contentEnd && buf[e] !== delim) e++;
          if (f === this.starts.length) this.growFields();
          this.starts[f] = s;
          this.ends[f] = e;
          f++;
          if (e === contentEnd) break;
          s = e + 1;
        }
        this.record(buf, f);
      }
      this.line++;
      pos = lf + 1;
    }
    return pos;
  }

  private growFields(): void {
    const s = new Int32Array(this.starts.length * 2);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(this.ends.length * 2);
    e.set(this.ends);
    this.ends = e;
  }

  /**
   * One record holding a quote, from `pos`: its fields as csv-parse gives them, to the
   * builder's `add`. Returns where the next record begins, or -1 when the record runs
   * past `limit` (more of the file is needed).
   */
  private quotedRecord(buf: Buffer, pos: number, limit: number, final: boolean): number {
    const fields: string[] = [];
    let lines = 0;
    let i = pos;
    for (;;) {
      if (i < limit && buf[i] === QUOTE) {
        // Quoted: up to the closing quote, "" read as one quote.
        const parts: Buffer[] = [];
        let s = i + 1;
        for (;;) {
          const q = buf.indexOf(QUOTE, s);
          if (q < 0 || q >= limit) {
            if (!final) return -1;
            throw new Decline("a quote is not closed");
          }
          lines += countLineBreaks(buf, s, q);
          if (q + 1 < limit && buf[q + 1] === QUOTE) {
            parts.push(buf.subarray(s, q + 1));
            s = q + 2;
            continue;
          }
          parts.push(buf.subarray(s, q));
          i = q + 1;
          break;
        }
        fields.push(parts.length === 1 ? parts[0].toString("utf8") : Buffer.concat(parts).toString("utf8"));
        if (i >= limit) {
          if (!final) return -1;
          break;
        }
        const b = buf[i];
        if (b === this.delim) {
          i++;
          continue;
        }
        if (b === LF || (b === CR && i + 1 < limit && buf[i + 1] === LF)) break;
        if (b === CR && i + 1 >= limit && !final) return -1;
        throw new Decline("a closing quote is followed by text");
      }
      // Unquoted: up to the next delimiter or line end; a quote or a lone CR inside declines.
      let e = i;
      while (e < limit) {
        const b = buf[e];
        if (b === this.delim || b === LF || b === CR) break;
        if (b === QUOTE) throw new Decline("a quote inside an unquoted field");
        e++;
      }
      fields.push(buf.toString("utf8", i, e));
      if (e >= limit) {
        if (!final) return -1;
        i = e;
        break;
      }
      if (buf[e] === this.delim) {
        i = e + 1;
        continue;
      }
      if (buf[e] === CR && !(e + 1 < limit && buf[e + 1] === LF)) {
        if (e + 1 >= limit && !final) return -1;
        throw new Decline("a CR that does not end a line");
      }
      i = e;
      break;
    }
    // i is at the record's line end (LF or CR LF), or at the end of the file.
    let next = i;
    if (i < limit) {
      const crlf = buf[i] === CR;
      this.lineEnding(crlf);
      next = i + (crlf ? 2 : 1);
    }
    this.line += lines;
    this.stringRecord(fields);
    this.line++;
    return next;
  }

  /** The header, or a data row handed to the builder as csv-parse's strings. */
  private stringRecord(fields: string[]): void {
    if (!this.builder) {
      this.begin(fields);
      return;
    }
    this.block!.flush();
    this.prevTitleStart = -1;
    this.builder.add(fields, this.line);
  }

  private begin(header: string[]): void {
    this.builder = this.makeBuilder(header.map((h) => h.trim()));
    const plan = this.builder.plan();
    if (!plan) throw new Decline("rows are filtered, deduplicated or carry an extra column");
    this.plan = plan;
    this.block = new Block(plan.numeric.length + (plan.resolution !== undefined ? 2 : 0), plan.text.length, this.builder);
  }

  /** An unquoted record of `f` fields (bounds in starts/ends). */
  private record(buf: Buffer, f: number): void {
    if (!this.builder) {
      this.begin(this.strings(buf, f));
      return;
    }
    if (!this.cleanRow(buf, f)) {
      this.block!.flush();
      this.prevTitleStart = -1;
      this.builder.add(this.strings(buf, f), this.line);
    }
  }

  private strings(buf: Buffer, f: number): string[] {
    const out: string[] = new Array(f);
    for (let j = 0; j < f; j++) out[j] = buf.toString("utf8", this.starts[j], this.ends[j]);
    return out;
  }

  /** Parse an unquoted row into the block if every cell is clean; false leaves it for `add`. */
  private cleanRow(buf: Buffer, f: number): boolean {
    const plan = this.plan!;
    const builder = this.builder!;
    if (f !== plan.fields && !(f > plan.fields && plan.extraFieldsIgnored)) return false;
    const { starts, ends, row } = this;
    // Numbers first: nothing is interned for a row that is then handed to `add`.
    const numeric = plan.numeric;
    let k = 0;
    for (; k < numeric.length; k++) {
      const c = numeric[k];
      let s = starts[c.index];
      let e = ends[c.index];
      while (s < e && (buf[s] === SPACE || buf[s] === TAB)) s++;
      while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
      let x: number;
      if (s === e) x = NaN;
      else {
        x = c.plain ? scanDecimalBytes(buf, s, e, c.plain.exponent) : NaN;
        if (x !== x) {
          try {
            x = builder.parseNumber(k, buf.toString("utf8", starts[c.index], ends[c.index]));
          } catch (err) {
            if (err instanceof UserError) return false;
            throw err;
          }
        } else if (c.plain!.mantissa !== 1) x *= c.plain!.mantissa;
        // Negative or infinite: the builder words the rejection.
        if (!(x >= 0 && x !== Infinity) && x === x) return false;
      }
      row[k] = x;
    }
    if (plan.resolution !== undefined) {
      const text = buf.toString("utf8", starts[plan.resolution], ends[plan.resolution]);
      let size = this.resolutions.get(text);
      if (size === undefined) {
        try {
          size = builder.parseResolutionCell(text);
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          size = null;
        }
        if (this.resolutions.size < MAX_CACHED_RESOLUTIONS) this.resolutions.set(text, size);
      }
      if (size === null) return false;
      if (!(size.width >= 0 && size.width !== Infinity) && size.width === size.width) return false;
      if (!(size.height >= 0 && size.height !== Infinity) && size.height === size.height) return false;
      row[k++] = size.width;
      row[k++] = size.height;
    }
    const code = this.titleCode(buf, plan.title);
    if (code < 0) return false;
    const block = this.block!;
    const i = block.n;
    block.titleCodes[i] = code;
    block.lines[i] = this.line;
    for (let j = 0; j < k; j++) block.numbers[j][i] = row[j];
    for (let t = 0; t < plan.text.length; t++) block.texts[t].push(builder.textOf(buf.toString("utf8", starts[plan.text[t]], ends[plan.text[t]])));
    block.n++;
    if (block.n === BLOCK_ROWS) block.flush();
    return true;
  }

  /** The row's title code (interned now), or -1 for an empty title. */
  private titleCode(buf: Buffer, title: number[]): number {
    const { starts, ends } = this;
    if (title.length === 1) {
      const s = starts[title[0]];
      const e = ends[title[0]];
      const ps = this.prevTitleStart;
      if (ps >= 0 && e - s === this.prevTitleEnd - ps) {
        let j = 0;
        while (j < e - s && buf[s + j] === buf[ps + j]) j++;
        if (j === e - s) return this.prevTitleCode;
      }
      const h = TitleBytes.hash(buf, s, e);
      let code = this.titleBytes.get(buf, s, e, h);
      if (code < 0) {
        const name = buf.toString("utf8", s, e).trim();
        if (name === "") return -1;
        const titles = this.builder!.assembler.titles;
        // New for certain when every title so far came from this table and these bytes are
        // the title's only spelling; else the dictionary looks it up.
        if (titles.names.length === this.newTitles && untrimmable(buf, s, e)) {
          code = titles.addNew(name);
          this.newTitles++;
        } else code = titles.code(name);
        this.titleBytes.set(buf, s, e, h, code);
      }
      this.prevTitleStart = s;
      this.prevTitleEnd = e;
      this.prevTitleCode = code;
      return code;
    }
    const parts = title.map((j) => buf.toString("utf8", starts[j], ends[j]));
    const name = joinTitleParts(parts);
    return name === "" ? -1 : this.builder!.assembler.titles.code(name);
  }

  /** The buffer's unread bytes moved to its start: the previous title's bytes are gone. */
  shifted(): void {
    this.prevTitleStart = -1;
  }

  finish(): CatalogBuilder | null {
    if (!this.builder) return null;
    this.block!.flush();
    return this.builder;
  }
}

/** CR and LF bytes in buf[s, e): lines inside a quoted field as csv-parse counts them. */
function countLineBreaks(buf: Buffer, s: number, e: number): number {
  // A loop, not indexOf: indexOf would search past e, to the end of the buffer, for a CR
  // the file may not have, on every quoted field.
  let n = 0;
  for (let p = s; p < e; p++) if (buf[p] === LF || buf[p] === CR) n++;
  return n;
}

/**
 * Read a plain UTF-8 delimited file into the builder made from its header; null when the
 * file must be read with csv-parse instead (the reason goes to `onNote`). The builder is
 * returned unfinished, as readCsvInto returns it.
 */
export async function readCsvBytesInto(file: string, opts: CsvBytesOptions, makeBuilder: (header: string[]) => CatalogBuilder): Promise<CatalogBuilder | null> {
  const decline = (why: string): null => {
    opts.onNote?.(`${file}: read with csv-parse: ${why}`);
    return null;
  };
  if (opts.delimiter.length !== 1 || opts.delimiter.charCodeAt(0) > 127) return decline(`the delimiter ${JSON.stringify(opts.delimiter)} is not one ASCII character`);
  const reader = new Reader(opts.delimiter.charCodeAt(0), makeBuilder);
  const handle = await open(file, "r");
  try {
    let buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    /** Bytes before this offset were checked to be UTF-8. */
    let checked = 0;
    let bom = true;
    for (;;) {
      if (filled === buf.length) {
        const grown = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(grown, 0, 0, filled);
        buf = grown;
      }
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, null);
      filled += bytesRead;
      const final = bytesRead === 0;
      if (bom && (filled >= 3 || final)) {
        // csv-parse's `bom`: a leading UTF-8 byte order mark is not part of the header.
        bom = false;
        if (filled >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
          buf.copyWithin(0, 3, filled);
          filled -= 3;
        }
      }
      if (bom) continue;
      // Whole lines only: a line end never falls inside a UTF-8 sequence.
      const limit = final ? filled : buf.lastIndexOf(LF, filled - 1) + 1;
      if (limit > checked) {
        if (!isUtf8(buf.subarray(checked, limit))) return decline("the file is not valid UTF-8 (csv-parse names the line)");
        checked = limit;
      }
      const consumed = reader.records(buf, 0, limit, final);
      if (final) {
        if (consumed < filled) throw new Error(`readCsvBytesInto: ${filled - consumed} bytes left at the end of ${file}`);
        break;
      }
      buf.copyWithin(0, consumed, filled);
      filled -= consumed;
      checked -= consumed;
      reader.shifted();
    }
    return reader.finish() ?? decline("no header line (csv-parse reports the empty file)");
  } catch (e) {
    if (e instanceof Decline) return decline(e.message);
    if (e instanceof UserError) return decline(`csv-parse words this error: ${e.message}`);
    throw e;
  } finally {
    await handle.close();
  }
}
