/**
 * STIX 2.1 SROs (§5): relationship and sighting. Rules over several properties are in
 * checks-sdo.ts.
 */
import { boolean, identifier, integer, list, string, targetTypes, timestamp } from '../properties/kinds.js';
import { required, timestampOrder } from '../properties/object-spec.js';
import type { TypeDefinition } from '../registry.js';
import { relationshipTypes } from './checks-sdo.js';
import { domainObject } from './sdos.js';
import { anySdo, sdoOrSco } from './targets.js';

/**
 * §5.1: relationship_type MUST be ASCII a-z, 0-9 and hyphen (and SHOULD be one the specification
 * defines, best practice 202); source_ref and target_ref MUST be SDOs or SCOs (not an SRO, bundle,
 * language-content or marking-definition); stop_time MUST be later than start_time.
 */
const relationship = domainObject('relationship', {
  relationship_type: required(
    string({ pattern: /^[a-z0-9-]+$/, patternDescription: 'made of lower-case ASCII letters, digits and hyphens (§5.1)' }),
  ),
  description: string(),
  source_ref: required(identifier(sdoOrSco)),
  target_ref: required(identifier(sdoOrSco)),
  start_time: timestamp(),
  stop_time: timestamp(),
}).with(timestampOrder('stop_time', 'start_time', false), relationshipTypes);

/**
 * §5.2: sighting_of_ref MUST reference an SDO, observed_data_refs only observed-data,
 * where_sighted_refs only identity or location; count 0..999,999,999; last_seen not before
 * first_seen.
 */
const sighting = domainObject('sighting', {
  description: string(),
  first_seen: timestamp(),
  last_seen: timestamp(),
  count: integer({ min: 0, max: 999_999_999 }),
  sighting_of_ref: required(identifier(anySdo)),
  observed_data_refs: list(identifier(targetTypes('observed-data'))),
  where_sighted_refs: list(identifier(targetTypes('identity', 'location'))),
  // The §5.2 table says string; its description, the JSON schema and python-stix2 say boolean.
  summary: boolean(),
}).with(timestampOrder('last_seen', 'first_seen', true));

export const sroDefinitions: readonly TypeDefinition[] = [relationship, sighting].map(
  (spec): TypeDefinition => ({ type: spec.name, category: 'sro', spec }),
);
