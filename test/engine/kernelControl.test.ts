import { describe, expect, it } from "vitest";
import { sharedFloat64 } from "../../src/base/densify.js";
import { CTL_DONE, CTL_NEXT, CTL_READY } from "../../src/engine/kernelControl.js";
import { closePool, runKernel } from "../../src/engine/pool.js";
import { totalsSlot } from "../../src/engine/sizeTotals.js";
import { sortedPrefix } from "../../src/engine/prefixOrder.js";
import { choiceTable, valueOrder } from "../../src/engine/valueOrder.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

describe("kernel control slots", () => {
  it("are three distinct slots of the pool's four-slot control array", () => {
    const slots = [CTL_DONE, CTL_READY, CTL_NEXT];
    expect(new Set(slots).size).toBe(3);
    for (const s of slots) expect(s >= 0 && s < 4).toBe(true);
  });

  it("CTL_NEXT starts at 0 on every call: every piece claimed through it is taken, call after call, on 1, 2 and 3 threads", () => {
    // sortPrefixes and scanSchemes claim their pieces through CTL_NEXT; a piece nobody
    // claimed (a counter left where the previous call stopped) would be left undone.
    const c = catalogOf(["a", "a", "b", "c", "c", "d"], { duration_ms: [1000, 2000, 3000, 61_000, 62_000, 120_000] });
    const order = valueOrder(c, ["duration"], "duration");
    const rows = { rows: order.rows, titles: order.titles, rank: order.rank, title: order.title };
    const texts = ["duration=exact", "duration=round(1min)", "none", "duration=floor(10s)", "duration=round(5s)", "duration=round(1h)", "duration=exact"];
    const prefixes = [0, 1, 2].map(() => sortedPrefix(order.rows, order.titles));
    const tasks = texts.map((t, at) => {
      const part = parseScheme(t).parts[0];
      return { order: prefixes[at % 3], inner: part ? choiceTable(order, part).lut : new Int32Array(order.ranks), at };
    });
    const slot = totalsSlot(order.rows);
    for (const threads of [1, 2, 3]) {
      for (let call = 0; call < 2; call++) {
        // Each prefix (none, three times over) a job: a job nobody claimed leaves its rows empty.
        for (const p of prefixes) p.meta.fill(-1);
        runKernel("sortPrefixes", { rows, jobs: prefixes.map((out) => ({ parts: [], out })) }, threads);
        expect(prefixes.map((p) => p.meta[0])).toEqual([6, 6, 6]);
        const out = sharedFloat64(tasks.length * slot).fill(NaN);
        runKernel("scanSchemes", { titles: order.titles, tasks, out, slot }, threads);
        expect(tasks.map((_, g) => out[g * slot] > 0)).toEqual(tasks.map(() => true));
      }
    }
    closePool();
  });
});
