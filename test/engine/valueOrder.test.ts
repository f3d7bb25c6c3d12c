import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { partition } from "../../src/engine/partition.js";
import { choiceTable, isInterval, valueOrder } from "../../src/engine/valueOrder.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

/** Whether two labelings of the same items group them alike. */
function sameGrouping(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]) ?? b[i]) !== b[i] || (ba.get(b[i]) ?? a[i]) !== a[i]) return false;
    ab.set(a[i], b[i]);
    ba.set(b[i], a[i]);
  }
  return true;
}

describe("valueOrder", () => {
  it("sorts rows by the inner value, missing last, equal values in row order", () => {
    const c = catalogOf(["a", "b", "c", "d", "a"], { duration_ms: [61_000, null, 10_000, 59_000, 10_000] });
    const o = valueOrder(c, ["duration"], "duration");
    // Rows c, a (the second), d, a, b; titles numbered by first appearance in that order.
    expect([...o.title]).toEqual([0, 1, 2, 1, 3]);
    expect([...o.rank]).toEqual([0, 0, 1, 2, 3]);
    expect(o.ranks).toBe(4);
    const round = choiceTable(o, parseScheme("duration=round(1min)").parts[0]);
    // 10 s → 0 min, 59 s and 61 s → 1 min, missing on its own.
    expect(sameGrouping(round.lut, [0, 1, 1, 2])).toBe(true);
    expect(round).toMatchObject({ count: 3, interval: true });
  });

  it("codes each attribute's exact values, and a choice's table gives the choice's classes of every row", () => {
    const schemes = ["duration=round(1min)", "duration=sig(1)", "bitrate=log(20%)", "bitrate=exact", "resolution=class", "resolution=height", "duration=floor(10s)"].map((s) => parseScheme(s).parts[0]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.option(fc.integer({ min: 1, max: 400 })), fc.integer({ min: 1, max: 50 }), fc.constantFrom(480, 720, 1080)), { minLength: 1, maxLength: 40 }),
        fc.constantFrom("duration" as const, "bitrate" as const, null),
        fc.constantFrom(0, 3, undefined),
        (rows, inner, perRowAbove) => {
          const c = catalogOf(
            rows.map((r) => `t${r[0]}`),
            { duration_ms: rows.map((r) => (r[1] === null ? null : r[1] * 1000)), bitrate_kbps: rows.map((r) => r[2] * 100), width: rows.map((r) => (r[3] * 16) / 9), height: rows.map((r) => r[3]) },
          );
          // Tables by code, or by row for attributes with more than `perRowAbove` values.
          const o = valueOrder(c, ["duration", "bitrate", "resolution"], inner, { perRowAbove });

          for (const part of schemes) {
            const t = choiceTable(o, part);
            const codes = o.codes.get(part.attribute)!.codes;
            // Row i of the order, through the table, against the same rows partitioned directly — in the order's row order.
            const direct = partition(c, { parts: [part] }).classOf;
            const rowOf = sortedRows(c, inner);
            expect(sameGrouping(rowOf.map((r) => c.titleCodes[r]), o.title)).toBe(true);
            expect(t.perRow).toBe(part.attribute !== inner && (perRowAbove ?? Infinity) < o.codes.get(part.attribute)!.count);
            expect(sameGrouping(t.perRow ? t.lut : Array.from(codes, (code) => t.lut[code]), Array.from(rowOf, (r) => direct[r]))).toBe(true);
            expect(t.count).toBe(new Set(direct).size);
            if (part.attribute !== inner) expect(t.interval).toBe(false);
          }
        },
      ),
    );
  });

  it("tells interval tables from others", () => {
    expect(isInterval(Int32Array.from([0, 0, 1, 2, 2]), 3)).toBe(true);
    expect(isInterval(Int32Array.from([0, 1, 0]), 2)).toBe(false);
    expect(isInterval(Int32Array.from([1, 0, 0, 1]), 2)).toBe(false);
  });
});

/** The catalog's rows sorted by the inner value (missing last), ties in row order. */
function sortedRows(c: ReturnType<typeof catalogOf>, inner: "duration" | "bitrate" | null): number[] {
  const col = inner === null ? null : c.numeric[inner === "duration" ? "duration_ms" : "bitrate_kbps"]!;
  const rows = Array.from({ length: c.rows }, (_, i) => i);
  if (col) rows.sort((a, b) => (Number.isNaN(col[a]) ? (Number.isNaN(col[b]) ? a - b : 1) : Number.isNaN(col[b]) ? -1 : col[a] - col[b] || a - b));
  return rows;
}
