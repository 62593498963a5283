/**
 * Time for building objects: a clock that tests can replace, and STIX timestamps written at
 * millisecond precision (`YYYY-MM-DDTHH:mm:ss.sssZ`), which is exactly what 2.0 requires for
 * created/modified and the least 2.1 accepts (2.0 Part 1 §2.14, 2.1 §3.2).
 */

/** Returns the current time; inject one in tests for fixed timestamps. */
export type Clock = () => Date | number;

const systemClock: Clock = () => Date.now();

/** The clock's time in milliseconds since the epoch. */
export function clockMillis(clock: Clock | undefined): number {
  const t = (clock ?? systemClock)();
  return typeof t === 'number' ? t : t.getTime();
}

/** A millisecond-precision STIX timestamp. */
export function formatTimestamp(millis: number): string {
  return new Date(millis).toISOString();
}

/**
 * The time of a valid STIX timestamp in whole milliseconds, digits after the third fractional one
 * dropped (so `…27.123999Z` gives the millisecond `…27.123Z`, never a later one).
 */
export function timestampMillis(timestamp: string): number {
  const head = timestamp.slice(0, 19);
  const fraction = timestamp.length > 21 ? timestamp.slice(20, timestamp.length - 1) : '';
  return Date.parse(`${head}.${fraction.slice(0, 3).padEnd(3, '0')}Z`);
}
