/**
 * What the randomized generalizers (geom, rround) share: their grammar — the width
 * first, then named options in any order: `geom(1s, scale=5, seed=7)`,
 * `rround(10s, seed=7, fresh)`; the seed is required and the mode (memo | fresh)
 * defaults to memo, the safe choice — and how a key call names its items and report.
 */
import { ATTRIBUTES, type NoiseMode } from "../types.js";
import { NoiseStream } from "../noise.js";
import type { ArgReader, KeyContext } from "./generalizer.js";
import { readWidth } from "./widthArg.js";

export interface NoiseArgs {
  width: number;
  /** geom only. */
  scale: number | undefined;
  seed: number;
  mode: NoiseMode;
}

export function readNoiseArgs(r: ArgReader, kind: "geom" | "rround"): NoiseArgs {
  const example = kind === "geom" ? `geom(${r.exampleWidth},scale=5,seed=1)` : `rround(${r.exampleWidth},seed=1)`;
  const allowed = kind === "geom" ? "scale=S, seed=N, memo or fresh" : "seed=N, memo or fresh";
  const args = r.args ?? [];
  const positional = args.filter((a) => a.name === undefined && a.flag === undefined);
  if (positional.length === 0 || args[0] !== positional[0]) r.fail(args.length ? args[0].start : r.argsAt, `${kind} needs a width first, e.g. ${example}`);
  if (positional.length > 1) r.fail(positional[1].start, `${kind} takes one width; the other arguments are named (${allowed})`);
  const width = readWidth(r, positional[0]);
  let scale: number | undefined;
  let seed: number | undefined;
  let mode: NoiseMode | undefined;
  for (const a of args.slice(1)) {
    if (a.flag !== undefined) {
      if (a.flag !== "memo" && a.flag !== "fresh") r.fail(a.start, `unknown option "${a.flag}" in ${r.text}${r.didYouMean(a.flag, ["memo", "fresh", "scale", "seed"])} — ${kind} takes ${allowed}`);
      if (mode === a.flag) r.fail(a.start, `${mode} is given twice in ${r.text}`);
      if (mode !== undefined) r.fail(a.start, `${r.text} says both ${mode} and ${a.flag} — pick one`);
      mode = a.flag;
      continue;
    }
    const name = a.name!;
    const nameAt = a.nameStart!;
    if (name === "scale" && kind === "geom") {
      if (scale !== undefined) r.fail(nameAt, `scale is given twice in ${r.text}`);
      if (a.unit !== undefined) r.fail(a.unitStart, `scale counts grid steps of the width and takes no unit — write e.g. scale=5`);
      scale = Number(a.numText);
      if (!(scale > 0) || !Number.isFinite(scale)) r.fail(a.start, `scale must be positive in ${r.text}`);
    } else if (name === "seed") {
      if (seed !== undefined) r.fail(nameAt, `seed is given twice in ${r.text}`);
      if (a.unit !== undefined) r.fail(a.unitStart, `seed is a whole number without a unit`);
      seed = Number(a.numText);
      if (!Number.isSafeInteger(seed) || seed < 0) r.fail(a.start, `seed must be a whole number from 0 to 2^53-1, not ${a.numText}`);
    } else {
      const hint = name === "scale" ? " (rround has no scale: its noise is set by the width)" : r.didYouMean(name, ["scale", "seed"]);
      r.fail(nameAt, `unknown option "${name}" in ${r.text}${hint} — ${kind} takes ${allowed}`);
    }
  }
  if (kind === "geom" && scale === undefined) r.fail(r.argsAt, `geom needs scale=S (noise in grid steps), e.g. ${example}`);
  if (seed === undefined) r.fail(r.argsAt, `${kind} needs an explicit seed=N, e.g. ${example}`);
  return { width, scale, seed, mode: mode ?? "memo" };
}

/** Who rows are and which report they make, for one key call (see KeyOptions). */
export interface NoiseRows {
  /** Report index the noise is drawn for (0 under memo). */
  report: number;
  /** Item identity of row i: ids[i], else first + i. */
  first: number;
  ids: ArrayLike<number> | undefined;
  stream: NoiseStream;
}

/**
 * Row i is item `itemIds[i]` (default firstItem + i); the noise is a pure function of
 * (seed, attribute, item, report), the attribute's stream being its index in ATTRIBUTES.
 */
export function noiseRows(g: { seed: number; mode: NoiseMode }, n: number, ctx: KeyContext): NoiseRows {
  const { options } = ctx;
  const report = g.mode === "memo" ? 0 : (options.reportIndex ?? 0);
  if (!Number.isInteger(report) || report < 0 || report > 0x7fffffff) throw new RangeError(`reportIndex must be a whole number in 0..2^31-1, got ${report}`);
  const ids = options.itemIds;
  if (ids && ids.length !== n) throw new RangeError(`itemIds has ${ids.length} entries for ${n} rows`);
  return { report, first: options.firstItem ?? 0, ids, stream: new NoiseStream(g.seed, ATTRIBUTES.indexOf(ctx.attribute)) };
}

/** Randomized generalizers nest only with themselves. */
export function randomizedReason(ctx: { finer: string; coarser: string }): string {
  // Noise moves each item across bucket edges independently of its neighbours, so two
  // items in one class of the finer scheme can land in different classes of the coarser
  // one (and vice versa) — even exact values do not determine a noisy bucket. Only the
  // identical randomized generalizer (same seed and mode) gives the same classes.
  return `${ctx.finer} does not refine ${ctx.coarser}: randomized generalizers nest only with themselves (noise moves items across bucket edges independently)`;
}
