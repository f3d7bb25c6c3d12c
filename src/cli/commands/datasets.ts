import type { CommandModule } from "yargs";
import { NUMERIC_FIELDS } from "../../catalog/catalog.js";
import { datasetFilePaths, fetchDataset, getDataset, listDatasets, verifyDataset, type DatasetEntry } from "../../sources/registry/registry.js";
import { UserError } from "../../base/errors.js";
import { loadCatalog } from "../../sources/loadCatalog.js";
import { precisionText } from "../../catalog/describe.js";
import { renderCsv, renderTextTable, type Cell, type Table } from "../../output/tabular.js";
import { emit, withOutput, type OutputArgs } from "../common.js";
import { examples } from "../help.js";
import { checkOutputPaths, outputFormat } from "../output.js";
import { generatePlayLogCommand } from "./generatePlayLog.js";

type Args = OutputArgs;

function entryOrThrow(name: string | undefined): DatasetEntry {
  if (!name) throw new UserError("name a dataset, e.g. `fprisk datasets info chinook-tracks`");
  const entry = getDataset(name);
  if (!entry) throw new UserError(`unknown dataset "${name}"; known: ${listDatasets().map((d) => d.name).join(", ")}`);
  return entry;
}

async function status(entry: DatasetEntry): Promise<{ verified: string; rows: number | null; fields: string; precision: string }> {
  let checks;
  try {
    checks = await verifyDataset(entry);
  } catch (e) {
    if (e instanceof UserError) return { verified: "not found", rows: null, fields: "", precision: "" };
    throw e;
  }
  const bad = checks.filter((c) => !c.ok);
  const verified = bad.length === 0 ? "ok" : `MISMATCH: ${bad.map((c) => c.file).join(", ")}`;
  const catalog = await loadCatalog(entry.name);
  const fields = NUMERIC_FIELDS.filter((f) => catalog.numeric[f]);
  return {
    verified,
    rows: catalog.rows,
    fields: fields.join(" "),
    precision: catalog.numeric.duration_ms ? precisionText("duration_ms", catalog.precision.duration_ms) : "",
  };
}

const FORMATS = ["table", "csv", "json"] as const;

function render(table: Table, format: (typeof FORMATS)[number], json: unknown): string {
  if (format === "json") return JSON.stringify(json, null, 2) + "\n";
  return format === "csv" ? renderCsv(table) : renderTextTable(table);
}

type NameArgs = Args & { name: string };

const list: CommandModule<object, Args> = {
  command: "list",
  describe: "every registered dataset: name, rows, fields, duration precision, licence and whether its files match their sha256",
  builder: (y) =>
    withOutput(y).epilog(
      examples([
        ["$0 datasets list", "the registry as a table"],
        ["$0 datasets list --format json", "the same as JSON, with each dataset's title"],
      ]),
    ) as never,
  handler: async (args) => {
    const format = outputFormat(args, FORMATS);
    checkOutputPaths([args.out], listDatasets().flatMap(datasetFilePaths));
    const rows: Cell[][] = [];
    const json = [];
    for (const entry of listDatasets()) {
      const s = await status(entry);
      rows.push([entry.name, s.rows, s.fields, s.precision, entry.licence, s.verified]);
      json.push({ name: entry.name, title: entry.title, rows: s.rows, fields: s.fields.split(" ").filter(Boolean), duration_precision: s.precision, licence: entry.licence, verified: s.verified });
    }
    const table = { columns: ["name", "rows", "fields", "duration precision", "licence", "sha256"], rows };
    await emit(render(table, format, json), args.out);
  },
};

const info: CommandModule<object, NameArgs> = {
  command: "info <name>",
  describe: "one dataset: description, files, column map, rows, fields, licence, upstream and checksum status",
  builder: (y) =>
    withOutput(y)
      .positional("name", { type: "string", demandOption: true, describe: "dataset name (see `fprisk datasets list`)" })
      .epilog(examples([["$0 datasets info chinook-tracks", "what the Chinook dataset holds and where it comes from"]])) as never,
  handler: async (args) => {
    const format = outputFormat(args, FORMATS);
    const entry = entryOrThrow(args.name);
    checkOutputPaths([args.out], datasetFilePaths(entry));
    const s = await status(entry);
    const pairs: [string, Cell][] = [
      ["name", entry.name],
      ["title", entry.title],
      ["description", entry.description],
      ["files", entry.files.map((f) => f.path).join(", ")],
      ["map", entry.map],
      ["rows", s.rows],
      ["fields", s.fields],
      ["duration precision", s.precision],
      ["licence", entry.licence],
      ["upstream", `${entry.upstream.repo}@${entry.upstream.commit}${entry.upstream.derived ? ` (derived: ${entry.upstream.recipe ?? "see its SOURCE.md"})` : ""}`],
      ["sha256", s.verified],
    ];
    const table = { columns: ["key", "value"], rows: pairs.map(([k, v]) => [k, v]) };
    await emit(render(table, format, { ...entry, rows: s.rows, verified: s.verified }), args.out);
  },
};

const verify: CommandModule<object, Args & { name?: string }> = {
  command: "verify [name]",
  describe: "check a dataset's files (every dataset's when no name is given) against their registered sha256; exit 2 on a mismatch",
  builder: (y) =>
    withOutput(y)
      .positional("name", { type: "string", describe: "dataset name (all datasets when omitted)" })
      .epilog(examples([["$0 datasets verify chinook-tracks", "check the files' sha256 against the registry"]])) as never,
  handler: async (args) => {
    const format = outputFormat(args, FORMATS);
    const entries = args.name ? [entryOrThrow(args.name)] : listDatasets();
    checkOutputPaths([args.out], entries.flatMap(datasetFilePaths));
    const rows: Cell[][] = [];
    let failures = 0;
    for (const entry of entries) {
      for (const c of await verifyDataset(entry)) {
        rows.push([entry.name, c.file, c.ok ? "ok" : "MISMATCH", c.actual]);
        if (!c.ok) failures++;
      }
    }
    await emit(render({ columns: ["dataset", "file", "status", "sha256"], rows }, format, rows.map(([dataset, file, status, sha256]) => ({ dataset, file, status, sha256 }))), args.out);
    if (failures > 0) throw new UserError(`${failures} file(s) do not match their registered sha256`);
  },
};

const fetch: CommandModule<object, NameArgs> = {
  command: "fetch <name>",
  describe: "download a dataset into the data folder (needs network) and check its sha256; a derived dataset is rebuilt from its checksummed upstream files by its recipe",
  builder: (y) =>
    y
      .positional("name", { type: "string", demandOption: true, describe: "dataset name (see `fprisk datasets list`)" })
      .epilog(
        examples([
          ["$0 datasets fetch msd-subset-10k", "download a dataset into the data folder"],
          ["$0 datasets fetch chinook-tracks", "rebuild a derived dataset: upstream files → recipe → the registered bytes"],
        ]),
      ) as never,
  handler: async (args) => {
    const entry = entryOrThrow(args.name);
    const result = await fetchDataset(entry);
    process.stderr.write(`fprisk: ${result.message}\n`);
  },
};

export const DATASET_ACTIONS = ["list", "info", "verify", "fetch", "generate-play-log"];

export const datasetsCommand: CommandModule<object, object> = {
  command: "datasets",
  describe: "the dataset registry: list, info, verify, fetch (each has --help); generate-play-log writes a synthetic play log",
  builder: (y) =>
    y
      .command(list)
      .command(info)
      .command(verify)
      .command(fetch)
      .command(generatePlayLogCommand)
      .demandCommand(1, "name an action: list, info, verify, fetch or generate-play-log")
      .epilog(
        examples([
          ["$0 datasets list", "every dataset with rows, fields, licence and checksum status"],
          ["$0 datasets verify chinook-tracks", "check the files' sha256 against the registry"],
          ["$0 datasets fetch msd-subset-10k", "download a dataset into the data folder (needs network)"],
        ]),
      ) as never,
  handler: () => {},
};
