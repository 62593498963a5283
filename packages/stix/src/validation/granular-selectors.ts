/**
 * Granular-marking selectors MUST resolve in the object they mark (2.0 Part 1 §4.3.1, 2.1
 * §7.2.3.1; validator MUST marking_selector_syntax). Runs on the whole object since resolution
 * needs it; the same rule in both versions.
 */
import { parseSelector, selectorResolves } from '../common/selector.js';
import type { ValidationContext } from './context.js';

export function checkGranularSelectors(object: Readonly<Record<string, unknown>>, ctx: ValidationContext): void {
  const markings = object.granular_markings;
  if (!Array.isArray(markings)) return;
  for (let i = 0; i < markings.length; i++) {
    const selectors = (markings[i] as { selectors?: unknown } | null)?.selectors;
    if (!Array.isArray(selectors)) continue;
    for (let j = 0; j < selectors.length; j++) {
      const selector = selectors[j];
      if (typeof selector !== 'string') continue;
      const segments = parseSelector(selector);
      const at = (fn: () => void) => ctx.at('granular_markings', () => ctx.at(i, () => ctx.at('selectors', fn)));
      if (!segments)
        at(() =>
          ctx.error(
            'STIX_INVALID_SELECTOR',
            `selector ${JSON.stringify(selector)} is malformed: expected property names and [index] steps joined by dots`,
            j,
          ),
        );
      else if (!selectorResolves(object, segments))
        at(() =>
          ctx.error('STIX_INVALID_SELECTOR', `selector ${JSON.stringify(selector)} does not resolve to any property of this object`, j),
        );
    }
  }
}
