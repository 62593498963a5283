/**
 * Renames the object paths of a STIX pattern (2.0 Part 5 §4, 2.1 §9.3) whose cyber-observable
 * properties changed name between the versions: `[file:created > t'…']` ⇄ `[file:ctime > t'…']`.
 * A small scanner, linear in the pattern: it copies everything verbatim except the property
 * names of object paths, and never looks inside quoted string literals (`'…'`, `t'…'`, `h'…'`,
 * `b'…'`), so `[file:name = 'file:created']` keeps its literal.
 */
import type { StixVersion } from '../issues.js';
import { REF_TARGET, SCO_ADDED_IN_21, SCO_REMOVED_IN_21, SCO_RENAMES_20_TO_21, SCO_RENAMES_21_TO_20 } from './tables.js';

export interface PatternRewrite {
  readonly pattern: string;
  /** Each rename made, as `type:old → type:new` (empty when the pattern is unchanged). */
  readonly renamed: readonly string[];
  /** Object paths naming a property the target version does not define (`process:name`). */
  readonly unconvertible: readonly string[];
}

const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 45;
const isNamePart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57);
const QUOTE = 39;
const BACKSLASH = 92;
const COLON = 58;
const DOT = 46;
const OPEN_BRACKET = 91;

/** Renames object-path properties of `pattern` into their names in version `to`. */
export function rewritePatternPaths(pattern: string, to: StixVersion): PatternRewrite {
  const renames = to === '2.1' ? SCO_RENAMES_20_TO_21 : SCO_RENAMES_21_TO_20;
  const missing = to === '2.1' ? SCO_REMOVED_IN_21 : SCO_ADDED_IN_21;
  const renamed: string[] = [];
  const unconvertible: string[] = [];
  const n = pattern.length;
  let out = '';
  let copiedTo = 0;
  let i = 0;
  const skipString = (start: number): number => {
    let j = start + 1;
    while (j < n) {
      const c = pattern.charCodeAt(j);
      if (c === BACKSLASH) j += 2;
      else if (c === QUOTE) return j + 1;
      else j++;
    }
    return n;
  };
  while (i < n) {
    const c = pattern.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(i);
      continue;
    }
    if (!isIdentStart(c)) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isIdentPart(pattern.charCodeAt(i))) i++;
    if (pattern.charCodeAt(i) !== COLON) continue;
    // An object path: type ':' component ( '.' component | '[' index ']' )*
    let type: string | undefined = pattern.slice(start, i);
    i++;
    let first = true;
    for (;;) {
      const ch = pattern.charCodeAt(i);
      if (ch === QUOTE) {
        i = skipString(i);
        type = undefined;
      } else if (isNamePart(ch)) {
        const nameStart = i;
        while (i < n && isNamePart(pattern.charCodeAt(i))) i++;
        const name = pattern.slice(nameStart, i);
        const next: string | undefined = type === undefined ? undefined : renames[type]?.[name];
        if (type !== undefined && next !== undefined) {
          out += pattern.slice(copiedTo, nameStart) + next;
          copiedTo = i;
          renamed.push(`${type}:${name} → ${type}:${next}`);
        } else if (type !== undefined && (missing[type]?.includes(name) || missing['*']?.includes(name))) {
          unconvertible.push(`${type}:${name}`);
        }
        // Follow references whose target type is unambiguous; inside anything else (extensions,
        // dictionaries, lists of sub-objects) no property was renamed.
        type = type === undefined ? undefined : REF_TARGET[type]?.[next ?? name];
      } else if (first) break;
      first = false;
      const sep = pattern.charCodeAt(i);
      if (sep === DOT) {
        i++;
        continue;
      }
      if (sep === OPEN_BRACKET) {
        // A list index ([0] or [*]): the type of the list's items stays the same.
        while (i < n && pattern.charCodeAt(i) !== 93) i++;
        i++;
        if (pattern.charCodeAt(i) === DOT) {
          i++;
          continue;
        }
      }
      break;
    }
  }
  if (renamed.length === 0) return { pattern, renamed, unconvertible };
  return { pattern: out + pattern.slice(copiedTo), renamed, unconvertible };
}
