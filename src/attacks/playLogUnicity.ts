/**
 * Unicity of a play log (de Montjoye et al., "Unique in the Crowd", Sci. Rep. 3:1376,
 * 2013), asked of media servers: draw p distinct plays of each server (playDraw.ts,
 * seeded); the attacker sees their classes under the scheme; the server is singled out
 * when no other server of the log has a play in every observed class. The share of
 * servers singled out is `unique_fraction`.
 *
 *   playLogUnicity(log, parseScheme("duration=round(1min)"), { plays: [4], seed: 1 })
 *   // [{ plays: 4, servers: 1000, unique: 912, unique_fraction: 0.912, mean_candidates: 1.3, short: 17 }]
 *
 * Servers with fewer than p distinct plays show all they have (as the simulated
 * linkage attack's libraries do); `short` counts them, so a reader can tell how many
 * servers were judged on fewer plays. Every server of the log is a target.
 *
 * Candidates are found with the linkage attack's own index and intersection
 * (libraryIndex.ts, linkage.ts): the log's servers are its libraries, its distinct
 * items the catalog; only the draw differs (a seeded sort that SQL can repeat).
 */
import type { Scheme } from "../schemes/types.js";
import type { PlayLog } from "../sources/playLog.js";
import { UserError } from "../base/errors.js";
import { buildLibraryIndex } from "./libraryIndex.js";
import { LinkageScratch, linkCandidates } from "./linkage.js";
import { checkDrawOptions, drawPlays } from "./playDraw.js";

export interface PlayLogUnicityOptions {
  /** Numbers of plays to evaluate (each ≥ 1). */
  plays: number[];
  seed: number;
}

export interface PlayLogUnicityRow {
  plays: number;
  /** Servers in the log (all are targets). */
  servers: number;
  /** Servers whose drawn plays leave no other server. */
  unique: number;
  unique_fraction: number;
  /** Mean number of servers (the target included) holding every observed class. */
  mean_candidates: number;
  /** Servers with fewer than `plays` distinct plays (they show all of theirs). */
  short: number;
}

export function playLogUnicity(log: PlayLog, scheme: Scheme, options: PlayLogUnicityOptions): PlayLogUnicityRow[] {
  if (options.plays.length === 0) throw new UserError("give at least one number of plays");
  const maxPlays = Math.max(...options.plays);
  for (const p of options.plays) checkDrawOptions(options.seed, p);
  const index = buildLibraryIndex(log.items, log.servers, scheme);
  const drawn = drawPlays(log, options.seed, maxPlays);
  const n = log.serverIds.length;
  const scratch = new LinkageScratch(index, maxPlays);
  const cls = new Int32Array(maxPlays);
  return options.plays.map((p) => {
    let unique = 0;
    let sum = 0;
    let short = 0;
    for (let j = 0; j < n; j++) {
      const from = drawn.offsets[j];
      const k = Math.min(p, drawn.offsets[j + 1] - from);
      if (log.servers.offsets[j + 1] - log.servers.offsets[j] < p) short++;
      for (let i = 0; i < k; i++) cls[i] = index.classOf[drawn.items[from + i]];
      const m = linkCandidates(index, cls, k, scratch.candidates, scratch.order);
      if (m === 1) unique++;
      sum += m;
    }
    return { plays: p, servers: n, unique, unique_fraction: n ? unique / n : NaN, mean_candidates: n ? sum / n : NaN, short };
  });
}
