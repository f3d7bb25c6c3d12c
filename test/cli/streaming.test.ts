/**
 * Output streams row by row (issue 10, point 5): an items listing larger than the heap
 * would hold as one string is written in full, and the HTML report lists the top 1,000
 * items by default, saying how many it leaves out.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { bin, fprisk, tmp } from "../cliHelpers.js";
import { dataDir } from "../helpers.js";

describe("inspect --items streams", () => {
  it("a million items print under a 160 MB heap (was: heap out of memory / RangeError: Invalid string length)", () => {
    const dir = tmp();
    const out = join(dir, "big.csv");
    // 160 MB holds the catalog but not the items as row arrays plus one output string
    const r = fprisk(["inspect", "synthetic:video-library?rows=1000000&seed=3", "--items", "--format", "csv", "--out", out], { NODE_OPTIONS: "--max-old-space-size=160" });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, "utf8");
    const lines = text.split("\n");
    expect(lines[0]).toBe("title,duration_ms,bitrate_kbps,width,height,fps,source");
    expect(lines).toHaveLength(1_000_002); // header, a million rows, the final newline
    expect(readdirSync(dir)).toEqual(["big.csv"]); // streamed into a temp file, renamed at the end
  }, 120_000);

  it("JSON streams too, and is the same document as before", () => {
    const r = fprisk(["inspect", "chinook-tracks", "--items", "--format", "json", "--limit", "3"]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.items).toHaveLength(3);
    expect(r.stdout).toBe(JSON.stringify(doc, null, 2) + "\n");
    const none = JSON.parse(fprisk(["inspect", "chinook-tracks", "--items", "--format", "json", "--limit", "0"]).stdout);
    expect(none.items).toEqual([]);
  });
});

describe("a closed pipe", () => {
  it("`fprisk … | head -1` stops quietly, exit 0 (was: an EPIPE stack trace)", () => {
    const r = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${bin}" inspect "synthetic:video-library?rows=200000" --items --format csv | head -1`], {
      encoding: "utf8",
      env: { ...process.env, FPRISK_DATA_DIR: dataDir },
    });
    expect(r.stdout).toBe("title,duration_ms,bitrate_kbps,width,height,fps,source\n");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 60_000);
});

describe("report streams its items", () => {
  it("400,000 items as CSV under a 128 MB heap (was: heap out of memory)", () => {
    const out = join(tmp(), "report.csv");
    const r = fprisk(["report", "synthetic:video-library?rows=400000&seed=3", "--scheme", "duration=round(1s)", "--out", out], { NODE_OPTIONS: "--max-old-space-size=128" });
    expect(r.code, r.stderr.slice(0, 500)).toBe(0);
    const lines = readFileSync(out, "utf8").split("\n");
    expect(lines[0]).toMatch(/^rank,title,source,duration,class_size/);
    expect(lines).toHaveLength(400_002);
    expect(lines[400_000]).toMatch(/^400000,/);
  }, 120_000);
});

describe("report: HTML lists the top 1,000 by default", () => {
  const html = (...extra: string[]) => {
    const dir = tmp();
    const out = join(dir, "r.html");
    const r = fprisk(["report", "synthetic:video-library?rows=2500&seed=1", "--scheme", "duration=round(1s)", "--out", out, ...extra]);
    expect(r.code, r.stderr).toBe(0);
    return readFileSync(out, "utf8");
  };
  const itemRows = (page: string) => page.slice(page.indexOf('<table class="items">')).match(/<tr><td/g)?.length ?? 0;

  it("1,000 items and says 1,500 are left out", () => {
    const page = html();
    expect(itemRows(page)).toBe(1000);
    expect(page).toMatch(/1000 of 2500 items listed, 1500 left out \(--limit all lists every item\)/);
  });

  it("--limit all lists every item", () => {
    const page = html("--limit", "all");
    expect(itemRows(page)).toBe(2500);
    expect(page).toMatch(/all 2500 items/);
    expect(page).not.toMatch(/left out/);
  });
});
