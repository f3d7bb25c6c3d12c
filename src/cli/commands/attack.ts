import type { CommandModule } from "yargs";
import { parseTolerance, type Tolerance } from "../../attacks/attacker.js";
import { loadPrior, parsePriorSpec } from "../../attacks/prior.js";
import { renderAttack } from "../../output/attackReport.js";
import { ATTACK_METHODS, DEFAULT_LIBRARIES, DEFAULT_TARGETS, runAttack, type AttackMethod } from "../../attacks/runAttack.js";
import { simulateReleases } from "../../attacks/simulateReleases.js";
import { parseTargets } from "../../attacks/targets.js";
import { parseDurationMs } from "../../catalog/units.js";
import { UserError } from "../../base/errors.js";
import { loadCatalog } from "../../sources/loadCatalog.js";
import { checkAttackOptions } from "../../attacks/attackOptions.js";
import { parseScheme } from "../../schemes/parse.js";
import { emit, loadFromArgs, withCatalog, withOutput, type CatalogArgs, type OutputArgs } from "../common.js";
import { cliMessage } from "../flagNames.js";
import { examples } from "../help.js";
import { catalogInputs, checkOutputPaths, outputFormat } from "../output.js";

const FORMATS = ["table", "csv", "json"] as const;
import { progressBar } from "../progress.js";
import { planPlayLogAttack, renderPlayLogAttack, runPlayLogAttack } from "../playLogAttack.js";
import { withEngine, type EngineArgs } from "../engineOption.js";
import { UsageError } from "../usageError.js";

type Args = CatalogArgs &
  OutputArgs & {
    scheme: string;
    attacker: string;
    tolerance?: string;
    prior: string;
    method: AttackMethod;
    targets: string;
    seed: number;
    k: number;
    threshold?: number;
    bootstrap: number;
    "open-world": number;
    "base-rate"?: number;
    "simulate-releases": boolean;
    "plays-follow-prior": boolean;
    plays?: number;
    libraries: number;
    "wrong-plays"?: number;
    "duration-error"?: string;
    mode?: "best-guess" | "entropic";
    phi: number;
    reports?: number;
    "play-log": boolean;
    "server-column"?: string;
  } & EngineArgs;

export const attackCommand: CommandModule<object, Args> = {
  command: "attack <catalog>",
  describe: "run an attack against the catalog's items (or libraries) and report how often it names the title",
  builder: (y) =>
    withEngine(withOutput(withCatalog(y), FORMATS))
      .option("scheme", { type: "string", demandOption: true, describe: "the telemetry scheme, e.g. duration=round(60s),bitrate=log(10%)" })
      .option("attacker", { type: "string", default: "same", describe: 'what the attacker matches against: "same" (the catalog itself) or any catalog source (imdb-ggplot2movies, a CSV, …)' })
      .option("tolerance", { type: "string", describe: "the attacker's uncertainty: duration=2s,bitrate=5%,offset=-6s..31s,pal=4% (each optional)" })
      .option("prior", { type: "string", default: "uniform", describe: "uniform, or <source>:<column> title weights, e.g. netflix-engagement-2023-2024:views" })
      .option("method", { choices: ATTACK_METHODS, default: "class" as AttackMethod, describe: "class match, likelihood match, library linkage / scoreboard, or averaging" })
      .option("targets", { type: "string", default: String(DEFAULT_TARGETS), describe: 'targets sampled with the seed (rows, or libraries), or "all"' })
      .option("seed", { type: "number", default: 1, describe: "seed of every random step (targets, open world, bootstrap, libraries)" })
      .option("k", { type: "number", default: 5, describe: "k of success@k" })
      .option("threshold", { type: "number", describe: "confidence at or above which an answer counts as confident (default 0.9 posterior; φ for scoreboard)" })
      .option("bootstrap", { type: "number", default: 1000, describe: "bootstrap replicates of the confidence intervals (0 = none)" })
      .option("open-world", { type: "number", default: 0, describe: "share of target titles removed from the attacker's catalog" })
      .option("base-rate", { type: "number", describe: "in-catalog base rate for the open-world precision (default: the sample's)" })
      .option("simulate-releases", { type: "boolean", default: false, describe: "the catalog lists runtimes: attack simulated release files made from it (seeded)" })
      .option("plays-follow-prior", { type: "boolean", default: false, describe: "draw target plays by the prior's popularity (with replacement) instead of uniformly" })
      .option("plays", { type: "number", describe: "plays observed per library (with --method class: multi-play linkage)" })
      .option("libraries", { type: "number", default: DEFAULT_LIBRARIES, describe: "synthetic servers drawn from the catalog (library attacks)" })
      .option("wrong-plays", { type: "number", describe: "plays not from the target library (Scoreboard-RH)" })
      .option("duration-error", { type: "string", describe: "± error of the attacker's durations, e.g. 2s (Scoreboard-RH)" })
      .option("mode", { choices: ["best-guess", "entropic"] as const, describe: "Scoreboard-RH output mode" })
      .option("phi", { type: "number", default: 1.5, describe: "Scoreboard-RH eccentricity threshold φ" })
      .option("reports", { type: "number", describe: "reports of one item the attacker averages (--method average)" })
      .option("play-log", { type: "boolean", default: false, describe: "the input is a play log (a Parquet/CSV table of plays, or a clickhouse:// table): attack its own servers with --plays distinct plays each" })
      .option("server-column", { type: "string", describe: "--play-log: the column naming each play's server or account" })

      .epilog(
        examples([
          ['$0 attack chinook-tracks --scheme "duration=round(1s)" --targets all', "the worst case: the attacker holds the same catalog"],
          ['$0 attack imdb-ggplot2movies --simulate-releases --attacker imdb-ggplot2movies --method likelihood --scheme "duration=round(1s)"', "files of IMDb films against IMDb's minute runtimes"],
          ['$0 attack spotify-popularity-2024 --method likelihood --tolerance duration=2s --scheme "duration=round(1s)" --format json', "a noisy release database"],
          ['$0 attack synthetic:video-library?titles=5000 --method scoreboard --plays 5 --scheme "duration=round(60s)"', "Scoreboard-RH over synthetic servers"],
          ['$0 attack plays.parquet --play-log --server-column server_id --plays 4 --scheme "duration=round(1min),bitrate=round(1Mbps)"', "your own servers' plays: the share singled out by 4 plays"],
          ['$0 attack clickhouse://127.0.0.1:8123/telemetry.plays --play-log --server-column server_id --plays 4 --scheme "duration=round(1min)"', "a play log on a ClickHouse server, attacked there"],
        ]),
      ) as never,
  handler: async (args) => {
    // validate, then work: every option is checked before the prior or a catalog is read
    const format = outputFormat(args, FORMATS);
    if (args["play-log"]) return playLogHandler(args, format);
    if (args["server-column"] !== undefined) throw new UsageError("--server-column applies to --play-log only");
    if (args.engine === "duckdb" || args["memory-limit"] !== undefined) throw new UsageError("attack runs in memory; --engine duckdb and --memory-limit apply to --play-log");
    parseScheme(args.scheme);
    const targets = parseTargets(args.targets);
    const tolerance: Partial<Tolerance> | undefined = args.tolerance === undefined ? undefined : parseTolerance(args.tolerance);
    let durationErrorMs: number | undefined;
    if (args["duration-error"] !== undefined) {
      durationErrorMs = parseDurationMs(args["duration-error"]);
      if (!(durationErrorMs >= 0)) throw new UserError(`--duration-error must be a duration ≥ 0 such as 2s, got "${args["duration-error"]}"`);
    }
    const priorSpec = parsePriorSpec(args.prior);
    const options = {
      scheme: args.scheme,
      method: args.method,
      tolerance,
      playsFollowPrior: args["plays-follow-prior"],
      targets,
      seed: args.seed,
      k: args.k,
      threshold: args.threshold,
      bootstrap: args.bootstrap,
      openWorld: args["open-world"],
      baseRate: args["base-rate"],
      plays: args.plays,
      libraries: args.libraries,
      wrongPlays: args["wrong-plays"],
      durationErrorMs,
      mode: args.mode,
      phi: args.phi,
      reports: args.reports,
    };
    checkAttackOptions({ ...options, prior: args.prior !== "uniform", otherAttacker: args.attacker !== "same" });
    checkOutputPaths([args.out], [...catalogInputs(args.catalog), ...(args.attacker === "same" ? [] : catalogInputs(args.attacker)), ...catalogInputs(priorSpec?.source)]);
    const prior = await loadPrior(args.prior);
    let victim = await loadFromArgs(args);
    if (args["simulate-releases"]) victim = simulateReleases(victim, { seed: args.seed });
    // A public catalog has a few rows without a runtime; they cannot be matched, so they are skipped and counted.
    const attacker = args.attacker === "same" ? "same" : await loadCatalog(args.attacker, { skipInvalid: true });
    if (attacker !== "same") {
      const skipped = Object.values(attacker.rejected).reduce((a, n) => a + n, 0);
      if (skipped > 0) process.stderr.write(`fprisk: attacker catalog ${attacker.source}: skipped ${skipped} invalid rows\n`);
    }
    const bar = progressBar("attack", "targets");
    const run = runAttack(victim, { ...options, attacker, prior, onProgress: bar.update });
    bar.stop();
    run.notes = run.notes.map(cliMessage);
    await emit(renderAttack(run, format), args.out);
  },
};

/** `attack --play-log`: the log's own servers (cli/playLogAttack.ts). */
async function playLogHandler(args: Args, format: (typeof FORMATS)[number]): Promise<void> {
  const inapplicable: [string, boolean][] = [
    ["--attacker", args.attacker !== "same"],
    ["--method", args.method !== "class" && args.method !== "linkage"],
    ["--tolerance", args.tolerance !== undefined],
    ["--prior", args.prior !== "uniform"],
    ["--simulate-releases", args["simulate-releases"]],
    ["--plays-follow-prior", args["plays-follow-prior"]],
    ["--wrong-plays", args["wrong-plays"] !== undefined],
    ["--duration-error", args["duration-error"] !== undefined],
    ["--mode", args.mode !== undefined],
    ["--reports", args.reports !== undefined],
    ["--open-world", args["open-world"] !== 0],
    ["--base-rate", args["base-rate"] !== undefined],
  ];
  const plan = planPlayLogAttack({
    log: args.catalog,
    scheme: args.scheme,
    serverColumn: args["server-column"],
    plays: args.plays,
    seed: args.seed,
    engine: args.engine,
    memoryLimit: args["memory-limit"],
    map: args.map,
    given: inapplicable.filter(([, on]) => on).map(([flag]) => flag),
  });
  checkOutputPaths([args.out], [args.catalog]);
  const row = await runPlayLogAttack(plan);
  await emit(renderPlayLogAttack(plan, row, format), args.out);
}
