/**
 * The byte-level half of reading a CSV (csvBytes.ts), as a pass that needs no state but its
 * arguments: for a run of unquoted records, each record's line and bounds, its plain numbers
 * and the bounds and hashes of the cells the reader interns (the title, a resolution, text
 * columns), written into arrays that may be shared. Being stateless, a pass over the next
 * chunk can run on a worker thread while the reader does the ordered half of this one
 * (titles into the dictionary, rows to the builder); with one thread the reader runs the
 * passes itself. Either way the rows and their order are the same.
 *
 * A pass stops at the first record holding a quote (the reader tokenizes those itself, as
 * csv-parse would), at a CR that does not end a line (the reader declines the file), or
 * when its arrays are full. A row it cannot settle (a field count other than the header's,
 * a number that is not a plain decimal, a negative or infinite one) is marked for the
 * reader, which hands it to the builder's own parsers.
 *
 *   preparse({ buf, from: 0, limit: buf.length, final: true, plan, out });
 *   out.meta  // [rows, where the pass stopped, lines passed, flags]
 */

import { decimalValue } from "../../catalog/units.js";

export const LF = 10;
export const CR = 13;
export const QUOTE = 34;
const SPACE = 32;
const TAB = 9;

/** out.meta's entries. */
export const META_ROWS = 0;
export const META_STOP = 1;
export const META_LINES = 2;
export const META_FLAGS = 3;

/** Flags in out.meta[META_FLAGS]. */
export const SAW_LF = 1;
export const SAW_CRLF = 2;
/** The pass stopped at a CR that does not end a line (csv-parse would read it as data). */
export const LONE_CR = 4;
/** The pass stopped at a record holding a quote. */
export const AT_QUOTE = 8;
/** Set last, when the pass is done (another thread may look before it is). */
export const PASS_DONE = 16;

/** A row's kind: bit 0 set when the reader must read it itself; bit 1 + j when cell j's bytes equal the previous row's. */
export const FOR_READER = 1;

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
  return decimalValue(mantissa, exp, negative);
}

/** FNV-1a of bytes [s, e): the reader's byte dictionaries key on it. */
export function hashBytes(buf: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h | 0; // as an Int32Array holds it, also for no bytes at all
}

/**
 * Field bounds of one unquoted record, bytes [s, end): the first `room` fields' starts and
 * ends go to `starts`/`ends`; returns how many fields there are.
 */
export function splitFields(buf: Uint8Array, s: number, end: number, delim: number, starts: Int32Array, ends: Int32Array, room: number): number {
  let f = 0;
  for (;;) {
    let e = s;
    while (e < end && buf[e] !== delim) e++;
    if (f < room) {
      starts[f] = s;
      ends[f] = e;
    }
    f++;
    if (e === end) return f;
    s = e + 1;
  }
}

/** What a pass needs of the reader's RecordPlan, as numbers and small arrays. */
export interface PreparsePlan {
  delim: number;
  /** Fields a record must have (the header's); more are allowed when extraFieldsIgnored. */
  fields: number;
  extraFieldsIgnored: boolean;
  /** Numeric columns: field, the exponent and mantissa a plain decimal is read with, and whether it may be read so at all. */
  numericIndex: Int32Array;
  numericExponent: Int32Array;
  numericMantissa: Float64Array;
  numericPlain: Uint8Array;
  /** Fields whose bytes the reader interns: the title, then a resolution and text columns. */
  cells: Int32Array;
}

/** A pass's results, `rows` entries each (shared when the pass runs on a worker). */
export interface PreparseOut {
  /** FOR_READER, and the cells equal to the previous row's (see FOR_READER). */
  kind: Uint8Array;
  /** The record's line, counted from 0 at the pass's first line (the reader makes it the file's line). */
  line: Int32Array;
  /** Written by the reader: the row's title code. */
  codes: Int32Array;
  /** The record's bytes without its line end. */
  recordStart: Int32Array;
  recordEnd: Int32Array;
  /** Per row and cell (row * cells + j): bounds and hash; the hash only where the cell differs from the previous row's. */
  cellStart: Int32Array;
  cellEnd: Int32Array;
  cellHash: Int32Array;
  /** One array per numeric column, then two the reader fills (a resolution's width and height). */
  numbers: Float64Array[];
  meta: Int32Array;
}

export interface PreparseArgs {
  buf: Uint8Array;
  from: number;
  /** Just past a line end, or the end of the file when `final`. */
  limit: number;
  final: boolean;
  plan: PreparsePlan;
  out: PreparseOut;
}

/** Result arrays for `rows` rows (in shared memory when `shared`, for a worker to write). */
export function preparseOut(plan: PreparsePlan, rows: number, extraNumbers: number, shared: boolean): PreparseOut {
  const bytes = (n: number) => (shared ? new SharedArrayBuffer(n) : new ArrayBuffer(n));
  const cells = plan.cells.length;
  return {
    kind: new Uint8Array(bytes(rows)),
    line: new Int32Array(bytes(4 * rows)),
    codes: new Int32Array(bytes(4 * rows)),
    recordStart: new Int32Array(bytes(4 * rows)),
    recordEnd: new Int32Array(bytes(4 * rows)),
    cellStart: new Int32Array(bytes(4 * rows * cells)),
    cellEnd: new Int32Array(bytes(4 * rows * cells)),
    cellHash: new Int32Array(bytes(4 * rows * cells)),
    numbers: Array.from({ length: plan.numericIndex.length + extraNumbers }, () => new Float64Array(bytes(8 * rows))),
    meta: new Int32Array(bytes(16)),
  };
}

/** One pass over buf[from, limit) (see the top of this file); a kernel (args, t, T) for the engine's worker threads. */
export function preparse(a: PreparseArgs): void {
  const { plan, out } = a;
  const buf = Buffer.from(a.buf.buffer, a.buf.byteOffset, a.buf.byteLength);
  const { limit, final } = a;
  const delim = plan.delim;
  const F = plan.fields;
  const starts = new Int32Array(F);
  const ends = new Int32Array(F);
  const cells = plan.cells;
  const C = cells.length;
  const numericIndex = plan.numericIndex;
  const K = numericIndex.length;
  const cap = out.kind.length;
  const { kind, line: lineOut, recordStart, recordEnd, cellStart, cellEnd, cellHash, numbers } = out;
  let pos = a.from;
  let line = 0;
  let n = 0;
  let flags = 0;
  /** Whether the previous row's cells are in cellStart/cellEnd (it was not left to the reader). */
  let prevKept = false;
  // Next quote and CR at or after pos (limit when none), searched again only once passed:
  // searching afresh on every line for a byte the file lacks would scan to the end each time.
  let nextQuote = -1;
  let nextCR = -1;
  while (pos < limit && n < cap) {
    let lf = buf.indexOf(LF, pos);
    if (lf < 0 || lf >= limit) {
      if (!final) break;
      lf = limit;
    }
    if (nextQuote < pos) {
      nextQuote = buf.indexOf(QUOTE, pos);
      if (nextQuote < 0 || nextQuote >= limit) nextQuote = limit;
    }
    if (nextQuote < lf) {
      flags |= AT_QUOTE;
      break;
    }
    const crlf = lf > pos && buf[lf - 1] === CR;
    const contentEnd = crlf ? lf - 1 : lf;
    if (nextCR < pos) {
      nextCR = buf.indexOf(CR, pos);
      if (nextCR < 0 || nextCR >= limit) nextCR = limit;
    }
    // A CR inside a line, or one ending the file without its LF.
    if (nextCR < contentEnd || (crlf && lf === limit)) {
      flags |= LONE_CR;
      break;
    }
    if (lf < limit) flags |= crlf ? SAW_CRLF : SAW_LF;
    if (contentEnd > pos) {
      const f = splitFields(buf, pos, contentEnd, delim, starts, ends, F);
      lineOut[n] = line;
      recordStart[n] = pos;
      recordEnd[n] = contentEnd;
      let k = f === F || (f > F && plan.extraFieldsIgnored) ? 0 : FOR_READER;
      for (let c = 0; c < K && k === 0; c++) {
        let s = starts[numericIndex[c]];
        let e = ends[numericIndex[c]];
        while (s < e && (buf[s] === SPACE || buf[s] === TAB)) s++;
        while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
        let x = NaN;
        if (s < e) {
          if (plan.numericPlain[c] === 0) {
            k = FOR_READER;
            break;
          }
          x = scanDecimalBytes(buf, s, e, plan.numericExponent[c]);
          if (plan.numericMantissa[c] !== 1) x *= plan.numericMantissa[c];
          // Not plain, negative or infinite: the builder parses or words the rejection.
          if (!(x >= 0 && x !== Infinity)) {
            k = FOR_READER;
            break;
          }
        }
        numbers[c][n] = x;
      }
      if (k === 0) {
        for (let j = 0; j < C; j++) {
          const s = starts[cells[j]];
          const e = ends[cells[j]];
          const at = n * C + j;
          cellStart[at] = s;
          cellEnd[at] = e;
          if (prevKept) {
            const ps = cellStart[at - C];
            if (cellEnd[at - C] - ps === e - s) {
              let i = 0;
              while (i < e - s && buf[s + i] === buf[ps + i]) i++;
              if (i === e - s) {
                k |= 2 << j;
                continue;
              }
            }
          }
          cellHash[at] = hashBytes(buf, s, e);
        }
      }
      kind[n] = k;
      prevKept = (k & FOR_READER) === 0;
      n++;
    }
    line++;
    pos = lf + 1;
  }
  out.meta[META_ROWS] = n;
  out.meta[META_STOP] = Math.min(pos, limit);
  out.meta[META_LINES] = line;
  Atomics.store(out.meta, META_FLAGS, flags | PASS_DONE);
}
