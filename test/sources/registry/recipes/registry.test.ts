import { describe, expect, it } from "vitest";
import { recipeFor, recipeNames } from "../../../../src/sources/registry/recipes/registry.js";
import { listDatasets } from "../../../../src/sources/registry/registry.js";

describe("recipe registry", () => {
  it("every derived dataset has a recipe, and only derived datasets do", () => {
    const derived = listDatasets()
      .filter((d) => d.upstream.derived)
      .map((d) => d.name)
      .sort();
    expect(recipeNames()).toEqual(derived);
    expect(recipeNames()).toEqual(["chinook-tracks", "imdb-ggplot2movies", "jellyfin-ffprobe-fixtures", "netflix-engagement-2023-2024", "spotify-popularity-2024"]);
    expect(recipeFor("msd-subset-10k")).toBeUndefined();
    expect(recipeFor("toString")).toBeUndefined();
  });

  it("each recipe reads exactly the registered upstream inputs and writes registered files; the rest are copies", () => {
    for (const entry of listDatasets().filter((d) => d.upstream.derived)) {
      const recipe = recipeFor(entry.name)!;
      expect([...recipe.inputs].sort(), entry.name).toEqual(entry.upstream.inputs!.map((i) => i.path).sort());
      const files = entry.files.map((f) => f.path);
      for (const out of recipe.outputs) expect(files, entry.name).toContain(out);
      // every other file is a byte-for-byte copy of one input
      for (const f of files.filter((f) => !recipe.outputs.includes(f))) {
        const from = entry.upstream.paths[f];
        expect(typeof from, `${entry.name}/${f}`).toBe("string");
        const input = entry.upstream.inputs!.find((i) => i.path === from)!;
        expect(input.sha256).toBe(entry.files.find((x) => x.path === f)!.sha256);
      }
    }
  });
});
