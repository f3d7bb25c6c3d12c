import type { CommandModule } from "yargs";
import { evaluate } from "../../measures/evaluate.js";
import { addModelMetrics } from "../../measures/model/overlay.js";
import { renderResults } from "../../output/results.js";
import { emit, loadFromArgs, withCatalog, withOutput, type CatalogArgs, type OutputArgs } from "../common.js";
import { assertPlotPath, PLOT_OPTION, writeRiskPlot } from "../plot.js";
import { progressBar } from "../progress.js";
import { checkPopulationOptions, ESTIMATORS, type EstimatorChoice } from "../../measures/population/populationRisk.js";

type PopulationArgs = { population?: number; "sampling-fraction"?: number; estimator?: EstimatorChoice };

type Args = CatalogArgs & OutputArgs & { plot?: string } & { scheme: string[]; "risk-threshold": number; model: boolean } & PopulationArgs;

export const evaluateCommand: CommandModule<object, Args> = {
  command: "evaluate <catalog>",
  describe: "risk metrics of a catalog under one or more rounding schemes",
  builder: (y) =>
    withOutput(withCatalog(y))
      .option("scheme", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "a scheme, e.g. duration=round(60s),bitrate=log(10%),resolution=class (repeat for several)",
      })
      .option("risk-threshold", { type: "number", default: 0.2, describe: "τ of at_risk_0_2: a row is at risk when 1/f > τ" })
      .option("model", { type: "boolean", default: false, describe: "add model_unique_fraction and model_kappa: the occupancy model's prediction from a density fitted to the catalog" })
      .option("plot", PLOT_OPTION)
      .option("population", { type: "number", describe: "records in the population the catalog samples (≥ its rows): adds pop_unique_* and pop_kappa_copula" })
      .option("sampling-fraction", { type: "number", describe: "π = catalog rows / population, in (0, 1] (instead of --population)" })
      .option("estimator", { choices: ["all", ...ESTIMATORS], describe: "population estimator(s) to run (default all)" })
      .example('$0 evaluate chinook-tracks --scheme "duration=round(1s)" --population 1000000', "estimated uniqueness among a million files, from this catalog as a sample")
      .example('$0 evaluate ~/Movies --scheme "duration=round(1s),bitrate=round(100kbps),resolution=class"', "your own media folder (probed with ffprobe)")
      .example('$0 evaluate com.plexapp.plugins.library.db --scheme "duration=round(1min)" --scheme "duration=round(10s)" --plot risk.png', "a Plex database, with a chart")
      .example('$0 evaluate synthetic:video-library?titles=5000 --scheme "duration=round(1s)" --scheme "duration=round(10s)" --model', "measured metrics with the occupancy model's prediction beside them")
      .example('$0 evaluate chinook-tracks --scheme "duration=round(1s),bitrate=round(10kbps)" --scheme "duration=round(60s)"', "two schemes on a registry dataset")
      .example('$0 evaluate my.csv --map "title=name+artist,duration=milliseconds:ms,size=bytes:B" --scheme "duration=exact" --format json', "a file with a column map") as never,
  handler: async (args) => {
    assertPlotPath(args.plot);
    checkPopulationOptions({ population: args.population, samplingFraction: args["sampling-fraction"], estimator: args.estimator });
    const catalog = await loadFromArgs(args);
    const bar = progressBar("evaluate");
    const result = evaluate(catalog, args.scheme, {
      riskThreshold: args["risk-threshold"],
      onProgress: bar.update,
      population: args.population,
      samplingFraction: args["sampling-fraction"],
      estimator: args.estimator,
    });
    bar.stop();
    if (args.model) addModelMetrics(catalog, result);
    await emit(renderResults(result, args.format), args.out);
    if (args.plot) await writeRiskPlot(result, catalog, args.plot);
  },
};
