/**
 * Class-size totals: what every metric is finished from, in every engine. Per class
 * size f (ascending): m classes, g of them with one title, Σ d and Σ Σc² over them —
 * all exact integers, so any engine that counts them (the typed-array engine class by
 * class, a scan run by run, a database by GROUP BY) gets the same totals whatever
 * order it met the classes in, and measures/metrics.ts turns them into bit-identical
 * metrics.
 *
 *   classes (f, d, Σc²) = (3, 2, 5), (1, 1, 1), (1, 1, 1)
 *   → classSize [1, 3], classes [2, 1], singleTitleClasses [2, 0], titleSum [2, 2], squareSum [2, 5]
 */

export interface ClassSizeTotals {
  classSize: Float64Array;
  classes: Float64Array;
  singleTitleClasses: Float64Array;
  titleSum: Float64Array;
  squareSum: Float64Array;
  /** Titles with a row in a single-title class. */
  exposedTitles: number;
}

/** Sizes below this are counted in dense arrays; larger ones (rare) in a map. */
const DENSE_SIZES = 1 << 14;

/**
 * Adds classes one at a time; `finish` gives the totals and leaves the builder empty,
 * ready for the next partition (a search reuses one builder over many schemes).
 */
export class SizeTotalsBuilder {
  private readonly m = new Float64Array(DENSE_SIZES);
  private readonly g = new Float64Array(DENSE_SIZES);
  private readonly dSum = new Float64Array(DENSE_SIZES);
  private readonly sqSum = new Float64Array(DENSE_SIZES);
  private readonly large = new Map<number, [number, number, number, number]>();
  private maxDense = 0;

  /** One class: its size f, distinct titles d and Σc² over its titles. */
  add(f: number, d: number, sq: number): void {
    this.addMany(f, 1, d === 1 ? 1 : 0, d, sq);
  }

  /** `classes` classes of size f at once: `single` of them with one title, Σ d and Σ Σc² over them. */
  addMany(f: number, classes: number, single: number, titleSum: number, squareSum: number): void {
    if (f < DENSE_SIZES) {
      this.m[f] += classes;
      this.g[f] += single;
      this.dSum[f] += titleSum;
      this.sqSum[f] += squareSum;
      if (f > this.maxDense) this.maxDense = f;
      return;
    }
    let t = this.large.get(f);
    if (!t) this.large.set(f, (t = [0, 0, 0, 0]));
    t[0] += classes;
    t[1] += single;
    t[2] += titleSum;
    t[3] += squareSum;
  }

  /** Every class of per-class arrays (class ids 0 … classCount − 1). */
  addClasses(classCount: number, classSize: Int32Array, classTitles: Int32Array, classTitleSquares: Float64Array | Int32Array): void {
    for (let c = 0; c < classCount; c++) this.add(classSize[c], classTitles[c], classTitleSquares[c]);
  }

  finish(exposedTitles: number): ClassSizeTotals {
    let sizes = 0;
    for (let f = 1; f <= this.maxDense; f++) if (this.m[f] > 0) sizes++;
    const large = [...this.large.keys()].sort((a, b) => a - b);
    sizes += large.length;
    const out: ClassSizeTotals = {
      classSize: new Float64Array(sizes),
      classes: new Float64Array(sizes),
      singleTitleClasses: new Float64Array(sizes),
      titleSum: new Float64Array(sizes),
      squareSum: new Float64Array(sizes),
      exposedTitles,
    };
    let i = 0;
    for (let f = 1; f <= this.maxDense; f++) {
      if (this.m[f] === 0) continue;
      out.classSize[i] = f;
      out.classes[i] = this.m[f];
      out.singleTitleClasses[i] = this.g[f];
      out.titleSum[i] = this.dSum[f];
      out.squareSum[i++] = this.sqSum[f];
      this.m[f] = this.g[f] = this.dSum[f] = this.sqSum[f] = 0;
    }
    for (const f of large) {
      const [m, g, d, sq] = this.large.get(f)!;
      out.classSize[i] = f;
      out.classes[i] = m;
      out.singleTitleClasses[i] = g;
      out.titleSum[i] = d;
      out.squareSum[i++] = sq;
    }
    this.large.clear();
    this.maxDense = 0;
    return out;
  }
}

/**
 * Doubles a slot needs for any scheme over `rows` rows: distinct class sizes add up to
 * at most the rows, so there are at most √(2·rows) of them (1 + 2 + … + m ≤ rows).
 */
export function totalsSlot(rows: number): number {
  return 2 + 5 * (Math.floor(Math.sqrt(2 * rows)) + 1);
}

/** Totals into out[at …] (a slot of `totalsSlot` doubles, for totals computed on a worker thread): sizes m, exposed titles, then the five per-size arrays. */
export function writeTotals(out: Float64Array, at: number, slot: number, t: ClassSizeTotals): void {
  const m = t.classSize.length;
  if (2 + 5 * m > slot) throw new RangeError(`writeTotals: ${m} class sizes do not fit a slot of ${slot}`);
  out[at] = m;
  out[at + 1] = t.exposedTitles;
  [t.classSize, t.classes, t.singleTitleClasses, t.titleSum, t.squareSum].forEach((xs, j) => out.set(xs, at + 2 + j * m));
}

/** The totals `writeTotals` wrote at out[at …] (copies). */
export function readTotals(out: Float64Array, at: number): ClassSizeTotals {
  const m = out[at];
  const part = (j: number) => out.slice(at + 2 + j * m, at + 2 + (j + 1) * m);
  return { classSize: part(0), classes: part(1), singleTitleClasses: part(2), titleSum: part(3), squareSum: part(4), exposedTitles: out[at + 1] };
}
