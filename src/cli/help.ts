/**
 * `--help` layout. yargs puts examples in two narrow columns and breaks a long command
 * inside a word (`"duration=round(1s),b` / `itrate=…`), which cannot be copied back
 * into a shell. Examples go to the epilog instead, one per paragraph — what it shows,
 * then the command on its own line — and lines break only at spaces.
 */

/** Help text width: the terminal's, between 80 and 120 columns (100 when not a terminal). */
export const HELP_WIDTH = Math.max(80, Math.min(120, process.stdout.columns || 100));

/** The epilog of a command's help: its examples, `[command, what it shows]`. */
export function examples(list: readonly (readonly [string, string])[], note?: string): string {
  const blocks = list.map(([command, what]) => `  ${what}:\n    $ ${command.replace(/^\$0/, "fprisk")}`);
  return ["Examples:", ...blocks.flatMap((b, i) => (i === 0 ? [b] : ["", b])), ...(note ? ["", note] : [])].join("\n");
}
