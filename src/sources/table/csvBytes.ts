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
 * - Unquoted records go through passes (csvPreparse.ts): field bounds, plain decimals
 *   read from their digits the way units.ts's scanDecimal reads them (≤ 15 significant
 *   digits, one exact multiply or divide by a power of ten, so the double nearest the
 *   decimal, as Number() gives), blanks as missing, and the hashes of the title,
 *   resolution and text cells. The reader then interns those cells by their bytes (a
 *   title seen before costs no string), and hands the rows to the builder in runs
 *   (`addParsedBlock`), which applies the shared rules.
 * - Any other row — a quoted field, a unit written out ("92 min"), "NA", a negative or
 *   out-of-range number, an empty title, a wrong field count — goes through the builder's
 *   own parsers, and to its `add` as csv-parse would hand it over (strings, its line) when
 *   they reject it, after the rows before it.
 * - A UserError from the builder (an invalid row without --skip-invalid, a header the
 *   map does not fit) declines too, so that csv-parse's path reports it.
 *
 * With `offload` (the engine's worker thread), the pass over the next chunk runs there
 * while this thread does the ordered part of this chunk; the result is the same.
 *
 *   const builder = await readCsvBytesInto("plays.csv", { delimiter: "," }, makeBuilder);  // null: declined
 */
import { isUtf8 } from "node:buffer";
import { readSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { UserError } from "../../base/errors.js";
import type { CatalogBuilder, RecordPlan } from "../catalogBuilder.js";
import { joinTitleParts } from "../catalogBuilder.js";
import {
  AT_QUOTE,
  CR,
  FOR_READER,
  hashBytes,
  LF,
  LONE_CR,
  META_FLAGS,
  META_LINES,
  META_ROWS,
  META_STOP,
  PASS_DONE,
  preparse,
  preparseOut,
  QUOTE,
  SAW_CRLF,
  SAW_LF,
  scanDecimalBytes,
  splitFields,
  type PreparseArgs,
  type PreparseOut,
  type PreparsePlan,
} from "./csvPreparse.js";

export { scanDecimalBytes };

/** How a CSV file is read: where passes run, and the sizes tests make small to cross their edges. */
export interface CsvReading {
  /**
   * Starts a pass on another thread, resolving when it is done, or returns undefined when no
   * thread is free (this one then runs it); without it every pass runs on this thread.
   */
  offload?: (args: PreparseArgs) => Promise<void> | undefined;
  /** Bytes read at a time (a record longer than this grows the buffer). */
  chunkBytes?: number;
  /** Rows a pass holds. */
  passRows?: number;
}

export interface CsvBytesOptions extends CsvReading {
  delimiter: string;
  /** Told why the file was not read here (one line), e.g. for `--verbose`. */
  onNote?: (text: string) => void;
}

const CHUNK_BYTES = 1 << 20;
/** Rows a pass holds: a chunk of rows of 16 bytes or more fits in one pass. */
const PASS_ROWS = 1 << 16;
const SPACE = 32;
const TAB = 9;

/** How much the worker's share of a chunk moves after each chunk. */
const SHARE_STEP = 0.04;

/** Rows parsed by the builder's own parsers, handed to it at once. */
const BLOCK_ROWS = 1 << 12;

/** Thrown inside the reader to stop it; becomes a null return with the reason noted. */
class Decline extends Error {}

/** Returned by ByteCodes.get for bytes not in the table. */
const ABSENT = -2;

/**
 * Codes by bytes: an open-addressing table (hashBytes) over an arena holding each entry's
 * bytes, so a cell seen before costs neither a string nor a Map lookup. Several byte forms
 * may share a code (" Up" and "Up" are one title).
 */
class ByteCodes {
  private slots = new Int32Array(1 << 12).fill(-1);
  private hashes = new Int32Array(1 << 11);
  private starts = new Int32Array(1 << 11);
  private codes = new Int32Array(1 << 11);
  private arena = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  count = 0;

  /** The code of bytes [s, e) with hash h, or ABSENT. */
  get(buf: Uint8Array, s: number, e: number, h: number): number {
    const mask = this.slots.length - 1;
    const len = e - s;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const j = this.slots[p];
      if (j < 0) return ABSENT;
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

  private rehash(slots = this.slots.length * 2): void {
    this.slots = new Int32Array(slots).fill(-1);
    for (let j = 0; j < this.count; j++) this.place(j);
  }

  /** Room for this many entries without growing the table (which re-places every entry each time it doubles). */
  reserve(entries: number): void {
    let slots = this.slots.length;
    while (entries * 2 > slots) slots *= 2;
    if (slots > this.slots.length) this.rehash(slots);
  }
}

/** A copy of `a` in twice the room. */
function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}

/** Whether trimming cannot change these bytes' text: the first and last bytes are visible ASCII. */
function untrimmable(buf: Uint8Array, s: number, e: number): boolean {
  return buf[s] > 32 && buf[s] < 127 && buf[e - 1] > 32 && buf[e - 1] < 127;
}

/** Rows the builder's parsers accepted, waiting to go to the builder in one block. */
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

/** What the reader knows once the header is read. */
interface Setup {
  builder: CatalogBuilder;
  plan: RecordPlan;
  pass: PreparsePlan;
  /** Result arrays of the passes this thread runs. */
  local: PreparseOut;
  block: Block;
  /** Numbers a row carries: the numeric columns, then a resolution's width and height. */
  numbers: number;
}

/** The reader's position and what it learned about the file so far. */
class Reader {
  /** csv-parse's line count: the line the current record ends on. */
  line = 1;
  /** Line ending settled by the first one seen outside quotes. */
  sawLF = false;
  sawCRLF = false;
  setup?: Setup;
  /** Start and end of each field of the current record (unquoted records only). */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  readonly titleBytes = new ByteCodes();
  /** Resolution cells → index in `sizes` (−1: not a valid resolution). */
  readonly resolutionBytes = new ByteCodes();
  readonly sizes: { width: number; height: number }[] = [];
  /** Per text column: cells → index in its `textValues`. */
  textBytes: ByteCodes[] = [];
  textValues: string[][] = [];
  /** Titles the dictionary got from this table via addNew, pending ones included; fewer than its size once others came in by `code`. */
  newTitles = 0;
  /**
   * New titles coded but not yet in the dictionary (their bytes, in the buffer being read):
   * they go in together (`flushTitles`), their strings cut from one decoded string.
   */
  private pendingStart = new Int32Array(1 << 12);
  private pendingEnd = new Int32Array(1 << 12);
  private pending = 0;
  private gathered = Buffer.allocUnsafe(1 << 16);
  /** A row's numbers before they go into the block. */
  row: number[] = [];

  constructor(
    readonly delim: number,
    private readonly makeBuilder: (header: string[]) => CatalogBuilder,
    private readonly passRows: number,
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
   * `pre`, when given, is a pass over buf from `from` already run (on another thread).
   */
  records(buf: Buffer, from: number, limit: number, final: boolean, pre?: PreparseOut): number {
    let pos = from;
    while (pos < limit) {
      const setup = this.setup;
      if (!setup) {
        const end = this.headerLine(buf, pos, limit, final);
        if (end < 0) return pos;
        pos = end;
        continue;
      }
      let out = pre;
      pre = undefined;
      if (!out) {
        preparse({ buf, from: pos, limit, final, plan: setup.pass, out: setup.local });
        out = setup.local;
      }
      pos = this.consume(buf, out);
      if (out.meta[META_FLAGS] & AT_QUOTE) {
        // Quoted records one after another while the next line holds a quote too (a file
        // that quotes every title): a pass would stop at once on each.
        do {
          const end = this.quotedRecord(buf, pos, limit, final);
          if (end < 0) return pos;
          pos = end;
        } while (pos < limit && lineHasQuote(buf, pos, limit));
      }
    }
    return pos;
  }

  /** Empty lines and the header (the first record) from pos; returns where the next record begins (pos when the header runs past limit). */
  header(buf: Buffer, pos: number, limit: number, final: boolean): number {
    while (!this.setup && pos < limit) {
      const end = this.headerLine(buf, pos, limit, final);
      if (end < 0) break;
      pos = end;
    }
    return pos;
  }

  /** One line that may be the header from pos; returns where the next line begins, or −1 when it runs past limit. */
  private headerLine(buf: Buffer, pos: number, limit: number, final: boolean): number {
    let lf = buf.indexOf(LF, pos);
    if (lf < 0 || lf >= limit) {
      if (!final) return -1;
      lf = limit;
    }
    const q = buf.indexOf(QUOTE, pos);
    if (q >= 0 && q < lf) return this.quotedRecord(buf, pos, limit, final);
    const crlf = lf > pos && buf[lf - 1] === CR;
    const contentEnd = crlf ? lf - 1 : lf;
    const cr = buf.indexOf(CR, pos);
    if ((cr >= 0 && cr < contentEnd) || (crlf && lf === limit)) throw new Decline("a CR that does not end a line");
    if (lf < limit) this.lineEnding(crlf);
    if (contentEnd > pos) this.begin(this.strings(buf, this.split(buf, pos, contentEnd)));
    this.line++;
    return lf + 1;
  }

  /** Field bounds of one unquoted record into starts/ends, grown to hold every field; returns the field count. */
  private split(buf: Buffer, s: number, e: number): number {
    const f = splitFields(buf, s, e, this.delim, this.starts, this.ends, this.starts.length);
    if (f <= this.starts.length) return f;
    this.starts = new Int32Array(2 * f);
    this.ends = new Int32Array(2 * f);
    return splitFields(buf, s, e, this.delim, this.starts, this.ends, f);
  }

  /**
   * A pass's rows, in order: rows it settled go to the builder in runs, with their titles,
   * resolutions and texts interned here; the others are read again by `record`. Returns
   * where the pass stopped.
   */
  private consume(buf: Buffer, out: PreparseOut): number {
    const flags = out.meta[META_FLAGS];
    if (flags & LONE_CR) throw new Decline("a CR that does not end a line");
    if (flags & SAW_LF) this.lineEnding(false);
    if (flags & SAW_CRLF) this.lineEnding(true);
    const setup = this.setup!;
    const { builder, plan } = setup;
    const n = out.meta[META_ROWS];
    const base = this.line;
    const { kind, line, cellStart, cellEnd, cellHash, numbers } = out;
    const titleCells = plan.title.length;
    const C = setup.pass.cells.length;
    const K = plan.numeric.length;
    const resolutionCell = plan.resolution !== undefined ? titleCells : -1;
    const firstText = titleCells + (resolutionCell >= 0 ? 1 : 0);
    const texts = plan.text.length;
    // Each cell's code in the previous row, for cells the pass found repeated.
    const prev = new Int32Array(C);
    const codes = out.codes;
    let runTexts: string[][] = Array.from({ length: texts }, () => []);
    let runStart = 0;
    const flushRun = (end: number) => {
      setup.block.flush();
      if (end > runStart) {
        builder.addParsedBlock(
          codes.subarray(runStart, end),
          numbers.map((c) => c.subarray(runStart, end)),
          runTexts,
          line.subarray(runStart, end),
        );
        runTexts = Array.from({ length: texts }, () => []);
      }
    };
    for (let i = 0; i < n; i++) {
      let k = kind[i];
      const at = i * C;
      if ((k & FOR_READER) === 0) {
        let title: number;
        if (titleCells === 1) title = k & 2 ? prev[0] : this.titleOfBytes(buf, cellStart[at], cellEnd[at], cellHash[at]);
        else {
          let same = true;
          for (let j = 0; j < titleCells; j++) if (!(k & (2 << j))) same = false;
          title = same ? prev[0] : this.titleOfParts(buf, cellStart.subarray(at, at + titleCells), cellEnd.subarray(at, at + titleCells));
        }
        prev[0] = title;
        codes[i] = title;
        if (title < 0) k |= FOR_READER;
        if (resolutionCell >= 0) {
          const j = resolutionCell;
          const r = k & (2 << j) ? prev[j] : this.resolutionOfBytes(buf, cellStart[at + j], cellEnd[at + j], cellHash[at + j]);
          prev[j] = r;
          if (r < 0) k |= FOR_READER;
          else {
            numbers[K][i] = this.sizes[r].width;
            numbers[K + 1][i] = this.sizes[r].height;
          }
        }
        for (let t = 0; t < texts; t++) {
          const j = firstText + t;
          if (!(k & (2 << j))) prev[j] = this.textOfBytes(t, buf, cellStart[at + j], cellEnd[at + j], cellHash[at + j]);
        }
      }
      line[i] += base;
      if (k & FOR_READER) {
        flushRun(i);
        runStart = i + 1;
        this.line = line[i];
        this.record(buf, this.split(buf, out.recordStart[i], out.recordEnd[i]));
      } else {
        for (let t = 0; t < texts; t++) runTexts[t].push(this.textValues[t][prev[firstText + t]]);
      }
    }
    flushRun(n);
    this.flushTitles(buf);
    this.line = base + out.meta[META_LINES];
    return out.meta[META_STOP];
  }

  /** The title code of a one-column title's bytes (interned now), or −1 for an empty title. */
  private titleOfBytes(buf: Buffer, s: number, e: number, h: number): number {
    let code = this.titleBytes.get(buf, s, e, h);
    if (code !== ABSENT) return code;
    const titles = this.setup!.builder.assembler.titles;
    if (titles.names.length + this.pending === this.newTitles && untrimmable(buf, s, e)) {
      // New for certain: every title so far came from this table, and these bytes are the
      // title's only spelling. Its string comes with the others' (flushTitles).
      code = this.newTitles++;
      if (this.pending === this.pendingStart.length) {
        this.pendingStart = grown(this.pendingStart);
        this.pendingEnd = grown(this.pendingEnd);
      }
      this.pendingStart[this.pending] = s;
      this.pendingEnd[this.pending++] = e;
    } else {
      this.flushTitles(buf);
      const name = buf.toString("utf8", s, e).trim();
      code = name === "" ? -1 : titles.code(name);
    }
    this.titleBytes.set(buf, s, e, h, code);
    return code;
  }

  /**
   * The pending titles into the dictionary, in order (their codes were given out already).
   * Decoding them as one string and cutting it costs far less than a string per title;
   * cuts by byte offset are right when every byte is ASCII, else each is decoded alone.
   */
  private flushTitles(buf: Buffer): void {
    const n = this.pending;
    if (n === 0) return;
    this.pending = 0;
    const titles = this.setup!.builder.assembler.titles;
    const { pendingStart: ps, pendingEnd: pe } = this;
    let bytes = 0;
    for (let i = 0; i < n; i++) bytes += pe[i] - ps[i];
    if (this.gathered.length < bytes) this.gathered = Buffer.allocUnsafe(2 * bytes);
    const g = this.gathered;
    let u = 0;
    let high = 0;
    for (let i = 0; i < n; i++) {
      for (let j = ps[i]; j < pe[i]; j++) {
        const b = buf[j];
        high |= b;
        g[u++] = b;
      }
    }
    if (high < 128) {
      const all = g.toString("latin1", 0, u);
      let at = 0;
      for (let i = 0; i < n; i++) {
        const len = pe[i] - ps[i];
        titles.addNew(all.slice(at, at + len));
        at += len;
      }
    } else for (let i = 0; i < n; i++) titles.addNew(buf.toString("utf8", ps[i], pe[i]));
  }

  /** The title code of a title of several columns (their cells' bounds), or −1 when empty. */
  private titleOfParts(buf: Buffer, starts: ArrayLike<number>, ends: ArrayLike<number>): number {
    this.flushTitles(buf);
    const parts: string[] = [];
    for (let j = 0; j < starts.length; j++) parts.push(buf.toString("utf8", starts[j], ends[j]));
    const name = joinTitleParts(parts);
    return name === "" ? -1 : this.setup!.builder.assembler.titles.code(name);
  }

  /** A resolution cell's index in `sizes`, or −1 when the builder rejects it or a size is negative or infinite. */
  private resolutionOfBytes(buf: Buffer, s: number, e: number, h: number): number {
    let r = this.resolutionBytes.get(buf, s, e, h);
    if (r !== ABSENT) return r;
    let size: { width: number; height: number } | null;
    try {
      size = this.setup!.builder.parseResolutionCell(buf.toString("utf8", s, e));
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      size = null;
    }
    // Negative or infinite: the builder words the rejection.
    const bad = (x: number) => !(x >= 0 && x !== Infinity) && x === x;
    r = size === null || bad(size.width) || bad(size.height) ? -1 : this.sizes.push(size) - 1;
    this.resolutionBytes.set(buf, s, e, h, r);
    return r;
  }

  /** A text cell's index in text column t's `textValues`. */
  private textOfBytes(t: number, buf: Buffer, s: number, e: number, h: number): number {
    let x = this.textBytes[t].get(buf, s, e, h);
    if (x !== ABSENT) return x;
    x = this.textValues[t].push(this.setup!.builder.textOf(buf.toString("utf8", s, e))) - 1;
    this.textBytes[t].set(buf, s, e, h, x);
    return x;
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
    if (!this.setup) this.begin(fields);
    else {
      this.flushTitles(buf);
      this.setup.block.flush();
      this.setup.builder.add(fields, this.line);
    }
    this.line++;
    return next;
  }

  private begin(header: string[]): void {
    const builder = this.makeBuilder(header.map((h) => h.trim()));
    const plan = builder.plan();
    if (!plan) throw new Decline("rows are filtered, deduplicated or carry an extra column");
    const numbers = plan.numeric.length + (plan.resolution !== undefined ? 2 : 0);
    const pass: PreparsePlan = {
      delim: this.delim,
      fields: plan.fields,
      extraFieldsIgnored: plan.extraFieldsIgnored,
      numericIndex: Int32Array.from(plan.numeric, (c) => c.index),
      numericExponent: Int32Array.from(plan.numeric, (c) => c.plain?.exponent ?? 0),
      numericMantissa: Float64Array.from(plan.numeric, (c) => c.plain?.mantissa ?? 1),
      numericPlain: Uint8Array.from(plan.numeric, (c) => (c.plain ? 1 : 0)),
      cells: Int32Array.from([...plan.title, ...(plan.resolution !== undefined ? [plan.resolution] : []), ...plan.text]),
    };
    this.textBytes = plan.text.map(() => new ByteCodes());
    this.textValues = plan.text.map(() => []);
    this.setup = {
      builder,
      plan,
      pass,
      local: preparseOut(pass, this.passRows, numbers - plan.numeric.length, false),
      block: new Block(numbers, plan.text.length, builder),
      numbers,
    };
  }

  /** A data record of `f` unquoted fields (bounds in starts/ends) the pass left to the reader. */
  private record(buf: Buffer, f: number): void {
    const { block, builder } = this.setup!;
    if (!this.parsedRow(buf, f)) {
      this.flushTitles(buf);
      block.flush();
      builder.add(this.strings(buf, f), this.line);
    }
  }

  private strings(buf: Buffer, f: number): string[] {
    const out: string[] = new Array(f);
    for (let j = 0; j < f; j++) out[j] = buf.toString("utf8", this.starts[j], this.ends[j]);
    return out;
  }

  /**
   * Parse a row into the block with the builder's own parsers where a cell is not a plain
   * decimal; false when they reject it (or the title is empty), leaving it for `add`.
   */
  private parsedRow(buf: Buffer, f: number): boolean {
    const { plan, builder, block } = this.setup!;
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
      const s = starts[plan.resolution];
      const e = ends[plan.resolution];
      const r = this.resolutionOfBytes(buf, s, e, hashBytes(buf, s, e));
      if (r < 0) return false;
      row[k++] = this.sizes[r].width;
      row[k++] = this.sizes[r].height;
    }
    let code: number;
    if (plan.title.length === 1) {
      const s = starts[plan.title[0]];
      const e = ends[plan.title[0]];
      code = this.titleOfBytes(buf, s, e, hashBytes(buf, s, e));
    } else code = this.titleOfParts(buf, plan.title.map((j) => starts[j]), plan.title.map((j) => ends[j]));
    if (code < 0) return false;
    const i = block.n;
    block.titleCodes[i] = code;
    block.lines[i] = this.line;
    for (let j = 0; j < k; j++) block.numbers[j][i] = row[j];
    for (let t = 0; t < plan.text.length; t++) {
      const s = starts[plan.text[t]];
      const e = ends[plan.text[t]];
      block.texts[t].push(this.textValues[t][this.textOfBytes(t, buf, s, e, hashBytes(buf, s, e))]);
    }
    block.n++;
    if (block.n === BLOCK_ROWS) block.flush();
    return true;
  }

  finish(): CatalogBuilder | null {
    if (!this.setup) return null;
    this.setup.block.flush();
    return this.setup.builder;
  }
}

/** Whether the line from pos (to its LF, or limit) holds a quote. */
function lineHasQuote(buf: Buffer, pos: number, limit: number): boolean {
  const q = buf.indexOf(QUOTE, pos);
  if (q < 0 || q >= limit) return false;
  const lf = buf.indexOf(LF, pos);
  return lf < 0 || q < lf;
}

/** CR and LF bytes in buf[s, e): lines inside a quoted field as csv-parse counts them. */
function countLineBreaks(buf: Buffer, s: number, e: number): number {
  // A loop, not indexOf: indexOf would search past e, to the end of the buffer, for a CR
  // the file may not have, on every quoted field.
  let n = 0;
  for (let p = s; p < e; p++) if (buf[p] === LF || buf[p] === CR) n++;
  return n;
}

/** Bytes of the file in a buffer: [0, limit) whole lines (UTF-8 checked), [limit, filled) the start of the next. */
interface Chunk {
  buf: Buffer;
  filled: number;
  limit: number;
  final: boolean;
}

/**
 * The file read a chunk at a time into two buffers in turn (shared memory, so a worker can
 * read one while this thread reads the other), each chunk whole lines.
 */
class ChunkFile {
  private readonly bufs: Buffer[];
  private bom = true;

  constructor(
    private readonly handle: FileHandle,
    size: number,
  ) {
    this.bufs = [sharedBuffer(size), sharedBuffer(size)];
  }

  /**
   * The next chunk, in buffer `slot`: `carry` (bytes not yet read as records) first, then
   * more of the file, until it holds a line end or the file ends. Read synchronously: from
   * the page cache a chunk is a copy of well under a millisecond, and an asynchronous read
   * waits for a core that both threads keep busy.
   */
  read(slot: number, carry: Uint8Array): Chunk {
    let buf = this.bufs[slot];
    if (buf.length < carry.length * 2) buf = this.bufs[slot] = sharedBuffer(carry.length * 2);
    buf.set(carry);
    let filled = carry.length;
    let scanned = filled;
    for (;;) {
      if (filled === buf.length) {
        const grown = sharedBuffer(buf.length * 2);
        buf.copy(grown, 0, 0, filled);
        buf = this.bufs[slot] = grown;
      }
      const bytesRead = readSync(this.handle.fd, buf, filled, buf.length - filled, null);
      filled += bytesRead;
      const final = bytesRead === 0;
      if (this.bom && (filled >= 3 || final)) {
        // csv-parse's `bom`: a leading UTF-8 byte order mark is not part of the header.
        this.bom = false;
        if (filled >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
          buf.copyWithin(0, 3, filled);
          filled -= 3;
          scanned = 0;
        }
      }
      if (this.bom && !final) continue;
      // Whole lines only: a line end never falls inside a UTF-8 sequence.
      const lf = final ? -1 : buf.lastIndexOf(LF, filled - 1);
      if (!final && lf < scanned) {
        scanned = filled;
        continue;
      }
      const limit = final ? filled : lf + 1;
      if (!isUtf8(buf.subarray(0, limit))) throw new Decline("the file is not valid UTF-8 (csv-parse names the line)");
      return { buf, filled, limit, final };
    }
  }
}

function sharedBuffer(size: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(size));
}

/** A pass running on another thread over a chunk, from its start. */
interface Ahead {
  chunk: Chunk;
  out: PreparseOut;
  done: Promise<void>;
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
  const passRows = opts.passRows ?? PASS_ROWS;
  const reader = new Reader(opts.delimiter.charCodeAt(0), makeBuilder, passRows);
  const handle = await open(file, "r");
  /** Result arrays of the passes run ahead, one per chunk buffer. */
  let aheadOuts: PreparseOut[] | undefined;
  let ahead: Ahead | undefined;
  try {
    const chunks = new ChunkFile(handle, opts.chunkBytes ?? CHUNK_BYTES);
    const fileBytes = (await handle.stat()).size;
    let reserved = false;
    /** The share of a chunk a pass ahead takes (see below). */
    let share = 1;
    let slot = 0;
    let cur = chunks.read(slot, new Uint8Array(0));
    // The header first, so that a pass over the next chunk can start before this one is read.
    let from = reader.header(cur.buf, 0, cur.limit, cur.final);
    for (;;) {
      let next: Chunk | undefined;
      if (!cur.final) next = chunks.read(1 - slot, cur.buf.subarray(cur.limit, cur.filled));
      // This chunk's pass (if one ran ahead) must be done before the next one starts.
      const pre = ahead?.chunk === cur ? ahead : undefined;
      if (ahead) {
        // The worker's share of a chunk follows whichever thread waited: its passes and
        // this thread's reading and interning take about as long, and the balance moves
        // with the file's shape (many titles or few, long rows or short).
        if (Atomics.load(ahead.out.meta, META_FLAGS) & PASS_DONE) share = Math.min(1, share + SHARE_STEP);
        else share = Math.max(0.5, share - SHARE_STEP);
        await ahead.done;
      }
      ahead = undefined;
      const setup = reader.setup;
      if (next && opts.offload && setup) {
        aheadOuts ??= [0, 1].map(() => preparseOut(setup.pass, passRows, setup.numbers - setup.plan.numeric.length, true));
        const out = aheadOuts[1 - slot];
        // The worker takes the chunk's first `share` (to a line end); this thread passes the rest.
        const cut = share < 1 ? next.buf.lastIndexOf(LF, Math.floor(share * next.limit)) + 1 : next.limit;
        const whole = cut === next.limit || cut <= 0;
        const limit = whole ? next.limit : cut;
        Atomics.store(out.meta, META_FLAGS, 0); // the last pass's PASS_DONE
        const done = opts.offload({ buf: next.buf, from: 0, limit, final: whole && next.final, plan: setup.pass, out });
        if (done) ahead = { chunk: next, out, done };
      }
      const consumed = reader.records(cur.buf, from, cur.limit, cur.final, pre?.out);
      from = 0;
      if (!reserved && reader.setup && consumed > 0) {
        // Columns sized from the first chunk's rows per byte: growing them by doubling
        // would copy each several times. At most twice the file's size in memory, should
        // the first rows be far shorter than the rest.
        reserved = true;
        const rows = reader.setup.builder.assembler.rows;
        const rowBytes = 8 * reader.setup.numbers + 12;
        const estimate = (n: number) => Math.min(Math.ceil(((n * fileBytes) / consumed) * 1.02), Math.floor((2 * fileBytes) / rowBytes));
        if (rows > 0) reader.setup.builder.assembler.reserve(estimate(rows));
        // Titles too, in the proportion of the first chunk's.
        reader.titleBytes.reserve(estimate(reader.titleBytes.count));
      }
      if (cur.final) {
        if (consumed < cur.filled) throw new Error(`readCsvBytesInto: ${cur.filled - consumed} bytes left at the end of ${file}`);
        break;
      }
      if (consumed < cur.limit) {
        // A quoted record runs on into the next chunk: it goes first, so the next chunk is
        // read again after it, and a pass that assumed a record began there is dropped.
        if (ahead) await ahead.done;
        ahead = undefined;
        const rest = Buffer.concat([cur.buf.subarray(consumed, cur.limit), next!.buf.subarray(0, next!.filled)]);
        next = chunks.read(slot, rest);
        slot = 1 - slot;
      }
      cur = next!;
      slot = 1 - slot;
    }
    return reader.finish() ?? decline("no header line (csv-parse reports the empty file)");
  } catch (e) {
    if (e instanceof Decline) return decline(e.message);
    if (e instanceof UserError) return decline(`csv-parse words this error: ${e.message}`);
    throw e;
  } finally {
    // A pass still running reads the buffers: let it end before the file is given up.
    if (ahead) await ahead.done.catch(() => undefined);
    await handle.close();
  }
}
