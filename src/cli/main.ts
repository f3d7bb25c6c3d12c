/**
 * The fprisk command line: thin shells over the library. User mistakes exit 2 with
 * one line and no stack trace; anything else is a bug and shows its stack.
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { UserError } from "../base/errors.js";
import { attackCommand } from "./commands/attack.js";
import { datasetsCommand } from "./commands/datasets.js";
import { demoCommand } from "./commands/demo.js";
import { evaluateCommand } from "./commands/evaluate.js";
import { inspectCommand } from "./commands/inspect.js";
import { reportCommand } from "./commands/report.js";
import { reproduceCommand } from "./commands/reproduce.js";
import { sweepCommand } from "./commands/sweep.js";
import { tuneCommand } from "./commands/tune.js";

export async function main(argv: string[]): Promise<number> {
  let usageError: string | undefined;
  const cli = yargs(argv)
    .scriptName("fprisk")
    .usage("$0 <command> [options]\n\nHow easily do duration, bitrate and resolution re-identify a title, and how much does rounding help?")
    .command(inspectCommand)
    .command(evaluateCommand)
    .command(sweepCommand)
    .command(tuneCommand)
    .command(attackCommand)
    .command(reportCommand)
    .command(reproduceCommand)
    .command(datasetsCommand)
    .command(demoCommand)
    .demandCommand(1, "name a command (see --help)")
    .strict()
    .recommendCommands()
    .example('$0 evaluate chinook-tracks --scheme "duration=round(60s)"', "risk of one scheme on a registry dataset")
    .epilog("Every command has --help with examples.")
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((msg, err) => {
      if (err) throw err;
      usageError = msg;
    });
  try {
    await cli.parseAsync();
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(`fprisk: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (usageError) {
    process.stderr.write(`fprisk: ${usageError}\nRun \`fprisk --help\` for usage.\n`);
    return 2;
  }
  return 0;
}

const code = await main(hideBin(process.argv));
// Let stdout drain before exiting (large outputs to a pipe).
process.exitCode = code;
