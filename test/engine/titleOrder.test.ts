import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { titleOrder } from "../../src/engine/titleOrder.js";
import { catalogOf } from "../helpers.js";

describe("titleOrder", () => {
  it("null when rows are grouped by title already", () => {
    expect(titleOrder(catalogOf(["A", "A", "B"]))).toBeNull();
  });

  it("a stable counting sort of rows by title code, in shared memory", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("A", "B", "C", "D"), { maxLength: 60 }), (titles) => {
        const catalog = catalogOf(titles);
        const order = titleOrder(catalog);
        const expected = [...titles.keys()].sort((a, b) => catalog.titleCodes[a] - catalog.titleCodes[b] || a - b);
        if (order === null) {
          expect(expected).toEqual([...titles.keys()]);
        } else {
          expect([...order]).toEqual(expected);
          expect(order.buffer).toBeInstanceOf(SharedArrayBuffer);
        }
      }),
    );
  });
});
