/**
 * Per-class title statistics: for each class, how many distinct titles it holds
 * and Σ over those titles of (rows of that title in the class)². Both follow from
 * one pass over rows in title order: all rows of a title arrive together, so a
 * class sees a title as one uninterrupted run.
 */
import type { Catalog } from "../catalog/catalog.js";
import type { Partition } from "./partition.js";
import { titleOrder } from "./titleOrder.js";

export interface ClassStats {
  /** Distinct titles per class (d). */
  classTitles: Int32Array;
  /** Σ_titles c² per class, where c = rows of the title in the class. */
  classTitleSquares: Float64Array;
}

export function classStats(catalog: Catalog, part: Partition): ClassStats {
  const k = part.classCount;
  const classTitles = new Int32Array(k);
  const classTitleSquares = new Float64Array(k);
  const lastTitle = new Int32Array(k).fill(-1);
  const run = new Int32Array(k);
  const order = titleOrder(catalog);
  const titles = catalog.titleCodes;
  const classOf = part.classOf;
  const n = catalog.rows;
  for (let j = 0; j < n; j++) {
    const i = order === null ? j : order[j];
    const c = classOf[i];
    const t = titles[i];
    if (lastTitle[c] !== t) {
      const r = run[c];
      classTitleSquares[c] += r * r;
      classTitles[c]++;
      lastTitle[c] = t;
      run[c] = 0;
    }
    run[c]++;
  }
  for (let c = 0; c < k; c++) {
    const r = run[c];
    classTitleSquares[c] += r * r;
  }
  return { classTitles, classTitleSquares };
}
