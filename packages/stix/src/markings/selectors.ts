/**
 * Selectors given to the marking functions MUST follow the syntax and resolve in the object they
 * mark (2.0 Part 1 §4.3.1, 2.1 §7.2.3.1). The syntax and the resolution are common/selector.ts's;
 * this module names the selector and the first step that fails.
 */
import { parseSelector, selectorResolves } from '../common/selector.js';
import { StixError } from '../errors.js';
import type { MarkableObject, Selectors } from './marking-input.js';

export type Segments = ReadonlyArray<string | number>;

export interface CheckedSelector {
  readonly selector: string;
  readonly segments: Segments;
  /** Equal for selectors that select the same content (`[01]` and `[1]` are one index). */
  readonly key: string;
}

export function segmentKey(segments: Segments): string {
  return segments.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.');
}

/** The key of a selector read from an object: its segments when it parses, else the raw text. */
export function selectorKey(selector: string): string {
  const segments = parseSelector(selector);
  return segments ? segmentKey(segments) : `\u0000${selector}`;
}

function renderSegment(seg: string | number): string {
  return typeof seg === 'number' ? `[${seg}]` : seg;
}

function checkOne(object: MarkableObject, selector: unknown, known: ReadonlySet<string> | undefined): CheckedSelector {
  if (typeof selector !== 'string') throw new StixError('STIX_MARKING_SELECTOR', `a selector is a string, found ${typeof selector}`);
  const segments = parseSelector(selector);
  if (!segments) {
    const parts = selector.split('.');
    // The first part that is not a property name (the first) or a name or [index] (the others).
    const bad = parts.findIndex((part, i) => !parseSelector(i === 0 ? part : `x.${part}`));
    const at = bad < 0 ? '' : `: step ${bad + 1} ${JSON.stringify(parts[bad])} is not a property name${bad > 0 ? ' or [index]' : ''}`;
    throw new StixError('STIX_MARKING_SELECTOR', `selector ${JSON.stringify(selector)} is malformed${at}`);
  }
  if (!selectorResolves(object, segments) && !known?.has(segmentKey(segments))) {
    let k = 1;
    while (k < segments.length && selectorResolves(object, segments.slice(0, k))) k++;
    const where = k === 1 ? 'the object' : JSON.stringify(segmentKey(segments.slice(0, k - 1)));
    throw new StixError(
      'STIX_MARKING_SELECTOR',
      `selector ${JSON.stringify(selector)} does not resolve: ${JSON.stringify(renderSegment(segments[k - 1]))} is not in ${where}`,
    );
  }
  return { selector, segments, key: segmentKey(segments) };
}

/**
 * Every selector checked against `object`; duplicates dropped (first kept); at least one. Selectors
 * in `known` (those the object's granular markings already use) are accepted even when they no
 * longer resolve, so that stale markings can still be read and removed.
 */
export function checkSelectors(object: MarkableObject, selectors: Selectors, known?: ReadonlySet<string>): CheckedSelector[] {
  const list: readonly unknown[] = Array.isArray(selectors) ? selectors : [selectors];
  if (list.length === 0)
    throw new StixError('STIX_MARKING_SELECTOR', 'the list of selectors is empty: give one or more, or none for object markings');
  const out: CheckedSelector[] = [];
  const seen = new Set<string>();
  for (const s of list) {
    const checked = checkOne(object, s, known);
    if (seen.has(checked.key)) continue;
    seen.add(checked.key);
    out.push(checked);
  }
  return out;
}

/** True when `ancestor` is `descendant` or a step above it (by segments, not by text). */
export function isPrefix(ancestor: string, descendant: string): boolean {
  if (ancestor === descendant) return true;
  if (ancestor.startsWith('\u0000')) return false; // a malformed selector only equals itself
  return descendant.startsWith(`${ancestor}.`);
}
