/** Catalog helpers and fast-check generators shared by the scheme tests. */
import fc from "fast-check";
import { makeCatalog, type Catalog, type NumericField } from "../../src/catalog/catalog.js";
import {
  ALLOWED_GENERALIZERS,
  ATTRIBUTES,
  bucketKeys,
  type Attribute,
  type Generalizer,
  type ScalarAttribute,
  type Scheme,
  type SchemePart,
} from "../../src/schemes/index.js";

export function catalogOf(columns: Partial<Record<NumericField, number[]>>): Catalog {
  const rows = Object.values(columns)[0]?.length ?? 0;
  const numeric: Partial<Record<NumericField, Float64Array>> = {};
  for (const [k, v] of Object.entries(columns)) numeric[k as NumericField] = Float64Array.from(v);
  return makeCatalog({ source: "test", rows, titleCodes: new Int32Array(rows), titleNames: ["t"], numeric });
}

export function keys(attribute: Attribute, g: Generalizer, values: number[]): number[] {
  const field = { duration: "duration_ms", bitrate: "bitrate_kbps", fps: "fps", size: "size_bytes" }[attribute as ScalarAttribute] as NumericField;
  return Array.from(bucketKeys({ attribute, generalizer: g }, catalogOf({ [field]: values })));
}

export function resKeys(g: Generalizer, pairs: [number, number][]): number[] {
  const cat = catalogOf({ width: pairs.map((p) => p[0]), height: pairs.map((p) => p[1]) });
  return Array.from(bucketKeys({ attribute: "resolution", generalizer: g }, cat));
}


// ---- generators ----

export const UNIT_FACTORS: Record<Attribute, number[]> = {
  duration: [1, 1000, 60_000, 3_600_000],
  bitrate: [0.001, 1, 1000, 1e6],
  size: [1, 1000, 1024, 1e6, 1024 ** 2, 1e9, 1024 ** 3],
  resolution: [1],
  fps: [1],
  codec: [],
  container: [],
};

export function arbWidth(attribute: Attribute): fc.Arbitrary<number> {
  if (attribute === "resolution") return fc.integer({ min: 1, max: 4096 });
  return fc.oneof(
    fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
    fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(...UNIT_FACTORS[attribute])).map(([n, f]) => n * f),
  );
}

export function arbGeneralizer(attribute: Attribute): fc.Arbitrary<Generalizer> {
  const options: fc.Arbitrary<Generalizer>[] = [];
  for (const kind of ALLOWED_GENERALIZERS[attribute]) {
    switch (kind) {
      case "exact":
      case "class":
      case "height":
        options.push(fc.constant({ kind }));
        break;
      case "round":
      case "floor":
        options.push(arbWidth(attribute).map((width) => ({ kind, width })));
        break;
      case "sig":
        options.push(fc.integer({ min: 1, max: 15 }).map((digits) => ({ kind, digits })));
        break;
      case "log":
        options.push(fc.double({ min: 0.01, max: 1000, noNaN: true }).map((percent) => ({ kind, percent })));
        break;
      case "quantile":
        options.push(fc.integer({ min: 1, max: 1000 }).map((k) => ({ kind, k })));
        break;
      case "ladder":
        options.push(
          fc
            .uniqueArray(fc.oneof(fc.double({ min: -1e6, max: 1e9, noNaN: true }), arbWidth(attribute)), { minLength: 1, maxLength: 6 })
            .map((t) => ({ kind, thresholds: [...new Set(t.map((v) => (v === 0 ? 0 : v)))].sort((a, b) => a - b) })),
        );
        break;
      case "geom":
        options.push(
          fc
            .tuple(arbWidth(attribute), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.maxSafeNat(), fc.constantFrom("memo" as const, "fresh" as const))
            .map(([width, scale, seed, mode]) => ({ kind, width, scale, seed, mode })),
        );
        break;
      case "rround":
        options.push(
          fc
            .tuple(arbWidth(attribute), fc.maxSafeNat(), fc.constantFrom("memo" as const, "fresh" as const))
            .map(([width, seed, mode]) => ({ kind, width, seed, mode })),
        );
        break;
    }
  }
  return fc.oneof(...options);
}

export const arbScheme: fc.Arbitrary<Scheme> = fc
  .tuple(...ATTRIBUTES.map((a) => fc.option(arbGeneralizer(a), { nil: undefined })))
  .map((gs) => ({
    parts: gs.flatMap((g, i): SchemePart[] => (g ? [{ attribute: ATTRIBUTES[i], generalizer: g }] : [])),
  }));
