import type { CommandModule } from "yargs";
import { evaluate } from "../../measures/evaluate.js";
import { evaluateSql } from "../../measures/sql/evaluateSql.js";
import { addModelMetrics } from "../../measures/model/overlay.js";
import { resultsLines, type ResultsFormat } from "../../output/results.js";
import { parseScheme } from "../../schemes/parse.js";
import { emitLines, loadFromArgs, withCatalog, withOutput, type CatalogArgs, type OutputArgs } from "../common.js";
import { checkEngineArgs, engineForLoaded, withEngine, type EngineArgs } from "../engineOption.js";
import { examples } from "../help.js";
import { chooseMetrics, checkRiskThreshold, METRICS_OPTION } from "../metricsOption.js";
import { catalogInputs, checkOutputPaths, outputFormat } from "../output.js";
import { assertPlotPath, PLOT_OPTION, writeRiskPlot } from "../plot.js";
import { progressBar } from "../progress.js";
import { checkClickHouseEngine, evaluateInPlace } from "../evaluateInPlace.js";
import { checkPopulationOptions, ESTIMATORS, type EstimatorChoice } from "../../measures/population/populationRisk.js";

type PopulationArgs = { population?: number; "sampling-fraction"?: number; estimator?: EstimatorChoice };

type Args = CatalogArgs & EngineArgs & OutputArgs & { plot?: string } & { scheme: string[]; "risk-threshold": number; model: boolean; metrics?: string } & PopulationArgs;

export const RESULTS_FORMATS: readonly ResultsFormat[] = ["table", "csv", "json", "markdown"];

export const evaluateCommand: CommandModule<object, Args> = {
  command: "evaluate <catalog>",
  describe: "risk metrics of a catalog under one or more rounding schemes",
  builder: (y) =>
    withEngine(withOutput(withCatalog(y), RESULTS_FORMATS))
      .option("scheme", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "a scheme, e.g. duration=round(60s),bitrate=log(10%),resolution=class (repeat for several)",
      })
      .option("risk-threshold", { type: "number", default: 0.2, describe: "τ of at_risk_0_2: a row is at risk when 1/f > τ" })
      .option("model", { type: "boolean", default: false, describe: "add model_unique_fraction and model_kappa: the occupancy model's prediction from a density fitted to the catalog" })
      .option("metrics", METRICS_OPTION)
      .option("plot", PLOT_OPTION)
      .option("population", { type: "number", describe: "records in the population the catalog samples (≥ its rows): adds pop_unique_* and pop_kappa_copula" })
      .option("sampling-fraction", { type: "number", describe: "π = catalog rows / population, in (0, 1] (instead of --population)" })
      .option("estimator", { choices: ["all", ...ESTIMATORS], describe: "population estimator(s) to run (default all)" })
      .epilog(
        examples([
          ['$0 evaluate ~/Movies --scheme "duration=round(1s),bitrate=round(100kbps),resolution=class"', "your own media folder (probed with ffprobe)"],
          ['$0 evaluate com.plexapp.plugins.library.db --scheme "duration=round(1min)" --scheme "duration=round(10s)" --plot risk.png', "a Plex database, with a chart"],
          ['$0 evaluate synthetic:video-library?titles=5000 --scheme "duration=round(1s)" --scheme "duration=round(10s)" --model', "measured metrics with the occupancy model's prediction beside them"],
          ['$0 evaluate chinook-tracks --scheme "duration=round(1s),bitrate=round(10kbps)" --scheme "duration=round(60s)" --metrics title_unique_fraction,kappa', "two schemes on a registry dataset, two metrics"],
          ['$0 evaluate chinook-tracks --scheme "duration=round(1s)" --population 1000000', "estimated uniqueness among a million files, this catalog as a sample"],
          ['$0 evaluate clickhouse://127.0.0.1:8123/telemetry.plays --scheme "duration=round(1min)"', "a ClickHouse table or Distributed table, evaluated on the server"],
          ['$0 evaluate synthetic:video-library?titles=100000 --engine duckdb --memory-limit 1GB --scheme "duration=round(1s)"', "the SQL engine in embedded DuckDB, spilling to disk past 1 GB"],
          ['$0 evaluate my.csv --map "title=name+artist,duration=milliseconds:ms,size=bytes:B" --scheme "duration=exact" --out risk.json', "a file with a column map, JSON from the extension"],
        ]),
      ) as never,
  handler: async (args) => {
    // validate, then work: nothing is read or written before every option is checked
    const format = outputFormat(args, RESULTS_FORMATS);
    const schemes = args.scheme.map((s) => parseScheme(s));
    checkRiskThreshold(args["risk-threshold"]);
    const metrics = chooseMetrics(args.metrics, args["risk-threshold"], args.model);
    assertPlotPath(args.plot);
    checkPopulationOptions({ population: args.population, samplingFraction: args["sampling-fraction"], estimator: args.estimator });
    const population = args.population !== undefined ? "--population" : args["sampling-fraction"] !== undefined ? "--sampling-fraction" : undefined;
    const engine = checkEngineArgs(args, schemes, population);
    checkClickHouseEngine(args.catalog, engine);
    checkOutputPaths([args.out, args.plot], catalogInputs(args.catalog));
    // A ClickHouse table runs on its server, a Parquet file or glob or a DuckDB table under the SQL engine is read in place, unless an option needs the rows here.
    const inPlace = await evaluateInPlace(args, engine, schemes, { needsRows: Boolean(args.model || args.plot || population), riskThreshold: args["risk-threshold"], label: "evaluate" });
    if (inPlace) {
      await emitLines(args.out, resultsLines(inPlace, format, { metrics }));
      return;
    }
    const catalog = await loadFromArgs(args);
    const bar = progressBar("evaluate");
    const result =
      engineForLoaded(engine) === "duckdb"
        ? await evaluateSql(catalog, schemes, { riskThreshold: args["risk-threshold"], memoryLimitBytes: engine.memoryLimitBytes, threads: args.threads, onProgress: bar.update })
        : evaluate(catalog, schemes, {
            riskThreshold: args["risk-threshold"],
            threads: args.threads,
            onProgress: bar.update,
            population: args.population,
            samplingFraction: args["sampling-fraction"],
            estimator: args.estimator,
          });
    bar.stop();
    if (args.model) addModelMetrics(catalog, result);
    await emitLines(args.out, resultsLines(result, format, { metrics }));
    if (args.plot) await writeRiskPlot(result, catalog, args.plot);
  },
};
