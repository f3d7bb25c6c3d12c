/** A folder of media files (probed with ffprobe) or of saved ffprobe outputs. (being written) */
import type { Catalog } from "../catalog/catalog.js";
import { UserError } from "../errors.js";

export interface MediaScanOptions {
  skipInvalid?: boolean;
}

export async function loadMediaFolder(path: string, _options: MediaScanOptions = {}): Promise<Catalog> {
  throw new UserError(`${path}: folders are not supported yet`);
}
