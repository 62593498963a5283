/**
 * LIKE (STIX 2.1 §9.6.1, 2.0 Part 5 §4.4): SQL LIKE wildcards, `%` any run of characters (possibly
 * none), `_` exactly one; the whole value must match. STIX gives LIKE no escape character, so `%`
 * and `_` are always wildcards and `\` is an ordinary character.
 *
 * No regular expression is built. The pattern is cut at each `%` into fixed-length segments; the
 * first is matched at the start, the last at the end, and each middle one at its leftmost place
 * after the previous one. Leftmost is always right for fixed-length segments (it leaves the most
 * room for the rest), so nothing is retried: at most O(value × pattern) steps, never exponential.
 * A "character" is a Unicode code point, so `_` matches one astral character, not half of one.
 */

/** `_` inside a segment. */
const ANY = -1;

type Segment = readonly number[];

const SURROGATE = /[\uD800-\uDFFF]/;

function codePoints(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(ch.codePointAt(0) as number);
  return out;
}

/** `value` is the text itself when it has no surrogates (one UTF-16 unit = one code point), else its code points. */
function segmentAt(value: string | readonly number[], at: number, segment: Segment): boolean {
  if (typeof value === 'string') {
    for (let i = 0; i < segment.length; i++) if (segment[i] !== ANY && segment[i] !== value.charCodeAt(at + i)) return false;
    return true;
  }
  for (let i = 0; i < segment.length; i++) if (segment[i] !== ANY && segment[i] !== value[at + i]) return false;
  return true;
}

/** A test for values against the LIKE `pattern` (both already normalised as the caller wants). */
export function compileLike(pattern: string): (value: string) => boolean {
  const segments: Segment[] = pattern.split('%').map((part) => codePoints(part).map((c) => (c === 0x5f ? ANY : c)));
  const first = segments[0];
  const last = segments[segments.length - 1];
  const middle = segments.slice(1, -1).filter((segment) => segment.length > 0);
  const fixed = segments.length === 1;
  const minLength = segments.reduce((sum, segment) => sum + segment.length, 0);

  return (text: string): boolean => {
    if (text.length < minLength) return false; // a code point is one or two UTF-16 units
    const value = SURROGATE.test(text) ? codePoints(text) : text;
    if (fixed) return value.length === first.length && segmentAt(value, 0, first);
    if (value.length < minLength) return false;
    if (!segmentAt(value, 0, first)) return false;
    const lastAt = value.length - last.length;
    if (!segmentAt(value, lastAt, last)) return false;
    let at = first.length;
    for (const segment of middle) {
      let found = -1;
      for (let p = at; p + segment.length <= lastAt; p++) {
        if (segmentAt(value, p, segment)) {
          found = p;
          break;
        }
      }
      if (found === -1) return false;
      at = found + segment.length;
    }
    return at <= lastAt;
  };
}
