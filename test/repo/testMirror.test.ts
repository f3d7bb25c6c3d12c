// Tests mirror src/: every module src/<path>.ts has a direct test in test/<path>.test.ts (CLI tests
// that spawn the binary live under test/cli/, whole-repository checks under test/repo/). Modules
// that export only types have nothing to run and are exempt.
//
// UNTESTED is a ratchet: the modules still without a direct test. A new module must come with its
// test (it is not in the list), and a module that gets one must leave the list, so the list can
// only shrink.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.js";

const UNTESTED: string[] = [];

/**
 * Test files that test no single module of their name: the large-input densify checks (kept apart
 * because they allocate hundreds of MB), the lint of the committed figures, the population
 * estimators' validation against a known truth, and the generalizers' SQL run on DuckDB. Same
 * ratchet as UNTESTED.
 */
const NOT_MIRRORING = ["base/densifyLarge.test.ts", "figures/figureLint.test.ts", "measures/population/validation.test.ts", "schemes/generalizers/sql.test.ts"];

/** Folders of test/ whose files test the whole program rather than one module. */
const WHOLE_PROGRAM = ["cli/", "repo/", "system/"];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Files under `dir` ending in `suffix`, as `/`-separated paths relative to `dir`. */
function tsFiles(dir: string, suffix: string): string[] {
  return walk(dir)
    .filter((f) => f.endsWith(suffix))
    .map((f) => relative(dir, f).split("\\").join("/"));
}

const srcDir = join(repoRoot, "src");
const testDir = join(repoRoot, "test");
const modules = tsFiles(srcDir, ".ts").sort();
const tests = new Set(tsFiles(testDir, ".test.ts"));

/** True when every export of the source is a type (`export interface`, `export type`). */
export function exportsOnlyTypes(source: string): boolean {
  const exports = source.match(/^export\s+(\S+)/gm) ?? [];
  return exports.length > 0 && exports.every((e) => /^export\s+(interface|type)$/.test(e));
}

const typeOnly = modules.filter((m) => exportsOnlyTypes(readFileSync(join(srcDir, m), "utf8")));
const untested = modules.filter((m) => !typeOnly.includes(m) && !tests.has(m.replace(/\.ts$/, ".test.ts")));

describe("tests mirror src/", () => {
  it("tells type-only modules from modules with code", () => {
    expect(exportsOnlyTypes("export interface A { x: number }\nexport type B = A;\n")).toBe(true);
    expect(exportsOnlyTypes("export interface A { x: number }\nexport const a = 1;\n")).toBe(false);
    expect(exportsOnlyTypes("export type { A } from './a.js';\nexport function f() {}\n")).toBe(false);
    expect(exportsOnlyTypes("const a = 1;\n")).toBe(false);
    expect(typeOnly).toEqual(["attacks/types.ts", "experiments/reproduce/types.ts", "experiments/study/types.ts", "sources/registry/recipes/recipe.ts", "sources/relation.ts"]);
  });

  it("every module without a direct test is on the allow-list (a new module comes with its test)", () => {
    expect(untested.filter((m) => !UNTESTED.includes(m)), "modules without test/<same path>.test.ts").toEqual([]);
  });

  it("the allow-list only shrinks: a module that now has its test leaves it", () => {
    expect(UNTESTED.filter((m) => !untested.includes(m)), "remove these from UNTESTED").toEqual([]);
  });

  it("every test file outside test/cli, test/repo and test/system is named after the module it tests", () => {
    const orphans = [...tests].filter((t) => !WHOLE_PROGRAM.some((w) => t.startsWith(w)) && !modules.includes(t.replace(/\.test\.ts$/, ".ts")));
    expect(orphans.filter((t) => !NOT_MIRRORING.includes(t)), "test files naming no module").toEqual([]);
    expect(NOT_MIRRORING.filter((t) => !orphans.includes(t)), "remove these from NOT_MIRRORING").toEqual([]);
  });
});
