/**
 * The attacker's index over libraries for one scheme: which libraries hold an item of
 * each class, and the classes ordered by duration inside each "rest" group (the
 * classes sharing every observed attribute except duration), so Scoreboard-RH can find
 * the classes whose duration is near an observation.
 *
 *   const index = buildLibraryIndex(catalog, libraries, parseScheme("duration=round(1s)"));
 *   const c = index.classOf[row];
 *   index.postings.subarray(index.postingOffsets[c], index.postingOffsets[c + 1])
 *   // the libraries holding a row of that class, ascending
 *
 * A class is what telemetry shows about one play (the generalized tuple); a library
 * "has" a class when it holds at least one item in it. Libraries outside the attacker's
 * set (open world) are left out of every posting.
 */
import type { Catalog } from "../catalog/catalog.js";
import { partition } from "../engine/partition.js";
import { UserError } from "../base/errors.js";
import { bucketKeys, isRowLocal, scalarKeys } from "../schemes/generalize.js";
import { generalizerOf } from "../schemes/generalizers/registry.js";
import type { Scheme, SchemePart } from "../schemes/types.js";
import type { Libraries } from "./libraries.js";

/** How observed durations compare, when the scheme observes duration. */
export interface DurationAxis {
  part: SchemePart;
  /**
   * Milliseconds per unit of bucket key when keys are linear in the duration (each
   * generalizer's `keyWidth`: exact 1, round/floor the width), so |Δkey|·msPerKey is a
   * distance in ms; 0 when they are not (sig, log, quantile, ladder, noise): then only
   * equal buckets are similar.
   */
  msPerKey: number;
}

export interface LibraryIndex {
  /** All library ids are 0 … libraryCount − 1. */
  libraryCount: number;
  /** Libraries in the attacker's set, ascending. */
  attackerLibraries: Int32Array;
  /** Class id per catalog row (`partition(catalog, scheme).classOf`). */
  classOf: Int32Array;
  classCount: number;
  /** Class → libraries in the attacker's set holding an item of it (CSR, ascending, distinct). */
  postingOffsets: Int32Array;
  postings: Int32Array;
  /** Per row: class under the scheme without its duration part. */
  restOfRow: Int32Array;
  /** Per row: the duration bucket key (0 when duration is not observed). */
  durationKeyOfRow: Float64Array;
  /** Per class: its duration bucket key. */
  durationKeyOfClass: Float64Array;
  /** Rest group → its classes sorted by duration key, missing (NaN) last (CSR). */
  groupOffsets: Int32Array;
  groupClasses: Int32Array;
  duration: DurationAxis | null;
}

/** Checks that `libraries` is well-formed CSR over `catalog`'s rows. */
export function assertLibrariesFit(catalog: Catalog, libraries: Libraries): void {
  const { offsets, items } = libraries;
  if (offsets.length < 1 || offsets[0] !== 0 || offsets[offsets.length - 1] !== items.length) {
    throw new UserError(`libraries: offsets must start at 0 and end at the item count (${items.length})`);
  }
  for (let j = 0; j + 1 < offsets.length; j++) {
    if (offsets[j + 1] < offsets[j]) throw new UserError(`libraries: offsets decrease at library ${j}`);
  }
  for (let k = 0; k < items.length; k++) {
    const row = items[k];
    if (!(row >= 0 && row < catalog.rows)) {
      throw new UserError(`libraries: item ${k} is row ${row}, but ${catalog.source} has rows 0..${catalog.rows - 1}`);
    }
  }
}

/**
 * @param excluded per library, 1 = not in the attacker's set (open world)
 */
export function buildLibraryIndex(catalog: Catalog, libraries: Libraries, scheme: Scheme, excluded?: Uint8Array): LibraryIndex {
  assertLibrariesFit(catalog, libraries);
  const n = catalog.rows;
  const libraryCount = libraries.offsets.length - 1;
  const full = partition(catalog, scheme);
  const durPart = scheme.parts.find((p) => p.attribute === "duration");
  const restOfRow = durPart ? partition(catalog, { parts: scheme.parts.filter((p) => p !== durPart) }).classOf : full.classOf;
  const durationKeyOfRow = durPart ? bucketKeys(durPart, catalog) : new Float64Array(n);

  const classCount = full.classCount;
  const classOf = full.classOf;
  const restOfClass = new Int32Array(classCount);
  const durationKeyOfClass = new Float64Array(classCount);
  const seen = new Uint8Array(classCount);
  let groupCount = 0;
  for (let i = 0; i < n; i++) {
    const c = classOf[i];
    if (seen[c]) continue;
    seen[c] = 1;
    restOfClass[c] = restOfRow[i];
    durationKeyOfClass[c] = durationKeyOfRow[i];
    if (restOfRow[i] + 1 > groupCount) groupCount = restOfRow[i] + 1;
  }

  // Rest groups: counting sort of classes by group, then by duration key inside each.
  const groupOffsets = new Int32Array(groupCount + 1);
  for (let c = 0; c < classCount; c++) groupOffsets[restOfClass[c] + 1]++;
  for (let g = 0; g < groupCount; g++) groupOffsets[g + 1] += groupOffsets[g];
  const groupClasses = new Int32Array(classCount);
  const cursor = groupOffsets.slice(0, groupCount);
  for (let c = 0; c < classCount; c++) groupClasses[cursor[restOfClass[c]]++] = c;
  const byKey = (a: number, b: number) => {
    const ka = durationKeyOfClass[a];
    const kb = durationKeyOfClass[b];
    if (ka !== ka) return kb !== kb ? a - b : 1;
    if (kb !== kb) return -1;
    return ka - kb || a - b;
  };
  for (let g = 0; g < groupCount; g++) {
    const a = groupOffsets[g];
    const b = groupOffsets[g + 1];
    if (b - a > 1) groupClasses.subarray(a, b).sort(byKey);
  }

  // Postings: libraries in ascending order, each once per class (lastLib dedupes).
  const { offsets, items } = libraries;
  const postingOffsets = new Int32Array(classCount + 1);
  const lastLib = new Int32Array(classCount).fill(-1);
  let attackerCount = 0;
  for (let j = 0; j < libraryCount; j++) {
    if (excluded && excluded[j]) continue;
    attackerCount++;
    for (let k = offsets[j]; k < offsets[j + 1]; k++) {
      const c = classOf[items[k]];
      if (lastLib[c] !== j) {
        lastLib[c] = j;
        postingOffsets[c + 1]++;
      }
    }
  }
  for (let c = 0; c < classCount; c++) postingOffsets[c + 1] += postingOffsets[c];
  const postings = new Int32Array(postingOffsets[classCount]);
  const fill = postingOffsets.slice(0, classCount);
  lastLib.fill(-1);
  const attackerLibraries = new Int32Array(attackerCount);
  let a = 0;
  for (let j = 0; j < libraryCount; j++) {
    if (excluded && excluded[j]) continue;
    attackerLibraries[a++] = j;
    for (let k = offsets[j]; k < offsets[j + 1]; k++) {
      const c = classOf[items[k]];
      if (lastLib[c] !== j) {
        lastLib[c] = j;
        postings[fill[c]++] = j;
      }
    }
  }

  return {
    libraryCount,
    attackerLibraries,
    classOf,
    classCount,
    postingOffsets,
    postings,
    restOfRow,
    durationKeyOfRow,
    durationKeyOfClass,
    groupOffsets,
    groupClasses,
    duration: durPart ? { part: durPart, msPerKey: generalizerOf(durPart.generalizer).keyWidth(durPart.generalizer) } : null,
  };
}

/** Duration bucket key of a value that is not a catalog row (a perturbed duration). */
export function durationKeyOf(axis: DurationAxis, durationMs: number): number {
  if (!isRowLocal(axis.part.generalizer)) {
    // Fitted buckets (quantile) depend on the whole column; a lone value has no bucket.
    throw new UserError(`a duration error needs a row-local duration generalizer (not ${axis.part.generalizer.kind})`);
  }
  return scalarKeys(axis.part.generalizer, Float64Array.of(durationMs))[0];
}

/**
 * The class with rest group `rest` and duration key `key`, or −1 when no catalog row
 * has that tuple (binary search in the group's duration order).
 */
export function classAt(index: LibraryIndex, rest: number, key: number): number {
  const { groupOffsets, groupClasses, durationKeyOfClass } = index;
  if (rest < 0 || rest + 1 >= groupOffsets.length) return -1;
  let lo = groupOffsets[rest];
  let hi = groupOffsets[rest + 1];
  if (key !== key) {
    const last = hi > lo ? groupClasses[hi - 1] : -1;
    return last >= 0 && durationKeyOfClass[last] !== durationKeyOfClass[last] ? last : -1;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = durationKeyOfClass[groupClasses[mid]];
    if (k < key) lo = mid + 1;
    else hi = mid; // NaN compares false both ways: treated as large
  }
  if (lo < groupOffsets[rest + 1] && durationKeyOfClass[groupClasses[lo]] === key) return groupClasses[lo];
  return -1;
}

/** Position of the first class in group `rest` with duration key ≥ `key`. */
export function lowerBoundInGroup(index: LibraryIndex, rest: number, key: number): number {
  const { groupOffsets, groupClasses, durationKeyOfClass } = index;
  let lo = groupOffsets[rest];
  let hi = groupOffsets[rest + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = durationKeyOfClass[groupClasses[mid]];
    if (k < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
