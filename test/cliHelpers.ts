/** Running the real `fprisk` binary in tests (it imports the built dist/: `npm run build` first). */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { dataDir, repoRoot } from "./helpers.js";

export const bin = join(repoRoot, "bin", "fprisk.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `fprisk …args` with the shared datasets; `env` adds or overrides variables. */
export function fprisk(args: string[], env: Record<string, string> = {}, options: SpawnSyncOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { ...process.env, FPRISK_DATA_DIR: dataDir, ...env },
    cwd: repoRoot,
    ...options,
  });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export function tmp(prefix = "fprisk-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Exit 2, the message on stderr in at most `maxLines` lines, no stack trace. */
export function expectUserError(r: CliResult, pattern: RegExp, maxLines = 2): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr.trim().split("\n").length).toBeLessThanOrEqual(maxLines);
}

/**
 * runuser (util-linux), which tests use to run fprisk as `nobody` (root reads anything).
 * It lives in sbin, which a plain user's PATH may leave out.
 */
export const RUNUSER = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"].find((p) => existsSync(p)) ?? "runuser";
