/**
 * Which derived dataset is rebuilt by which recipe: one line each. The registry
 * (datasets/registry.json) holds each dataset's upstream inputs and output checksums;
 * the recipe holds the derivation as code.
 *
 *   recipeFor("chinook-tracks")?.outputs   // ["chinook_tracks.csv"]
 */
import { chinookTracks } from "./chinookTracks.js";
import { ggplot2movies } from "./ggplot2movies.js";
import { jellyfinSummary } from "./jellyfinSummary.js";
import { netflixEngagement } from "./netflixEngagement.js";
import type { Recipe } from "./recipe.js";
import { spotifyPopularity } from "./spotifyPopularity.js";

const RECIPES: Readonly<Record<string, Recipe>> = {
  "chinook-tracks": chinookTracks,
  "imdb-ggplot2movies": ggplot2movies,
  "jellyfin-ffprobe-fixtures": jellyfinSummary,
  "netflix-engagement-2023-2024": netflixEngagement,
  "spotify-popularity-2024": spotifyPopularity,
};

export function recipeFor(dataset: string): Recipe | undefined {
  return Object.hasOwn(RECIPES, dataset) ? RECIPES[dataset] : undefined;
}

/** Names of the datasets that have a recipe, sorted. */
export function recipeNames(): string[] {
  return Object.keys(RECIPES).sort();
}
