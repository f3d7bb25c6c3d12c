/**
 * The class-size histogram every population estimator starts from: c_i = number of
 * sample classes holding exactly i records. It is built once from the partition's class
 * sizes (O(classes)); the estimators then cost O(distinct sizes), independent of the
 * number of records n.
 *
 *   classSizeCounts(Int32Array.of(1, 1, 2, 3, 1))
 *   // { sizes: [1, 2, 3], counts: [3, 1, 1], records: 8, classes: 5 }
 */

export interface ClassSizeCounts {
  /** Distinct class sizes, ascending. */
  sizes: Int32Array;
  /** counts[j] = number of classes of size sizes[j] (c_{sizes[j]}). */
  counts: Float64Array;
  /** n = Σ i·c_i. */
  records: number;
  /** u = Σ c_i. */
  classes: number;
}

/** Histogram of the given class sizes (each ≥ 1). */
export function classSizeCounts(classSize: Int32Array): ClassSizeCounts {
  let max = 0;
  for (let c = 0; c < classSize.length; c++) if (classSize[c] > max) max = classSize[c];
  // Dense counting for the common small sizes, a map for the rare large ones.
  const dense = new Float64Array(Math.min(max, 1 << 16) + 1);
  const large = new Map<number, number>();
  for (let c = 0; c < classSize.length; c++) {
    const s = classSize[c];
    if (s < dense.length) dense[s]++;
    else large.set(s, (large.get(s) ?? 0) + 1);
  }
  const pairs: Array<[number, number]> = [];
  for (let s = 1; s < dense.length; s++) if (dense[s] > 0) pairs.push([s, dense[s]]);
  for (const [s, k] of [...large].sort((a, b) => a[0] - b[0])) pairs.push([s, k]);
  return fromPairs(pairs);
}

/** Histogram from (size, number of classes) pairs, e.g. `[[1, 3], [2, 1]]`. */
export function fromPairs(pairs: ReadonlyArray<readonly [number, number]>): ClassSizeCounts {
  const sorted = pairs.filter(([, k]) => k > 0).sort((a, b) => a[0] - b[0]);
  const sizes = new Int32Array(sorted.length);
  const counts = new Float64Array(sorted.length);
  let records = 0;
  let classes = 0;
  sorted.forEach(([s, k], j) => {
    if (!(Number.isInteger(s) && s >= 1)) throw new RangeError(`class size must be a positive integer, got ${s}`);
    if (j > 0 && sizes[j - 1] === s) throw new RangeError(`class size ${s} listed twice`);
    sizes[j] = s;
    counts[j] = k;
    records += s * k;
    classes += k;
  });
  return { sizes, counts, records, classes };
}

/** c_i: the number of classes of size i. */
export function classesOfSize(h: ClassSizeCounts, i: number): number {
  for (let j = 0; j < h.sizes.length && h.sizes[j] <= i; j++) if (h.sizes[j] === i) return h.counts[j];
  return 0;
}
