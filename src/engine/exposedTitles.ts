/**
 * How many titles have at least one row in a class that holds no other title (d = 1):
 * the count behind title_exposed_fraction (measures/metrics.ts). One pass over rows;
 * on T threads each marks the titles of its block of rows in one shared byte per
 * title (two threads may mark one title, both writing 1), then the marks are counted.
 * A count of marks does not depend on who set them, so every T gives the same number.
 *
 * Example: titles [A, A, B, C] in classes [0, 0, 0, 1] with d = [2, 1]: only row 3's
 * class has d = 1, so one title (C) is exposed.
 */
import type { Catalog } from "../catalog/catalog.js";
import { groupContext, type GroupOptions } from "./group.js";
import { KERNELS } from "./kernels.js";
import { scratchFor, type Partition } from "./partition.js";
import { runKernel } from "./pool.js";
import { shareColumns } from "./sharedColumns.js";

export function exposedTitleCount(catalog: Catalog, part: Partition, classTitles: Int32Array, options: GroupOptions = {}): number {
  const titleCount = catalog.titleNames.length;
  const ctx = groupContext(catalog.rows, options, scratchFor(catalog));
  const shared = ctx.threads > 1 && part.classOf.buffer instanceof SharedArrayBuffer && classTitles.buffer instanceof SharedArrayBuffer;
  const exposed = shared ? new Uint8Array(new SharedArrayBuffer(titleCount)) : new Uint8Array(titleCount);
  if (shared) {
    shareColumns(catalog, []);
    runKernel("markExposed", { titles: catalog.titleCodes, classOf: part.classOf, classTitles, exposed }, ctx.threads);
  } else {
    KERNELS.markExposed({ titles: catalog.titleCodes, classOf: part.classOf, classTitles, exposed }, 0, 1);
  }
  let count = 0;
  for (let t = 0; t < titleCount; t++) count += exposed[t];
  return count;
}
