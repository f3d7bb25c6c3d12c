import { existsSync, statSync } from "node:fs";
import type { CommandModule } from "yargs";
import { UserError } from "../../base/errors.js";
import { isPaperStudy, loadStudy } from "../../experiments/study/loadStudy.js";
import { lockDifferences, studyChecksums } from "../../experiments/study/lock.js";
import { ARTIFACTS, runStudy } from "../../experiments/reproduce/run.js";
import { splitList } from "../../experiments/sweep.js";
import { examples } from "../help.js";
import { progressBar } from "../progress.js";

type Args = { only?: string; quick: boolean; out?: string; seed?: number; config?: string; set?: string[] };

export const reproduceCommand: CommandModule<object, Args> = {
  command: "reproduce",
  describe: "regenerate a study's figures and tables (CSV, vega-lite, SVG, PNG), its results page and study.lock.json",
  builder: (y) =>
    y
      .option("config", { type: "string", describe: "a study file (JSON; `fprisk experiments schema` prints its schema), or a study.lock.json to rebuild; default experiments/paper.json" })
      .option("set", {
        type: "string",
        array: true,
        describe: 'override one parameter, key=value (repeatable): seed, quick, catalogs (comma-separated sources), servers.count, <artifact>.<parameter> (F2.targets=500) or a parameter of every artifact that has it (plays=1..8); lists comma-separated, schemes separated by ";", JSON accepted',
      })
      .option("only", { type: "string", describe: `comma-separated ids: ${ARTIFACTS.map((a) => `${a.id} (${a.describe})`).join(", ")}` })
      .option("quick", { type: "boolean", default: false, describe: "use the study's quick sizes (what CI runs; under 2 minutes for the paper)" })
      .option("out", { type: "string", describe: "output folder (the paper: default results/, or results/quick/ with --quick; any other study must name one)" })
      .option("seed", { type: "number", describe: "seed of every random step (default: the study's, 1 for the paper)" })
      .epilog(
        examples([
          ["$0 reproduce", "the paper's study into results/ (what is committed)"],
          ["$0 reproduce --only F1,T2 --quick --out fig", "two artifacts, fast"],
          ["$0 reproduce --config my-study.json --out my-results", "the same figures on my catalogs and parameters"],
          ["$0 reproduce --only F2 --set catalogs=msd-subset-10k,my.csv --set plays=1..8 --out f2", "F2 on two catalogs, 1 to 8 plays"],
          ["$0 reproduce --config my-results/study.lock.json --out again", "rebuild a result folder from its lock"],
        ]),
      ) as never,
  handler: async (args) => {
    const only = args.only ? splitList(args.only) : undefined;
    const set = [...(args.seed !== undefined ? [`seed=${args.seed}`] : []), ...(args.quick ? ["quick=true"] : []), ...(args.set ?? [])];
    const study = loadStudy(args.config, { set, only });
    const paper = isPaperStudy(study.file);
    if (!args.out && !paper) throw new UserError("--out: name an output folder (a study other than the paper's never writes into results/)");
    const outDir = args.out ?? (study.quick ? "results/quick" : "results");
    if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UserError(`--out ${outDir}: a file, not a folder; name a folder for the results`);
    // the datasets are checksummed before anything runs: a missing file stops the run here
    const checksums = await studyChecksums(study);
    const lock = study.lockRead;
    if (lock) for (const note of lockDifferences(lock, checksums)) process.stderr.write(`fprisk: note: ${note}\n`);
    const bars = new Map<string, ReturnType<typeof progressBar>>();
    const summary = await runStudy(study, {
      outDir,
      page: !only,
      checksums,
      onProgress: (step, done, total) => {
        if (!bars.has(step)) bars.set(step, progressBar(step, "steps"));
        bars.get(step)!.update(done, total);
        if (done === total) bars.get(step)!.stop();
      },
    });
    for (const n of summary.notBuilt) process.stderr.write(`fprisk: ${n.id} not built: ${n.reason}\n`);
    for (const f of summary.files) process.stdout.write(`${f}\n`);
  },
};
