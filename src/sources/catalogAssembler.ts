/**
 * The one place a Catalog is put together, whatever the source (CSV/JSON rows, media-server
 * rows, ffprobe results, DuckDB's columns): titles interned into dense codes in order of first
 * appearance, numeric and text columns grown row by row, invalid rows rejected or counted by
 * reason, each row's origin (file and line), provenance and notes.
 *
 * The rules every source shares live here:
 *  - a number must be finite and ≥ 0 (NaN = not recorded); 0 reads as "unknown" (NaN), as
 *    every catalog and media server we know writes it, and is noted where the spec says so;
 *    a negative or infinite value makes the row invalid ("negative duration_ms",
 *    "non-finite duration_ms");
 *  - an invalid row stops the load with one line naming where it is, unless `skipInvalid`,
 *    which counts it by reason (the first of each reason is kept for messages);
 *  - an empty title is invalid.
 *
 *   const a = new CatalogAssembler({ source: "x.csv", numeric: [{ key: "duration_ms", from: 'column "ms"' }], … });
 *   a.add("Heat", [10_200_000], [], a.file("x.csv"), 2);   // row 0: title 0
 *   a.add("Heat", [0], [], 0, 3);                          // row 1: title 0, duration unknown
 *   a.finish()  // titleNames ["Heat"], duration_ms [10200000, NaN], note "duration_ms: 1 zero value read as missing"
 */
import { makeCatalog, NUMERIC_FIELDS, type Catalog, type NumericField, type TextField } from "../catalog/catalog.js";
import { UserError } from "../base/errors.js";

/** Titles → dense codes 0..n−1 in order of first appearance. */
export class TitleDictionary {
  readonly names: string[] = [];
  private readonly codes = new Map<string, number>();
  /** names[0, indexed) are in `codes`; later ones came through `addNew` and are indexed at the next lookup. */
  private indexed = 0;

  code(title: string): number {
    for (; this.indexed < this.names.length; this.indexed++) this.codes.set(this.names[this.indexed], this.indexed);
    let c = this.codes.get(title);
    if (c === undefined) {
      c = this.names.length;
      this.codes.set(title, c);
      this.names.push(title);
      this.indexed++;
    }
    return c;
  }

  /**
   * A title the caller knows is not in the dictionary (e.g. from its own table of titles'
   * bytes): coded without a lookup, indexed only if `code` is called later.
   */
  addNew(title: string): number {
    this.names.push(title);
    return this.names.length - 1;
  }
}

/**
 * A column that grows as rows come. `reserve`, for a size known in advance, puts it in
 * shared memory, where the engine's threads read it as it is: `done` then hands out a view
 * of the rows (no copy), and the engine does not copy it into shared memory either.
 */
class Growable<T extends Float64Array | Int32Array> {
  buf: T;
  length = 0;
  constructor(private readonly type: { new (buffer: ArrayBuffer | SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }) {
    this.buf = new type(new ArrayBuffer(1024 * type.BYTES_PER_ELEMENT));
  }
  push(x: number): void {
    if (this.length === this.buf.length) this.resize(2 * this.length);
    this.buf[this.length++] = x;
  }
  append(xs: T): void {
    if (this.length + xs.length > this.buf.length) this.resize(Math.max(this.length + xs.length, 2 * this.buf.length));
    this.buf.set(xs, this.length);
    this.length += xs.length;
  }
  reserve(rows: number): void {
    if (rows > this.buf.length) this.resize(rows, true);
  }
  private resize(rows: number, shared = this.buf.buffer instanceof SharedArrayBuffer): void {
    const bytes = rows * this.type.BYTES_PER_ELEMENT;
    const next = new this.type(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  done(): T {
    if (this.length === this.buf.length || this.buf.buffer instanceof SharedArrayBuffer) return this.buf.subarray(0, this.length) as T;
    return this.buf.slice(0, this.length) as T;
  }
}

export interface NumericColumnSpec {
  /** A catalog field, or any other name for a side column read with `column()` (not in the catalog). */
  key: NumericField | string;
  /** Provenance: how the column was obtained. */
  from: string;
  /** What a 0 means: "unknown" (read as NaN; default) or a real value (e.g. a weight). */
  zero?: "unknown" | "value";
  /** Add a note counting the zeros read as unknown. */
  noteZeros?: boolean;
  /** Leave the column out of the catalog when no row has a value (a music folder has no width). */
  dropIfEmpty?: boolean;
}

export interface AssemblerSpec {
  /** The catalog's `source`. */
  source: string;
  /** How the title was obtained. */
  titleFrom: string;
  numeric: NumericColumnSpec[];
  text: { key: TextField; from: string }[];
  skipInvalid: boolean;
  /** Appended to an invalid row's message when it stops the load. */
  hint?: string;
  /** How messages name a row: "<file>:<line>" by default; with a label, "<file> <label> <line>" (e.g. "plays.parquet row 3"). */
  rowLabel?: string;
  /** The message when no row could be used, given the reasons rows were left out. */
  empty: (skipped: [reason: string, report: RejectReport][]) => string;
}

/** A reason rows were skipped: how many, and the first one's message. */
export interface RejectReport {
  count: number;
  first: string;
}

const DEFAULT_HINT = " — fix the row or pass --skip-invalid to skip such rows";

export class CatalogAssembler {
  readonly titles = new TitleDictionary();
  private readonly titleCodes = new Growable(Int32Array);
  private readonly numeric: Growable<Float64Array>[];
  private readonly zeros: number[];
  private readonly text: string[][];
  private readonly files: string[] = [];
  private readonly originFile = new Growable(Int32Array);
  private readonly originLine = new Growable(Int32Array);
  private readonly rejects = new Map<string, RejectReport>();
  private readonly notes: string[] = [];
  private readonly zeroIsUnknown: boolean[];

  constructor(readonly spec: AssemblerSpec) {
    this.numeric = spec.numeric.map(() => new Growable(Float64Array));
    this.zeros = spec.numeric.map(() => 0);
    this.zeroIsUnknown = spec.numeric.map((c) => (c.zero ?? "unknown") === "unknown");
    this.text = spec.text.map(() => []);
  }

  get rows(): number {
    return this.titleCodes.length;
  }

  /** Room for this many rows in all, so that columns of a known size are not copied as they grow. */
  reserve(rows: number): void {
    for (const g of [this.titleCodes, ...this.numeric, this.originFile, this.originLine]) g.reserve(rows);
  }

  /** The index of an origin file; consecutive rows from one file share it. */
  file(name: string): number {
    if (this.files.length === 0 || this.files[this.files.length - 1] !== name) this.files.push(name);
    return this.files.length - 1;
  }

  /**
   * Why a value cannot be stored in numeric column `k` (undefined when it can): negative or
   * infinite. NaN (not recorded) and 0 (unknown) are fine.
   */
  problem(k: number, x: number): { reason: string; detail: string } | undefined {
    if (x >= 0 && x !== Infinity) return undefined;
    if (x !== x) return undefined;
    const key = this.spec.numeric[k].key;
    if (x < 0 && x !== -Infinity) {
      return { reason: `negative ${key}`, detail: `${key} ${x} is negative (0 means unknown; a negative value is invalid)` };
    }
    return { reason: `non-finite ${key}`, detail: `${key} ${x} is not a finite number (too large, or infinite)` };
  }

  /**
   * Add a row: its title, the numbers of each numeric column (spec order, NaN = missing),
   * the texts of each text column. A row with an empty title or a value `problem` refuses
   * is rejected (thrown, or counted with skipInvalid); `where` names it in the message,
   * by default "<file>:<line>". Returns whether the row was added.
   */
  add(title: string, numbers: ArrayLike<number>, texts: ArrayLike<string>, file: number, line: number, where?: string): boolean {
    if (title === "") {
      this.reject("empty title", where ?? this.locate(file, line), `the title (${this.spec.titleFrom}) is empty`);
      return false;
    }
    if (!this.numbersValid(numbers, file, line, where)) return false;
    this.push(this.titles.code(title), numbers, texts, file, line);
    return true;
  }

  /** `add` for a row whose title is in the dictionary already, by its code (e.g. numbered by a database). */
  addCoded(titleCode: number, numbers: ArrayLike<number>, texts: ArrayLike<string>, file: number, line: number): boolean {
    if (!(titleCode >= 0 && titleCode < this.titles.names.length)) throw new Error(`addCoded: title code ${titleCode} of ${this.titles.names.length}`);
    if (!this.numbersValid(numbers, file, line)) return false;
    this.push(titleCode, numbers, texts, file, line);
    return true;
  }

  /** Whether every number is valid; the first invalid one is rejected (thrown, or counted with skipInvalid). */
  private numbersValid(numbers: ArrayLike<number>, file: number, line: number, where?: string): boolean {
    for (let k = 0; k < this.numeric.length; k++) {
      const x = numbers[k];
      if (!(x >= 0 && x !== Infinity) && x === x) {
        const p = this.problem(k, x)!;
        this.reject(p.reason, where ?? this.locate(file, line), p.detail);
        return false;
      }
    }
    return true;
  }

  private push(titleCode: number, numbers: ArrayLike<number>, texts: ArrayLike<string>, file: number, line: number): void {
    for (let k = 0; k < this.numeric.length; k++) {
      const x = numbers[k];
      if (x === 0 && this.zeroIsUnknown[k]) {
        this.zeros[k]++;
        this.numeric[k].push(NaN);
      } else this.numeric[k].push(x);
    }
    for (let k = 0; k < this.text.length; k++) this.text[k].push(texts[k]);
    this.titleCodes.push(titleCode);
    this.originFile.push(file);
    this.originLine.push(line);
  }

  /**
   * Add a block of rows at once (DuckDB's columns): title codes from `titles`, numeric
   * columns in spec order, texts, and the origin lines, all from one file. Values go
   * through the same rules as `add`; the index of the first invalid row is returned
   * (nothing is added then), or -1.
   */
  addBlock(titleCodes: Int32Array, numbers: Float64Array[], texts: string[][], file: number, lines: Int32Array): number {
    const n = titleCodes.length;
    for (let k = 0; k < numbers.length; k++) {
      const col = numbers[k];
      for (let i = 0; i < n; i++) {
        const x = col[i];
        if (!(x >= 0 && x !== Infinity) && x === x) return i;
      }
    }
    for (let k = 0; k < numbers.length; k++) {
      const col = numbers[k];
      if (this.zeroIsUnknown[k]) {
        let z = 0;
        for (let i = 0; i < n; i++) {
          if (col[i] === 0) {
            col[i] = NaN;
            z++;
          }
        }
        this.zeros[k] += z;
      }
      this.numeric[k].append(col);
    }
    for (let k = 0; k < texts.length; k++) for (const t of texts[k]) this.text[k].push(t);
    this.titleCodes.append(titleCodes);
    this.originFile.append(new Int32Array(n).fill(file));
    this.originLine.append(lines);
    return -1;
  }

  /** A row's place for messages: "<file>:<line>", or "<file> <rowLabel> <line>". */
  locate(file: number, line: number): string {
    const name = this.files[file] ?? this.spec.source;
    if (line <= 0) return name;
    return this.spec.rowLabel ? `${name} ${this.spec.rowLabel} ${line}` : `${name}:${line}`;
  }

  /** An invalid row: stops the load (UserError) unless skipInvalid, which counts it. */
  reject(reason: string, where: string, detail: string): void {
    if (!this.spec.skipInvalid) throw new UserError(`${where}: ${detail}${this.spec.hint ?? DEFAULT_HINT}`);
    this.count(reason, where, detail);
  }

  /** A row left out for a reason that is never fatal (e.g. a server has not analyzed a file yet). */
  count(reason: string, where: string, detail: string): void {
    const r = this.rejects.get(reason);
    if (r) r.count++;
    else this.rejects.set(reason, { count: 1, first: `${where}: ${detail}` });
  }

  /**
   * Rows left out for `reason` that were counted elsewhere (by SQL, over a whole table):
   * `report.count` more, and `report.first` kept as the first message unless one is already.
   */
  addRejected(reason: string, report: RejectReport): void {
    const r = this.rejects.get(reason);
    if (r) r.count += report.count;
    else this.rejects.set(reason, { ...report });
  }

  /** Reasons and counts of rows left out so far. */
  rejected(): ReadonlyMap<string, RejectReport> {
    return this.rejects;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** A side column (a numeric spec key that is not a catalog field), e.g. a prior's weights. */
  column(key: string): Float64Array {
    const k = this.spec.numeric.findIndex((c) => c.key === key);
    if (k < 0) throw new Error(`no column ${key}`);
    return this.numeric[k].done();
  }

  /** The catalog (`source` overrides the spec's); UserError when no row could be used. */
  finish(source = this.spec.source): Catalog {
    const spec = this.spec;
    if (this.rows === 0) throw new UserError(spec.empty([...this.rejects]));
    const numeric: Catalog["numeric"] = {};
    const provenance: Catalog["provenance"] = { title: spec.titleFrom };
    const notes: string[] = [];
    spec.numeric.forEach((c, k) => {
      if (!(NUMERIC_FIELDS as readonly string[]).includes(c.key)) return;
      const values = this.numeric[k].done();
      if (c.dropIfEmpty && values.every((x) => x !== x)) return;
      numeric[c.key as NumericField] = values;
      provenance[c.key as NumericField] = c.from;
      const z = this.zeros[k];
      if (c.noteZeros && z > 0) notes.push(`${c.key}: ${z} zero value${z === 1 ? "" : "s"} read as missing`);
    });
    const text: Catalog["text"] = {};
    spec.text.forEach((t, k) => {
      text[t.key] = this.text[k];
      provenance[t.key] = t.from;
    });
    const rejected: Record<string, number> = {};
    for (const [reason, r] of this.rejects) rejected[reason] = r.count;
    return makeCatalog({
      source,
      rows: this.rows,
      titleCodes: this.titleCodes.done(),
      titleNames: this.titles.names,
      numeric,
      text,
      provenance,
      rejected,
      notes: [...notes, ...this.notes],
      origin: { files: this.files, file: this.originFile.done(), line: this.originLine.done() },
    });
  }
}
