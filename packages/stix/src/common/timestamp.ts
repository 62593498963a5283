/**
 * STIX timestamps (2.0 Part 1 §2.14, 2.1 §3.2): RFC 3339 in UTC with a `Z`, fractional seconds
 * optional. Kept as the received string everywhere so precision is never lost; compared as text
 * after checking, since every valid STIX timestamp has the same layout up to the fraction.
 */

export type TimestampPrecision =
  /** Any number of fractional digits (or none). */
  | 'any'
  /** Exactly three fractional digits: STIX 2.0 `created`/`modified`. */
  | 'millisecond'
  /** At least three fractional digits: STIX 2.1 `created`/`modified`. */
  | 'min-millisecond';

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export type TimestampProblem = 'format' | 'date' | 'precision';

const code = (s: string, i: number): number => s.charCodeAt(i) - 48;
const isDigit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * Checks one timestamp; returns undefined when it is valid. Hand-written (no regex, no Date) since
 * it runs for every timestamp of every object: a hot path.
 */
export function checkTimestamp(value: string, precision: TimestampPrecision = 'any'): TimestampProblem | undefined {
  const n = value.length;
  if (n < 20) return 'format';
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]) if (!isDigit(value, i)) return 'format';
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':' || value[16] !== ':') return 'format';
  if (value.charCodeAt(n - 1) !== 90 /* Z */) return 'format';
  let fraction = 0;
  if (n > 20) {
    if (value[19] !== '.' || n === 21) return 'format';
    for (let i = 20; i < n - 1; i++) if (!isDigit(value, i)) return 'format';
    fraction = n - 21;
  }
  const year = code(value, 0) * 1000 + code(value, 1) * 100 + code(value, 2) * 10 + code(value, 3);
  const month = code(value, 5) * 10 + code(value, 6);
  const day = code(value, 8) * 10 + code(value, 9);
  const hour = code(value, 11) * 10 + code(value, 12);
  const minute = code(value, 14) * 10 + code(value, 15);
  const second = code(value, 17) * 10 + code(value, 18);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month]) return 'date';
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return 'date';
  // RFC 3339 §5.6 allows a leap second (60).
  if (hour > 23 || minute > 59 || second > 60) return 'date';
  if (precision === 'millisecond' && fraction !== 3) return 'precision';
  if (precision === 'min-millisecond' && fraction < 3) return 'precision';
  return undefined;
}

export function isTimestamp(value: unknown, precision: TimestampPrecision = 'any'): value is string {
  return typeof value === 'string' && checkTimestamp(value, precision) === undefined;
}

/**
 * Compares two valid STIX timestamps: negative, zero or positive. Digits up to the seconds have
 * fixed positions, so text order is time order; fractions are compared with trailing zeros
 * ignored (`.1Z` equals `.100Z`).
 */
export function compareTimestamps(a: string, b: string): number {
  const head = a.slice(0, 19).localeCompare(b.slice(0, 19));
  if (head !== 0) return head < 0 ? -1 : 1;
  const fa = fractionDigits(a);
  const fb = fractionDigits(b);
  const len = Math.max(fa.length, fb.length);
  const pa = fa.padEnd(len, '0');
  const pb = fb.padEnd(len, '0');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

function fractionDigits(ts: string): string {
  return ts.length > 20 ? ts.slice(20, ts.length - 1) : '';
}

export function describeTimestampProblem(problem: TimestampProblem, precision: TimestampPrecision): string {
  switch (problem) {
    case 'format':
      return 'expected an RFC 3339 timestamp in UTC such as 2016-05-12T08:17:27.000Z';
    case 'date':
      return 'the date or time does not exist on the calendar';
    case 'precision':
      return precision === 'millisecond'
        ? 'expected exactly millisecond precision (three fractional digits, e.g. 2016-05-12T08:17:27.000Z)'
        : 'expected at least millisecond precision (three or more fractional digits, e.g. 2016-05-12T08:17:27.000Z)';
  }
}
