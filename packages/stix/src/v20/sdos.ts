/**
 * STIX 2.0 SDOs (Part 2 §2), SROs (Part 2 §3) and the marking-definition (Part 1 §4.1).
 */

import { ownId, ownType } from '../properties/identity.js';
import { boolean, identifier, integer, json, list, string, targetTypes, timestamp, vocabulary } from '../properties/kinds.js';
import { ObjectSpec, required, timestampOrder } from '../properties/object-spec.js';
import type { TypeDefinition } from '../registry.js';
import { TLP_1_0 } from '../v21/meta.js';
import type { ValidationContext } from '../validation/context.js';
import { describeValue } from '../validation/context.js';
import { indicatorPattern } from '../validation/pattern-check.js';
import { externalReference, granularMarking, killChainPhase, sdo } from './common.js';
import { observableContainer } from './observables.js';
import * as v from './vocab.js';

const strings = list(string());
const killChainPhases = list(killChainPhase);
const firstLastSeen = timestampOrder('last_seen', 'first_seen', true);
const labels = (name: string, values: readonly string[], check: number) => required(list(vocabulary(name, values, check)));
const motivation = vocabulary('attack-motivation-ov', v.attackMotivation, 211);
const resourceLevel = vocabulary('attack-resource-level-ov', v.attackResourceLevel, 212);

const SDO_TYPES_20 = new Set([
  'attack-pattern',
  'campaign',
  'course-of-action',
  'identity',
  'indicator',
  'intrusion-set',
  'malware',
  'observed-data',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
]);
const KNOWN_20 = new Set([...SDO_TYPES_20, 'relationship', 'sighting', 'marking-definition', 'bundle']);
const anySdo20 = { description: 'an SDO', accepts: (t: string) => SDO_TYPES_20.has(t) || !KNOWN_20.has(t) };
const sdoOrCustom = { description: 'an SDO', accepts: (t: string) => t !== 'bundle' && t !== 'marking-definition' };

const sdos: ObjectSpec[] = [
  sdo('attack-pattern', { name: required(string()), description: string(), kill_chain_phases: killChainPhases }),
  sdo('campaign', {
    name: required(string()),
    description: string(),
    aliases: strings,
    first_seen: timestamp(),
    last_seen: timestamp(),
    objective: string(),
  }).with(firstLastSeen),
  sdo('course-of-action', { name: required(string()), description: string() }),
  sdo('identity', {
    name: required(string()),
    description: string(),
    identity_class: required(vocabulary('identity-class-ov', v.identityClass, 213)),
    sectors: list(vocabulary('industry-sector-ov', v.industrySector, 215)),
    contact_information: string(),
  }),
  sdo('indicator', {
    labels: labels('indicator-label-ov', v.indicatorLabel, 214),
    name: string(),
    description: string(),
    pattern: required(string()),
    valid_from: required(timestamp()),
    valid_until: timestamp(),
    kill_chain_phases: killChainPhases,
  }).with(timestampOrder('valid_until', 'valid_from', false), indicatorPattern('2.0')),
  sdo('intrusion-set', {
    name: required(string()),
    description: string(),
    aliases: strings,
    first_seen: timestamp(),
    last_seen: timestamp(),
    goals: strings,
    resource_level: resourceLevel,
    primary_motivation: motivation,
    secondary_motivations: list(motivation),
  }).with(firstLastSeen),
  sdo('malware', {
    labels: labels('malware-label-ov', v.malwareLabel, 216),
    name: required(string()),
    description: string(),
    kill_chain_phases: killChainPhases,
  }),
  sdo('observed-data', {
    first_observed: required(timestamp()),
    last_observed: required(timestamp()),
    number_observed: required(integer({ min: 1, max: 999_999_999 })),
    objects: required(observableContainer()),
  }).with(timestampOrder('last_observed', 'first_observed', true)),
  sdo('report', {
    labels: labels('report-label-ov', v.reportLabel, 218),
    name: required(string()),
    description: string(),
    published: required(timestamp()),
    object_refs: required(list(identifier({ description: 'a STIX object', accepts: (t) => t !== 'bundle' }))),
  }),
  sdo('threat-actor', {
    labels: labels('threat-actor-label-ov', v.threatActorLabel, 219),
    name: required(string()),
    description: string(),
    aliases: strings,
    roles: list(vocabulary('threat-actor-role-ov', v.threatActorRole, 220)),
    goals: strings,
    sophistication: vocabulary('threat-actor-sophistication-ov', v.threatActorSophistication, 221),
    resource_level: resourceLevel,
    primary_motivation: motivation,
    secondary_motivations: list(motivation),
    personal_motivations: list(motivation),
  }),
  sdo('tool', {
    labels: labels('tool-label-ov', v.toolLabel, 222),
    name: required(string()),
    description: string(),
    kill_chain_phases: killChainPhases,
    tool_version: string(),
  }),
  sdo('vulnerability', { name: required(string()), description: string() }),
];

const sros: ObjectSpec[] = [
  sdo('relationship', {
    relationship_type: required(string({ pattern: /^[a-z0-9-]+$/, patternDescription: 'lower-case ASCII letters, digits and hyphens' })),
    description: string(),
    source_ref: required(identifier(sdoOrCustom)),
    target_ref: required(identifier(sdoOrCustom)),
  }),
  sdo('sighting', {
    first_seen: timestamp(),
    last_seen: timestamp(),
    count: integer({ min: 0, max: 999_999_999 }),
    sighting_of_ref: required(identifier(anySdo20)),
    observed_data_refs: list(identifier(targetTypes('observed-data'))),
    where_sighted_refs: list(identifier(targetTypes('identity'))),
    summary: boolean(),
  }).with(firstLastSeen),
];

function checkMarking(o: Readonly<Record<string, unknown>>, ctx: ValidationContext): void {
  const type = o.definition_type;
  const definition = o.definition as Record<string, unknown> | undefined;
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    if (definition !== undefined)
      ctx.error('STIX_WRONG_JSON_TYPE', `expected the definition as a JSON object, found ${describeValue(definition)}`, 'definition');
    return;
  }
  if (type === 'statement') {
    if (typeof definition.statement !== 'string')
      ctx.at('definition', () =>
        ctx.error('STIX_MISSING_PROPERTY', 'a statement marking needs definition.statement (a string)', 'statement'),
      );
  } else if (type === 'tlp') {
    const level = definition.tlp;
    if (!['white', 'green', 'amber', 'red'].includes(level as string))
      ctx.at('definition', () =>
        ctx.error('STIX_NOT_IN_ENUM', `tlp must be one of white, green, amber, red; found ${describeValue(level)}`, 'tlp'),
      );
    const canonical = TLP_1_0[o.id as string];
    if (!canonical)
      ctx.error('STIX_INVALID_VALUE', 'a TLP marking must use the fixed id the specification gives for its level (Part 1 §4.1.3)', 'id');
    else if (canonical.tlp !== level)
      ctx.error('STIX_INVALID_VALUE', `${String(o.id)} is TLP:${canonical.tlp.toUpperCase()}`, 'definition');
    else if (o.created !== '2017-01-20T00:00:00.000Z')
      ctx.error('STIX_INVALID_VALUE', `${canonical.name} must have created 2017-01-20T00:00:00.000Z`, 'created');
  } else if (typeof type === 'string') {
    ctx.bestPractice(201, 'STIX_VOCABULARY', `definition_type ${JSON.stringify(type)} is neither statement nor tlp`, 'definition_type');
  }
  const id = o.id;
  if (Array.isArray(o.object_marking_refs) && o.object_marking_refs.includes(id))
    ctx.error('STIX_CIRCULAR_MARKING', 'a marking-definition must not mark itself', 'object_marking_refs');
  if (Array.isArray(o.granular_markings) && o.granular_markings.some((g) => (g as { marking_ref?: unknown } | null)?.marking_ref === id))
    ctx.error('STIX_CIRCULAR_MARKING', 'a marking-definition must not mark itself', 'granular_markings');
}

/** Part 1 §4.1 marking-definition: not versioned (no modified). */
const markingDefinition = new ObjectSpec('marking-definition', {
  type: required(ownType()),
  id: required(ownId({ uuidVersions: [4] })),
  created_by_ref: identifier(targetTypes('identity')),
  created: required(timestamp('millisecond')),
  external_references: list(externalReference),
  object_marking_refs: list(identifier(targetTypes('marking-definition'))),
  granular_markings: list(granularMarking),
  definition_type: required(string()),
  definition: required(json()),
}).with(checkMarking);

export const definitions20: readonly TypeDefinition[] = [
  ...sdos.map((spec): TypeDefinition => ({ type: spec.name, category: 'sdo', spec })),
  ...sros.map((spec): TypeDefinition => ({ type: spec.name, category: 'sro', spec })),
  { type: 'marking-definition', category: 'meta', spec: markingDefinition },
];
