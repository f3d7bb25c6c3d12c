import type { CommandModule } from "yargs";
import { UserError } from "../../base/errors.js";
import { streamItemReport } from "../../measures/itemReport.js";
import { checkPopulationOptions } from "../../measures/population/populationRisk.js";
import { itemReportLines, type ItemReportFormat } from "../../output/itemReportRender.js";
import { makeRedactor, resolveSalt, saltFile } from "../../base/redact.js";
import { parseScheme } from "../../schemes/parse.js";
import { checkCatalogArgs, emitLines, loadFromArgs, withCatalog, withOutput, type CatalogArgs, type OutputArgs } from "../common.js";
import { examples } from "../help.js";
import { catalogInputs, checkOutputPaths, outputFormat } from "../output.js";
import { UsageError } from "../usageError.js";

type Args = CatalogArgs &
  OutputArgs & {
    scheme: string;
    limit?: string;
    "redact-titles": boolean;
    salt?: string;
    population?: number;
    "sampling-fraction"?: number;
  };

const FORMATS: readonly ItemReportFormat[] = ["table", "csv", "json", "html"];

/** Items listed by default: a page a person reads (text 25, HTML 1,000); CSV and JSON are data, so every item. */
const DEFAULT_LIMIT: Record<ItemReportFormat, number | undefined> = { table: 25, html: 1000, csv: undefined, json: undefined };

function chooseLimit(text: string | undefined, format: ItemReportFormat): number | undefined {
  if (text === undefined) return DEFAULT_LIMIT[format];
  if (text === "all") return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`--limit must be a whole number or "all", got "${text}"`);
  return n;
}

export const reportCommand: CommandModule<object, Args> = {
  command: "report <catalog>",
  describe: "which items of a library stand out under one scheme, and which attribute makes them",
  builder: (y) =>
    withOutput(withCatalog(y), FORMATS)
      .option("scheme", { type: "string", demandOption: true, describe: "the scheme, e.g. duration=round(1s),bitrate=round(100kbps),resolution=class" })
      .option("limit", { type: "string", describe: 'list at most N items, or "all" (default: 25 in a table, 1000 in HTML, all in CSV/JSON)' })
      .option("redact-titles", { type: "boolean", default: false, describe: "replace titles and file paths with stable salted hashes (in the output and in fprisk's messages)" })
      .option("salt", { type: "string", describe: `salt for --redact-titles (default: FPRISK_SALT, else a per-user salt kept in ${saltFile().replace(/^.*\/fprisk\//, "…/fprisk/")})` })
      .option("population", { type: "number", describe: "records in the population the library samples: adds each item's chance of being unique among them" })
      .option("sampling-fraction", { type: "number", describe: "π = library items / population, in (0, 1] (instead of --population)" })
      .epilog(
        examples([
          ['$0 report ~/Movies --scheme "duration=round(1s),bitrate=round(100kbps),resolution=class" --redact-titles --out my-library.html', "a shareable page about your own library"],
          ['$0 report chinook-tracks --scheme "duration=round(1s)" --limit 10', "the ten most identifying tracks"],
          ['$0 report chinook-tracks --scheme "duration=round(1s)" --limit all --out every-track.html', "a page listing every item, not only the top 1,000"],
        ]),
      ) as never,
  handler: async (args) => {
    // validate, then work: scheme, format, limit, salt and --out before the catalog is read
    const format = outputFormat(args, FORMATS);
    const scheme = parseScheme(args.scheme);
    const limit = chooseLimit(args.limit, format);
    if (args.salt !== undefined && !args["redact-titles"]) throw new UserError("--salt only applies with --redact-titles");
    // the per-user salt is an input too: overwriting it would change every hash
    checkOutputPaths([args.out], [...catalogInputs(args.catalog), ...(args["redact-titles"] ? [saltFile()] : [])]);
    checkCatalogArgs(args);
    checkPopulationOptions({ population: args.population, samplingFraction: args["sampling-fraction"] });
    // last: resolving the salt may create the per-user salt file
    const redactor = args["redact-titles"] ? makeRedactor(resolveSalt(args.salt)) : undefined;
    const catalog = await loadFromArgs(args, redactor);
    const report = streamItemReport(catalog, scheme, { limit, redactor, population: args.population, samplingFraction: args["sampling-fraction"] });
    await emitLines(args.out, itemReportLines(report, format));
  },
};
