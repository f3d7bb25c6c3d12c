import type { CommandModule } from "yargs";
import type { Catalog } from "../../catalog/catalog.js";
import { describeCatalog, itemColumns, itemValues } from "../../catalog/describe.js";
import { jsonWithArrayLines } from "../../output/jsonLines.js";
import { csvLines, fitToWidth, leftOutNote, textTableLines, type Cell, type RowSource, type Table } from "../../output/tabular.js";
import { emit, emitLines, loadFromArgs, withCatalog, withOutput, type CatalogArgs, type OutputArgs } from "../common.js";
import { examples } from "../help.js";
import { catalogInputs, checkOutputPaths, outputFormat } from "../output.js";
import { UsageError } from "../usageError.js";

type Args = CatalogArgs & OutputArgs & { items: boolean; limit?: number };

const FORMATS = ["table", "csv", "json"] as const;

/** The first n items, read from the catalog's columns one row at a time (never all held). */
function itemRows(catalog: Catalog, n: number): RowSource {
  const columns = itemColumns(catalog);
  return {
    columns,
    *rows(): Generator<Cell[]> {
      for (let i = 0; i < n; i++) yield itemValues(catalog, i, columns);
    },
  };
}

function* itemObjects(items: RowSource): Generator<Record<string, Cell>> {
  for (const v of items.rows()) {
    const o: Record<string, Cell> = {};
    items.columns.forEach((c, j) => (o[c] = v[j]));
    yield o;
  }
}

export const inspectCommand: CommandModule<object, Args> = {
  command: "inspect <catalog>",
  describe: "fields detected, units, precision, row/title counts, missing and rejected rows",
  builder: (y) =>
    withOutput(withCatalog(y), FORMATS)
      .option("items", { type: "boolean", default: false, describe: "print the normalized catalog, one row per item (streamed: any size)" })
      .option("limit", { type: "number", describe: "with --items: at most this many items" })
      .epilog(
        examples([
          ["$0 inspect ../shared/datasets/chinook-tracks/chinook_tracks.csv", "what was detected in a CSV"],
          ["$0 inspect ~/Movies", "scan a folder of media files with ffprobe (cached)"],
          ["$0 inspect MyVideos131.db", "a Kodi library database (never opened in place)"],
          ["$0 inspect chinook-tracks --items --format csv --limit 20", "the first 20 normalized items"],
          ['$0 inspect "synthetic:video-library?rows=1000000" --items --out items.csv', "a million items as CSV, streamed to the file"],
        ]),
      ) as never,
  handler: async (args) => {
    const format = outputFormat(args, FORMATS);
    if (args.limit !== undefined && !(Number.isInteger(args.limit) && args.limit >= 0)) throw new UsageError(`--limit must be a whole number ≥ 0, got ${args.limit}`);
    if (args.limit !== undefined && !args.items) throw new UsageError("--limit only applies with --items");
    checkOutputPaths([args.out], catalogInputs(args.catalog));
    const catalog = await loadFromArgs(args);
    const description = describeCatalog(catalog);
    if (args.items) {
      const items = itemRows(catalog, Math.min(catalog.rows, args.limit ?? catalog.rows));
      const lines = format === "json" ? jsonWithArrayLines({ catalog: description }, "items", itemObjects(items)) : format === "csv" ? csvLines(items) : textTableLines(items);
      await emitLines(args.out, lines);
      return;
    }
    if (format === "json") {
      await emit(JSON.stringify({ catalog: description }, null, 2) + "\n", args.out);
      return;
    }
    const fields: Table = {
      columns: ["field", "from", "precision", "present", "missing", "min", "median", "max"],
      rows: description.fields.map((f) => [f.field, f.from, f.precision_text, f.present, f.missing, f.min, f.median, f.max]),
    };
    if (format === "csv") {
      fields.columns.unshift("source", "rows", "titles");
      for (const r of fields.rows) r.unshift(description.source, description.rows, description.titles);
      await emitLines(args.out, csvLines({ columns: fields.columns, rows: () => fields.rows }));
      return;
    }
    const lines = [
      `source   ${description.source}`,
      `rows     ${description.rows}`,
      `titles   ${description.titles} (${description.items_per_title.toFixed(2)} items per title)`,
      `title    ${catalog.provenance.title ?? "—"}`,
    ];
    const rejected = Object.entries(description.rejected);
    if (rejected.length) lines.push(`rejected ${rejected.map(([why, n]) => `${n} ${why}`).join(", ")}`);
    for (const note of description.notes) lines.push(`note     ${note}`);
    // a loader that knows why bitrate is missing (Kodi) says so itself
    if (!catalog.numeric.bitrate_kbps && !description.notes.some((n) => /no bitrate/i.test(n))) {
      lines.push("note     no bitrate in this catalog: schemes naming bitrate cannot be evaluated on it");
    }
    // where a field comes from is the point of inspect: kept whole; the median goes first if space is short
    const fit = fitToWidth({ columns: fields.columns, rows: () => fields.rows }, { maxCell: 60, priority: ["field", "from", "precision", "present", "missing", "min", "max", "median"] });
    await emitLines(args.out, [lines.join("\n") + "\n\n", ...textTableLines(fit.table), ...(fit.left.length ? ["\n", leftOutNote(fit.left, "--format csv has every column")] : [])]);
  },
};
