import type { CommandModule } from "yargs";
import { parseObjective } from "../../experiments/tune/objective.js";
import { parseKeep, parseSpace } from "../../experiments/tune/space.js";
import { parseTarget } from "../../experiments/tune/target.js";
import { PLEX_LIKE_SCHEMES, tuneAsync } from "../../experiments/tune/tune.js";
import { memoryOnly } from "../../experiments/tune/sqlCatalog.js";
import { renderTune, tuneFigureData } from "../../experiments/tune/tuneReport.js";
import { frontierChartSpec } from "../../figures/frontierChart.js";
import { frontierPage } from "../../figures/frontierPage.js";
import { parseScheme } from "../../schemes/parse.js";
import { writeFileAtomic } from "../../base/atomicWrite.js";
import { extname } from "node:path";
import { UserError } from "../../base/errors.js";
import { emit, withLoadOptions, withOutput, type CatalogArgs, type OutputArgs } from "../common.js";
import { checkEngineArgs, withEngine, type EngineArgs } from "../engineOption.js";
import { checkClickHouseEngine } from "../evaluateInPlace.js";
import { openTuneCatalogs } from "../tuneInputs.js";
import { progressBar } from "../progress.js";
import { examples } from "../help.js";
import { catalogInputs, checkOutputPaths, outputFormat } from "../output.js";

const TUNE_FORMATS = ["table", "csv", "json"] as const;
import { assertPlotPath, writeSpec } from "../plot.js";
import { playLogReader } from "../../sources/playLogFile.js";
import { isClickHouseUrl, parseClickHouseUrl } from "../../sources/clickhouse/clickhouseUrl.js";
import { UsageError } from "../usageError.js";

type Args = Omit<CatalogArgs, "catalog"> &
  EngineArgs &
  OutputArgs & { catalogs: string[]; target: string[]; plot?: string; html?: string; space?: string; keep?: string; objective: string; seed: number; libraries: number; targets: number; prune: boolean; "play-log": boolean; "server-column"?: string };

export const tuneCommand: CommandModule<object, Args> = {
  command: "tune <catalogs..>",
  describe: "the most detailed scheme of a search space that meets every risk target on every catalog",
  builder: (y) =>
    withEngine(withOutput(withLoadOptions(y), TUNE_FORMATS))
      .positional("catalogs", { type: "string", array: true, demandOption: true, describe: "one or more catalogs (as for evaluate); a scheme qualifies only if it meets every target on each" })
      .option("target", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "metric<=value or metric>=value (any metric key, linkage(p) = share of servers singled out by p plays, class_success); repeat for several",
      })
      .option("space", { type: "string", describe: 'per attribute the choices, finest first, e.g. "duration=round(1s)|round(1min),bitrate=drop|log(10%),resolution=exact|class" (default: see README)' })
      .option("keep", { type: "string", describe: 'keep only choices at least as fine as these, e.g. "bitrate:ladder(1,3,6,10Mbps),resolution:class"' })
      .option("objective", { type: "string", default: "entropy", describe: "what to maximize: entropy, bits(attr), error(attr) (counts against), weighted sums like entropy+2*bits(bitrate)" })
      .option("seed", { type: "number", default: 1, describe: "seed of the attack targets (linkage servers and plays, class-match targets)" })
      .option("libraries", { type: "number", default: 1000, describe: "servers drawn per catalog for linkage(p) targets" })
      .option("targets", { type: "number", default: 1000, describe: "targets sampled for linkage(p) and class_success" })
      .option("plot", { type: "string", describe: "also draw risk against information kept, the frontier and the recommendation, into this .png or .svg" })
      .option("html", { type: "string", describe: "also write the same chart as one self-contained interactive page (hover a point, sort the table)" })
      .option("prune", { type: "boolean", default: true, describe: "skip schemes finer than one that already fails (--no-prune evaluates all)" })
      .option("play-log", { type: "boolean", default: false, describe: "the inputs are play logs (Parquet/CSV tables of plays, or clickhouse:// tables): linkage(p) uses each log's own servers; metrics are over its distinct items" })
      .option("server-column", { type: "string", describe: "--play-log: the column naming each play's server or account" })
      .epilog(
        examples([
          ['$0 tune synthetic:video-library chinook-tracks --target "title_unique_fraction<=0.01"', "the default space on two catalogs"],
          [
            '$0 tune my.csv --target "title_unique_fraction<=0.001" --target "linkage(4)<=0.05" --space "duration=round(1s)|round(10s)|round(1min)|round(5min),bitrate=drop|log(10%)|round(1Mbps),resolution=exact|class|drop" --keep "bitrate:ladder(1,3,6,10Mbps),resolution:class" --out tuned.json',
            "your space, a kept analysis granularity, two targets, JSON from the extension",
          ],
          ['$0 tune chinook-tracks --target "title_unique_fraction<=0.01" --plot frontier.png --html frontier.html', "the frontier as a chart and as an interactive page"],
          ['$0 tune plays.parquet --play-log --server-column server_id --target "linkage(4)<=0.05"', "against your own servers' plays"],
          ['$0 tune clickhouse://127.0.0.1:8123/telemetry.plays --play-log --server-column server_id --target "linkage(4)<=0.05"', "against a play log on a ClickHouse server, each scheme queried there"],
          ['$0 tune "logs/*.parquet" --engine duckdb --memory-limit 4GB --target "title_unique_fraction<=0.01"', "bigger than memory: each scheme one query in embedded DuckDB"],
          ['$0 tune clickhouse://127.0.0.1:8123/telemetry.plays --target "k_min>=5"', "a ClickHouse table, each scheme evaluated on the server"],
        ]),
      ) as never,
  handler: async (args) => {
    // Validate everything before reading a catalog.
    const targets = args.target.map(parseTarget);
    const space = args.space !== undefined ? parseSpace(args.space) : undefined;
    const keep = args.keep !== undefined ? parseKeep(args.keep) : undefined;
    const objective = parseObjective(args.objective);
    for (const [name, v] of [["--libraries", args.libraries], ["--targets", args.targets]] as const) {
      if (!(Number.isInteger(v) && v >= 1)) throw new UserError(`${name} must be a whole number ≥ 1, got ${v}`);
    }
    const format = outputFormat(args, TUNE_FORMATS);
    assertPlotPath(args.plot);
    if (args.html !== undefined && extname(args.html).toLowerCase() !== ".html") throw new UserError(`--html: give an .html file, not "${args.html}"`);
    if (!Number.isSafeInteger(args.seed)) throw new UserError(`--seed must be a whole number, got ${args.seed}`);
    if (args["play-log"]) {
      if (args.seed < 0) throw new UserError(`--seed must be a whole number ≥ 0, got ${args.seed}`);
      if (args["server-column"] === undefined || args["server-column"].trim() === "") throw new UsageError("--play-log needs --server-column <column naming each play's server or account>");
      for (const c of args.catalogs) {
        if (isClickHouseUrl(c)) parseClickHouseUrl(c);
        else playLogReader(c);
      }
    } else if (args["server-column"] !== undefined) throw new UsageError("--server-column applies to --play-log only");
    const needsMemory = memoryOnly(targets, objective, args["play-log"], space);
    const engine = checkEngineArgs(args, [], needsMemory);
    for (const c of args.catalogs) checkClickHouseEngine(c, engine);
    checkOutputPaths([args.out, args.plot, args.html], args.catalogs.flatMap((c) => catalogInputs(c)));
    const inputs = await openTuneCatalogs(args, engine, needsMemory);
    let result;
    try {
      const bar = progressBar("tune", "schemes");
      const references = args.plot || args.html ? PLEX_LIKE_SCHEMES.map((r) => parseScheme(r.scheme)) : [];
      result = await tuneAsync(inputs.catalogs, {
        targets,
        space,
        keep,
        objective,
        seed: args.seed,
        libraries: args.libraries,
        attackTargets: args.targets,
        prune: args.prune,
        references,
        onProgress: bar.update,
      });
      bar.stop();
    } finally {
      await inputs.close();
    }
    await emit(renderTune(result, format), args.out);
    if (args.plot || args.html) {
      const { points, rows, options } = tuneFigureData(result);
      if (args.html) {
        await writeFileAtomic(args.html, frontierPage(points, rows, options));
        process.stderr.write(`fprisk: wrote ${args.html}\n`);
      }
      if (args.plot) await writeSpec(frontierChartSpec(points, options), args.plot);
    }
  },
};
