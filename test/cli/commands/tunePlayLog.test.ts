import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectUserError, fprisk, tmp } from "../../cliHelpers.js";

const dir = tmp("fprisk-tune-playlog-");
const log = join(dir, "plays.parquet");
beforeAll(() => {
  const r = fprisk(["datasets", "generate-play-log", log, "--catalog", "synthetic:video-library?titles=300", "--servers", "50", "--mean-size", "5", "--seed", "3"]);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("fprisk tune --play-log", () => {
  it("tunes against the log's own servers, agreeing with attack --play-log on the recommendation", () => {
    const space = "duration=round(1s)|round(1min)|round(10min),bitrate=drop|round(1Mbps)";
    const r = fprisk(["tune", log, "--play-log", "--server-column", "server_id", "--target", "linkage(3)<=0.5", "--space", space, "--seed", "7", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.recommended).not.toBeNull();
    const value = j.recommended.metrics[log].linkage_3;
    const a = fprisk(["attack", log, "--play-log", "--server-column", "server_id", "--plays", "3", "--seed", "7", "--scheme", j.recommended.scheme, "--format", "json"]);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout).unique_fraction).toBe(value);
    expect(value).toBeLessThanOrEqual(0.5);
  });

  it("needs --server-column, which needs --play-log", () => {
    expectUserError(fprisk(["tune", log, "--play-log", "--target", "linkage(3)<=0.5"]), /--play-log needs --server-column/);
    expectUserError(fprisk(["tune", "chinook-tracks", "--server-column", "x", "--target", "linkage(3)<=0.5"]), /--server-column applies to --play-log only/);
    expectUserError(fprisk(["tune", join(dir, "x.json"), "--play-log", "--server-column", "s", "--target", "linkage(3)<=0.5"]), /\.parquet, \.csv or \.tsv/);
  });
});
