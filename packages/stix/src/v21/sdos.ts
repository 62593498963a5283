/**
 * STIX 2.1 SDOs (§4): one declarative specification per type.
 */

import {
  boolean,
  enumeration,
  float,
  identifier,
  integer,
  json,
  list,
  string,
  targetTypes,
  timestamp,
  vocabulary,
} from '../properties/kinds.js';
import { atLeastOne, dependsOn, deprecated, exactlyOne, required, timestampOrder } from '../properties/object-spec.js';
import { isCountryCode } from '../reference/index.js';
import type { TypeDefinition } from '../registry.js';
import { describeValue } from '../validation/context.js';
import { killChainPhase, sdo } from './common.js';
import { anyObject, anySco, scoOrSro } from './targets.js';
import * as v from './vocab-sdo.js';

const strings = list(string());
const killChainPhases = list(killChainPhase);
const firstLastSeen = timestampOrder('last_seen', 'first_seen', true);
const software = targetTypes('software');

const def = (spec: ReturnType<typeof sdo>): TypeDefinition => ({ type: spec.name, category: 'sdo', spec });

/** §4.1 */
const attackPattern = sdo('attack-pattern', {
  name: required(string()),
  description: string(),
  aliases: strings,
  kill_chain_phases: killChainPhases,
});

/** §4.2 */
const campaign = sdo('campaign', {
  name: required(string()),
  description: string(),
  aliases: strings,
  first_seen: timestamp(),
  last_seen: timestamp(),
  objective: string(),
}).with(firstLastSeen);

/** §4.3: a stub; `action` is reserved (§4.3, "reserved for future use"). */
const courseOfAction = sdo('course-of-action', { name: required(string()), description: string() }, { reserved: ['action'] });

/** §4.4 */
const grouping = sdo('grouping', {
  name: string(),
  description: string(),
  context: required(vocabulary('grouping-context-ov', v.groupingContext, 225)),
  object_refs: required(list(identifier(anyObject))),
});

/** §4.5 */
const identity = sdo('identity', {
  name: required(string()),
  description: string(),
  roles: strings,
  identity_class: vocabulary('identity-class-ov', v.identityClass, 213),
  sectors: list(vocabulary('industry-sector-ov', v.industrySector, 215)),
  contact_information: string(),
});

/** §4.6: a stub in 2.1. */
const incident = sdo('incident', { name: required(string()), description: string(), kill_chain_phases: killChainPhases });

/** §4.7. The pattern's syntax is checked by @taxiway/pattern (a later issue). */
const indicator = sdo('indicator', {
  name: string(),
  description: string(),
  indicator_types: list(vocabulary('indicator-type-ov', v.indicatorType, 214)),
  pattern: required(string()),
  pattern_type: required(vocabulary('pattern-type-ov', v.patternType, 245)),
  pattern_version: string(),
  valid_from: required(timestamp()),
  valid_until: timestamp(),
  kill_chain_phases: killChainPhases,
}).with(timestampOrder('valid_until', 'valid_from', false), (o, ctx) => {
  // Best practice 303: indicators should carry a name and a description for analysts.
  if (o.name === undefined || o.description === undefined)
    ctx.bestPractice(303, 'STIX_RECOMMENDED_PROPERTY', 'an indicator should have a name and a description');
});

/** §4.8 */
const infrastructure = sdo('infrastructure', {
  name: required(string()),
  description: string(),
  infrastructure_types: list(vocabulary('infrastructure-type-ov', v.infrastructureType, 227)),
  aliases: strings,
  kill_chain_phases: killChainPhases,
  first_seen: timestamp(),
  last_seen: timestamp(),
}).with(firstLastSeen);

const motivation = vocabulary('attack-motivation-ov', v.attackMotivation, 211);
const resourceLevel = vocabulary('attack-resource-level-ov', v.attackResourceLevel, 212);

/** §4.9 */
const intrusionSet = sdo('intrusion-set', {
  name: required(string()),
  description: string(),
  aliases: strings,
  first_seen: timestamp(),
  last_seen: timestamp(),
  goals: strings,
  resource_level: resourceLevel,
  primary_motivation: motivation,
  secondary_motivations: list(motivation),
}).with(firstLastSeen);

/** §4.10: region, country, or latitude and longitude; precision only with coordinates. */
const location = sdo('location', {
  name: string(),
  description: string(),
  latitude: float({ min: -90, max: 90 }),
  longitude: float({ min: -180, max: 180 }),
  precision: float({ min: 0 }),
  region: vocabulary('region-ov', v.region, 223),
  country: string(),
  administrative_area: string(),
  city: string(),
  street_address: string(),
  postal_code: string(),
}).with(
  (o, ctx) => {
    const coordinates = o.latitude !== undefined && o.longitude !== undefined;
    if (o.region === undefined && o.country === undefined && !coordinates)
      ctx.error('STIX_AT_LEAST_ONE', 'a location needs region, country, or latitude and longitude (§4.10)');
  },
  dependsOn('latitude', 'longitude'),
  dependsOn('longitude', 'latitude'),
  dependsOn('precision', 'latitude', 'longitude'),
  (o, ctx) => {
    if (typeof o.country === 'string' && !isCountryCode(o.country))
      ctx.bestPractice(
        277,
        'STIX_EXTERNAL_REGISTRY',
        `${describeValue(o.country)} is not an ISO 3166-1 alpha-2 country code (upper case, e.g. US)`,
        'country',
      );
  },
);

/** §4.11: name required when is_family is true. */
const malware = sdo('malware', {
  name: string(),
  description: string(),
  malware_types: list(vocabulary('malware-type-ov', v.malwareType, 216)),
  is_family: required(boolean()),
  aliases: strings,
  kill_chain_phases: killChainPhases,
  first_seen: timestamp(),
  last_seen: timestamp(),
  operating_system_refs: list(identifier(software)),
  architecture_execution_envs: list(vocabulary('processor-architecture-ov', v.processorArchitecture, 230)),
  implementation_languages: list(vocabulary('implementation-language-ov', v.implementationLanguage, 226)),
  capabilities: list(vocabulary('malware-capabilities-ov', v.malwareCapabilities, 228)),
  sample_refs: list(identifier(targetTypes('file', 'artifact'))),
}).with(firstLastSeen, (o, ctx) => {
  if (o.is_family === true && o.name === undefined)
    ctx.error('STIX_DEPENDENT_PROPERTY', 'name is required when is_family is true (§4.11)', 'name');
});

const PRODUCT_FORMAT = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** §4.12: result or analysis_sco_refs. */
const malwareAnalysis = sdo('malware-analysis', {
  product: required(string()),
  version: string(),
  host_vm_ref: identifier(software),
  operating_system_ref: identifier(software),
  installed_software_refs: list(identifier(software)),
  configuration_version: string(),
  modules: strings,
  analysis_engine_version: string(),
  analysis_definition_version: string(),
  submitted: timestamp(),
  analysis_started: timestamp(),
  analysis_ended: timestamp(),
  result_name: string(),
  result: vocabulary('malware-result-ov', v.malwareResult, 231),
  analysis_sco_refs: list(identifier(anySco)),
  sample_ref: identifier(targetTypes('file', 'network-traffic', 'artifact')),
}).with(atLeastOne('result', 'analysis_sco_refs'), timestampOrder('analysis_ended', 'analysis_started', true), (o, ctx) => {
  if (typeof o.product === 'string' && !PRODUCT_FORMAT.test(o.product))
    ctx.bestPractice(143, 'STIX_FORMAT', `product ${JSON.stringify(o.product)} should be lower case with hyphens`, 'product');
});

/** §4.13 */
const note = sdo('note', {
  abstract: string(),
  content: required(string()),
  authors: strings,
  object_refs: required(list(identifier(anyObject))),
});

/** §4.14: exactly one of object_refs and the deprecated objects. */
const observedData = sdo('observed-data', {
  first_observed: required(timestamp()),
  last_observed: required(timestamp()),
  number_observed: required(integer({ min: 1, max: 999_999_999 })),
  objects: deprecated(json()),
  object_refs: list(identifier(scoOrSro)),
}).with(exactlyOne('objects', 'object_refs'), timestampOrder('last_observed', 'first_observed', true), (o, ctx) => {
  const objects = o.objects;
  if (
    objects !== undefined &&
    (objects === null || typeof objects !== 'object' || Array.isArray(objects) || Object.keys(objects).length === 0)
  )
    ctx.error('STIX_WRONG_JSON_TYPE', 'objects must be a non-empty dictionary of cyber observable objects', 'objects');
});

/** §4.15 */
const opinion = sdo('opinion', {
  explanation: string(),
  authors: strings,
  opinion: required(enumeration(v.opinionEnum, 'opinion-enum')),
  object_refs: required(list(identifier(anyObject))),
});

/** §4.16 */
const report = sdo('report', {
  name: required(string()),
  description: string(),
  report_types: list(vocabulary('report-type-ov', v.reportType, 218)),
  published: required(timestamp()),
  object_refs: required(list(identifier(anyObject))),
});

/** §4.17 */
const threatActor = sdo('threat-actor', {
  name: required(string()),
  description: string(),
  threat_actor_types: list(vocabulary('threat-actor-type-ov', v.threatActorType, 219)),
  aliases: strings,
  first_seen: timestamp(),
  last_seen: timestamp(),
  roles: list(vocabulary('threat-actor-role-ov', v.threatActorRole, 220)),
  goals: strings,
  sophistication: vocabulary('threat-actor-sophistication-ov', v.threatActorSophistication, 221),
  resource_level: resourceLevel,
  primary_motivation: motivation,
  secondary_motivations: list(motivation),
  personal_motivations: list(motivation),
}).with(firstLastSeen);

/** §4.18 */
const tool = sdo('tool', {
  name: required(string()),
  description: string(),
  tool_types: list(vocabulary('tool-type-ov', v.toolType, 222)),
  aliases: strings,
  kill_chain_phases: killChainPhases,
  tool_version: string(),
});

/** §4.19 */
const vulnerability = sdo('vulnerability', { name: required(string()), description: string() });

export const sdoDefinitions: readonly TypeDefinition[] = [
  attackPattern,
  campaign,
  courseOfAction,
  grouping,
  identity,
  incident,
  indicator,
  infrastructure,
  intrusionSet,
  location,
  malware,
  malwareAnalysis,
  note,
  observedData,
  opinion,
  report,
  threatActor,
  tool,
  vulnerability,
].map(def);
