/**
 * granular_markings as (marking, selector) pairs: read from an object in order, changed as pairs,
 * and written back compacted — one entry per marking, its selectors in first-seen order, markings
 * in first-seen order — so the output depends only on the input and the call.
 */
import type { GranularMarkingLike, MarkableObject, Marking } from './marking-input.js';
import { selectorKey } from './selectors.js';

export interface Pair {
  readonly marking: Marking;
  readonly selector: string;
  /** selectorKey(selector). */
  readonly key: string;
}

export interface GranularContent {
  readonly pairs: readonly Pair[];
  /** Entries that are not granular markings (malformed): kept as they are, after the others. */
  readonly other: readonly unknown[];
}

const isStringList = (v: unknown): v is readonly string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

export function markingKey(m: Marking): string {
  return `${m.kind}:${m.value}`;
}

/** The pairs of `object.granular_markings`, in the order they appear. */
export function readGranular(object: MarkableObject): GranularContent {
  const entries: unknown = object.granular_markings;
  const pairs: Pair[] = [];
  const other: unknown[] = [];
  if (!Array.isArray(entries)) return { pairs, other };
  for (const entry of entries as readonly unknown[]) {
    const e = entry as Partial<Record<'selectors' | 'marking_ref' | 'lang', unknown>> | null;
    const ref = e?.marking_ref;
    const lang = e?.lang;
    // 2.1 §7.2.3: exactly one of marking_ref and lang.
    const marking: Marking | undefined =
      typeof ref === 'string' && lang === undefined
        ? { kind: 'ref', value: ref }
        : typeof lang === 'string' && ref === undefined
          ? { kind: 'lang', value: lang }
          : undefined;
    if (e === null || typeof e !== 'object' || marking === undefined || !isStringList(e.selectors)) {
      other.push(entry);
      continue;
    }
    for (const selector of e.selectors) pairs.push({ marking, selector, key: selectorKey(selector) });
  }
  return { pairs, other };
}

/** The pairs written as granular markings, or undefined when there are none (lists MUST NOT be empty). */
export function writeGranular(content: GranularContent): readonly unknown[] | undefined {
  const groups = new Map<string, { marking: Marking; selectors: string[]; keys: Set<string> }>();
  for (const pair of content.pairs) {
    const k = markingKey(pair.marking);
    let group = groups.get(k);
    if (group === undefined) {
      group = { marking: pair.marking, selectors: [], keys: new Set() };
      groups.set(k, group);
    }
    if (group.keys.has(pair.key)) continue;
    group.keys.add(pair.key);
    group.selectors.push(pair.selector);
  }
  const out: unknown[] = [];
  for (const { marking, selectors } of groups.values()) {
    const entry: GranularMarkingLike =
      marking.kind === 'ref'
        ? { selectors: Object.freeze(selectors), marking_ref: marking.value }
        : { selectors: Object.freeze(selectors), lang: marking.value };
    out.push(Object.freeze(entry));
  }
  out.push(...content.other);
  return out.length === 0 ? undefined : Object.freeze(out);
}
