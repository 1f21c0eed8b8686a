/** Exit codes, documented in README.md and `corroborate --help`. */
export const EXIT = {
  ok: 0,
  /** The command ran and found something: vault findings, or (with --strict) record errors. */
  findings: 1,
  /** The command could not run on what it was given: bad arguments, a bad case file, a missing source. */
  input: 2,
  /** Something under the tool failed: the database, the disk. */
  infrastructure: 3,
} as const;

/** An error for the user, with the exit code it deserves; printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.input,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}
