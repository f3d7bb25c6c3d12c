import type { CommandModule } from "yargs";
import { describeCatalog, itemColumns, itemValues } from "../../catalog/describe.js";
import { renderCsv, renderTextTable, type Table } from "../../output/tabular.js";
import { emit, loadFromArgs, withCatalog, withOutput, type CatalogArgs, type OutputArgs } from "../common.js";

type Args = CatalogArgs & OutputArgs & { items: boolean; limit?: number };

export const inspectCommand: CommandModule<object, Args> = {
  command: "inspect <catalog>",
  describe: "fields detected, units, precision, row/title counts, missing and rejected rows",
  builder: (y) =>
    withOutput(withCatalog(y))
      .option("items", { type: "boolean", default: false, describe: "print the normalized catalog, one row per item" })
      .option("limit", { type: "number", describe: "with --items: at most this many items" })
      .example("$0 inspect ../shared/datasets/chinook-tracks/chinook_tracks.csv", "what was detected in a CSV")
      .example("$0 inspect ~/Movies", "scan a folder of media files with ffprobe (cached)")
      .example("$0 inspect MyVideos131.db", "a Kodi library database (never opened in place)")
      .example("$0 inspect chinook-tracks --items --format csv --limit 20", "the first 20 normalized items") as never,
  handler: async (args) => {
    const catalog = await loadFromArgs(args);
    const description = describeCatalog(catalog);
    if (args.items) {
      const columns = itemColumns(catalog);
      const n = Math.min(catalog.rows, args.limit ?? catalog.rows);
      if (args.format === "json") {
        const items = [];
        for (let i = 0; i < n; i++) {
          const v = itemValues(catalog, i, columns);
          items.push(Object.fromEntries(columns.map((c, j) => [c, v[j]])));
        }
        await emit(JSON.stringify({ catalog: description, items }, null, 2) + "\n", args.out);
        return;
      }
      const rows = [];
      for (let i = 0; i < n; i++) rows.push(itemValues(catalog, i, columns));
      const table: Table = { columns, rows };
      await emit(args.format === "csv" ? renderCsv(table) : renderTextTable(table), args.out);
      return;
    }
    if (args.format === "json") {
      await emit(JSON.stringify({ catalog: description }, null, 2) + "\n", args.out);
      return;
    }
    const fields: Table = {
      columns: ["field", "from", "precision", "present", "missing", "min", "median", "max"],
      rows: description.fields.map((f) => [f.field, f.from, f.precision_text, f.present, f.missing, f.min, f.median, f.max]),
    };
    if (args.format === "csv") {
      fields.columns.unshift("source", "rows", "titles");
      for (const r of fields.rows) r.unshift(description.source, description.rows, description.titles);
      await emit(renderCsv(fields), args.out);
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
    await emit(lines.join("\n") + "\n\n" + renderTextTable(fields), args.out);
  },
};
