/** Synthetic servers: libraries drawn from a catalog with Zipf popularity. (being written) */
import type { Catalog } from "../catalog/catalog.js";
import { UserError } from "../errors.js";
import type { Libraries } from "../attacks/libraryAttack.js";

export interface LibraryDrawOptions {
  /** Number of servers. */
  count: number;
  seed: number;
  /** Zipf exponent of title popularity. */
  zipfExponent?: number;
  /** Mean library size in items. */
  meanSize?: number;
}

export function drawLibraries(_catalog: Catalog, _options: LibraryDrawOptions): Libraries {
  throw new UserError("synthetic libraries are being written");
}
