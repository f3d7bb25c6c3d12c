/**
 * The fprisk command line: thin shells over the library. Validate, then work: every
 * usage mistake (unknown command or option, a bad choice, a missing value) stops
 * the run before anything is read or written, with one line and exit 2. User
 * mistakes found later (a bad file) also exit 2 with one line; anything else is a
 * bug and shows its stack.
 */
import yargs, { type CommandModule } from "yargs";
import { hideBin } from "yargs/helpers";
import { UserError } from "../base/errors.js";
import { SchemeError } from "../schemes/parse.js";
import { cliMessage } from "./flagNames.js";
import { HELP_WIDTH } from "./help.js";
import { warmForArgv } from "./engineWarmup.js";
import { checkCommandName, flag, usageMessage, UsageError, type CommandShape } from "./usageError.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = CommandModule<any, any>;

/**
 * The commands in help order, each module imported only when it may run: a run loads the
 * command named on its line (and whatever that imports), not all of them, which would cost
 * every run a few hundred milliseconds of module loading. With no command word (help, a
 * mistake) every command is loaded.
 */
const COMMANDS: [name: string, load: () => Promise<AnyCommand>][] = [
  ["inspect", async () => (await import("./commands/inspect.js")).inspectCommand],
  ["evaluate", async () => (await import("./commands/evaluate.js")).evaluateCommand],
  ["sweep", async () => (await import("./commands/sweep.js")).sweepCommand],
  ["tune", async () => (await import("./commands/tune.js")).tuneCommand],
  ["attack", async () => (await import("./commands/attack.js")).attackCommand],
  ["report", async () => (await import("./commands/report.js")).reportCommand],
  ["sql", async () => (await import("./commands/sql.js")).sqlCommand],
  ["reproduce", async () => (await import("./commands/reproduce.js")).reproduceCommand],
  ["experiments", async () => (await import("./commands/experiments.js")).experimentsCommand],
  ["datasets", async () => (await import("./commands/datasets.js")).datasetsCommand],
  ["demo", async () => (await import("./commands/demo.js")).demoCommand],
];

/** The sub-commands of a command that has them (for "did you mean" on a mistyped one). */
async function actionsOf(name: string | undefined): Promise<string[]> {
  if (name === "datasets") return (await import("./commands/datasets.js")).DATASET_ACTIONS;
  if (name === "experiments") return (await import("./commands/experiments.js")).EXPERIMENT_ACTIONS;
  return [];
}

/** The commands a line may run: every command named among its words (an option's value may be one), else all. */
async function commandsFor(argv: string[]): Promise<AnyCommand[]> {
  const words = argv.filter((a) => !a.startsWith("-"));
  const named = COMMANDS.filter(([name]) => words.includes(name));
  return Promise.all((named.length > 0 ? named : COMMANDS).map(([, load]) => load()));
}

interface YargsOptions {
  key: Record<string, unknown>;
  string: string[];
  number: string[];
  array: string[];
}

/**
 * Values yargs lets through: a string option given without a value (`--scheme` at the
 * end of the line reads as ""), a number option given a word (NaN).
 */
function checkValues(args: Record<string, unknown>, options: YargsOptions, argv: readonly string[]): void {
  for (const name of options.string) {
    const v = args[name];
    // yargs reads a lone "-" (the catalog from stdin) as an empty positional
    if (name === "catalog" && v === "" && argv.includes("-")) continue;
    // a specific word beats the generic one: --probe-cache "" is told about --no-probe-cache
    if (name === "probe-cache" && v === "") throw new UsageError("--probe-cache needs a folder (or use --no-probe-cache to disable the cache)");
    // an array option given without a value reads as []
    if (v === "" || (Array.isArray(v) && (v.length === 0 || v.includes("")))) throw new UsageError(`${flag(name)} needs a value`);
  }
  for (const name of options.number) {
    const v = args[name];
    if (typeof v === "number" && Number.isNaN(v)) throw new UsageError(`${flag(name)} needs a number`);
    if (Array.isArray(v) && v.some((x) => Number.isNaN(x))) throw new UsageError(`${flag(name)} needs a number`);
  }
}

/**
 * A scheme mistake on one line, as every CLI error is: the library's message puts a caret
 * under the bad token on two more lines; here the token is quoted with its position.
 */
function oneLineSchemeError(e: SchemeError): string {
  const at = e.scheme.slice(e.index).replace(/\s+/g, " ");
  return `scheme "${e.scheme}": ${e.reason} (at character ${e.index + 1}: "${at.length > 24 ? at.slice(0, 24) + "…" : at}")`;
}

/**
 * yargs renders the whole help text each time a command starts, in case its async
 * handler fails later and help must be printed; a failure here prints one line instead
 * (`.fail` below), so that rendering — about 0.1 s of every run — is skipped.
 */
function skipHelpCache(cli: unknown): void {
  const usage = (cli as { getInternalMethods?(): { getUsageInstance?(): { cacheHelpMessage?: () => void } } }).getInternalMethods?.().getUsageInstance?.();
  if (usage?.cacheHelpMessage) usage.cacheHelpMessage = () => undefined;
}

export async function main(argv: string[]): Promise<number> {
  const shape: CommandShape = { options: [], argv };
  // A large catalog file: the engine's workers load alongside the command's modules.
  warmForArgv(argv);
  try {
    shape.command = argv.find((a) => !a.startsWith("-"));
    const actions = await actionsOf(shape.command);
    checkCommandName(argv, Object.fromEntries(COMMANDS.map(([name]) => [name, name === shape.command ? actions : []])));
    const commands = await commandsFor(argv);
    let cli = yargs(argv)
      .locale("en")
      .scriptName("fprisk")
      .usage("$0 <command> [options]\n\nHow easily do duration, bitrate and resolution re-identify a title, and how much does rounding help?");
    for (const c of commands) cli = cli.command(c);
    skipHelpCache(cli);
    await cli
      .demandCommand(1, "name a command (see `fprisk --help`)")
      .strict()
      // runs once the command's options are known, before yargs validates them
      .middleware(((args: Record<string, unknown>, y: { getOptions(): YargsOptions }) => {
        const options = y.getOptions();
        shape.options = Object.keys(options.key);
        checkValues(args, options, argv);
      }) as never, true)
      .example('$0 evaluate chinook-tracks --scheme "duration=round(60s)"', "risk of one scheme on a registry dataset")
      .epilog("Every command has --help with examples.")
      .wrap(HELP_WIDTH)
      .fail((msg, err) => {
        if (err) throw err;
        throw new UsageError(usageMessage(msg, shape));
      })
      .parseAsync();
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(`fprisk: ${cliMessage(e instanceof SchemeError ? oneLineSchemeError(e) : e.message)}\n`);
      return 2;
    }
    throw e;
  }
  return 0;
}

const code = await main(hideBin(process.argv));
// Let stdout drain before exiting (large outputs to a pipe).
process.exitCode = code;
