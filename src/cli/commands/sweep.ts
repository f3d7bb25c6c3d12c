import type { CommandModule } from "yargs";
import { evaluate } from "../../measures/evaluate.js";
import { splitList, sweepSchemes, type SweepAxes } from "../../experiments/sweep.js";
import { addModelMetrics } from "../../measures/model/overlay.js";
import { renderResults } from "../../output/results.js";
import { emit, loadFromArgs, withCatalog, withOutput, type CatalogArgs, type OutputArgs } from "../common.js";
import { assertPlotPath, PLOT_OPTION, writeRiskPlot } from "../plot.js";
import { progressBar } from "../progress.js";

const AXES = ["duration", "bitrate", "resolution", "fps", "size"] as const;
type Args = CatalogArgs & OutputArgs & { plot?: string } & Partial<Record<(typeof AXES)[number], string>> & { "risk-threshold": number; model: boolean };

export const sweepCommand: CommandModule<object, Args> = {
  command: "sweep <catalog>",
  describe: "the metrics over a grid of schemes (every combination of the axes given)",
  builder: (y) => {
    let b = withOutput(withCatalog(y));
    for (const axis of AXES) {
      b = b.option(axis, {
        type: "string",
        describe: `comma-separated ${axis} generalizers; a bare width means round(width)${axis === "resolution" ? " (exact, class, height, drop)" : " (exact, drop, floor(…), log(10%), …)"}`,
      }) as never;
    }
    return b
      .option("risk-threshold", { type: "number", default: 0.2, describe: "τ of at_risk_0_2" })
      .option("model", { type: "boolean", default: false, describe: "add model_unique_fraction and model_kappa (occupancy model from a fitted density)" })
      .option("plot", PLOT_OPTION)
      .example("$0 sweep chinook-tracks --duration 1ms,100ms,1s,10s,1min --bitrate drop,100kbps --model --plot f1.png", "the F1-style chart for a catalog, model dashed")
      .example("$0 sweep synthetic:video-library --duration 1s,10s,1min --model --format csv", "measurement and theory side by side")
      .example("$0 sweep spotify-popularity-2024 --duration exact,1s,10s,60s,5min --format csv --out sweep.csv", "duration widths alone")
      .example('$0 sweep synthetic:video-library --duration 1s,1min --bitrate exact,100kbps,"log(10%)" --resolution exact,class', "a 2×3×2 grid") as never;
  },
  handler: async (args) => {
    assertPlotPath(args.plot);
    const axes: SweepAxes = {};
    for (const axis of AXES) if (args[axis]) axes[axis] = splitList(args[axis]!);
    const schemes = sweepSchemes(axes);
    const catalog = await loadFromArgs(args);
    const bar = progressBar("sweep");
    const result = evaluate(catalog, schemes, { riskThreshold: args["risk-threshold"], threads: args.threads, onProgress: bar.update });
    bar.stop();
    if (args.model) addModelMetrics(catalog, result);
    await emit(renderResults(result, args.format), args.out);
    if (args.plot) await writeRiskPlot(result, catalog, args.plot);
  },
};
