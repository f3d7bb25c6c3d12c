import { describe, expect, it } from "vitest";
import { sharedFloat64 } from "../../src/base/densify.js";
import { classTable, codesOverClasses, pairTableOf } from "../../src/engine/classTable.js";
import { CTL_DONE, CTL_NEXT, CTL_READY } from "../../src/engine/kernelControl.js";
import { partition } from "../../src/engine/partition.js";
import { closePool, runKernel } from "../../src/engine/pool.js";
import { totalsSlot } from "../../src/engine/rollup.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

describe("kernel control slots", () => {
  it("are three distinct slots of the pool's four-slot control array", () => {
    const slots = [CTL_DONE, CTL_READY, CTL_NEXT];
    expect(new Set(slots).size).toBe(3);
    for (const s of slots) expect(s >= 0 && s < 4).toBe(true);
  });

  it("CTL_NEXT starts at 0 on every call: every piece claimed through it is taken, call after call, on 1, 2 and 3 threads", () => {
    // rollUpSchemes claims its schemes through CTL_NEXT; a scheme nobody claimed (a
    // counter left where the previous call stopped) would leave its slot NaN.
    const c = catalogOf(["a", "a", "b", "c", "c", "d"], { duration_ms: [1000, 2000, 3000, 61_000, 62_000, 120_000] });
    const t = classTable(c, partition(c, parseScheme("duration=exact")));
    const schemes = ["duration=exact", "duration=round(1min)", "none", "duration=floor(10s)", "duration=round(5s)", "duration=round(1h)", "duration=exact"]
      .map(parseScheme)
      .map((s) => ({ keys: s.parts.map((p) => `${p.attribute}${p.generalizer.kind}`), codes: s.parts.map((p) => codesOverClasses(t, { parts: [p] })) }));
    const slot = totalsSlot(t.rows);
    for (const threads of [1, 2, 3]) {
      for (let call = 0; call < 2; call++) {
        const out = sharedFloat64(schemes.length * slot).fill(NaN);
        runKernel("rollUpSchemes", { table: pairTableOf(t), schemes, out, slot }, threads);
        expect(schemes.map((_, s) => out[s * slot] > 0)).toEqual(schemes.map(() => true));
      }
    }
    closePool();
  });
});
