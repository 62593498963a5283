/**
 * Which object types a STIX 2.1 reference may point at, by category. A type the specification
 * does not define is a custom type and is accepted wherever its category could fit, since its
 * category cannot be known from its name.
 */
import { STIX_CYBER_OBSERVABLE_TYPES } from '@taxiway/pattern';
import type { RefTarget } from '../properties/kinds.js';

export const SDO_TYPES: ReadonlySet<string> = new Set([
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
]);
export const SRO_TYPES: ReadonlySet<string> = new Set(['relationship', 'sighting']);
export const META_TYPES: ReadonlySet<string> = new Set(['marking-definition', 'language-content', 'extension-definition']);
/** The 18 cyber-observable types (2.1 §6; the same names as 2.0 Part 4): one list, the pattern package's. */
export const SCO_TYPES: ReadonlySet<string> = new Set(STIX_CYBER_OBSERVABLE_TYPES);

const isCustom = (type: string): boolean =>
  !SDO_TYPES.has(type) && !SRO_TYPES.has(type) && !META_TYPES.has(type) && !SCO_TYPES.has(type) && type !== 'bundle';

function target(description: string, accepts: (type: string) => boolean): RefTarget {
  return { description, accepts };
}

/** An SDO (or a custom object). */
export const anySdo = target('an SDO', (t) => SDO_TYPES.has(t) || isCustom(t));
/** An SCO (or a custom object). */
export const anySco = target('an SCO', (t) => SCO_TYPES.has(t) || isCustom(t));
/** An SCO or SRO: observed-data object_refs (§4.14). */
export const scoOrSro = target('an SCO or SRO', (t) => SCO_TYPES.has(t) || SRO_TYPES.has(t) || isCustom(t));
/** An SDO or SCO: relationship source_ref/target_ref (§5.1). */
export const sdoOrSco = target('an SDO or SCO', (t) => SDO_TYPES.has(t) || SCO_TYPES.has(t) || isCustom(t));
/** Any STIX object but a bundle. */
export const anyObject = target('a STIX object', (t) => t !== 'bundle');
