/**
 * Nesting: scheme A nests in B when, for every catalog, every class of A lies inside one
 * class of B — B is A with some detail removed. Search over schemes relies on it
 * (coarsening can only merge classes).
 *
 *   nests(parseScheme("duration=round(1min)"), parseScheme("duration=round(3min)"))  // true: ratio 3 is odd
 *   nests(parseScheme("duration=round(1min)"), parseScheme("duration=round(2min)"))  // false: ratio 2 is even
 *
 * Per attribute: one the coarser scheme does not observe is fine; one it observes must be
 * observed by the finer scheme with a generalizer that refines the coarser one. The
 * rules per pair of generalizers live with the generalizers (`refines`, `refinedBy` in
 * generalizers/); this file settles what holds for all of them first: a generalizer
 * refines itself, and a randomized one refines nothing else and is refined by nothing
 * else.
 */
import { formatGeneralizer } from "./format.js";
import { ASK_COARSER, type NestingContext } from "./generalizers/generalizer.js";
import { generalizerOf } from "./generalizers/registry.js";
import { randomizedReason } from "./generalizers/noiseArgs.js";
import { formatQuantity } from "./quantity.js";
import type { Attribute, Generalizer, Scheme } from "./types.js";

/** Why generalizer `f` does not refine `c` for `attribute` (null when it does). */
export function explainRefinement(attribute: Attribute, f: Generalizer, c: Generalizer): string | null {
  const F = generalizerOf(f);
  const C = generalizerOf(c);
  if (f.kind === c.kind && F.same(f, c)) return null;
  const finer = formatGeneralizer(attribute, f);
  const coarser = formatGeneralizer(attribute, c);
  const ctx: NestingContext = { attribute, finer, coarser, no: `${finer} does not refine ${coarser}`, quantity: (v) => formatQuantity(attribute, v) };
  if (F.randomized || C.randomized) return randomizedReason(ctx);
  const verdict = F.refines(f, c, ctx);
  return verdict === ASK_COARSER ? C.refinedBy(c, f, ctx) : verdict;
}

/**
 * Why `finer` does not nest in `coarser`, one reason per attribute joined by "; ",
 * or null when it nests.
 */
export function explainNesting(finer: Scheme, coarser: Scheme): string | null {
  const reasons: string[] = [];
  for (const c of coarser.parts) {
    const f = finer.parts.find((p) => p.attribute === c.attribute);
    if (!f) {
      reasons.push(`${c.attribute}: observed by the coarser scheme (${formatGeneralizer(c.attribute, c.generalizer)}) but not by the finer one`);
      continue;
    }
    const why = explainRefinement(c.attribute, f.generalizer, c.generalizer);
    if (why) reasons.push(`${c.attribute}: ${why}`);
  }
  return reasons.length ? reasons.join("; ") : null;
}

/** True iff, for every catalog, every class of `finer` lies inside one class of `coarser`. */
export function nests(finer: Scheme, coarser: Scheme): boolean {
  return explainNesting(finer, coarser) === null;
}
