/**
 * `report --redact-titles` leaks no folder, file or title name on any channel: stdout,
 * stderr (skipped and ignored files, errors), the --out file. (The progress bar
 * shows counts only, and only on a terminal.)
 */
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectUserError, fprisk, tmp } from "../cliHelpers.js";
import { repoRoot } from "../helpers.js";

const fx = (name: string) => join(repoRoot, "test", "fixtures", "media", name);
const SCHEME = "duration=round(1s),bitrate=round(100kbps),resolution=class";

/** Names that must never appear once redacted: the folder, each file stem, each title tag. */
const SECRETS = ["Secret Stash", "Amelie", "Hidden Film", "Plot Notes", "Unfinished Song", "Test Pattern", "Scope Feature"];

/** A library whose folder and file names are all "private". */
function library(): string {
  const dir = join(tmp(), "Secret Stash");
  mkdirSync(join(dir, "Amelie (2001)"), { recursive: true });
  copyFileSync(fx("test-pattern-40k.mp4"), join(dir, "Amelie (2001)", "Amelie (2001).mp4"));
  copyFileSync(fx("Scope Feature (2019).mp4"), join(dir, "Scope Feature.mp4"));
  copyFileSync(fx("broken-download.mp4"), join(dir, "Hidden Film.mp4")); // ffprobe: moov atom not found
  // ffprobe names the file itself in its error: "file:/…/Unfinished Song.flac: Invalid data found…"
  writeFileSync(join(dir, "Unfinished Song.flac"), "fLaC" + "x".repeat(40));
  writeFileSync(join(dir, "Plot Notes.nfo"), "<movie>plot</movie>\n"); // ignored: not media
  return dir;
}

function expectNoSecret(channel: string, text: string) {
  for (const s of SECRETS) expect(text, `${channel} names "${s}"`).not.toContain(s);
}

describe("report --redact-titles leaks nothing", () => {
  it("stdout, stderr and the out file carry hashes only, skipped and ignored files included", () => {
    const dir = library();
    const env = { XDG_CACHE_HOME: tmp(), FPRISK_SALT: "pepper" };
    const out = join(tmp(), "share.html");
    const r = fprisk(["report", dir, "--scheme", SCHEME, "--redact-titles", "--out", out], env);
    expect(r.code, r.stderr).toBe(0);
    expectNoSecret("stderr", r.stderr);
    expectNoSecret("stdout", r.stdout);
    expectNoSecret("the out file", readFileSync(out, "utf8"));
    // what was left out is still said, by hash and reason
    expect(r.stderr).toMatch(/^fprisk: skipped 2 files: 2 ffprobe failed$/m);
    expect(r.stderr).toMatch(/^fprisk: {3}file-[0-9a-f]{12}\.mp4: ffprobe: moov atom not found$/m);
    expect(r.stderr).toMatch(/^fprisk: {3}file-[0-9a-f]{12}\.flac: ffprobe: file-[0-9a-f]{12}\.flac: Invalid data found when processing input$/m);
    expect(r.stderr).toMatch(/^fprisk: ignored 1 file that is not media \(1 text\)$/m);

    const json = fprisk(["report", dir, "--scheme", SCHEME, "--redact-titles", "--format", "json"], env);
    expect(json.code, json.stderr).toBe(0);
    expectNoSecret("stdout (json)", json.stdout);
    expectNoSecret("stderr (json)", json.stderr);
    // the skipped file's hash on stderr is the one its path gets in any report with this salt
    expect(json.stderr).toBe(r.stderr.replace(/^fprisk: wrote .*\n/m, ""));
  });

  it("without --redact-titles the same scan names the files (so the test above can fail)", () => {
    const dir = library();
    const r = fprisk(["report", dir, "--scheme", SCHEME, "--format", "json"], { XDG_CACHE_HOME: tmp() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${join(dir, "Hidden Film.mp4")}: ffprobe: moov atom not found`);
    expect(r.stdout).toContain("Secret Stash");
  });

  it("an error about the folder names it by hash too", () => {
    const dir = join(tmp(), "Secret Stash");
    mkdirSync(dir);
    copyFileSync(fx("broken-download.mp4"), join(dir, "Hidden Film.mp4"));
    const r = fprisk(["report", dir, "--scheme", SCHEME, "--redact-titles", "--salt", "pepper"], { XDG_CACHE_HOME: tmp() });
    expectUserError(r, /^fprisk: file-[0-9a-f]{12}: nothing could be loaded: 1 file skipped \(1 ffprobe failed\) \(first: file-[0-9a-f]{12}\.mp4: ffprobe: moov atom not found\)$/m);
    expectNoSecret("stderr", r.stderr);
  });

  it("a salt file others can read, or a dangling salt link, stops the report before anything is read or written", () => {
    const cfg = tmp();
    const salt = join(cfg, "fprisk", "redaction-salt");
    mkdirSync(join(cfg, "fprisk"));
    writeFileSync(salt, "pepper\n");
    chmodSync(salt, 0o644);
    const out = join(tmp(), "share.html");
    const env = { XDG_CONFIG_HOME: cfg, FPRISK_SALT: "", XDG_CACHE_HOME: tmp() };
    const r = fprisk(["report", library(), "--scheme", SCHEME, "--redact-titles", "--out", out], env);
    expectUserError(r, new RegExp(`mode 644\\), so the hashes could be reversed; run \`chmod 600 ${salt}\`\n`), 1);
    expect(() => readFileSync(out)).toThrow();
    rmSync(salt);
    symlinkSync(join(cfg, "moved-salt"), salt);
    const dangling = fprisk(["report", library(), "--scheme", SCHEME, "--redact-titles", "--out", out], env);
    expectUserError(dangling, /redaction-salt: the redaction salt is a symlink to .*moved-salt, which does not exist; restore that file, or delete the link/, 1);
    expect(() => readFileSync(out)).toThrow();
  });
});
