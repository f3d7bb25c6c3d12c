import type { CommandModule } from "yargs";
import { NUMERIC_FIELDS } from "../../catalog/catalog.js";
import { fetchDataset, getDataset, listDatasets, verifyDataset, type DatasetEntry } from "../../sources/registry/registry.js";
import { UserError } from "../../base/errors.js";
import { loadCatalog } from "../../sources/loadCatalog.js";
import { precisionText } from "../../catalog/describe.js";
import { renderCsv, renderTextTable, type Cell, type Table } from "../../output/tabular.js";
import { emit, withOutput, type OutputArgs } from "../common.js";

type Args = OutputArgs & { action: string; name?: string };

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

function render(table: Table, format: OutputArgs["format"], json: unknown): string {
  if (format === "json") return JSON.stringify(json, null, 2) + "\n";
  return format === "csv" ? renderCsv(table) : renderTextTable(table);
}

export const datasetsCommand: CommandModule<object, Args> = {
  command: "datasets <action> [name]",
  describe: "the dataset registry: list, info, verify, fetch",
  builder: (y) =>
    withOutput(y)
      .positional("action", { choices: ["list", "info", "verify", "fetch"] as const, describe: "what to do" })
      .positional("name", { type: "string", describe: "dataset name (all datasets for verify when omitted)" })
      .example("$0 datasets list", "every dataset with rows, fields, licence and checksum status")
      .example("$0 datasets verify chinook-tracks", "check the files' sha256 against the registry")
      .example("$0 datasets fetch msd-subset-10k", "download a dataset into the data folder (needs network)") as never,
  handler: async (args) => {
    switch (args.action) {
      case "list": {
        const rows: Cell[][] = [];
        const json = [];
        for (const entry of listDatasets()) {
          const s = await status(entry);
          rows.push([entry.name, s.rows, s.fields, s.precision, entry.licence, s.verified]);
          json.push({ name: entry.name, title: entry.title, rows: s.rows, fields: s.fields.split(" ").filter(Boolean), duration_precision: s.precision, licence: entry.licence, verified: s.verified });
        }
        const table = { columns: ["name", "rows", "fields", "duration precision", "licence", "sha256"], rows };
        await emit(render(table, args.format, json), args.out);
        return;
      }
      case "info": {
        const entry = entryOrThrow(args.name);
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
          ["upstream", `${entry.upstream.repo}@${entry.upstream.commit}${entry.upstream.derived ? " (derived)" : ""}`],
          ["sha256", s.verified],
        ];
        const table = { columns: ["key", "value"], rows: pairs.map(([k, v]) => [k, v]) };
        await emit(render(table, args.format, { ...entry, rows: s.rows, verified: s.verified }), args.out);
        return;
      }
      case "verify": {
        const entries = args.name ? [entryOrThrow(args.name)] : listDatasets();
        const rows: Cell[][] = [];
        let failures = 0;
        for (const entry of entries) {
          for (const c of await verifyDataset(entry)) {
            rows.push([entry.name, c.file, c.ok ? "ok" : "MISMATCH", c.actual]);
            if (!c.ok) failures++;
          }
        }
        await emit(render({ columns: ["dataset", "file", "status", "sha256"], rows }, args.format, rows.map(([dataset, file, status, sha256]) => ({ dataset, file, status, sha256 }))), args.out);
        if (failures > 0) throw new UserError(`${failures} file(s) do not match their registered sha256`);
        return;
      }
      case "fetch": {
        const entry = entryOrThrow(args.name);
        const result = await fetchDataset(entry);
        process.stderr.write(`fprisk: ${result.message}\n`);
        return;
      }
    }
  },
};
