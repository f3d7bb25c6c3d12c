// The hand-checked library example shared by the library-attack tests.
import { AuxPlays } from "../../src/attacks/libraryAux.js";
import type { Libraries } from "../../src/attacks/libraries.js";
import { buildLibraryIndex } from "../../src/attacks/libraryIndex.js";
import { linkCandidates } from "../../src/attacks/linkage.js";
import { parseScheme } from "../../src/schemes/parse.js";
import { catalogOf } from "../helpers.js";

// ---------------------------------------------------------------------------
// The hand-checked example: 6 items, 4 libraries, scheme duration=round(10s).
//
//   row  title  duration  key (round 10 s)   class
//   0    A      100 s     10                 c10 = {0, 1}
//   1    B      102 s     10                 c10
//   2    C      200 s     20                 c20 = {2}
//   3    D      300 s     30                 c30 = {3}
//   4    E      400 s     40                 c40 = {4}
//   5    F      410 s     41                 c41 = {5}
//
//   L0 = {0, 2, 3}   L1 = {1, 2, 4}   L2 = {0, 3, 5}   L3 = {2, 4, 5}
//
// Postings (class → libraries): c10 {0,1,2}  c20 {0,1,3}  c30 {0,2}  c40 {1,3}  c41 {2,3}
// ---------------------------------------------------------------------------
export const hand = catalogOf(["A", "B", "C", "D", "E", "F"], { duration_ms: [100e3, 102e3, 200e3, 300e3, 400e3, 410e3] });
export const handLibs: Libraries = { offsets: Int32Array.of(0, 3, 6, 9, 12), items: Int32Array.of(0, 2, 3, 1, 2, 4, 0, 3, 5, 2, 4, 5) };
export const round10 = parseScheme("duration=round(10s)");
export const handClasses = (rows: number[]) => {
  const index = buildLibraryIndex(hand, handLibs, round10);
  return { index, cls: Int32Array.from(rows, (r) => index.classOf[r]) };
};
export function link(rows: number[]): number[] {
  const { index, cls } = handClasses(rows);
  const out = new Int32Array(4);
  const m = linkCandidates(index, cls, cls.length, out, new Int32Array(cls.length));
  return Array.from(out.subarray(0, m));
}
/** An aux built by hand: rows' exact classes. */
export function auxOf(rows: number[]): AuxPlays {
  const { index, cls } = handClasses(rows);
  const aux = new AuxPlays(rows.length);
  rows.forEach((r, i) => {
    aux.row[i] = r;
    aux.cls[i] = cls[i];
    aux.rest[i] = index.restOfRow[r];
    aux.durationKey[i] = index.durationKeyOfRow[r];
  });
  aux.count = rows.length;
  return aux;
}
