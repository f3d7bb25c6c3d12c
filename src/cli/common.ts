/** Options and output plumbing shared by the commands. */
import type { Argv } from "yargs";
import type { Catalog } from "../catalog/catalog.js";
import { loadCatalog } from "../loaders/index.js";
import { writeFileAtomic } from "../report/atomicWrite.js";
import type { OutputFormat } from "../report/tabular.js";

export interface OutputArgs {
  format: OutputFormat;
  out?: string;
}

export interface CatalogArgs {
  catalog: string;
  map?: string;
  "skip-invalid": boolean;
}

export function withOutput<T>(y: Argv<T>) {
  return y
    .option("format", { choices: ["table", "csv", "json"] as const, default: "table" as OutputFormat, describe: "output format" })
    .option("out", { type: "string", describe: "write to this file (atomically) instead of stdout" });
}

export function withCatalog<T>(y: Argv<T>) {
  return y
    .positional("catalog", {
      type: "string",
      demandOption: true,
      describe: "a CSV/TSV/JSON/NDJSON file, a dataset name (see `datasets list`) or synthetic:video-library?titles=N&seed=S",
    })
    .option("map", { type: "string", describe: 'source columns → fields, e.g. "title=name+artist,duration=milliseconds:ms,size=bytes:B"' })
    .option("skip-invalid", { type: "boolean", default: false, describe: "skip invalid rows (reported on stderr by reason) instead of stopping" });
}

/** Load the catalog and tell stderr what --skip-invalid skipped. */
export async function loadFromArgs(args: CatalogArgs): Promise<Catalog> {
  const catalog = await loadCatalog(args.catalog, { map: args.map, skipInvalid: args["skip-invalid"] });
  const skipped = Object.entries(catalog.rejected);
  if (skipped.length > 0) {
    const total = skipped.reduce((a, [, n]) => a + n, 0);
    process.stderr.write(`fprisk: skipped ${total} invalid rows: ${skipped.map(([why, n]) => `${n} ${why}`).join(", ")}\n`);
  }
  return catalog;
}

/** Print to stdout, or write atomically to --out. */
export async function emit(text: string, out?: string): Promise<void> {
  if (out) {
    await writeFileAtomic(out, text);
    process.stderr.write(`fprisk: wrote ${out}\n`);
  } else {
    process.stdout.write(text);
  }
}
