import { describe, expect, it } from "vitest";
import { episodeTitle, movieTitle } from "../../../src/sources/servers/plexDb.js";

describe("Plex titles", () => {
  it("formats titles the way the servers show them", () => {
    expect(movieTitle("Heat", 1995)).toBe("Heat (1995)");
    expect(movieTitle("Heat", NaN)).toBe("Heat");
    expect(episodeTitle("Dark", 1, 2, "Lies")).toBe("Dark — S01E02 — Lies");
    expect(episodeTitle("Doctor Who", 0, 1, "The Christmas Invasion")).toBe("Doctor Who — S00E01 — The Christmas Invasion");
    expect(episodeTitle("Dark", NaN, 3, "")).toBe("Dark — S??E03");
  });
});
