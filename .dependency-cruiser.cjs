// Import rules for src/, checked by dependency-cruiser (test/repo/imports.test.ts runs it in
// `npm test`; `npx depcruise src` prints the same report by hand).
//
// src/ is laid out as the pipeline, and each folder imports only from the folders before it in
// LAYERS: a catalog never knows about the schemes that generalize it, the engine never knows about
// the measures computed from its partitions, and so on up to the CLI. src/index.ts, the library's
// public entry, may import anything; nothing in src/ imports it. No import cycles anywhere, type-only
// imports included. docs/architecture.md says why each module sits where it does.
//
// Parser: dependency-cruiser reads TypeScript through the `typescript` package only for versions
// before 7, and this project compiles with TypeScript 7, so the swc parser (@swc/core) reads the
// sources instead; `tsPreCompilationDeps` keeps type-only imports as arrows.

/** The layer order, bottom first. */
const LAYERS = [
  "base",
  "catalog",
  "sources",
  "schemes",
  "engine",
  "measures",
  "attacks",
  "output",
  "figures",
  "experiments",
  "cli",
];

/** Regex alternatives of folder names, e.g. `base|catalog`. */
const anyOf = (names) => names.join("|");

/** @type {import("dependency-cruiser").IForbiddenRuleType[]} */
const layerRules = LAYERS.map((layer, i) => ({
  name: `layer-${layer}`,
  comment:
    i === 0
      ? `src/${layer}/ is the bottom layer: it imports nothing else from src/`
      : `src/${layer}/ imports only from ${LAYERS.slice(0, i).map((l) => `src/${l}/`).join(", ")}`,
  severity: "error",
  from: { path: `^src/${layer}/` },
  to: { path: "^src/", pathNot: `^src/(${anyOf(LAYERS.slice(0, i + 1))})/` },
}));

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "layer-unplaced",
      comment: "every module under src/ sits in a layer folder (only src/index.ts sits above them)",
      severity: "error",
      from: { path: "^src/", pathNot: `^src/(index\\.ts$|(${anyOf(LAYERS)})/)` },
      to: {},
    },
    {
      name: "no-circular",
      comment: "no import cycles, type-only imports included",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "no-unresolvable",
      comment: "a relative import the checker cannot resolve would hide an arrow from the other rules",
      severity: "error",
      from: { path: "^src/" },
      to: { couldNotResolve: true, path: "^\\." },
    },
  ],
  options: {
    parser: "swc",
    tsPreCompilationDeps: true,
    moduleSystems: ["es6", "cjs"],
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
  },
};
