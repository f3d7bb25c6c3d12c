/**
 * The notebooks run headless, as in CI: tslab's TypeScript kernel under Debian's
 * `jupyter nbconvert --execute`. A failing cell fails the test; so does a type error
 * (tslab reports those on stderr and skips the cell).
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tmp } from "../cliHelpers.js";
import { dataDir, repoRoot } from "../helpers.js";

const notebooksDir = join(repoRoot, "notebooks");
const notebooks = readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort();
const bin = join(repoRoot, "node_modules", ".bin");

/** The Python that runs `jupyter` (its shebang): tslab registers its kernel through it. */
function jupyterPython(): string {
  const which = spawnSync("sh", ["-c", "command -v jupyter"], { encoding: "utf8" });
  if (which.status !== 0) throw new Error("jupyter is not installed (apt-get install jupyter-nbconvert jupyter-client; .ci/run does it)");
  const shebang = readFileSync(which.stdout.trim(), "utf8").split("\n")[0];
  return shebang.replace(/^#!\s*/, "").split(" ")[0];
}

interface Output {
  output_type: string;
  name?: string;
  text?: string[];
  ename?: string;
  evalue?: string;
}

describe("notebooks", () => {
  let env: NodeJS.ProcessEnv;
  let outDir: string;

  beforeAll(() => {
    const prefix = tmp("fprisk-jupyter-");
    outDir = tmp("fprisk-nbout-");
    const install = spawnSync(join(bin, "tslab"), ["install", `--python=${jupyterPython()}`, `--prefix=${prefix}`], { encoding: "utf8" });
    expect(install.status, install.stderr + install.stdout).toBe(0);
    env = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      JUPYTER_PATH: join(prefix, "share", "jupyter"),
      // fprisk is ESM; tslab loads modules with require()
      NODE_OPTIONS: "--experimental-require-module --no-warnings=ExperimentalWarning",
      FPRISK_DATA_DIR: dataDir,
    };
  });

  it("there are at least the three walkthroughs", () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(3);
  });

  for (const nb of notebooks) {
    it(`${nb} executes without errors`, () => {
      const run = spawnSync("jupyter", ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300", nb, "--output-dir", outDir], {
        cwd: notebooksDir,
        env,
        encoding: "utf8",
      });
      expect(run.status, run.stderr.slice(-3000)).toBe(0);
      const executed = JSON.parse(readFileSync(join(outDir, nb), "utf8")) as { cells: { cell_type: string; outputs?: Output[] }[] };
      const outputs = executed.cells.flatMap((c) => c.outputs ?? []);
      const errors = outputs.filter((o) => o.output_type === "error" || o.name === "stderr");
      expect(errors.map((o) => o.evalue ?? o.text?.join(""))).toEqual([]);
      // every code cell ran
      for (const c of executed.cells) if (c.cell_type === "code") expect(c.outputs?.length ?? 0).toBeGreaterThan(0);
    });
  }
});
