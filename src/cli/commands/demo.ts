import { join } from "node:path";
import type { CommandModule } from "yargs";
import { DEFAULT_CATALOG, runDefaultExperiment } from "../../experiments/defaultExperiment.js";
import { writeFileAtomic } from "../../base/atomicWrite.js";
import { renderResults } from "../../output/results.js";
import { emit, loadFromArgs, withCatalog, withOutput, type CatalogArgs, type OutputArgs } from "../common.js";
import { catalogInputs, checkOutputPaths, outputFormat } from "../output.js";
import { progressBar } from "../progress.js";
import { RESULTS_FORMATS } from "./evaluate.js";

type Args = CatalogArgs & OutputArgs & { "results-dir": string };

export const demoCommand: CommandModule<object, Args> = {
  command: "demo [catalog]",
  describe: "the default experiment (what `npm start` runs): Plex-style schemes vs risk, a table and a figure",
  builder: (y) =>
    withOutput(withCatalog(y), RESULTS_FORMATS)
      .positional("catalog", { default: DEFAULT_CATALOG })
      .option("results-dir", { type: "string", default: "results", describe: "where the figure and the full grid go" })
      .example("$0 demo", "on the built-in synthetic release library (offline)")
      .example("$0 demo chinook-tracks --results-dir out", "on a registry dataset") as never,
  handler: async (args) => {
    const format = outputFormat(args, RESULTS_FORMATS);
    checkOutputPaths([args.out], catalogInputs(args.catalog));
    const catalog = await loadFromArgs(args);
    const bar = progressBar("figure grid");
    const experiment = runDefaultExperiment(catalog, bar.update);
    bar.stop();
    const dir = args["results-dir"];
    const base = join(dir, "default-experiment");
    // vega and resvg load only here: every other command starts faster without them.
    const { figurePaths, writeFigure } = await import("../../figures/writeFigure.js");
    await writeFileAtomic(`${base}.json`, renderResults(experiment.table, "json"));
    await writeFileAtomic(`${base}-grid.csv`, renderResults(experiment.grid, "csv"));
    await writeFigure(experiment.figure, figurePaths(base));
    await emit(renderResults(experiment.table, format), args.out);
    process.stderr.write(`fprisk: figure ${base}.png (spec ${base}.vl.json, grid ${base}-grid.csv)\n`);
  },
};
