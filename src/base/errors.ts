/**
 * A mistake in what the user gave us (file, flag, scheme): the CLI prints the
 * message alone and exits 2. Anything else is a bug and keeps its stack.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

/** A problem at a known place in an input file. */
export function locatedError(file: string, line: number | undefined, what: string): UserError {
  return new UserError(line === undefined ? `${file}: ${what}` : `${file}:${line}: ${what}`);
}
