/**
 * The notebooks run headless, as in CI: scripts/notebooks.js executes each with
 * tslab's TypeScript kernel under Jupyter's `nbconvert --execute`. A failing cell
 * fails the test; so does a type error (tslab reports those on stderr and skips the
 * cell). Without Jupyter every notebook test FAILS with the packages to install —
 * never skipped. The committed notebooks must show their outputs.
 *
 * Part of `npm run test:system` (vitest.system.config.ts), not of `npm test`.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tmp } from "../cliHelpers.js";
import { dataDir, repoRoot } from "../helpers.js";

const notebooksDir = join(repoRoot, "notebooks");
const notebooks = readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort();

interface Output {
  output_type: string;
  name?: string;
  text?: string[];
  ename?: string;
  evalue?: string;
}

interface Notebook {
  cells: { cell_type: string; source: string[] | string; outputs?: Output[] }[];
}

const codeCells = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === "code");
const problems = (c: { outputs?: Output[] }) => (c.outputs ?? []).filter((o) => o.output_type === "error" || o.name === "stderr").map((o) => o.evalue ?? o.text?.join(""));

describe("notebooks", () => {
  it("there are at least the three walkthroughs", () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(3);
  });

  for (const nb of notebooks) {
    it(`${nb} executes without errors, and is committed executed`, () => {
      const outDir = tmp("fprisk-nbout-");
      const run = spawnSync(process.execPath, [join(repoRoot, "scripts", "notebooks.js"), "--out-dir", outDir, nb], {
        env: { ...process.env, FPRISK_DATA_DIR: dataDir },
        encoding: "utf8",
      });
      expect(run.status, run.stderr.slice(-3000)).toBe(0);
      const executed = JSON.parse(readFileSync(join(outDir, nb), "utf8")) as Notebook;
      for (const c of codeCells(executed)) {
        expect(problems(c)).toEqual([]);
        expect(c.outputs?.length ?? 0, "every code cell ran and showed something").toBeGreaterThan(0);
      }
      // the committed copy is this notebook, executed: same code, every cell with its output
      const committed = JSON.parse(readFileSync(join(notebooksDir, nb), "utf8")) as Notebook;
      expect(codeCells(committed).map((c) => c.source)).toEqual(codeCells(executed).map((c) => c.source));
      for (const c of codeCells(committed)) {
        expect(c.outputs?.length ?? 0, `a code cell of the committed ${nb} has no output: run \`npm run notebooks\` and commit`).toBeGreaterThan(0);
        expect(problems(c)).toEqual([]);
      }
    });
  }
});
