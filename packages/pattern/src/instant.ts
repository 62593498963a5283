/**
 * Timestamps as instants for the matcher: observed-data `first_observed` / `last_observed`, `t'…'`
 * literals and START / STOP bounds. STIX timestamps are RFC 3339 in UTC with a `Z` (STIX 2.1
 * §2.16, 2.0 Part 1 §2.12); their calendar check is shared with the validator.
 */
import { timestampProblem } from './timestamp-syntax.js';

/**
 * Milliseconds since the epoch, the fraction kept as far as a double holds it (about 0.25 µs for
 * present-day dates: enough for windows and ordering; exact equality of `t'…'` literals is done on
 * the text by `compareTimestamps`). undefined when `text` is not a valid STIX timestamp.
 */
export function timestampMillis(text: string): number | undefined {
  if (timestampProblem(text) !== undefined) return undefined;
  const seconds = Date.UTC(
    Number(text.slice(0, 4)),
    Number(text.slice(5, 7)) - 1,
    Number(text.slice(8, 10)),
    Number(text.slice(11, 13)),
    Number(text.slice(14, 16)),
    Number(text.slice(17, 19)),
  );
  const dot = text.indexOf('.', 19);
  // The fraction's digits after the decimal point, read as a decimal fraction of a second.
  const fraction = dot === -1 ? 0 : Number(`0${text.slice(dot, -1)}`);
  return seconds + fraction * 1000;
}
