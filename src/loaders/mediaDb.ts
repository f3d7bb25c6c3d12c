/** Media-server databases (Plex, Jellyfin, Kodi), read from a private copy. (being written) */
import type { Catalog } from "../catalog/catalog.js";
import { UserError } from "../errors.js";

export interface MediaDbOptions {
  skipInvalid?: boolean;
}

export async function loadMediaDatabase(path: string, _options: MediaDbOptions = {}): Promise<Catalog> {
  throw new UserError(`${path}: media-server databases are not supported yet`);
}
