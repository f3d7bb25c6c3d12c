/**
 * `fprisk datasets generate-play-log plays.parquet --servers 1000 --seed 1`: a seeded
 * synthetic play log (attacks/syntheticPlayLog.ts: the library attacks' simulated
 * servers, each playing its library with repeats) written as Parquet, for tests,
 * benchmarks and trying `attack --play-log` / `tune --play-log` without real logs.
 * Columns: server_id, played_at, and the catalog's fields under their own names.
 */
import type { CommandModule } from "yargs";
import { MAX_LIBRARIES } from "../../attacks/libraries.js";
import { syntheticPlayLog } from "../../attacks/syntheticPlayLog.js";
import { loadCatalog } from "../../sources/loadCatalog.js";
import { writePlayLogParquet } from "../../output/playLogParquet.js";
import { examples } from "../help.js";
import { catalogInputs, checkOutputPath } from "../output.js";
import { UsageError } from "../usageError.js";

interface Args {
  out: string;
  catalog: string;
  servers: number;
  seed: number;
  "mean-size"?: number;
  "repeat-share"?: number;
}

export const DEFAULT_PLAY_LOG_CATALOG = "synthetic:video-library?titles=10000";

export const generatePlayLogCommand: CommandModule<object, Args> = {
  command: "generate-play-log <out>",
  describe: "write a seeded synthetic play log (simulated servers playing their libraries) as Parquet",
  builder: (y) =>
    y
      .positional("out", { type: "string", demandOption: true, describe: "the .parquet file to write" })
      .option("catalog", { type: "string", default: DEFAULT_PLAY_LOG_CATALOG, describe: "the catalog the servers' libraries are drawn from" })
      .option("servers", { type: "number", default: 1000, describe: "simulated servers (accounts)" })
      .option("seed", { type: "number", default: 1, describe: "seed of the libraries, repeats and times" })
      .option("mean-size", { type: "number", describe: "mean library size in items (default 300)" })
      .option("repeat-share", { type: "number", describe: "chance of one more play of an item after each play (default 0.3)" })
      .epilog(
        examples([
          ["$0 datasets generate-play-log plays.parquet --servers 1000", "1000 servers' plays from a 10,000-title synthetic library"],
          ['$0 attack plays.parquet --play-log --server-column server_id --plays 4 --scheme "duration=round(1min)"', "then attack it"],
        ]),
      ) as never,
  handler: async (args) => {
    if (!args.out.toLowerCase().endsWith(".parquet")) throw new UsageError(`${args.out}: generate-play-log writes Parquet; name a .parquet file`);
    if (!Number.isSafeInteger(args.servers) || args.servers < 1 || args.servers > MAX_LIBRARIES) throw new UsageError(`--servers must be a whole number from 1 to ${MAX_LIBRARIES}, got ${args.servers}`);
    if (!Number.isSafeInteger(args.seed) || args.seed < 0) throw new UsageError(`--seed must be a whole number ≥ 0, got ${args.seed}`);
    const meanSize = args["mean-size"];
    if (meanSize !== undefined && !(meanSize >= 1 && Number.isFinite(meanSize))) throw new UsageError(`--mean-size must be ≥ 1 item, got ${meanSize}`);
    const repeat = args["repeat-share"];
    if (repeat !== undefined && !(repeat >= 0 && repeat < 1)) throw new UsageError(`--repeat-share must be from 0 to below 1, got ${repeat}`);
    checkOutputPath(args.out, catalogInputs(args.catalog));
    const catalog = await loadCatalog(args.catalog);
    const plays = syntheticPlayLog(catalog, { servers: args.servers, seed: args.seed, meanSize, repeatShare: repeat });
    await writePlayLogParquet(args.out, catalog, plays);
    process.stderr.write(`fprisk: wrote ${plays.server.length} plays of ${args.servers} servers from ${catalog.source} to ${args.out}\n`);
  },
};
