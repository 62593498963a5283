/** Test helpers: a fixed clock and a StixError code matcher. */
import { StixError, type StixErrorCode } from '../errors.js';

export const T0 = '2024-03-01T10:00:00.000Z';

/** A clock that always says `iso`. */
export function at(iso: string): () => number {
  const t = Date.parse(iso);
  return () => t;
}

/** For assert.throws: the error is a StixError with this code (and, for STIX_INVALID, these issue codes). */
export function stixError(code: StixErrorCode, issueCodes?: readonly string[]): (error: unknown) => boolean {
  return (error) => {
    if (!(error instanceof StixError) || error.code !== code) return false;
    if (issueCodes === undefined) return true;
    const got = error.issues.map((i) => i.code);
    return issueCodes.every((c) => got.includes(c));
  };
}
