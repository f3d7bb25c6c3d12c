#!/usr/bin/env node
// Runs the vitest suite and ends with the plain "N passed, N failed" line CI reads
// (vitest's own summary is not recognized there). Extra args go to vitest
// (`--config vitest.system.config.ts` for `npm run test:system`). A skipped test
// fails the run: nothing may pass by not running.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "fprisk-test-"));
const out = join(dir, "results.json");
const run = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...process.argv.slice(2)],
  { stdio: "inherit" },
);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(out, "utf8"));
  passed = results.numPassedTests;
  // a file that fails to load has no failed test of its own: count it once
  const brokenFiles = (results.testResults ?? []).filter(
    (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
  ).length;
  failed = results.numFailedTests + brokenFiles;
  skipped = results.numPendingTests + results.numTodoTests;
} catch {
  failed = Math.max(1, failed); // no results file: vitest itself failed
}
rmSync(dir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(run.status === 0 && failed === 0 && skipped === 0 && passed > 0 ? 0 : 1);
