// The import rules of .dependency-cruiser.cjs, run over src/ in `npm test`: the layer order
// (each folder imports only from the folders before it) and no cycles. A fixture tree with bad
// imports proves each rule fires, so a violating import in src/ fails the suite.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { cruise, type ICruiseResult, type IConfiguration } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.js";

const config = createRequire(import.meta.url)(join(repoRoot, ".dependency-cruiser.cjs")) as IConfiguration;
/** The layer folders, bottom first, as the config's layer rules name them. */
const layers = (config.forbidden ?? []).flatMap((r) => (r.name?.startsWith("layer-") && r.name !== "layer-unplaced" ? [r.name.slice(6)] : []));

/** Runs the repository's rules over `dir` (relative to `baseDir`) and returns the cruise result. */
async function check(baseDir: string, dir = "src"): Promise<ICruiseResult> {
  const { output } = await cruise([dir], { ...config.options, baseDir, validate: true, ruleSet: { forbidden: config.forbidden } });
  return output as ICruiseResult;
}

/** One line per violation: `rule: from → to` (the cycle's path for a cycle). */
function violationLines(result: ICruiseResult): string[] {
  return result.summary.violations.map((v) =>
    v.type === "cycle" && v.cycle ? `${v.rule.name}: ${v.from} → ${v.cycle.map((c) => c.name).join(" → ")}` : `${v.rule.name}: ${v.from} → ${v.to}`,
  );
}

function srcFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? srcFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("import rules on src/", () => {
  it("names the eleven layers in pipeline order", () => {
    expect(layers).toEqual(["base", "catalog", "sources", "schemes", "engine", "measures", "attacks", "output", "figures", "experiments", "cli"]);
  });

  it("src/ has no backward import and no cycle", async () => {
    const result = await check(repoRoot);
    const modules = result.modules.filter((m) => m.source.startsWith("src/"));
    // the checker read every source file and resolved their imports of each other
    expect(modules.length).toBe(srcFiles(join(repoRoot, "src")).length);
    const arrows = modules.flatMap((m) => m.dependencies.filter((d) => d.resolved.startsWith("src/")));
    expect(arrows.length).toBeGreaterThan(modules.length);
    expect(violationLines(result)).toEqual([]);
  }, 60_000);

  it("every module sits in a layer folder (only src/index.ts above them)", () => {
    const unplaced = srcFiles(join(repoRoot, "src"))
      .map((f) => relative(repoRoot, f).split("\\").join("/"))
      .filter((f) => f !== "src/index.ts" && !layers.some((l) => f.startsWith(`src/${l}/`)));
    expect(unplaced).toEqual([]);
  });
});

describe("the rules catch violations (fixture tree)", () => {
  const root = mkdtempSync(join(tmpdir(), "fprisk-imports-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  // allowed: forward imports, same-folder imports, index.ts importing the top layer
  write("src/base/errors.ts", "export class Oops extends Error {}\n");
  write("src/catalog/catalog.ts", 'import { Oops } from "../base/errors.js";\nexport const bad = new Oops();\nexport interface Catalog { rows: number }\n');
  write("src/cli/main.ts", 'import { run } from "../experiments/run.js";\nexport const main = run;\n');
  write("src/index.ts", 'export { main } from "./cli/main.js";\nexport type { Catalog } from "./catalog/catalog.js";\n');
  // backward: a value import, a type-only import and a dynamic import against the order
  write("src/base/random.ts", 'import { bad } from "../catalog/catalog.js";\nexport const seed = bad ? 1 : 0;\n');
  write("src/engine/partition.ts", 'import type { Row } from "../measures/metrics.js";\nexport const rows: Row[] = [];\n');
  write("src/measures/metrics.ts", "export interface Row { n: number }\n");
  write("src/experiments/run.ts", 'export async function run() {\n  return (await import("../cli/main.js")).main;\n}\n');
  // a module outside every layer, and one that imports the public entry
  write("src/misc/util.ts", 'import { seed } from "../base/random.js";\nexport const u = seed;\n');
  write("src/output/table.ts", 'import { main } from "../index.js";\nexport const t = main;\n');
  // a two-module cycle inside one layer
  write("src/attacks/a.ts", 'import { b } from "./b.js";\nexport const a = () => b;\n');
  write("src/attacks/b.ts", 'import { a } from "./a.js";\nexport const b = () => a;\n');
  // an import of a file that does not exist
  write("src/figures/chart.ts", 'import { gone } from "./gone.js";\nexport const c = gone;\n');

  // the checker names each cycle once, from one of its modules
  it("reports exactly the bad imports, by rule, from file to file", async () => {
    const lines = violationLines(await check(root));
    expect(lines.sort()).toEqual(
      [
        "layer-base: src/base/random.ts → src/catalog/catalog.ts",
        "layer-engine: src/engine/partition.ts → src/measures/metrics.ts",
        "layer-experiments: src/experiments/run.ts → src/cli/main.ts",
        "layer-output: src/output/table.ts → src/index.ts",
        "layer-unplaced: src/misc/util.ts → src/base/random.ts",
        "no-circular: src/attacks/a.ts → src/attacks/b.ts → src/attacks/a.ts",
        // the backward dynamic import closes a cycle with cli/main's forward import
        "no-circular: src/cli/main.ts → src/experiments/run.ts → src/cli/main.ts",
        "no-unresolvable: src/figures/chart.ts → ./gone.js",
      ].sort(),
    );
  }, 60_000);
});
