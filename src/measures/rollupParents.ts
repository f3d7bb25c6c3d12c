/**
 * Which intermediate tables a search over many schemes rolls up from (see
 * engine/rollup.ts). A scheme can be rolled up from any table whose scheme nests in it,
 * and costs passes over that table's classes: the fewer, the faster. Tables cost a
 * roll-up each to build and memory to keep, so per attribute a few "hub" choices are
 * picked among those the search will use, and a scheme's parent table is the one whose
 * choice on each attribute is the coarsest hub that nests in the scheme's choice (drop
 * where the scheme drops it; the finest table, exact on every attribute, when no hub
 * nests).
 *
 * Hubs are picked greedily to minimize Σ over choices of log2(classes of the choice's
 * hub) — a product over attributes, so logs add up. Example, duration choices with
 * their distinct values on a catalog and exact's 267,731:
 *
 *   round(1s) 11,946   round(5s) 2,629   round(15s) 902   round(1min) 230   round(5min) 48
 *
 * round(1s) nests in round(5s) and round(15s) (odd ratios), round(1min) in round(5min);
 * round(1min) nests in none of the finer ones (even ratios). With no hub every choice
 * rolls up from exact (5 × 18.0 bits); the first hub picked is round(1s) (it serves
 * itself, 5s and 15s: 3 × 13.5 bits), the second round(1min) (itself and 5min: 2 × 7.8
 * bits), the third round(5s) (itself and 15s: 2 × 11.4 bits).
 */

/** Per attribute at most this many hub choices. */
export const MAX_HUBS = 3;

/**
 * The hub of choice `g`: among `hubs`, the one with the fewest classes that nests in
 * `g` (`refines(h, g)`); −1 when none does (the finest table serves it).
 */
export function hubOf(g: number, hubs: readonly number[], counts: readonly number[], refines: (finer: number, coarser: number) => boolean): number {
  let best = -1;
  for (const h of hubs) if (refines(h, g) && (best < 0 || counts[h] < counts[best])) best = h;
  return best;
}

/**
 * Up to `max` hubs among choices 0..m−1 (`counts[i]`: classes of choice i alone;
 * `finest`: classes of the finest choice, exact), added greedily while each lowers
 * Σ_g log2(classes of g's hub); ties go to the lower index.
 */
export function chooseHubs(counts: readonly number[], finest: number, refines: (finer: number, coarser: number) => boolean, max = MAX_HUBS): number[] {
  const hubs: number[] = [];
  const cost = (hs: number[]) =>
    counts.reduce((sum, _, g) => {
      const h = hubOf(g, hs, counts, refines);
      return sum + Math.log2(Math.max(1, h < 0 ? finest : counts[h]));
    }, 0);
  let current = cost(hubs);
  while (hubs.length < max) {
    let pick = -1;
    let pickCost = current;
    for (let i = 0; i < counts.length; i++) {
      if (hubs.includes(i)) continue;
      const c = cost([...hubs, i]);
      if (c < pickCost) {
        pick = i;
        pickCost = c;
      }
    }
    if (pick < 0) break;
    hubs.push(pick);
    current = pickCost;
  }
  return hubs;
}

/** The index of the candidate with the fewest classes among those that nest in the scheme (−1: none). */
export function smallestNesting(candidates: readonly { classCount: number; nests: boolean }[]): number {
  let best = -1;
  candidates.forEach((c, i) => {
    if (c.nests && (best < 0 || c.classCount < candidates[best].classCount)) best = i;
  });
  return best;
}
