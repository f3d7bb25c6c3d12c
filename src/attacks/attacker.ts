/**
 * What the attacker knows: the catalog it matches against, how far its numbers may
 * sit from what telemetry reports, and which titles it expects to be played.
 *
 * - *Same catalog* (`--attacker same`): the victim's own catalog, exact values; the
 *   worst case.
 * - *Another catalog* (`--attacker imdb-ggplot2movies`, any source `loadCatalog`
 *   reads): its titles are joined to the victim's by normalized name (titleJoin.ts)
 *   and the attacker answers with the victim's spelling when the join finds one. Its
 *   durations are listed runtimes, so the duration model widens each one (see
 *   `DurationModel`): rounding to the catalog's precision (60 s for minute
 *   runtimes), a release offset window (trims, logos, credits) and, on a share of
 *   files, PAL speed-up.
 * - *Noisy release database* (`--tolerance duration=2s,bitrate=5%`): ± windows
 *   around every value the attacker holds, on either kind of catalog.
 * - *Popularity prior* (`--prior`, prior.ts): title weights.
 */
import type { Catalog, NumericField } from "../catalog/catalog.js";
import { parseDurationMs } from "../catalog/units.js";
import { JITTER, PAL_SHARE_BY_CLASS, PAL_SPEEDUP_RATIO, RESOLUTION_SHARES } from "../sources/synthetic/synthetic.js";
import type { Rng } from "../base/random.js";
import { UserError } from "../base/errors.js";
import { titleWeights, type TitlePrior } from "./prior.js";
import { TitleIndex } from "./titleJoin.js";

/** ± windows and the release model, all optional on the command line. */
export interface Tolerance {
  /** ± ms around each attacker duration. */
  durationMs: number;
  /** ± % around each attacker bitrate. */
  bitratePercent: number;
  /** Window of (file duration − listed runtime) in ms, [low, high]. */
  offsetMs: [number, number];
  /** Share of files carried at PAL speed (duration × 23.976/25 … 24/25). */
  palShare: number;
}

/**
 * Share of film releases sped up to PAL in the synthetic library: Σ over resolution
 * classes of class share × PAL share (synthetic.ts) ≈ 4 %.
 */
export const DEFAULT_PAL_SHARE = RESOLUTION_SHARES.reduce((s, share, c) => s + share * PAL_SHARE_BY_CLASS[c], 0);

/**
 * Default offset window of a file against a listed runtime: ±3 σ of the synthetic
 * trim jitter, plus the longest studio logo (JITTER in synthetic.ts) → −6 s … +31 s.
 */
export const DEFAULT_OFFSET_MS: [number, number] = [-3 * JITTER.trimSdSeconds * 1000, (3 * JITTER.trimSdSeconds + JITTER.logoSeconds[1]) * 1000];

/** PAL durations: the film plays at 25 fps instead of 24000/1001 (or 24) fps. */
export const PAL_RATIO_RANGE: [number, number] = [PAL_SPEEDUP_RATIO, 24 / 25];

export const SAME_TOLERANCE: Tolerance = { durationMs: 0, bitratePercent: 0, offsetMs: [0, 0], palShare: 0 };
export const CATALOG_TOLERANCE: Tolerance = { durationMs: 0, bitratePercent: 0, offsetMs: DEFAULT_OFFSET_MS, palShare: DEFAULT_PAL_SHARE };

/**
 * `--tolerance duration=2s,bitrate=5%,offset=-6s..31s,pal=4%`: each key optional;
 * keys not given keep the attacker kind's default.
 */
export function parseTolerance(text: string): Partial<Tolerance> {
  const out: Partial<Tolerance> = {};
  const bad = (part: string, expected: string) =>
    new UserError(`\`tolerance\`: "${part}" is not valid; expected ${expected} (e.g. duration=2s,bitrate=5%,offset=-6s..31s,pal=4%)`);
  for (const raw of text.split(",")) {
    const part = raw.trim();
    if (!part) continue;
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq).trim();
    const value = eq < 0 ? "" : part.slice(eq + 1).trim();
    switch (key) {
      case "duration": {
        const ms = durationOrThrow(value, () => bad(part, "duration=<width> such as 2s or 500ms"));
        if (ms < 0) throw bad(part, "a width ≥ 0");
        out.durationMs = ms;
        break;
      }
      case "bitrate": {
        const m = /^(\d+(?:\.\d+)?)\s*%$/.exec(value);
        if (!m) throw bad(part, "bitrate=<percent> such as 5%");
        out.bitratePercent = Number(m[1]);
        break;
      }
      case "offset": {
        const m = /^(.+?)\.\.(.+)$/.exec(value);
        if (!m) throw bad(part, "offset=<low>..<high> such as -6s..31s");
        const lo = durationOrThrow(m[1].trim(), () => bad(part, "offset=<low>..<high> such as -6s..31s"));
        const hi = durationOrThrow(m[2].trim(), () => bad(part, "offset=<low>..<high> such as -6s..31s"));
        if (lo > hi) throw bad(part, "low ≤ high");
        out.offsetMs = [lo, hi];
        break;
      }
      case "pal": {
        const m = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(value);
        const share = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
        if (!(share >= 0 && share <= 1)) throw bad(part, "pal=<share> such as 4% or 0.04");
        out.palShare = share;
        break;
      }
      default:
        throw bad(part, "keys duration, bitrate, offset, pal");
    }
  }
  return out;
}

/** A signed duration ("-6s", "31s", "2 min"); throws `fail()` when it does not parse. */
function durationOrThrow(text: string, fail: () => UserError): number {
  const negative = text.startsWith("-");
  const body = negative || text.startsWith("+") ? text.slice(1).trim() : text;
  let ms: number;
  try {
    ms = parseDurationMs(body);
  } catch {
    throw fail();
  }
  if (!Number.isFinite(ms)) throw fail();
  return negative ? -ms : ms;
}

export interface AttackerKnowledge {
  /** "same" or the attacker catalog's source. */
  label: string;
  kind: "same" | "catalog";
  /** The items the attacker matches against. */
  catalog: Catalog;
  /** Per attacker title code: the id it answers with (the victim's name when joined). */
  answerIds: string[];
  /** Per attacker title code: true when the title joined to a victim title. */
  joined: Uint8Array;
  /** Per attacker row: prior weight of that item (uniform: 1 each). */
  itemWeight: Float64Array;
  /** Per scheme field: the step the attacker's values were recorded with (0 = exact). */
  precision: Partial<Record<NumericField, number>>;
  tolerance: Tolerance;
  prior: string;
}

export interface AttackerOptions {
  tolerance?: Partial<Tolerance>;
  prior?: TitlePrior;
}

/**
 * The attacker's knowledge against `victim`. With a prior, each title's weight is
 * spread over its items (a title is played, then one of its releases); without one,
 * every item weighs 1.
 */
export function buildAttacker(victim: Catalog, attacker: Catalog | "same", options: AttackerOptions = {}): AttackerKnowledge {
  const same = attacker === "same";
  const cat = same ? victim : attacker;
  let answerIds: string[];
  const joined = new Uint8Array(cat.titleNames.length);
  if (same) {
    answerIds = cat.titleNames;
    joined.fill(1);
  } else {
    const index = new TitleIndex<string>();
    for (const name of victim.titleNames) index.add(name, name);
    answerIds = cat.titleNames.map((name, t) => {
      const v = index.get(name);
      if (v !== undefined) joined[t] = 1;
      return v ?? name;
    });
  }
  const tolerance: Tolerance = { ...(same ? SAME_TOLERANCE : CATALOG_TOLERANCE), ...options.tolerance };
  return {
    label: same ? "same" : cat.source,
    kind: same ? "same" : "catalog",
    catalog: cat,
    answerIds,
    joined,
    itemWeight: itemWeights(cat, options.prior),
    // The same catalog is known exactly; another one only to its recorded precision.
    precision: same ? {} : { ...cat.precision },
    tolerance,
    prior: options.prior?.label ?? "uniform",
  };
}

function itemWeights(cat: Catalog, prior: TitlePrior | undefined): Float64Array {
  const w = new Float64Array(cat.rows).fill(1);
  if (!prior) return w;
  const perTitle = titleWeights(prior, cat.titleNames);
  const items = new Int32Array(cat.titleNames.length);
  for (let i = 0; i < cat.rows; i++) items[cat.titleCodes[i]]++;
  for (let i = 0; i < cat.rows; i++) w[i] = perTitle[cat.titleCodes[i]] / items[cat.titleCodes[i]];
  return w;
}

/** A catalog of the given rows (same title dictionary; titles left without rows are harmless). */
export function selectRows(catalog: Catalog, rows: Int32Array): Catalog {
  const numeric: Catalog["numeric"] = {};
  for (const [f, col] of Object.entries(catalog.numeric) as [NumericField, Float64Array][]) numeric[f] = Float64Array.from(rows, (i) => col[i]);
  const text: Catalog["text"] = {};
  for (const [f, col] of Object.entries(catalog.text) as [keyof Catalog["text"], string[]][]) text[f] = Array.from(rows, (i) => col[i]);
  return {
    ...catalog,
    rows: rows.length,
    titleCodes: Int32Array.from(rows, (i) => catalog.titleCodes[i]),
    numeric,
    text,
    origin: undefined,
  };
}

/**
 * Open world: remove round(share × m) of the m distinct joined titles among
 * `truthTitles` from the attacker's catalog (a seeded choice), so targets of those
 * titles can only be missed or wrongly matched. Returns the reduced knowledge and
 * the removed answer ids.
 */
export function removeTitles(knowledge: AttackerKnowledge, truthTitles: readonly string[], share: number, rng: Rng): { knowledge: AttackerKnowledge; removed: Set<string> } {
  if (!(share >= 0 && share <= 1)) throw new UserError(`\`openWorld\` must be a share between 0 and 1, got ${share}`);
  const present = new Set<string>();
  knowledge.answerIds.forEach((id, t) => {
    if (knowledge.joined[t]) present.add(id);
  });
  const pool = [...new Set(truthTitles)].filter((t) => present.has(t)).sort();
  const count = Math.round(share * pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const removed = new Set(pool.slice(0, count));
  if (removed.size === 0) return { knowledge, removed };
  const cat = knowledge.catalog;
  const keep: number[] = [];
  for (let i = 0; i < cat.rows; i++) if (!removed.has(knowledge.answerIds[cat.titleCodes[i]])) keep.push(i);
  const rows = Int32Array.from(keep);
  return {
    knowledge: {
      ...knowledge,
      catalog: selectRows(cat, rows),
      itemWeight: Float64Array.from(rows, (i) => knowledge.itemWeight[i]),
    },
    removed,
  };
}
