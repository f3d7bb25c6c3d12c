/** study.lock.json: the study as run, fprisk's version, the seed and the sha256 of every file read. */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogsRead, fpriskVersion, lockDifferences, lockText, sha256File, sourceChecksums, studyChecksums } from "../../../src/experiments/study/lock.js";
import { loadStudy } from "../../../src/experiments/study/loadStudy.js";
import { parseStudy } from "../../../src/experiments/study/readStudy.js";
import { tmp } from "../../cliHelpers.js";
import { dataDir, repoRoot } from "../../helpers.js";

process.env.FPRISK_DATA_DIR ??= dataDir;

describe("study.lock.json", () => {
  it("sha256 of a file is the digest of its bytes", async () => {
    const f = join(tmp("fprisk-lock-"), "a.csv");
    writeFileSync(f, "title,duration\nx,1\n");
    expect(await sha256File(f)).toBe(createHash("sha256").update("title,duration\nx,1\n").digest("hex"));
    expect(await sourceChecksums(f)).toEqual({ source: f, files: [{ path: f, sha256: await sha256File(f) }] });
  });

  it("a registry dataset: its table files by dataset/file name and the registry's checksum; a synthetic URI: no files", async () => {
    const c = await sourceChecksums("chinook-tracks");
    const registry = JSON.parse(readFileSync(join(repoRoot, "datasets", "registry.json"), "utf8")).datasets.find((d: { name: string }) => d.name === "chinook-tracks");
    expect(c.files).toEqual(registry.files.filter((f: { role?: string }) => (f.role ?? "table") === "table").map((f: { path: string; sha256: string }) => ({ path: `chinook-tracks/${f.path}`, sha256: f.sha256 })));
    expect(await sourceChecksums("synthetic:video-library?titles=10&seed=1")).toEqual({ source: "synthetic:video-library?titles=10&seed=1", files: [] });
  });

  it("records only the catalogs the chosen artifacts read", () => {
    expect(catalogsRead(loadStudy(undefined, { only: ["F2"] }))).toEqual(["synthetic"]);
    expect(catalogsRead(loadStudy(undefined, { only: ["F5"] }))).toEqual(["chinook", "spotify", "synthetic", "imdb"]);
    expect(catalogsRead(loadStudy(undefined, { only: ["T1"], set: ["T1.catalogs=imdb"] }))).toEqual(["imdb"]);
  });

  it("a catalog the chosen artifacts do not read must still exist: a typo stops the run", async () => {
    const f = join(tmp("fprisk-lock-"), "mine.csv");
    writeFileSync(f, "title,duration_s\nx,1\n");
    const ok = loadStudy(undefined, { only: ["F2"], set: [`catalogs=synthetic:video-library?titles=50&seed=1,${f}`] });
    expect((await studyChecksums(ok)).map((c) => c.source)).toEqual(["synthetic:video-library?titles=50&seed=1"]);
    const typo = loadStudy(undefined, { only: ["F2"], set: [`catalogs=synthetic:video-library?titles=50&seed=1,${f}.missing`] });
    await expect(studyChecksums(typo)).rejects.toThrow(`catalog "${f}.missing": neither a file nor a known dataset`);
  });

  it("is a study file: the study as run with its lock, read back to the same study", async () => {
    const study = loadStudy(undefined, { only: ["T1"], set: ["seed=4", "quick=true"] });
    const text = lockText(study, await studyChecksums(study));
    const file = parseStudy(JSON.parse(text), "lock");
    expect(file.lock).toMatchObject({ fprisk: fpriskVersion(), seed: 4 });
    expect(file.$schema).toBeUndefined();
    expect([file.seed, file.quick, Object.keys(file.artifacts)]).toEqual([4, true, ["T1"]]);
    const dir = tmp("fprisk-lock-");
    writeFileSync(join(dir, "study.lock.json"), text);
    const again = loadStudy(join(dir, "study.lock.json"));
    expect(again.lockRead).toEqual(file.lock);
    expect(lockText(again, file.lock!.datasets)).toBe(text);
  });

  it("results/study.lock.json is the paper's study as committed, with the registry's checksums", () => {
    const lock = JSON.parse(readFileSync(join(repoRoot, "results", "study.lock.json"), "utf8"));
    const paper = JSON.parse(readFileSync(join(repoRoot, "experiments", "paper.json"), "utf8"));
    const { lock: l, ...study } = lock;
    const { $schema: _s, ...expected } = paper;
    expect(study).toEqual(expected);
    expect(l.seed).toBe(1);
    const registry = JSON.parse(readFileSync(join(repoRoot, "datasets", "registry.json"), "utf8")).datasets as { name: string; files: { path: string; sha256: string }[] }[];
    for (const d of l.datasets as { source: string; files: { path: string; sha256: string }[] }[]) {
      for (const f of d.files) expect(registry.find((r) => r.name === d.source)!.files.find((x) => `${d.source}/${x.path}` === f.path)!.sha256).toBe(f.sha256);
    }
  });

  it("tells what changed since the lock", () => {
    const lock = { fprisk: fpriskVersion(), seed: 1, datasets: [{ source: "x.csv", files: [{ path: "x.csv", sha256: "a".repeat(64) }] }] };
    expect(lockDifferences(lock, [{ source: "x.csv", files: [{ path: "x.csv", sha256: "a".repeat(64) }] }])).toEqual([]);
    expect(lockDifferences(lock, [{ source: "x.csv", files: [{ path: "x.csv", sha256: "b".repeat(64) }] }])).toEqual([
      "x.csv: x.csv has changed since the lock (sha256 bbbbbbbbbbbb…, locked aaaaaaaaaaaa…): results may differ",
    ]);
    expect(lockDifferences({ ...lock, fprisk: "0.0.1" }, [])).toEqual([`the lock was written by fprisk 0.0.1, this is ${fpriskVersion()}: results may differ`]);
  });
});
