/**
 * Timestamps in patterns: `t'…'` literals (2.0 Part 5 §4.2, 2.1 §9.4) and 2.0's plain-string
 * START/STOP values hold RFC 3339 date-times in UTC with a `Z` (STIX 2.1 §3.2, 2.0 Part 1 §2.12),
 * e.g. `2016-01-01T00:00:00Z` or `2016-01-01T00:00:00.123456Z`. The grammar checks the shape only;
 * this checks the calendar (no 30 February, no hour 24) as well.
 */

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** undefined when `text` is a real RFC 3339 UTC timestamp, else why not. */
export function timestampProblem(text: string): string | undefined {
  const m = SHAPE.exec(text);
  if (m === null) return `'${text}' is not an RFC 3339 UTC timestamp (YYYY-MM-DDTHH:MM:SS[.fraction]Z)`;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12) return `'${text}': there is no month ${m[2]}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `'${text}': ${MONTHS[month - 1]} ${year} has ${days} days`;
  if (hour > 23) return `'${text}': the hour is more than 23`;
  if (minute > 59) return `'${text}': the minute is more than 59`;
  // RFC 3339 §5.6 allows second 60 for a leap second; UTC inserts them at 23:59:60 only.
  if (second > 60 || (second === 60 && (hour !== 23 || minute !== 59))) return `'${text}': the second is out of range`;
  return undefined;
}

/**
 * Orders two valid timestamps (as timestampProblem accepts): negative, zero or positive. Both are
 * UTC with fixed-width fields, so the date-time compares as text; fractions compare digit by digit.
 */
export function compareTimestamps(a: string, b: string): number {
  const [mainA, fracA = ''] = a.slice(0, -1).split('.');
  const [mainB, fracB = ''] = b.slice(0, -1).split('.');
  if (mainA !== mainB) return mainA < mainB ? -1 : 1;
  const width = Math.max(fracA.length, fracB.length);
  const fa = fracA.padEnd(width, '0');
  const fb = fracB.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}
