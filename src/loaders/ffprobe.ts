/** Saved `ffprobe -print_format json -show_format -show_streams` outputs. (being written) */
import type { Catalog } from "../catalog/catalog.js";
import { UserError } from "../errors.js";

export interface FfprobeLoadOptions {
  skipInvalid?: boolean;
  /** Catalog source name. */
  source: string;
}

/** Whether the head of a JSON file looks like one ffprobe output ({"streams": …, "format": …}). */
export function looksLikeFfprobe(head: string): boolean {
  return /^\s*\{\s*"(streams|format|programs)"\s*:/.test(head);
}

export async function loadFfprobeFiles(files: string[], options: FfprobeLoadOptions): Promise<Catalog> {
  throw new UserError(`${files[0]}: ffprobe outputs are not supported yet (${options.source})`);
}
