import type { CommandModule } from "yargs";
import { evaluate } from "../../measures/evaluate.js";
import { evaluateSql } from "../../measures/sql/evaluateSql.js";
import { splitList, sweepSchemes, type SweepAxes } from "../../experiments/sweep.js";
import { addModelMetrics } from "../../measures/model/overlay.js";
import { resultsLines } from "../../output/results.js";
import { UsageError } from "../usageError.js";
import { emitLines, loadFromArgs, withCatalog, withOutput, type CatalogArgs, type OutputArgs } from "../common.js";
import { checkEngineArgs, engineForLoaded, withEngine, type EngineArgs } from "../engineOption.js";
import { checkClickHouseEngine, evaluateInPlace } from "../evaluateInPlace.js";
import { examples } from "../help.js";
import { chooseMetrics, checkRiskThreshold, METRICS_OPTION } from "../metricsOption.js";
import { catalogInputs, checkOutputPaths, outputFormat } from "../output.js";
import { assertPlotPath, PLOT_OPTION, writeRiskPlot } from "../plot.js";
import { progressBar } from "../progress.js";
import { RESULTS_FORMATS } from "./evaluate.js";

const AXES = ["duration", "bitrate", "resolution", "fps", "size"] as const;
type Args = CatalogArgs &
  EngineArgs &
  OutputArgs & { plot?: string; metrics?: string } & Partial<Record<(typeof AXES)[number], string>> & { "risk-threshold": number; model: boolean };

export const sweepCommand: CommandModule<object, Args> = {
  command: "sweep <catalog>",
  describe: "the metrics over a grid of schemes (every combination of the axes given)",
  builder: (y) => {
    let b = withEngine(withOutput(withCatalog(y), RESULTS_FORMATS));
    for (const axis of AXES) {
      b = b.option(axis, {
        type: "string",
        describe: `comma-separated ${axis} generalizers; a bare width means round(width)${axis === "resolution" ? " (exact, class, height, drop)" : " (exact, drop, floor(…), log(10%), …)"}`,
      }) as never;
    }
    return b
      .option("risk-threshold", { type: "number", default: 0.2, describe: "τ of at_risk_0_2" })
      .option("model", { type: "boolean", default: false, describe: "add model_unique_fraction and model_kappa (occupancy model from a fitted density)" })
      .option("metrics", METRICS_OPTION)
      .option("plot", PLOT_OPTION)
      .epilog(
        examples([
          ["$0 sweep chinook-tracks --duration 1ms,100ms,1s,10s,1min --bitrate drop,100kbps --model --plot f1.png", "the F1-style chart for a catalog, model dashed"],
          ["$0 sweep synthetic:video-library --duration 1s,10s,1min --model --format csv", "measurement and theory side by side"],
          ["$0 sweep spotify-popularity-2024 --duration exact,1s,10s,60s,5min --out sweep.csv", "duration widths alone, as CSV"],
          ['$0 sweep synthetic:video-library --duration 1s,1min --bitrate exact,100kbps,"log(10%)" --resolution exact,class', "a 2×3×2 grid"],
        ]),
      ) as never;
  },
  handler: async (args) => {
    // validate, then work: the whole grid is parsed before the catalog is read
    const format = outputFormat(args, RESULTS_FORMATS);
    const axes: SweepAxes = {};
    for (const axis of AXES) if (args[axis] !== undefined) axes[axis] = splitList(args[axis]!);
    if (Object.keys(axes).length === 0) throw new UsageError(`sweep: give at least one axis (${AXES.map((a) => `--${a}`).join(", ")}), e.g. --duration exact,1s,60s`);
    const schemes = sweepSchemes(axes);
    checkRiskThreshold(args["risk-threshold"]);
    const metrics = chooseMetrics(args.metrics, args["risk-threshold"], args.model);
    assertPlotPath(args.plot);
    const engine = checkEngineArgs(args, schemes, undefined);
    checkClickHouseEngine(args.catalog, engine);
    checkOutputPaths([args.out, args.plot], catalogInputs(args.catalog));
    // A ClickHouse table runs on its server, a Parquet file or glob or a DuckDB table under the SQL engine is read in place, unless --model or --plot needs the rows here.
    const inPlace = await evaluateInPlace(args, engine, schemes, { needsRows: Boolean(args.model || args.plot), riskThreshold: args["risk-threshold"], label: "sweep" });
    if (inPlace) {
      await emitLines(args.out, resultsLines(inPlace, format, { metrics }));
      return;
    }
    const catalog = await loadFromArgs(args);
    const bar = progressBar("sweep");
    const options = { riskThreshold: args["risk-threshold"], threads: args.threads, onProgress: bar.update };
    const result = engineForLoaded(engine) === "duckdb" ? await evaluateSql(catalog, schemes, { ...options, memoryLimitBytes: engine.memoryLimitBytes }) : evaluate(catalog, schemes, options);
    bar.stop();
    if (args.model) addModelMetrics(catalog, result);
    await emitLines(args.out, resultsLines(result, format, { metrics }));
    if (args.plot) await writeRiskPlot(result, catalog, args.plot);
  },
};
