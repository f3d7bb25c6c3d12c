/**
 * The seeded draw of a play log's plays: for each server, its p distinct plays with
 * the smallest draw key, where
 *
 *   key(seed, server, item) = step(step(seed, text(server id)), word(item))
 *   word(item)              = step(…step(step(0, v₁), v₂)…, vₖ)   over the item's fields
 *
 * (base/drawHash.ts: `step`, and vᵢ = `numberWord`/`textWord` of each field in the
 * log's tuple order), ties broken by the item's tuple (its row in the sorted items).
 * The rule is a sort, not a random stream, so SQL computes the same draw with an
 * ORDER BY (engine/sql/unicitySql.ts), and the plays drawn for p are the first p of
 * those drawn for p + 1. A server with fewer than p distinct plays shows them all.
 *
 *   drawPlays(log, 7, 4)   // CSR: server j's drawn item rows, in draw order
 */
import { hashStep, numberWord, seedWord, textWord } from "../base/drawHash.js";
import { UserError } from "../base/errors.js";
import { playFields, type PlayLog } from "../sources/playLog.js";
import type { NumericField, TextField } from "../catalog/catalog.js";

/** Each item's hash word, folded over the log's fields in tuple order. */
export function itemWords(log: PlayLog): Uint32Array {
  const items = log.items;
  const words = new Uint32Array(items.rows);
  for (const f of playFields(items)) {
    const num = items.numeric[f as NumericField];
    if (num) {
      for (let i = 0; i < items.rows; i++) words[i] = hashStep(words[i], numberWord(num[i]));
      continue;
    }
    const col = items.text[f as TextField]!;
    const cache = new Map<string, number>();
    for (let i = 0; i < items.rows; i++) {
      const s = col[i];
      let w = cache.get(s);
      if (w === undefined) {
        w = textWord(s.trim() === "" ? null : s);
        cache.set(s, w);
      }
      words[i] = hashStep(words[i], w);
    }
  }
  return words;
}

/** Each server's word: the seed stepped with its id. */
export function serverWords(log: PlayLog, seed: number): Uint32Array {
  const s0 = seedWord(seed);
  return Uint32Array.from(log.serverIds, (id) => hashStep(s0, textWord(id)));
}

export function checkDrawOptions(seed: number, plays: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UserError(`seed must be a whole number ≥ 0, got ${seed}`);
  if (!Number.isSafeInteger(plays) || plays < 1) throw new UserError(`plays must be a whole number ≥ 1, got ${plays}`);
}

/** Server j's drawn item rows are items[offsets[j] .. offsets[j+1]), in draw order. */
export interface DrawnPlays {
  offsets: Int32Array;
  items: Int32Array;
}

/** The first `plays` plays of each server by (key, item row). */
export function drawPlays(log: PlayLog, seed: number, plays: number): DrawnPlays {
  checkDrawOptions(seed, plays);
  const words = itemWords(log);
  const sw = serverWords(log, seed);
  const { offsets, items } = log.servers;
  const n = log.serverIds.length;
  const outOffsets = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) outOffsets[j + 1] = outOffsets[j] + Math.min(plays, offsets[j + 1] - offsets[j]);
  const out = new Int32Array(outOffsets[n]);
  const bestKey = new Float64Array(plays);
  for (let j = 0; j < n; j++) {
    const from = outOffsets[j];
    let held = 0;
    // Insertion into the running p smallest (p is small; items ascend, so equal keys keep item order).
    for (let k = offsets[j]; k < offsets[j + 1]; k++) {
      const item = items[k];
      const key = hashStep(sw[j], words[item]);
      if (held === plays && key >= bestKey[held - 1]) continue;
      let pos = held < plays ? held++ : held - 1;
      while (pos > 0 && bestKey[pos - 1] > key) {
        bestKey[pos] = bestKey[pos - 1];
        out[from + pos] = out[from + pos - 1];
        pos--;
      }
      bestKey[pos] = key;
      out[from + pos] = item;
    }
  }
  return { offsets: outOffsets, items: out };
}
