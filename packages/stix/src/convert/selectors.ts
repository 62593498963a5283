/**
 * Granular-marking selectors across a conversion (2.0 Part 1 §4.3, 2.1 §7.2.3): a selector names
 * properties by name, so when a property is renamed (labels → malware_types, file created →
 * ctime, a carried x_stix21_name) its selectors must follow, and when a property has no
 * counterpart its selectors go (with the marking, when no selector is left) — otherwise the
 * output breaks the MUST that every selector resolves.
 */
import { parseSelector, selectorResolves } from '../common/selector.js';
import type { ChangeLog } from './report.js';
import type { ConvertJson as Json } from './types.js';

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Where each top-level property of `original` went in `converted`: a property that is gone is
 * renamed to the one new property holding the very same value (the converters move values, they do
 * not copy them; a primitive value counts only when exactly one new property holds it), or a list
 * that starts with the same items (so that `[n]` steps still point at the same item).
 */
function renames(original: Json, converted: Json): Map<string, string> {
  // New properties, and properties whose value the conversion replaced (labels merged with *_types).
  const added = Object.keys(converted).filter((k) => !Object.hasOwn(original, k) || converted[k] !== original[k]);
  const out = new Map<string, string>();
  if (added.length === 0) return out;
  for (const key of Object.keys(original)) {
    if (Object.hasOwn(converted, key)) continue;
    const value = original[key];
    let holders = added.filter((k) => converted[k] === value);
    // A list merged into another keeps its items first (2.1 → 2.0: indicator_types + labels → labels).
    if (holders.length === 0 && Array.isArray(value))
      holders = added.filter((k) => {
        const list = converted[k];
        return Array.isArray(list) && value.every((item, i) => list[i] === item);
      });
    if (holders.length === 1) out.set(key, holders[0]);
  }
  return out;
}

/** `converted` with its granular markings' selectors moved to the renamed properties or dropped. */
export function retargetSelectors(original: Json, converted: Json, objectId: string, log: ChangeLog): Json {
  const markings = converted.granular_markings;
  if (!Array.isArray(markings)) return converted;
  const moved = renames(original, converted);
  const kept: unknown[] = [];
  let changed = false;
  markings.forEach((marking, i) => {
    if (!isObject(marking) || !Array.isArray(marking.selectors)) {
      kept.push(marking);
      return;
    }
    const selectors: string[] = [];
    marking.selectors.forEach((selector: unknown, j: number) => {
      const segments = typeof selector === 'string' ? parseSelector(selector) : undefined;
      // Not a selector at all: leave it for validation to report.
      if (segments === undefined || typeof selector !== 'string') {
        selectors.push(selector as string);
        return;
      }
      if (selectorResolves(converted, segments)) {
        selectors.push(selector);
        return;
      }
      const to = moved.get(segments[0] as string);
      const retargeted = to === undefined ? undefined : [to, ...segments.slice(1)];
      changed = true;
      if (retargeted !== undefined && selectorResolves(converted, retargeted)) {
        selectors.push(retargeted.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.'));
      } else {
        log.add(
          objectId,
          'dropped-reference',
          `granular_markings[${i}].selectors[${j}]`,
          `${selector} selects content that has no counterpart`,
        );
      }
    });
    if (selectors.length > 0) kept.push({ ...marking, selectors });
    else log.add(objectId, 'dropped-property', `granular_markings[${i}]`, 'a granular marking none of whose selectors is left');
  });
  if (!changed) return converted;
  const out: Json = { ...converted, granular_markings: kept };
  if (kept.length === 0) delete out.granular_markings;
  return out;
}
