/**
 * A title's rows split by class: the (class, rows) pairs behind the per-class title
 * statistics (classStats.ts). In title order all rows of a title are consecutive (a
 * run); `split` turns one run into its pairs, so each (class, title) pair is counted
 * once without any class-sized array.
 *
 * Example: a run whose rows are in classes [4, 7, 4] gives the pairs (4, 2) and (7, 1).
 */

/** Runs up to this long are split by scanning a short list; longer ones are sorted. Most titles have a handful of rows. */
const SHORT_RUN = 16;

export class TitleRuns {
  /** The last split run's pairs: classes[q] and its rows counts[q], q < the count `split` returned. */
  classes = new Int32Array(SHORT_RUN);
  counts = new Int32Array(SHORT_RUN);
  /** The next run `next` splits, and where runs stop being taken. */
  private at = 0;
  private stop = 0;

  constructor(
    /** Row indexes in title order, or null when the rows themselves are. */
    private readonly order: Int32Array | null,
    private readonly titles: Int32Array,
    private readonly classOf: Int32Array,
  ) {}

  /** The row at position j of title order. */
  row(j: number): number {
    return this.order === null ? j : this.order[j];
  }

  /** End of the run starting at position `start` (rows of one title). */
  runEnd(start: number): number {
    const { titles } = this;
    const n = this.classOf.length;
    const title = titles[this.row(start)];
    let end = start + 1;
    while (end < n && titles[this.row(end)] === title) end++;
    return end;
  }

  /**
   * The first position at or after `from` that starts a run: a thread whose block of
   * title-ordered positions begins inside a run leaves that run to the previous thread.
   */
  runStartFrom(from: number): number {
    const { titles } = this;
    const n = this.classOf.length;
    while (from > 0 && from < n && titles[this.row(from)] === titles[this.row(from - 1)]) from++;
    return from;
  }

  /**
   * Takes the runs that start in positions [from, to), from the first that starts at or
   * after `from`; returns that position.
   */
  take(from: number, to: number): number {
    this.at = this.runStartFrom(from);
    this.stop = to;
    return this.at;
  }

  /** Splits the next run taken (see `take`) into `classes`/`counts`; returns its pairs, or −1 when none is left. */
  next(): number {
    if (this.at >= this.stop) return -1;
    const start = this.at;
    this.at = this.runEnd(start);
    return this.split(start, this.at);
  }

  /** Splits the run [start, end) into its pairs (in `classes`/`counts`); returns how many. */
  split(start: number, end: number): number {
    const { classOf, classes, counts } = this;
    const len = end - start;
    if (len === 1) {
      classes[0] = classOf[this.row(start)];
      counts[0] = 1;
      return 1;
    }
    if (len <= SHORT_RUN) {
      let m = 0;
      for (let j = start; j < end; j++) {
        const c = classOf[this.row(j)];
        let q = 0;
        while (q < m && classes[q] !== c) q++;
        if (q === m) {
          classes[m] = c;
          counts[m++] = 1;
        } else {
          counts[q]++;
        }
      }
      return m;
    }
    return this.splitLong(start, end);
  }

  /** A long run: its classes sorted, then counted. */
  private splitLong(start: number, end: number): number {
    const len = end - start;
    if (this.classes.length < len) {
      this.classes = new Int32Array(len);
      this.counts = new Int32Array(len);
    }
    const sorted = this.counts.subarray(0, len);
    for (let j = start; j < end; j++) sorted[j - start] = this.classOf[this.row(j)];
    sorted.sort();
    const { classes, counts } = this;
    let m = 0;
    let j = 0;
    while (j < len) {
      const c = sorted[j];
      let r = 1;
      while (j + r < len && sorted[j + r] === c) r++;
      // m ≤ j: pair m is written at or before the sorted entries still to be read.
      classes[m] = c;
      counts[m++] = r;
      j += r;
    }
    return m;
  }
}
