/**
 * Built objects are plain JSON data: copied from the caller's input (so later changes to the input
 * do not reach them), `undefined` members dropped as JSON.stringify would, Date values written as
 * STIX timestamps, then deeply frozen.
 */
import { StixError } from '../errors.js';
import { renderPath } from '../issues.js';
import { formatTimestamp } from './clock.js';

/** A JSON copy of one property value; throws STIX_INPUT_TYPE on values JSON cannot hold. */
export function toPlain(value: unknown, path: (string | number)[]): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      break;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          const item = value[i];
          // JSON.stringify writes undefined list items as null; a STIX list never holds null.
          if (item === undefined) throw notJson(path, item);
          out[i] = toPlain(item, path);
          path.pop();
        }
        return out;
      }
      if (value instanceof Date) return formatTimestamp(value.getTime());
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) break;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const member = (value as Record<string, unknown>)[key];
        if (member === undefined) continue;
        path.push(key);
        out[key] = toPlain(member, path);
        path.pop();
      }
      return out;
    }
  }
  throw notJson(path, value);
}

function notJson(path: (string | number)[], value: unknown): StixError {
  const what = value === undefined ? 'undefined' : typeof value === 'object' ? (value?.constructor?.name ?? 'object') : String(value);
  return new StixError('STIX_INPUT_TYPE', `${renderPath(path) || 'the value'} is ${what}, which JSON cannot represent`);
}

/** Freezes a value built by toPlain and everything inside it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) for (const item of value) deepFreeze(item);
    else for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
