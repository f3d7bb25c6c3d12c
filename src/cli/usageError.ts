/**
 * A mistake on the command line itself (unknown command or option, a bad choice, a
 * missing value): one line on stderr, exit 2, and nothing read or written. yargs'
 * own messages are turned into that line here, with a suggestion when the mistake
 * looks like a typo:
 *
 *   "Unknown arguments: redact-title, redactTitle"  → "unknown option --redact-title; did you mean --redact-titles?"
 *   "Invalid values: Argument: format, Given: "xml" …" → "--format xml: choose one of table, csv, json"
 */
import { UserError } from "../base/errors.js";
import { closest } from "./suggest.js";

export class UsageError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** How a command-line option is written: `--name` (also for one-letter names such as --k). */
export const flag = (name: string) => `--${name}`;

/** What a command accepts, as yargs reported it just before validating. */
export interface CommandShape {
  /** e.g. "evaluate" (undefined at the top level) */
  command?: string;
  /** every option name, kebab-case */
  options: string[];
  /** the raw arguments, to tell stray positionals from options */
  argv: string[];
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function helpHint(shape: CommandShape): string {
  return `see \`fprisk ${shape.command ? `${shape.command} ` : ""}--help\``;
}

/** One line for a yargs validation message. */
export function usageMessage(message: string, shape: CommandShape): string {
  const unknown = /^Unknown arguments?: (.*)$/s.exec(message);
  if (unknown) {
    const names = unknown[1].split(", ");
    // yargs lists both spellings of a dashed name (redact-title, redactTitle)
    const given = names.filter((n) => !(/[A-Z]/.test(n) && names.includes(kebab(n))));
    const first = given[0];
    const isPositional = shape.argv.includes(first) && !shape.argv.some((a) => a === flag(first) || a.startsWith(`${flag(first)}=`) || a === `-${first}` || a === `--no-${first}`);
    if (isPositional) return `unexpected argument "${first}" (${helpHint(shape)}; quote a value that contains spaces)`;
    const known = shape.options.filter((o) => !/[A-Z]/.test(o));
    const guess = closest(first, known);
    const more = given.length > 1 ? ` (and ${given.slice(1).map(flag).join(", ")})` : "";
    return `unknown option ${flag(first)}${more}; ${guess ? `did you mean ${flag(guess)}?` : helpHint(shape)}`;
  }
  const invalid = /Argument: (\S+), Given: (.*?), Choices: (.*)$/m.exec(message);
  if (invalid) {
    const choices = invalid[3].split(", ").map((c) => c.replace(/^"|"$/g, ""));
    const given = invalid[2].replace(/^"|"$/g, "");
    const guess = closest(given, choices);
    return `${flag(invalid[1])} ${given}: choose one of ${choices.join(", ")}${guess ? ` (did you mean ${guess}?)` : ""}`;
  }
  const missing = /^Missing required arguments?: (.*)$/.exec(message);
  if (missing) return `${missing[1].split(", ").map(flag).join(", ")} ${missing[1].includes(", ") ? "are" : "is"} required (${helpHint(shape)})`;
  const following = /^Not enough arguments following: (.*)$/.exec(message);
  if (following) return `${flag(following[1])} needs a value`;
  if (/^Not enough non-option arguments/.test(message)) {
    return shape.command ? `${shape.command}: name a catalog (${helpHint(shape)})` : "name a command (see `fprisk --help`)";
  }
  const tooMany = /^Too many non-option arguments/.exec(message);
  if (tooMany) return `too many arguments (${helpHint(shape)}; quote a value that contains spaces)`;
  return message.split("\n")[0];
}

/**
 * `unknown command evalute; did you mean evaluate?` — checked before yargs runs, whose
 * own message would only list the stray words.
 */
export function checkCommandName(argv: string[], commands: Record<string, string[]>): void {
  const words = argv.filter((a) => !a.startsWith("-"));
  const [first, second] = words;
  const names = Object.keys(commands);
  if (first === undefined) return;
  if (!names.includes(first)) {
    const guess = closest(first, names);
    throw new UsageError(`unknown command ${first}; ${guess ? `did you mean ${guess}?` : `commands: ${names.join(", ")}`}`);
  }
  const actions = commands[first];
  if (actions.length === 0 || second === undefined || actions.includes(second)) return;
  const guess = closest(second, actions);
  throw new UsageError(`unknown command ${first} ${second}; ${guess ? `did you mean ${first} ${guess}?` : `${first} commands: ${actions.join(", ")}`}`);
}
