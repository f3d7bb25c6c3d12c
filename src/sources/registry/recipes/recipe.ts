/**
 * A recipe rebuilds a derived dataset from its upstream files: the registry names the
 * upstream files (URL base, path, size, sha256) and the files the derivation must
 * produce (size, sha256); the recipe is the derivation as code. Both ends are
 * checksummed, so a rebuilt file is byte-identical to the one the study used, or
 * nothing is written.
 *
 *   const out = await recipe.derive(new Map([["high_popularity_spotify_data.csv", bytes1], …]));
 *   out.get("spotify_tracks_duration.csv");   // the derived CSV's bytes
 */
export interface Recipe {
  /** Upstream paths the derivation reads (each must be a registered upstream input). */
  inputs: readonly string[];
  /** Dataset files the derivation writes; the dataset's other files are copies of an input. */
  outputs: readonly string[];
  /** Upstream bytes by upstream path → output bytes by dataset file name. */
  derive(inputs: ReadonlyMap<string, Buffer>): Promise<Map<string, Buffer>>;
}
