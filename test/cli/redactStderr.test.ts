/**
 * Under --redact-titles, what fprisk itself prints on stderr names no title: a skipped
 * file is shown by its salted hash and its reason, not its name or the parser's detail
 * (which quotes the path).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fprisk, tmp } from "../cliHelpers.js";

const probe = (file: string, seconds: number, height: number) =>
  JSON.stringify({
    streams: [{ codec_type: "video", codec_name: "h264", width: (height * 16) / 9, height, r_frame_rate: "24/1" }],
    format: { filename: `/movies/${file}.mkv`, format_name: "matroska,webm", duration: String(seconds), size: "2000000000", bit_rate: "2666666" },
  });

describe("report --redact-titles on stderr", () => {
  it("a skipped file is named by its hash only (was: the raw file name and path)", () => {
    const dir = tmp();
    writeFileSync(join(dir, "Secret Title (2001).json"), probe("Secret Title (2001)", 5400.5, 1080));
    writeFileSync(join(dir, "Other Film (1999).json"), probe("Other Film (1999)", 6000.5, 720));
    writeFileSync(join(dir, "Hidden Gem (2010).json"), '{"streams":[{"codec_type":"vid');
    const args = ["report", dir, "--scheme", "duration=round(1s)", "--skip-invalid", "--format", "json"];
    const plain = fprisk(args, { FPRISK_SALT: "test-salt" });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toContain("Hidden Gem (2010).json"); // without redaction the name is shown
    const r = fprisk([...args, "--redact-titles"], { FPRISK_SALT: "test-salt" });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/skipped 1 file: 1 truncated ffprobe JSON/);
    expect(r.stderr).toMatch(/fprisk: {3}file-[0-9a-f]{12}\.json: 1: the JSON ends early/);
    for (const secret of ["Hidden", "Gem", "Secret", "Other Film", dir]) {
      expect(r.stderr).not.toContain(secret);
      expect(r.stdout).not.toContain(secret);
    }
  });
});

describe("report --redact-titles when loading fails", () => {
  it("the error names the catalog by its hash, never by its path", () => {
    const dir = tmp();
    const file = join(dir, "My Secret Movies.csv");
    writeFileSync(file, "title,duration_ms\nAmélie,5400000\nBad,abc\n");
    const plain = fprisk(["report", file, "--scheme", "duration=round(1s)"], { FPRISK_SALT: "test-salt" });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain("My Secret Movies.csv:3");
    const r = fprisk(["report", file, "--scheme", "duration=round(1s)", "--redact-titles"], { FPRISK_SALT: "test-salt" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^fprisk: file-[0-9a-f]{12}\.csv:3: /);
    for (const secret of ["Secret", "Movies", dir]) expect(r.stderr).not.toContain(secret);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
