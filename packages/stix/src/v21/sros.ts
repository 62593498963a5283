/**
 * STIX 2.1 SROs (§5): relationship and sighting.
 */
import { boolean, identifier, identifierType, integer, list, string, targetTypes, timestamp } from '../properties/kinds.js';
import { required, timestampOrder } from '../properties/object-spec.js';
import type { TypeDefinition } from '../registry.js';
import { sdo } from './common.js';
import { anySdo, sdoOrSco } from './targets.js';
import { commonRelationships, suggestedRelationships } from './vocab-sdo.js';

const RELATIONSHIP_TYPE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** §5.1: relationship_type lower case with hyphens; stop_time later than start_time. */
const relationship = sdo('relationship', {
  relationship_type: required(
    string({ pattern: /^[a-z0-9-]+$/, patternDescription: 'lower-case ASCII letters, digits and hyphens (§5.1)' }),
  ),
  description: string(),
  source_ref: required(identifier(sdoOrSco)),
  target_ref: required(identifier(sdoOrSco)),
  start_time: timestamp(),
  stop_time: timestamp(),
}).with(timestampOrder('stop_time', 'start_time', false), (o, ctx) => {
  // Best practice 202: use the relationship types the specification defines for the pair.
  if (!ctx.checks(202)) return;
  const type = o.relationship_type;
  const source = typeof o.source_ref === 'string' ? identifierType(o.source_ref) : undefined;
  const target = typeof o.target_ref === 'string' ? identifierType(o.target_ref) : undefined;
  if (typeof type !== 'string' || !RELATIONSHIP_TYPE.test(type) || !source || !target) return;
  if (commonRelationships.includes(type)) return;
  const fromSource = suggestedRelationships[source];
  if (!fromSource) return; // custom or unlisted source types have no suggestions
  const targets = fromSource[type];
  if (!targets)
    ctx.bestPractice(
      202,
      'STIX_VOCABULARY',
      `${type} is not a relationship type the specification suggests from ${source} (suggested: ${[...Object.keys(fromSource), ...commonRelationships].join(', ')})`,
      'relationship_type',
    );
  else if (!targets.includes(target))
    ctx.bestPractice(
      202,
      'STIX_VOCABULARY',
      `${source} ${type} ${target} is not a relationship the specification suggests (${type} targets: ${targets.join(', ')})`,
      'relationship_type',
    );
});

/** §5.2: sighting_of_ref points at an SDO; last_seen not before first_seen. */
const sighting = sdo('sighting', {
  description: string(),
  first_seen: timestamp(),
  last_seen: timestamp(),
  count: integer({ min: 0, max: 999_999_999 }),
  sighting_of_ref: required(identifier(anySdo)),
  observed_data_refs: list(identifier(targetTypes('observed-data'))),
  where_sighted_refs: list(identifier(targetTypes('identity', 'location'))),
  summary: boolean(),
}).with(timestampOrder('last_seen', 'first_seen', true));

export const sroDefinitions: readonly TypeDefinition[] = [relationship, sighting].map((spec) => ({
  type: spec.name,
  category: 'sro',
  spec,
}));
