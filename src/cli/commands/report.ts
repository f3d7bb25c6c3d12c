import { extname } from "node:path";
import type { CommandModule } from "yargs";
import { UserError } from "../../base/errors.js";
import { buildItemReport } from "../../measures/itemReport.js";
import { checkPopulationOptions } from "../../measures/population/populationRisk.js";
import { renderItemReport, type ItemReportFormat } from "../../output/itemReportRender.js";
import { makeRedactor, resolveSalt, saltFile } from "../../base/redact.js";
import { emit, loadFromArgs, withCatalog, type CatalogArgs } from "../common.js";

type Args = CatalogArgs & {
  scheme: string;
  format?: ItemReportFormat;
  out?: string;
  limit: string;
  "redact-titles": boolean;
  salt?: string;
  population?: number;
  "sampling-fraction"?: number;
};

const FORMATS = ["table", "csv", "json", "html"] as const;

/** --format, else the --out file's extension, else a text table. */
function chooseFormat(format: ItemReportFormat | undefined, out: string | undefined): ItemReportFormat {
  if (format) return format;
  const ext = out ? extname(out).toLowerCase().slice(1) : "";
  if (ext === "htm") return "html";
  return (FORMATS as readonly string[]).includes(ext) && ext !== "table" ? (ext as ItemReportFormat) : "table";
}

/** Text tables list the top 25 by default; files get every item. */
function chooseLimit(text: string, format: ItemReportFormat): number | undefined {
  if (text === "all") return undefined;
  if (text === "") return format === "table" ? 25 : undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`--limit must be a whole number or "all", got "${text}"`);
  return n;
}

export const reportCommand: CommandModule<object, Args> = {
  command: "report <catalog>",
  describe: "which items of a library stand out under one scheme, and which attribute makes them",
  builder: (y) =>
    withCatalog(y)
      .option("scheme", { type: "string", demandOption: true, describe: "the scheme, e.g. duration=round(1s),bitrate=round(100kbps),resolution=class" })
      .option("format", { choices: FORMATS, describe: "output format (default: from --out's extension, else table)" })
      .option("out", { type: "string", describe: "write to this file (atomically) instead of stdout" })
      .option("limit", { type: "string", default: "", describe: 'list at most N items, or "all" (default: 25 in a table, all otherwise)' })
      .option("redact-titles", { type: "boolean", default: false, describe: "replace titles and file paths with stable salted hashes" })
      .option("salt", { type: "string", describe: `salt for --redact-titles (default: FPRISK_SALT, else a per-user salt kept in ${saltFile().replace(/^.*\/fprisk\//, "…/fprisk/")})` })
      .option("population", { type: "number", describe: "records in the population the library samples: adds each item's chance of being unique among them" })
      .option("sampling-fraction", { type: "number", describe: "π = library items / population, in (0, 1] (instead of --population)" })
      .example('$0 report ~/Movies --scheme "duration=round(1s),bitrate=round(100kbps),resolution=class" --redact-titles --out my-library.html', "a shareable page about your own library")
      .example('$0 report chinook-tracks --scheme "duration=round(1s)" --limit 10', "the ten most identifying tracks") as never,
  handler: async (args) => {
    if (args.salt !== undefined && !args["redact-titles"]) throw new UserError("--salt only applies with --redact-titles");
    const format = chooseFormat(args.format, args.out);
    const limit = chooseLimit(args.limit, format);
    checkPopulationOptions({ population: args.population, samplingFraction: args["sampling-fraction"] });
    const redactor = args["redact-titles"] ? makeRedactor(resolveSalt(args.salt)) : undefined;
    const catalog = await loadFromArgs(args, redactor);
    const report = buildItemReport(catalog, args.scheme, { limit, redactor, population: args.population, samplingFraction: args["sampling-fraction"] });
    await emit(renderItemReport(report, format), args.out);
  },
};
