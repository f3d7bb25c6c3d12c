#!/usr/bin/env node
// The compiled CLI, bundled (npm ci runs the build through the `prepare` script; see
// scripts/bundle-cli.js).
//
// V8 compiles hot functions on a background thread by default. The engine keeps every
// core busy with its own threads, so that compile thread waits for a core while the code
// it would speed up runs unoptimized; compiling in place is faster here (measured on the
// 2-core benchmark machine: `fprisk evaluate` of a 1M-row CSV with four schemes, median of
// 10 runs, 1.47 s → 1.34 s). Flags must be set before the modules load, hence the
// dynamic import.
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--no-concurrent-recompilation");
await import("../dist/cli/main.js");
