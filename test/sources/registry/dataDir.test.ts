import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/base/errors.js";
import { fetchDataDir, findDatasetDir, packageRoot, resolveDataDirs, userCacheDataDir } from "../../../src/sources/registry/dataDir.js";
import { datasetFilePaths, getDataset } from "../../../src/sources/registry/registry.js";
import { withEnv } from "../../helpers.js";

describe("data directories", () => {
  it("fetch writes into the explicit folder, else FPRISK_DATA_DIR, else the user cache", () => {
    withEnv({ FPRISK_DATA_DIR: "from-env", XDG_CACHE_HOME: "/xdg-cache-test" }, () => {
      expect(fetchDataDir("explicit")).toBe(resolve("explicit"));
      expect(fetchDataDir()).toBe(resolve("from-env"));
    });
    withEnv({ FPRISK_DATA_DIR: " ", XDG_CACHE_HOME: "/xdg-cache-test" }, () => {
      expect(fetchDataDir()).toBe(join("/xdg-cache-test", "fprisk", "datasets"));
    });
  });
  it("FPRISK_DATA_DIR, when set, is the only place searched", () => {
    withEnv({ FPRISK_DATA_DIR: "some/relative/dir" }, () => {
      expect(resolveDataDirs()).toEqual([resolve("some/relative/dir")]);
    });
  });
  it("otherwise the user cache, then ../shared/datasets beside the package", () => {
    withEnv({ FPRISK_DATA_DIR: undefined, XDG_CACHE_HOME: "/xdg-cache-test" }, () => {
      expect(resolveDataDirs()).toEqual([join("/xdg-cache-test", "fprisk", "datasets"), resolve(packageRoot(), "..", "shared", "datasets")]);
    });
    withEnv({ FPRISK_DATA_DIR: "", XDG_CACHE_HOME: "relative-is-ignored" }, () => {
      expect(userCacheDataDir()).toMatch(/[\\/]\.cache[\\/]fprisk[\\/]datasets$/);
      expect(resolveDataDirs()).toHaveLength(2);
    });
  });
  it("a missing dataset says where it looked and how to fix it", () => {
    const empty = mkdtempSync(join(tmpdir(), "fprisk-empty-"));
    mkdirSync(join(empty, "msd-subset-10k"));
    withEnv({ FPRISK_DATA_DIR: empty }, () => {
      let err: unknown;
      try {
        findDatasetDir("msd-subset-10k", ["SongCSV.csv"]);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserError);
      const msg = (err as Error).message;
      expect(msg).toContain(join(empty, "msd-subset-10k"));
      expect(msg).toMatch(/lacks SongCSV\.csv/);
      expect(msg).toMatch(/FPRISK_DATA_DIR is set, so only there/);
      expect(msg).toMatch(/set FPRISK_DATA_DIR to the folder that holds msd-subset-10k\//);
      expect(msg).toMatch(/fprisk datasets fetch msd-subset-10k/);
      // a derived dataset with a recipe is rebuilt by fetch, so the hint is the same
      expect(() => datasetFilePaths(getDataset("chinook-tracks")!)).toThrow(/or run `fprisk datasets fetch chinook-tracks`/);
    });
  });
});
