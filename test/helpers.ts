import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { makeCatalog, type Catalog, type NumericField } from "../src/catalog/catalog.js";
import { itemColumns, itemValues } from "../src/catalog/describe.js";

export const repoRoot = resolve(fileURLToPath(import.meta.url), "../..");
/** CI sets FPRISK_DATA_DIR to the shared datasets; a checkout next to shared/ finds them too. */
export const dataDir = process.env.FPRISK_DATA_DIR ?? resolve(repoRoot, "../shared/datasets");

/** A small catalog from plain arrays (NaN or null = missing). */
export function catalogOf(titles: string[], numeric: Partial<Record<NumericField, (number | null)[]>> = {}): Catalog {
  const dict = new Map<string, number>();
  const titleNames: string[] = [];
  const titleCodes = Int32Array.from(titles, (t) => {
    let c = dict.get(t);
    if (c === undefined) {
      c = titleNames.length;
      dict.set(t, c);
      titleNames.push(t);
    }
    return c;
  });
  const cols: Catalog["numeric"] = {};
  for (const [k, v] of Object.entries(numeric)) cols[k as NumericField] = Float64Array.from(v!, (x) => (x === null ? NaN : x));
  return makeCatalog({ source: "test", rows: titles.length, titleCodes, titleNames, numeric: cols });
}

/** A tidy table's rows as objects keyed by column (for assertions on artifact data). */
export function tableRecords(table: { columns: string[]; rows: unknown[][] }): Record<string, string | number>[] {
  return table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c, r[i] as string | number])));
}

/** Run `fn` with environment variables set (undefined = unset), restoring them after. */
export function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** A catalog's items as plain objects, as `inspect --items` prints them. */
export function itemRecords(c: Catalog): Record<string, string | number | null>[] {
  const cols = itemColumns(c);
  const out = [];
  for (let i = 0; i < c.rows; i++) {
    const v = itemValues(c, i, cols);
    out.push(Object.fromEntries(cols.map((k, j) => [k, v[j]])));
  }
  return out;
}
