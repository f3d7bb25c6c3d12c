/**
 * imdb-ggplot2movies: the `movies` data frame of the R package ggplot2movies, read
 * from the package's own `data/movies.rda` (bzip2-compressed R serialization; the
 * repository's plain-text `data-raw/movies.csv` is not what the package ships: the
 * .rda is the data users load) and written as `write.csv(movies, row.names = FALSE)`
 * writes it (rWriteCsv.ts). No R needed: seek-bzip decompresses, rSerialized.ts reads.
 *
 *   "title","year","length","budget","rating","votes","r1",…,"Short"
 *   "$",1971,121,NA,6.4,348,4.5,4.5,4.5,4.5,14.5,24.5,24.5,14.5,4.5,4.5,"",0,0,1,1,0,0,0
 */
import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import type { Recipe } from "./recipe.js";
import { readRData } from "./rSerialized.js";
import { rWriteCsv } from "./rWriteCsv.js";

const RDA = "data/movies.rda";
const OUTPUT = "movies.csv";

/** The bytes of an .rda file after its compression (bzip2 or gzip; R's xz is not supported). */
export function decompressRData(bytes: Buffer): Buffer {
  if (bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68) {
    // "BZh": seek-bzip ships no types; its decode(Buffer) returns the decompressed Buffer
    const bunzip = createRequire(import.meta.url)("seek-bzip") as { decode(input: Buffer): Buffer };
    return bunzip.decode(bytes);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes);
  if (bytes.subarray(0, 5).toString("latin1") === "RDX2\n" || bytes.subarray(0, 5).toString("latin1") === "RDX3\n") return bytes;
  throw new Error("the .rda is neither bzip2, gzip nor uncompressed R data");
}

export const ggplot2movies: Recipe = {
  inputs: [RDA],
  outputs: [OUTPUT],
  async derive(inputs) {
    const { objects } = readRData(decompressRData(inputs.get(RDA)!));
    const movies = objects.get("movies");
    if (!movies) throw new Error(`${RDA} holds no object named movies (it holds ${[...objects.keys()].join(", ")})`);
    return new Map([[OUTPUT, Buffer.from(rWriteCsv(movies), "utf8")]]);
  },
};
