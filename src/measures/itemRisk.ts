/**
 * Per-item risk under one partition: the item's class size f, how many of those
 * rows share its title (c), how many distinct titles the class holds (d), and the
 * class members. c / f is the item's contribution to `kappa` (the chance an
 * attacker picking a random class member names its title); d = 1 means one
 * observation names the title outright (`title_unique_fraction`).
 */
import type { Catalog } from "../catalog/catalog.js";
import { classStats } from "../engine/classStats.js";
import type { Partition } from "../engine/partition.js";

export interface ItemRisk {
  /** f per row. */
  classSize: Int32Array;
  /** c per row: rows in the row's class with the row's title (itself included). */
  sameTitle: Int32Array;
  /** d per row: distinct titles in the row's class. */
  classTitles: Int32Array;
  /** Class members as CSR: rows of class k are members[start[k] .. start[k+1]), ascending. */
  start: Int32Array;
  members: Int32Array;
}

export function itemRisk(catalog: Catalog, part: Partition): ItemRisk {
  const n = catalog.rows;
  const { classOf, classCount } = part;
  const start = new Int32Array(classCount + 1);
  for (let i = 0; i < n; i++) start[classOf[i] + 1]++;
  for (let k = 0; k < classCount; k++) start[k + 1] += start[k];
  const fill = start.slice(0, classCount);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[fill[classOf[i]]++] = i;

  const d = classStats(catalog, part).classTitles;
  const classSize = new Int32Array(n);
  const classTitles = new Int32Array(n);
  const sameTitle = new Int32Array(n);
  const titles = catalog.titleCodes;
  // Count titles within each class with a map reused per class: classes are small.
  const count = new Map<number, number>();
  for (let k = 0; k < classCount; k++) {
    const a = start[k];
    const b = start[k + 1];
    count.clear();
    for (let j = a; j < b; j++) count.set(titles[members[j]], (count.get(titles[members[j]]) ?? 0) + 1);
    for (let j = a; j < b; j++) {
      const i = members[j];
      classSize[i] = b - a;
      classTitles[i] = d[k];
      sameTitle[i] = count.get(titles[i])!;
    }
  }
  return { classSize, sameTitle, classTitles, start, members };
}

/**
 * Rows ordered most identifying first: highest chance of being named (c / f), then
 * fewest titles in the class, smallest class, then catalog order (deterministic).
 */
export function mostIdentifyingOrder(risk: ItemRisk): Int32Array {
  const n = risk.classSize.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const { sameTitle, classSize, classTitles } = risk;
  return order.sort(
    (a, b) =>
      sameTitle[b] * classSize[a] - sameTitle[a] * classSize[b] ||
      classTitles[a] - classTitles[b] ||
      classSize[a] - classSize[b] ||
      a - b,
  );
}
