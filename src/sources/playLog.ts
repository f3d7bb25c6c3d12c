/**
 * A play log: which server (or account) played which item, as a table of plays
 * (`server_id, duration_ms, bitrate_kbps, …`, optionally a time), reduced to what the
 * multi-play attacks need: the distinct items, and per server the distinct items it
 * played.
 *
 *   playLogFromRows({ source: "plays.csv", serverIds: ["a", "b"], server: Int32Array.of(0, 0, 1),
 *                     numeric: { duration_ms: Float64Array.of(5000, 5000, 7000) }, text: {} })
 *   // items: 2 rows (5000 ms, 7000 ms); server "a" played item 0 (twice: one distinct play),
 *   // server "b" item 1
 *
 * A play is its item's attribute tuple: every numeric and text field the log has, in
 * `NUMERIC_FIELDS` then `TEXT_FIELDS` order (the server and the time are not part of
 * it). Two plays are the same item when every field is equal (missing equals missing).
 * Items are sorted by that tuple, ascending, missing last: the order SQL's
 * `ORDER BY f1, f2, … NULLS LAST` gives, so the item's row number breaks ties the way
 * SQL does (text compares by UTF-16 code units here and by bytes in SQL; they differ
 * only between characters beyond U+FFFF and U+E000…U+FFFF).
 *
 * Each distinct item is its own title in `items` (a log has no titles), so the metrics
 * of `items` are per distinct play.
 */
import { NUMERIC_FIELDS, TEXT_FIELDS, type Catalog, type NumericField, type TextField } from "../catalog/catalog.js";
import { UserError } from "../base/errors.js";
import type { SqlDialect } from "./relation.js";

export interface PlayLog {
  /** The log as the user named it. */
  source: string;
  /** One row per distinct item (attribute tuple), sorted by the tuple. */
  items: Catalog;
  /** Server j played items[offsets[j] .. offsets[j+1]) (item rows, distinct, ascending). */
  servers: { offsets: Int32Array; items: Int32Array };
  /** Server j's id as text. */
  serverIds: string[];
  /** Rows (plays) in the log, repeats included. */
  plays: number;
}

/** The fields of a play log, in tuple order. */
export function playFields(items: Catalog): (NumericField | TextField)[] {
  return [...NUMERIC_FIELDS.filter((f) => items.numeric[f]), ...TEXT_FIELDS.filter((f) => items.text[f])];
}

/** Whether a text cell is missing (as the catalog's category keys read it). */
function blank(s: string): boolean {
  return s.trim() === "";
}

/**
 * Plays as columns: play r was played by server `server[r]` (an index into serverIds)
 * and is the item in row `rowOf[r]` of the columns (row r when `rowOf` is absent; a
 * generator's plays point into its catalog this way, so the tuples are sorted once per
 * catalog row rather than once per play).
 */
export interface PlayRows {
  source: string;
  serverIds: string[];
  server: Int32Array;
  rowOf?: Int32Array;
  numeric: Partial<Record<NumericField, Float64Array>>;
  text: Partial<Record<TextField, string[]>>;
}

/** Compares rows a and b of the given columns by tuple, missing last. */
function tupleComparator(numeric: Float64Array[], text: string[][]): (a: number, b: number) => number {
  return (a, b) => {
    for (const col of numeric) {
      const x = col[a];
      const y = col[b];
      if (x === y || (x !== x && y !== y)) continue;
      if (x !== x) return 1;
      if (y !== y) return -1;
      return x < y ? -1 : 1;
    }
    for (const col of text) {
      const x = col[a];
      const y = col[b];
      if (x === y) continue;
      const bx = blank(x);
      const by = blank(y);
      if (bx || by) {
        if (bx && by) continue;
        return bx ? 1 : -1;
      }
      return x < y ? -1 : 1;
    }
    return 0;
  };
}

/**
 * The play log of a table of plays: distinct items sorted by tuple, each server's
 * distinct items. Servers that played nothing are kept (with no items) only if listed
 * in `serverIds`; every id must be distinct.
 */
export function playLogFromRows(rows: PlayRows): PlayLog {
  const n = rows.server.length;
  const rowOf = rows.rowOf;
  const numFields = NUMERIC_FIELDS.filter((f) => rows.numeric[f]);
  const textFields = TEXT_FIELDS.filter((f) => rows.text[f]);
  if (numFields.length + textFields.length === 0) throw new UserError(`${rows.source}: a play log needs at least one item attribute (duration, bitrate, …)`);
  if (new Set(rows.serverIds).size !== rows.serverIds.length) throw new UserError(`${rows.source}: server ids must be distinct`);
  const numCols = numFields.map((f) => rows.numeric[f]!);
  const textCols = textFields.map((f) => rows.text[f]!);
  const width = numCols.length > 0 ? numCols[0].length : textCols[0].length;
  for (const c of [...numCols, ...textCols]) if (c.length !== width) throw new UserError(`${rows.source}: every column needs the same number of values`);
  if (!rowOf && width !== n) throw new UserError(`${rows.source}: every column needs one value per play`);
  // Only rows some play refers to become items.
  const used = new Uint8Array(width);
  for (let r = 0; r < n; r++) {
    const row = rowOf ? rowOf[r] : r;
    if (!(row >= 0 && row < width)) throw new UserError(`${rows.source}: play ${r} refers to row ${row}, outside 0..${width - 1}`);
    used[row] = 1;
  }
  const cmp = tupleComparator(numCols, textCols);
  const order = Int32Array.from({ length: width }, (_, i) => i)
    .filter((i) => used[i] === 1)
    .sort((a, b) => cmp(a, b) || a - b);
  const itemOfRow = new Int32Array(width);
  const firstRows: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const r = order[k];
    if (k === 0 || cmp(order[k - 1], r) !== 0) firstRows.push(r);
    itemOfRow[r] = firstRows.length - 1;
  }
  const itemOf = rowOf ? Int32Array.from(rowOf, (row) => itemOfRow[row]) : itemOfRow;
  const m = firstRows.length;
  const numeric: Partial<Record<NumericField, Float64Array>> = {};
  numFields.forEach((f, j) => (numeric[f] = Float64Array.from(firstRows, (r) => numCols[j][r])));
  const text: Partial<Record<TextField, string[]>> = {};
  textFields.forEach((f, j) => (text[f] = firstRows.map((r) => (blank(textCols[j][r]) ? "" : textCols[j][r]))));
  const items = itemsCatalog(rows.source, m, numeric, text);
  return { source: rows.source, items, servers: serverItems(rows.server, itemOf, rows.serverIds.length, rows.source), serverIds: rows.serverIds, plays: n };
}

/**
 * The catalog of a log's distinct items: each its own title, the fields as given (no
 * bitrate derived from size: the fields are the play's tuple, as SQL sees it).
 */
export function itemsCatalog(source: string, rows: number, numeric: Partial<Record<NumericField, Float64Array>>, text: Partial<Record<TextField, string[]>>): Catalog {
  return {
    source,
    rows,
    titleCodes: Int32Array.from({ length: rows }, (_, i) => i),
    titleNames: Array.from({ length: rows }, (_, i) => `item ${i}`),
    numeric,
    text,
    precision: {},
    provenance: {},
    rejected: {},
    notes: [],
  };
}

/** Per server its distinct item rows, ascending (CSR). */
export function serverItems(server: Int32Array, itemOf: Int32Array, servers: number, source: string): { offsets: Int32Array; items: Int32Array } {
  const n = server.length;
  const offsets = new Int32Array(servers + 1);
  for (let r = 0; r < n; r++) {
    const s = server[r];
    if (!(s >= 0 && s < servers)) throw new UserError(`${source}: play ${r} names server ${s}, outside 0..${servers - 1}`);
    offsets[s + 1]++;
  }
  for (let s = 0; s < servers; s++) offsets[s + 1] += offsets[s];
  const all = new Int32Array(n);
  const fill = offsets.slice(0, servers);
  for (let r = 0; r < n; r++) all[fill[server[r]]++] = itemOf[r];
  // Sort and deduplicate each server's items in place, then compact.
  const out = new Int32Array(servers + 1);
  let w = 0;
  for (let s = 0; s < servers; s++) {
    const seg = all.subarray(offsets[s], offsets[s + 1]).sort();
    out[s] = w;
    for (let k = 0; k < seg.length; k++) if (k === 0 || seg[k] !== seg[k - 1]) all[w++] = seg[k];
  }
  out[servers] = w;
  return { offsets: out, items: all.slice(0, w) };
}

/**
 * A play log that stays where it lives, read by SQL (engine/sql/unicitySql.ts): `from`
 * yields one row per play with `server` (text, never NULL) and the catalog fields
 * listed, in internal units, NULL = missing — the columns of a `SqlRelation` with
 * `server` in place of `title`.
 */
export interface PlayLogRelation {
  dialect: SqlDialect;
  from: string;
  numeric: NumericField[];
  text: TextField[];
  source: string;
}
