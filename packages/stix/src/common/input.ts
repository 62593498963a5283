/**
 * The guard at the edge of the authoring functions: callers from plain JavaScript (or `as` casts)
 * can pass anything, and a wrong value must be a StixError, not a TypeError from deep inside.
 */
import { StixError } from '../errors.js';

/** Throws STIX_INPUT_TYPE unless `value` is a JSON object (not null, not an array). */
export function requireObject(value: unknown, what: string): asserts value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new StixError(
      'STIX_INPUT_TYPE',
      `${what} must be a JSON object, not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}`,
    );
}
