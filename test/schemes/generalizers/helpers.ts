/** Small helpers shared by the per-generalizer tests. */
import fc from "fast-check";
import { makeCatalog, type Catalog, type NumericField } from "../../../src/catalog/catalog.js";
import { bucketKeys, type Attribute, type Generalizer, type SchemePart } from "../../../src/schemes/index.js";

const FIELD: Record<string, NumericField> = { duration: "duration_ms", bitrate: "bitrate_kbps", fps: "fps", size: "size_bytes" };

/** A catalog of one row per value of each given column. */
export function catalogWith(numeric: Partial<Record<NumericField, number[]>>, text: Catalog["text"] = {}): Catalog {
  const rows = Object.values(numeric)[0]?.length ?? Object.values(text)[0]?.length ?? 0;
  const cols: Catalog["numeric"] = {};
  for (const [k, v] of Object.entries(numeric)) cols[k as NumericField] = Float64Array.from(v!);
  return makeCatalog({ source: "test", rows, titleCodes: new Int32Array(rows), titleNames: ["t"], numeric: cols, text });
}

/** Keys of a scalar attribute's generalizer over plain values. */
export function keys(attribute: Attribute, g: Generalizer, values: number[]): number[] {
  return Array.from(bucketKeys({ attribute, generalizer: g }, catalogWith({ [FIELD[attribute]]: values })));
}

/** Keys of a resolution generalizer over [width, height] pairs. */
export function resKeys(g: Generalizer, pairs: [number, number][]): number[] {
  return Array.from(bucketKeys({ attribute: "resolution", generalizer: g }, catalogWith({ width: pairs.map((p) => p[0]), height: pairs.map((p) => p[1]) })));
}

export function part(attribute: Attribute, g: Generalizer): SchemePart {
  return { attribute, generalizer: g };
}

/** Equal finer keys imply equal coarser keys (what nesting claims), NaN being a key like any other. */
export function refinesOn(finer: ArrayLike<number>, coarser: ArrayLike<number>): boolean {
  const seen = new Map<string, number>();
  for (let i = 0; i < finer.length; i++) {
    const a = String(finer[i]);
    const prev = seen.get(a);
    if (prev === undefined) seen.set(a, coarser[i]);
    else if (!Object.is(prev, coarser[i])) return false;
  }
  return true;
}

/** Values a media attribute takes, with decimals, boundaries and missing ones. */
export const arbValue = fc.oneof(
  fc.integer({ min: -1000, max: 100_000 }),
  fc.integer({ min: -10_000, max: 1_000_000 }).map((k) => k / 10),
  fc.double({ min: -1e6, max: 1e7, noNaN: true }),
  fc.constantFrom(0, NaN, 0.3, 29_500, 30_400, 60_000, 90_000),
);
