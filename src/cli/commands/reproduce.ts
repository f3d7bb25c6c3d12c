import type { CommandModule } from "yargs";
import { ARTIFACTS, reproduce } from "../../experiments/reproduce/run.js";
import { splitList } from "../../experiments/sweep.js";
import { progressBar } from "../progress.js";

type Args = { only?: string; quick: boolean; out?: string; seed: number };

export const reproduceCommand: CommandModule<object, Args> = {
  command: "reproduce",
  describe: "regenerate the study's figures and tables (CSV, vega-lite, SVG, PNG) and the results page",
  builder: (y) =>
    y
      .option("only", { type: "string", describe: `comma-separated ids: ${ARTIFACTS.map((a) => `${a.id} (${a.describe})`).join(", ")}` })
      .option("quick", { type: "boolean", default: false, describe: "smaller catalogs and grids (what CI runs; under 2 minutes)" })
      .option("out", { type: "string", describe: "output folder (default results/, or results/quick/ with --quick)" })
      .option("seed", { type: "number", default: 1, describe: "seed of every random step" })
      .example("$0 reproduce", "the full study into results/ (what is committed)")
      .example("$0 reproduce --only F1,T2 --quick --out fig", "two artifacts, fast") as never,
  handler: async (args) => {
    const bars = new Map<string, ReturnType<typeof progressBar>>();
    const summary = await reproduce({
      only: args.only ? splitList(args.only) : undefined,
      quick: args.quick,
      seed: args.seed,
      outDir: args.out ?? (args.quick ? "results/quick" : "results"),
      onProgress: (step, done, total) => {
        if (!bars.has(step)) bars.set(step, progressBar(step, "steps"));
        bars.get(step)!.update(done, total);
        if (done === total) bars.get(step)!.stop();
      },
    });
    for (const f of summary.files) process.stdout.write(`${f}\n`);
  },
};
