/**
 * Granular-marking selectors (2.0 Part 1 §4.3.1, 2.1 §7.2.3.1): a path of property names and
 * `[index]` steps separated by dots, e.g. `external_references.[0].source_name`.
 */

// A segment is a property name or a list index in brackets.
const SEGMENT = /^(?:[a-z0-9_-]{1,250}|\[\d+\])$/;

/** Splits a selector into segments, or undefined when its syntax is wrong. */
export function parseSelector(selector: string): Array<string | number> | undefined {
  if (selector.length === 0) return undefined;
  const parts = selector.split('.');
  const out: Array<string | number> = [];
  for (const part of parts) {
    if (!SEGMENT.test(part)) return undefined;
    out.push(part.startsWith('[') ? Number(part.slice(1, -1)) : part);
  }
  // The first step names a top-level property, never an index.
  if (typeof out[0] === 'number') return undefined;
  return out;
}

/** True when every step of `segments` exists in `object`. */
export function selectorResolves(object: unknown, segments: ReadonlyArray<string | number>): boolean {
  let current: unknown = object;
  for (const seg of segments) {
    if (typeof seg === 'number') {
      if (!Array.isArray(current) || seg >= current.length) return false;
      current = current[seg];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return false;
      if (!Object.hasOwn(current, seg)) return false;
      current = (current as Record<string, unknown>)[seg];
    }
  }
  return true;
}
