import type { CommandModule } from "yargs";
import { SQL_DIALECTS, type SqlDialect } from "../../engine/sql/dialect.js";
import { METRIC_KEYS, type MetricKey } from "../../measures/metrics.js";
import { assertPrintable, sqlScript, tableRelation } from "../../measures/sql/sqlScript.js";
import { assertSchemeCompiles } from "../../engine/sql/schemeSql.js";
import { parseScheme } from "../../schemes/parse.js";
import { emit, type OutputArgs } from "../common.js";
import { examples } from "../help.js";
import { chooseMetrics } from "../metricsOption.js";
import { checkOutputPaths } from "../output.js";

type Args = Pick<OutputArgs, "out"> & { dialect: SqlDialect; table: string; scheme: string[]; metrics?: string };

export const sqlCommand: CommandModule<object, Args> = {
  command: "sql",
  describe: "print the SQL that computes a scheme's metrics, for engines fprisk does not drive",
  builder: (y) =>
    y
      .option("dialect", { choices: SQL_DIALECTS, demandOption: true, describe: "the SQL dialect to write" })
      .option("table", { type: "string", demandOption: true, describe: "the table: a title column and the catalog fields in internal units (duration_ms, bitrate_kbps, width, height, size_bytes, fps, codec, container)" })
      .option("scheme", { type: "string", array: true, demandOption: true, describe: "a scheme, e.g. duration=round(60s),resolution=class (repeat for several)" })
      .option("metrics", { type: "string", describe: `metrics the second query computes, comma-separated (default all: ${METRIC_KEYS.join(", ")})` })
      .option("out", { type: "string", describe: "write to this file (atomically) instead of stdout" })
      .epilog(
        examples([
          ['$0 sql --dialect spark --table telemetry.plays --scheme "duration=round(1min),bitrate=round(1Mbps),resolution=class"', "the queries for Spark SQL"],
          ['$0 sql --dialect clickhouse --table telemetry.plays --scheme "duration=round(1s)" --metrics rows,classes,title_unique_fraction', "three metrics, ClickHouse's dialect"],
        ]),
      ) as never,
  handler: async (args) => {
    // validate, then work
    const schemes = args.scheme.map((s) => parseScheme(s));
    tableRelation(args.dialect, args.table);
    for (const s of schemes) {
      assertSchemeCompiles(s);
      assertPrintable(s);
    }
    const metrics = (chooseMetrics(args.metrics, 0.2, false) ?? [...METRIC_KEYS]) as MetricKey[];
    checkOutputPaths([args.out], []);
    await emit(schemes.map((s) => sqlScript(args.dialect, args.table, s, metrics)).join("\n"), args.out);
  },
};
