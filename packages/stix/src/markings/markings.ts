/**
 * Data markings (2.0 Part 1 §4, 2.1 §7.2): object markings (`object_marking_refs`) apply to the
 * whole object; granular markings (`granular_markings`) to the content their selectors pick out.
 * The verbs follow python-stix2's markings API: without selectors they act on object markings,
 * with selectors on granular markings.
 *
 * Every function is pure: it returns a new frozen object and never changes its input. `modified`
 * is left alone — python-stix2 makes a new version here; callers who want one pass the result to
 * `newVersion` (versioning). Lists that become empty are removed (lists MUST NOT be empty).
 */
import { requireObject } from '../common/input.js';
import { StixError } from '../errors.js';
import { type GranularContent, markingKey, type Pair, readGranular, writeGranular } from './granular.js';
import { type MarkableObject, type Marking, type Markings, markingsToMatch, normaliseMarkings, type Selectors } from './marking-input.js';
import { type CheckedSelector, checkSelectors, isPrefix } from './selectors.js';

export interface GetMarkingsOptions {
  /**
   * Also markings that reach the selected content from above: granular markings on an ancestor of
   * a selector (`external_references` for `external_references.[0].url`) and the object markings.
   */
  readonly inherited?: boolean;
  /**
   * Also granular markings on content below a selector (`external_references.[0].url` for
   * `external_references`). Without selectors, every granular marking of the object.
   */
  readonly descendants?: boolean;
  /** Include marking-definition ids (default true). */
  readonly markingRef?: boolean;
  /** Include the language tags of 2.1 `lang` granular markings (default true). */
  readonly lang?: boolean;
}

export interface IsMarkedOptions {
  readonly inherited?: boolean;
  readonly descendants?: boolean;
  /** With several markings: is any of them there (default, as python-stix2 documents) or all? */
  readonly match?: 'any' | 'all';
}

type Json = Record<string, unknown>;

/** A frozen shallow copy of `object` with `changes` applied; an undefined value removes the property. */
function rebuild<T extends MarkableObject>(object: T, changes: Readonly<Record<string, unknown>>): T {
  const out: Json = {};
  for (const [k, v] of Object.entries(object)) {
    if (!Object.hasOwn(changes, k)) out[k] = v;
    else if (changes[k] !== undefined) out[k] = changes[k];
  }
  for (const [k, v] of Object.entries(changes)) if (!Object.hasOwn(out, k) && v !== undefined) out[k] = v;
  return Object.freeze(out) as unknown as T;
}

function objectRefs(object: MarkableObject): readonly string[] {
  const refs: unknown = object.object_marking_refs;
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
}

function withObjectRefs<T extends MarkableObject>(object: T, refs: readonly string[]): T {
  return rebuild(object, { object_marking_refs: refs.length === 0 ? undefined : Object.freeze([...refs]) });
}

function withGranular<T extends MarkableObject>(object: T, content: GranularContent): T {
  return rebuild(object, { granular_markings: writeGranular(content) });
}

function refsOnly(markings: readonly Marking[]): string[] {
  return markings.map((m) => m.value);
}

const knownSelectors = (content: GranularContent): Set<string> => new Set(content.pairs.map((p) => p.key));

function addGranular<T extends MarkableObject>(
  object: T,
  base: GranularContent,
  markings: readonly Marking[],
  selectors: readonly CheckedSelector[],
): T {
  const added: Pair[] = [];
  for (const marking of markings) for (const s of selectors) added.push({ marking, selector: s.selector, key: s.key });
  return withGranular(object, { pairs: [...base.pairs, ...added], other: base.other });
}

function clearGranular(content: GranularContent, selectors: readonly CheckedSelector[]): GranularContent {
  const keys = new Set(selectors.map((s) => s.key));
  return { pairs: content.pairs.filter((p) => !keys.has(p.key)), other: content.other };
}

/**
 * Adds markings: to `object_marking_refs` without selectors, as granular markings on every
 * selector with them. Markings already there stay where they are; new ones follow.
 */
export function addMarkings<T extends MarkableObject>(object: T, markings: Markings, selectors?: Selectors): T {
  requireObject(object, 'the object to mark');
  if (selectors === undefined) {
    const refs = objectRefs(object);
    const have = new Set(refs);
    const added = refsOnly(normaliseMarkings(object, markings, false)).filter((r) => !have.has(r));
    return withObjectRefs(object, [...refs, ...added]);
  }
  const list = normaliseMarkings(object, markings, true);
  const checked = checkSelectors(object, selectors);
  return addGranular(object, readGranular(object), list, checked);
}

/** Replaces markings: the object markings, or every granular marking on the selectors, become `markings`. */
export function setMarkings<T extends MarkableObject>(object: T, markings: Markings, selectors?: Selectors): T {
  requireObject(object, 'the object to mark');
  if (selectors === undefined) return withObjectRefs(object, refsOnly(normaliseMarkings(object, markings, false)));
  const list = normaliseMarkings(object, markings, true);
  const content = readGranular(object);
  const checked = checkSelectors(object, selectors, knownSelectors(content));
  return addGranular(object, clearGranular(content, checked), list, checked);
}

/**
 * Removes markings. Each must be there — in `object_marking_refs`, or as a granular marking on
 * each selector given (inherited ones do not count) — else StixError STIX_MARKING_NOT_FOUND
 * (python-stix2's MarkingNotFoundError).
 */
export function removeMarkings<T extends MarkableObject>(object: T, markings: Markings, selectors?: Selectors): T {
  requireObject(object, 'the object to mark');
  const list = markingsToMatch(markings);
  if (selectors === undefined) {
    const refs = objectRefs(object);
    const missing = list.filter((m) => m.kind !== 'ref' || !refs.includes(m.value)).map((m) => m.value);
    if (missing.length > 0) throw new StixError('STIX_MARKING_NOT_FOUND', `not in object_marking_refs: ${missing.join(', ')}`);
    const drop = new Set(refsOnly(list));
    return withObjectRefs(
      object,
      refs.filter((r) => !drop.has(r)),
    );
  }
  const content = readGranular(object);
  const checked = checkSelectors(object, selectors, knownSelectors(content));
  const present = new Set(content.pairs.map((p) => `${markingKey(p.marking)} ${p.key}`));
  const drop = new Set<string>();
  const missing: string[] = [];
  for (const m of list)
    for (const s of checked) {
      const k = `${markingKey(m)} ${s.key}`;
      if (present.has(k)) drop.add(k);
      else missing.push(`${m.kind === 'lang' ? `lang ${m.value}` : m.value} on ${JSON.stringify(s.selector)}`);
    }
  if (missing.length > 0) throw new StixError('STIX_MARKING_NOT_FOUND', `no granular marking ${missing.join('; ')}`);
  return withGranular(object, { pairs: content.pairs.filter((p) => !drop.has(`${markingKey(p.marking)} ${p.key}`)), other: content.other });
}

/**
 * Removes all object markings, or every granular marking (marking_ref and lang) on the selectors.
 * Clearing what is not there is not an error.
 */
export function clearMarkings<T extends MarkableObject>(object: T, selectors?: Selectors): T {
  requireObject(object, 'the object to mark');
  if (selectors === undefined) return rebuild(object, { object_marking_refs: undefined });
  const content = readGranular(object);
  return withGranular(object, clearGranular(content, checkSelectors(object, selectors, knownSelectors(content))));
}

/**
 * The markings that apply: without selectors the object markings (and, with `descendants`, every
 * granular marking); with selectors the granular markings on them, widened by `inherited` and
 * `descendants`. Marking-definition ids and (2.1) language tags, each once, in the order they
 * appear in the object: granular markings first, then object markings.
 */
export function getMarkings(object: MarkableObject, selectors?: Selectors, options: GetMarkingsOptions = {}): readonly string[] {
  requireObject(object, 'the object to mark');
  const wantRef = options.markingRef !== false;
  const wantLang = options.lang !== false;
  const out = new Set<string>();
  const take = (m: Marking) => {
    if (m.kind === 'ref' ? wantRef : wantLang) out.add(m.value);
  };
  const content = readGranular(object);
  if (selectors === undefined) {
    if (options.descendants) for (const p of content.pairs) take(p.marking);
    if (wantRef) for (const r of objectRefs(object)) out.add(r);
    return [...out];
  }
  const checked = checkSelectors(object, selectors, knownSelectors(content));
  for (const p of content.pairs)
    for (const s of checked)
      if (p.key === s.key || (options.inherited && isPrefix(p.key, s.key)) || (options.descendants && isPrefix(s.key, p.key))) {
        take(p.marking);
        break;
      }
  if (options.inherited && wantRef) for (const r of objectRefs(object)) out.add(r);
  return [...out];
}

/**
 * True when the object (no selectors) or the selected content is marked: by anything, or by the
 * given marking(s) — any of them by default, every one with `match: 'all'`.
 */
export function isMarked(object: MarkableObject, marking?: Markings, selectors?: Selectors, options: IsMarkedOptions = {}): boolean {
  requireObject(object, 'the object to mark');
  const found = new Set(getMarkings(object, selectors, { inherited: options.inherited, descendants: options.descendants }));
  const wanted = marking === undefined ? [] : markingsToMatch(marking);
  if (wanted.length === 0) return found.size > 0;
  return options.match === 'all' ? wanted.every((m) => found.has(m.value)) : wanted.some((m) => found.has(m.value));
}
