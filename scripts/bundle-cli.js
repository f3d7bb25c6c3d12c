// The command line as a few bundled files (dist/cli), built after tsc by `npm run build`.
//
// A run of the CLI loads the command it names and everything that imports: about 160 modules
// for `evaluate`, which Node reads, resolves and compiles one at a time (about 90 ms on the
// 2-core benchmark machine). Bundled, the same code loads in a few files, and a CSV read
// starts about 40 ms sooner. Commands stay separate chunks, loaded when named; npm
// packages stay outside (imported from node_modules as before). The engine's worker is an
// entry of its own, next to the chunk that starts it (pool.ts spawns "./worker.js").
// The library API (dist/src) is not bundled.
import { build } from "esbuild";

await build({
  entryPoints: ["dist/src/cli/main.js", "dist/src/engine/worker.js"],
  outdir: "dist/cli",
  entryNames: "[name]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  packages: "external",
  logLevel: "warning",
});
