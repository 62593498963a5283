/** The CLI's exit codes (documented in --help). */
export const ExitCode = {
  /** Every input is valid / the command succeeded. */
  Ok: 0,
  /** Some input is invalid. */
  Invalid: 1,
  /** Usage or I/O error. */
  Usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A usage mistake: reported on stderr, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
