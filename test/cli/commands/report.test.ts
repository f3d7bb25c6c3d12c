/** `fprisk report`: the most identifying items of a library, as table, HTML, JSON or CSV. */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk, tmp } from "../../cliHelpers.js";

describe("fprisk report (CLI)", () => {
  const dir = tmp();
  const csv = join(dir, "library.csv");
  writeFileSync(
    csv,
    "title,duration_ms,bitrate_kbps\nAlien (1979),6998000,8000\nBlade Runner (1982),7063000,8200\nBlade Runner (1982),7063000,8200\nHeat (1995),10233000,5100\nHeat (1995),10233100,5100\nRonin (1998),7326000,5100\n",
  );

  it("prints the most identifying items as a table", () => {
    const r = fprisk(["report", csv, "--scheme", "duration=round(1s),bitrate=round(100kbps)"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/6 items, 4 titles, under duration=round\(1s\),bitrate=round\(100kbps\)/);
    expect(r.stdout).toMatch(/6 items \(100 %\) are named outright/);
    const lines = r.stdout.split("\n");
    const firstItem = lines.findIndex((l) => /^\s*1\s/.test(l));
    expect(lines[firstItem]).toMatch(/Alien \(1979\)/);
  });

  it("writes a self-contained HTML page, format taken from --out, with redacted titles and paths", () => {
    const out = join(dir, "my-library.html");
    const cfg = tmp();
    const r = fprisk(["report", csv, "--scheme", "duration=round(1s)", "--redact-titles", "--out", out], { XDG_CONFIG_HOME: cfg, FPRISK_SALT: "" });
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toMatch(/title-[0-9a-f]{12}/);
    for (const t of ["Alien", "Blade Runner", "Heat", "Ronin", "library.csv"]) expect(html).not.toContain(t);
    // nothing that would make the browser fetch anything
    expect(html).not.toMatch(/https?:|<script|<link|<img|<iframe|src=|url\(|@import/i);
    // the per-user salt was created once, private, and is reused: same hashes on a second run
    const salt = join(cfg, "fprisk", "redaction-salt");
    expect(statSync(salt).mode & 0o777).toBe(0o600);
    const again = fprisk(["report", csv, "--scheme", "duration=round(1s)", "--redact-titles", "--format", "json"], { XDG_CONFIG_HOME: cfg, FPRISK_SALT: "" });
    const firstHash = /title-[0-9a-f]{12}/.exec(html)![0];
    expect(again.stdout).toContain(firstHash);
  });

  it("gives JSON and CSV with one entry per item", () => {
    const json = JSON.parse(fprisk(["report", csv, "--scheme", "duration=round(1s)", "--format", "json"]).stdout);
    expect(json.items).toHaveLength(6);
    expect(json.summary.title_unique_items).toBe(6);
    const rows = fprisk(["report", csv, "--scheme", "duration=round(1min)", "--format", "csv"]).stdout.trim().split("\n");
    expect(rows[0]).toBe("rank,title,source,duration,class_size,class_titles,chance_named,title_unique,hidden_by,confused_with");
    expect(rows).toHaveLength(7);
  });

  it("rejects a bad --limit and a --salt without --redact-titles", () => {
    expectUserError(fprisk(["report", csv, "--scheme", "duration=exact", "--limit", "ten"]), /--limit must be a whole number or "all"/);
    expectUserError(fprisk(["report", csv, "--scheme", "duration=exact", "--salt", "x"]), /--salt only applies with --redact-titles/);
  });
});
