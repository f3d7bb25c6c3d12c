import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Catalog } from "../../src/catalog/catalog.js";
import { partition, scratchFor } from "../../src/engine/partition.js";
import { closePool } from "../../src/engine/pool.js";
import { newPhaseTimes } from "../../src/engine/phases.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { bucketKeys } from "../../src/schemes/generalize.js";
import { generateVideoLibrary } from "../../src/sources/synthetic/synthetic.js";
import { catalogOf } from "../helpers.js";

afterAll(() => closePool());

const SCHEMES = [
  "duration=exact,bitrate=exact,resolution=exact",
  "duration=round(1s),bitrate=round(10kbps)",
  "duration=floor(10min),bitrate=floor(2Mbps),resolution=class",
  "duration=quantile(4),bitrate=ladder(1,3,6Mbps)",
  "bitrate=rround(100kbps,seed=3),duration=geom(60000ms,seed=7,scale=5)",
  "resolution=height",
  "none",
];

/** Thresholds lowered so that small inputs take every threaded path (see group.ts). */
const small = { parallelFrom: 0, localLimit: 3, rowsPerPartition: 4 };

/** Brute force: class c is the c-th distinct tuple of bucket keys met in row order. */
function reference(catalog: ReturnType<typeof catalogOf>, scheme: string): number[] {
  const parsed = parseScheme(scheme);
  const keys = parsed.parts.map((p) => bucketKeys(p, catalog));
  const seen = new Map<string, number>();
  return Array.from({ length: catalog.rows }, (_, i) => {
    const k = keys.map((col) => (Object.is(col[i], -0) ? "0" : String(col[i]))).join("|");
    if (!seen.has(k)) seen.set(k, seen.size);
    return seen.get(k)!;
  });
}

const value = (values: number[]) => fc.oneof(fc.constantFrom(...values), fc.constant(null));

describe("partition", () => {
  it("gives the brute-force classes, identically on 1, 2, 3 and 8 threads", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            title: fc.constantFrom("A", "B", "C", "D"),
            duration: value([60_000, 61_000, 3_600_000, 5_400_000.5]),
            bitrate: value([900, 2500.5, 4000, 8000]),
            width: value([1280, 1920, 3840]),
            height: value([720, 1080, 800, 2160]),
          }),
          { maxLength: 60 },
        ),
        fc.constantFrom(...SCHEMES),
        (rows, scheme) => {
          const catalog = catalogOf(
            rows.map((r) => r.title),
            {
              duration_ms: rows.map((r) => r.duration),
              bitrate_kbps: rows.map((r) => r.bitrate),
              width: rows.map((r) => r.width),
              height: rows.map((r) => r.height),
            },
          );
          const parsed = parseScheme(scheme);
          const ref = reference(catalog, scheme);
          for (const threads of [1, 2, 3, 8]) {
            const p = partition(catalog, parsed, { threads, ...small });
            expect([...p.classOf]).toEqual(ref);
            expect(p.classCount).toBe(new Set(ref).size);
            const sizes = new Array(p.classCount).fill(0);
            for (const c of ref) sizes[c]++;
            expect([...p.classSize]).toEqual(sizes);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it("resolution shortcut and chunked keys on a larger catalog: the same classes on 1 and 2 threads, phases recorded", () => {
    const catalog = generateVideoLibrary({ rows: 80_000, seed: 5 });
    for (const scheme of ["duration=floor(10min),bitrate=floor(2Mbps),resolution=class", "duration=exact,resolution=exact"]) {
      const one = partition(catalog, parseScheme(scheme), { threads: 1 });
      const phases = newPhaseTimes();
      const two = partition(catalog, parseScheme(scheme), { threads: 2, parallelFrom: 0, phases });
      expect(two.classCount).toBe(one.classCount);
      expect(Buffer.from(two.classOf.buffer).equals(Buffer.from(one.classOf.buffer))).toBe(true);
      expect([...two.classSize]).toEqual([...one.classSize]);
      expect(phases.group).toBeGreaterThan(0);
    }
  });

  it("rejects a thread count that is not a whole number ≥ 1", () => {
    const catalog = catalogOf(["A"], { duration_ms: [1] });
    expect(() => partition(catalog, parseScheme("duration=exact"), { threads: 0 })).toThrow(/threads must be a whole number/);
    expect(() => partition(catalog, parseScheme("duration=exact"), { threads: 1.5 })).toThrow(/threads must be a whole number/);
  });

  it("lets the catalog's scratch pool go with the catalog", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    let catalog: Catalog | undefined = generateVideoLibrary({ rows: 70_000, seed: 2 });
    partition(catalog, parseScheme("duration=exact,bitrate=round(10kbps)"), { threads: 2, parallelFrom: 0 });
    const pool = new WeakRef(scratchFor(catalog));
    const buffer = new WeakRef(scratchFor(catalog).int32(catalog.rows).buffer);
    catalog = undefined;
    for (let i = 0; i < 20 && (pool.deref() || buffer.deref()); i++) {
      await new Promise((r) => setTimeout(r, 10));
      gc();
    }
    expect(pool.deref()).toBeUndefined();
    expect(buffer.deref()).toBeUndefined();
  });
});
