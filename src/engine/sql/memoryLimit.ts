/**
 * `--memory-limit`: how much memory the SQL engine may use before it spills to disk,
 * as a number of bytes with a unit. Decimal units are powers of 1000, binary ones of
 * 1024, as DuckDB reads them:
 *
 *   parseMemoryLimit("4GB")    // 4_000_000_000
 *   parseMemoryLimit("512MiB") // 536_870_912
 */
import { UserError } from "../../base/errors.js";

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** The smallest limit accepted: DuckDB needs some room for its own buffers. */
export const MIN_MEMORY_LIMIT_BYTES = 64 * 2 ** 20;

export function parseMemoryLimit(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new UserError(`--memory-limit takes a size with a unit, e.g. 4GB or 512MiB, not "${text}"`);
  const bytes = Math.floor(Number(m[1]) * unit);
  if (bytes < MIN_MEMORY_LIMIT_BYTES) throw new UserError(`--memory-limit ${text.trim()} is too small: give at least 64MiB`);
  return bytes;
}
