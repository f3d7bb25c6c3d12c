#!/usr/bin/env node
// Executes the notebooks headless with tslab's TypeScript kernel under Jupyter's
// `nbconvert --execute`, as `npm run test:system` and the committed notebooks need.
//
//   node scripts/notebooks.js                       # execute every notebook in place (commit the result)
//   node scripts/notebooks.js --out-dir DIR [NB…]   # write the executed copies to DIR instead
//
// Needs `npm run build` first (the notebooks import ../dist/src/index.js) and Jupyter
// (Debian: apt-get install -y --no-install-recommends jupyter-nbconvert
// python3-nbconvert jupyter-client python3-ipykernel); tslab comes from npm and its
// kernel is registered in a temporary Jupyter path, nothing is installed for the user.
// Per-cell execution timestamps are dropped, so re-executing changes only real output.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const notebooksDir = join(root, "notebooks");
const bin = join(root, "node_modules", ".bin");
const INSTALL = "install Jupyter's nbconvert: apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbconvert jupyter-client python3-ipykernel (.ci/run does it)";

let work; // the temporary Jupyter path and output folder

function fail(message) {
  if (work) rmSync(work, { recursive: true, force: true });
  process.stderr.write(`notebooks: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
const outAt = args.indexOf("--out-dir");
const outDir = outAt >= 0 ? resolve(args[outAt + 1] ?? fail("--out-dir needs a folder")) : undefined;
const named = args.filter((_, i) => outAt < 0 || (i !== outAt && i !== outAt + 1));
const notebooks = named.length > 0 ? named.map((n) => basename(n)) : readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort();

// The Python that runs `jupyter` (its shebang): tslab registers its kernel through it.
const which = spawnSync("sh", ["-c", "command -v jupyter"], { encoding: "utf8" });
if (which.status !== 0) fail(`jupyter is not on PATH; ${INSTALL}`);
const nbconvert = spawnSync("jupyter", ["nbconvert", "--version"], { encoding: "utf8" });
if (nbconvert.status !== 0) fail(`\`jupyter nbconvert\` does not run (${(nbconvert.stderr || nbconvert.stdout).trim().split("\n").pop()}); ${INSTALL}`);
const python = readFileSync(which.stdout.trim(), "utf8").split("\n")[0].replace(/^#!\s*/, "").split(" ")[0];

work = mkdtempSync(join(tmpdir(), "fprisk-notebooks-"));
try {
  const install = spawnSync(join(bin, "tslab"), ["install", `--python=${python}`, `--prefix=${work}`], { encoding: "utf8" });
  if (install.status !== 0) fail(`tslab could not register its kernel with ${python}: ${(install.stderr + install.stdout).trim()}; ${INSTALL}`);
  const env = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    JUPYTER_PATH: join(work, "share", "jupyter"),
    // fprisk is ESM; tslab loads modules with require()
    NODE_OPTIONS: "--experimental-require-module --no-warnings=ExperimentalWarning",
  };
  for (const nb of notebooks) {
    const started = Date.now();
    const run = spawnSync("jupyter", ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300", nb, "--output-dir", work], {
      cwd: notebooksDir,
      env,
      encoding: "utf8",
    });
    if (run.status !== 0) fail(`${nb} did not execute:\n${run.stderr.slice(-3000)}`);
    const executed = JSON.parse(readFileSync(join(work, nb), "utf8"));
    for (const cell of executed.cells) delete cell.metadata?.execution;
    const target = join(outDir ?? notebooksDir, nb);
    writeFileSync(`${target}.tmp`, JSON.stringify(executed, null, 1) + "\n");
    renameSync(`${target}.tmp`, target);
    process.stderr.write(`notebooks: ${nb} executed in ${((Date.now() - started) / 1000).toFixed(1)} s → ${outDir ? target : "in place"}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
