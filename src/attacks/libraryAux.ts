/**
 * What the attacker knows about a target library: p plays drawn from it, as telemetry
 * shows them (generalized), optionally with some plays replaced by plays of other
 * libraries ("wrong" auxiliary items, Narayanan & Shmatikov 2008 §5) and with durations
 * perturbed before generalization (their ±3/±14-day date errors).
 *
 * Every target draws from its own PRNG sub-stream (`targetRng`), so its plays do not
 * depend on which other targets were sampled, and the plays for p are the first p of
 * the plays for p + 1 (partial Fisher–Yates): more plays only add observations.
 */
import type { Catalog } from "../catalog/catalog.js";
import { Rng } from "../base/random.js";
import { UserError } from "../base/errors.js";
import { classAt, durationKeyOf, type LibraryIndex } from "./libraryIndex.js";
import type { Libraries } from "./libraries.js";

/** The p observations of one target, as parallel arrays (valid up to `count`). */
export class AuxPlays {
  count = 0;
  /** Catalog row actually played. */
  row: Int32Array;
  /** Exact class of the observed tuple, −1 when no catalog row has it (perturbed duration). */
  cls: Int32Array;
  /** Rest group (the tuple without duration) and duration key of the observation. */
  rest: Int32Array;
  durationKey: Float64Array;
  /** 1 = a wrong play (from another library). */
  wrong: Uint8Array;
  private pool = new Int32Array(0);

  constructor(capacity: number) {
    this.row = new Int32Array(capacity);
    this.cls = new Int32Array(capacity);
    this.rest = new Int32Array(capacity);
    this.durationKey = new Float64Array(capacity);
    this.wrong = new Uint8Array(capacity);
  }

  /** A scratch copy of a library's items, grown as needed. */
  poolFor(size: number): Int32Array {
    if (this.pool.length < size) this.pool = new Int32Array(Math.max(size, this.pool.length * 2));
    return this.pool;
  }
}

export interface AuxOptions {
  plays: number;
  wrongPlays: number;
  durationErrorMs: number;
}

/** Sub-stream of a target library: independent of the other targets. */
export function targetRng(seed: number, library: number): Rng {
  return new Rng(seed, 1000 + library);
}

export function checkAuxOptions(o: AuxOptions, libraryCount: number): void {
  if (!Number.isSafeInteger(o.plays) || o.plays < 1) throw new UserError(`plays must be a whole number ≥ 1, got ${o.plays}`);
  if (!Number.isSafeInteger(o.wrongPlays) || o.wrongPlays < 0 || o.wrongPlays > o.plays) {
    throw new UserError(`wrong plays must be a whole number from 0 to plays (${o.plays}), got ${o.wrongPlays}`);
  }
  if (o.wrongPlays > 0 && libraryCount < 2) throw new UserError("wrong plays come from other libraries: need at least 2 libraries");
  if (!(o.durationErrorMs >= 0 && Number.isFinite(o.durationErrorMs))) {
    throw new UserError(`duration error must be ≥ 0 ms, got ${o.durationErrorMs}`);
  }
}

/**
 * Draw the target's aux into `out`. A library with fewer than p items shows all of them.
 * The last `wrongPlays` plays are replaced by a uniform item of a uniform other library.
 * Durations move by U(−E, +E) before generalization when E > 0 and duration is observed.
 */
export function drawAux(
  catalog: Catalog,
  libraries: Libraries,
  index: LibraryIndex,
  target: number,
  o: AuxOptions,
  rng: Rng,
  out: AuxPlays,
): void {
  const { offsets, items } = libraries;
  const from = offsets[target];
  const size = offsets[target + 1] - from;
  const k = Math.min(o.plays, size);
  const pool = out.poolFor(size);
  pool.set(items.subarray(from, from + size));
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(size - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
    out.row[i] = pool[i];
    out.wrong[i] = 0;
  }
  const n = offsets.length - 1;
  const w = Math.min(o.wrongPlays, k);
  for (let i = k - w; i < k; i++) {
    // A uniform other library that holds something (bounded retries; all-empty → keep the true play).
    for (let tries = 0; tries < 64; tries++) {
      let other = rng.int(n - 1);
      if (other >= target) other++;
      const a = offsets[other];
      const m = offsets[other + 1] - a;
      if (m === 0) continue;
      out.row[i] = items[a + rng.int(m)];
      out.wrong[i] = 1;
      break;
    }
  }
  const perturb = o.durationErrorMs > 0 && index.duration !== null;
  const dur = catalog.numeric.duration_ms;
  for (let i = 0; i < k; i++) {
    const row = out.row[i];
    out.rest[i] = index.restOfRow[row];
    if (perturb && dur) {
      const x = dur[row] + o.durationErrorMs * (2 * rng.next() - 1);
      const key = durationKeyOf(index.duration!, x);
      out.durationKey[i] = key;
      out.cls[i] = classAt(index, out.rest[i], key);
    } else {
      out.durationKey[i] = index.durationKeyOfRow[row];
      out.cls[i] = index.classOf[row];
    }
  }
  out.count = k;
}
