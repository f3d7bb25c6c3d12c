import type { CommandModule } from "yargs";
import { evaluate } from "../../engine/evaluate.js";
import { renderResults } from "../../report/results.js";
import { emit, loadFromArgs, withCatalog, withOutput, type CatalogArgs, type OutputArgs } from "../common.js";
import { progressBar } from "../progress.js";

type Args = CatalogArgs & OutputArgs & { scheme: string[]; "risk-threshold": number };

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
      .example('$0 evaluate chinook-tracks --scheme "duration=round(1s),bitrate=round(10kbps)" --scheme "duration=round(60s)"', "two schemes on a registry dataset")
      .example('$0 evaluate my.csv --map "title=name+artist,duration=milliseconds:ms,size=bytes:B" --scheme "duration=exact" --format json', "a file with a column map") as never,
  handler: async (args) => {
    const catalog = await loadFromArgs(args);
    const bar = progressBar("evaluate");
    const result = evaluate(catalog, args.scheme, { riskThreshold: args["risk-threshold"], onProgress: bar.update });
    bar.stop();
    await emit(renderResults(result, args.format), args.out);
  },
};
