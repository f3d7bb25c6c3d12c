/**
 * A seeded synthetic play log, from the server simulation the library attacks use
 * (libraries.ts): each simulated server plays every item of its library at least
 * once, and again with probability `repeatShare` each time (a geometric number of
 * plays, mean 1 / (1 − repeatShare)), at uniform times over a year.
 *
 *   const plays = syntheticPlayLog(catalog, { servers: 1000, seed: 1 });
 *   // plays.server[r] played catalog row plays.row[r] at plays.timeS[r]
 *   playLogFromRows(playRowsOf(catalog, plays))   // the in-memory play log
 *
 * Repeats make the distinct-play rule matter (a server replaying a film does not
 * show a second play); the log's servers hold exactly their simulated libraries, so
 * its unicity is the linkage attack's question on those servers.
 */
import type { Catalog, NumericField } from "../catalog/catalog.js";
import { Rng } from "../base/random.js";
import { UserError } from "../base/errors.js";
import type { PlayRows } from "../sources/playLog.js";
import { drawLibraries } from "./libraries.js";

export interface SyntheticPlayLogOptions {
  servers: number;
  seed: number;
  /** Mean library size in items (default: the server simulation's, 300). */
  meanSize?: number;
  zipfExponent?: number;
  /** Chance of one more play of an item after each play (default 0.3). */
  repeatShare?: number;
}

export interface SyntheticPlays {
  /** Server index per play (ids are `serverIdOf(index)`). */
  server: Int32Array;
  /** Catalog row played. */
  row: Int32Array;
  /** Seconds since 2024-01-01T00:00:00Z. */
  timeS: Float64Array;
  servers: number;
}

export const DEFAULT_REPEAT_SHARE = 0.3;
/** 2024-01-01T00:00:00Z in Unix seconds: the start of the synthetic plays' year. */
export const SYNTHETIC_EPOCH_S = 1_704_067_200;
const YEAR_S = 366 * 86_400;
const STREAM_PLAYS = 31;

/** A synthetic server's id: its index + 1 (an integer account id). */
export function serverIdOf(index: number): number {
  return index + 1;
}

export function syntheticPlayLog(catalog: Catalog, options: SyntheticPlayLogOptions): SyntheticPlays {
  const repeat = options.repeatShare ?? DEFAULT_REPEAT_SHARE;
  if (!(repeat >= 0 && repeat < 1)) throw new UserError(`repeat share must be from 0 to below 1, got ${repeat}`);
  const libs = drawLibraries(catalog, { count: options.servers, seed: options.seed, meanSize: options.meanSize, zipfExponent: options.zipfExponent });
  const rng = new Rng(options.seed, STREAM_PLAYS);
  const n = options.servers;
  const counts = new Int32Array(libs.items.length);
  let total = 0;
  for (let k = 0; k < counts.length; k++) {
    let c = 1;
    while (rng.next() < repeat) c++;
    counts[k] = c;
    total += c;
  }
  const server = new Int32Array(total);
  const row = new Int32Array(total);
  const timeS = new Float64Array(total);
  let r = 0;
  for (let j = 0; j < n; j++) {
    for (let k = libs.offsets[j]; k < libs.offsets[j + 1]; k++) {
      for (let c = 0; c < counts[k]; c++) {
        server[r] = j;
        row[r] = libs.items[k];
        timeS[r] = SYNTHETIC_EPOCH_S + Math.floor(rng.next() * YEAR_S);
        r++;
      }
    }
  }
  return { server, row, timeS, servers: n };
}

/**
 * The catalog fields a play log carries: those a log file's columns can be mapped to
 * (sources/playLogFile.ts), so a written log reads back with the same tuple.
 */
export const PLAY_LOG_NUMERIC: readonly NumericField[] = ["duration_ms", "bitrate_kbps", "width", "height", "size_bytes", "fps"];

/** The synthetic plays as the rows of a play log (the catalog's fields, rows by reference). */
export function playRowsOf(catalog: Catalog, plays: SyntheticPlays, source = catalog.source): PlayRows {
  const numeric: PlayRows["numeric"] = {};
  for (const f of PLAY_LOG_NUMERIC) if (catalog.numeric[f]) numeric[f] = catalog.numeric[f];
  return {
    source,
    serverIds: Array.from({ length: plays.servers }, (_, j) => String(serverIdOf(j))),
    server: plays.server,
    rowOf: plays.row,
    numeric,
    text: { ...catalog.text },
  };
}
