/**
 * STIX 2.1 SDOs (§4): one declarative specification per type, property by property as the
 * specification's tables list them. Rules over several properties are in checks-sdo.ts.
 */

import {
  boolean,
  enumeration,
  float,
  identifier,
  integer,
  list,
  type PropertyKind,
  string,
  targetTypes,
  timestamp,
  vocabulary,
} from '../properties/kinds.js';
import { deprecated, type ObjectSpec, type PropertyMap, required, timestampOrder } from '../properties/object-spec.js';
import type { TypeDefinition } from '../registry.js';
import { describeValue } from '../validation/context.js';
import { indicatorPattern } from '../validation/pattern-check.js';
import {
  capecExternalIds,
  cveExternalIds,
  indicatorNameAndDescription,
  locationCoordinates,
  locationCountry,
  malwareAnalysisProduct,
  malwareAnalysisResult,
  malwareFamilyName,
  observedDataContent,
} from './checks-sdo.js';
import { killChainPhase, sdo } from './common.js';
import { anyObject, anySco, scoOrSro } from './targets.js';
import * as v from './vocab-sdo.js';

/** §3.8: reserved on every STIX object; they MUST NOT be present, not even as custom properties. */
export const RESERVED_NAMES: readonly string[] = ['severity', 'username', 'phone_number', 'action'];

/**
 * A common property the object's table lists as "Not Applicable": present means error (a
 * marking-definition with `modified`, an SDO with `defanged`).
 */
export function notApplicable(name: string, what: string): PropertyKind {
  return {
    description: 'a property that does not apply here',
    forbidden: true,
    check(_value, ctx) {
      ctx.error('STIX_PROPERTY_NOT_ALLOWED', `${name} does not apply to ${what}`);
    },
  };
}

/** An SDO or SRO specification: the common properties (§3.2), the type's own, the reserved names. */
export function domainObject(type: string, properties: PropertyMap): ObjectSpec {
  return sdo(
    type,
    { defanged: notApplicable('defanged', `${type} (only SCOs can be defanged, §3.2)`), ...properties },
    { reserved: RESERVED_NAMES },
  );
}

const strings = list(string());
const killChainPhases = list(killChainPhase);
const firstLastSeen = timestampOrder('last_seen', 'first_seen', true);
const software = targetTypes('software');
const motivation = vocabulary('attack-motivation-ov', v.attackMotivation, 211);
const resourceLevel = vocabulary('attack-resource-level-ov', v.attackResourceLevel, 212);

/** §4.1 */
const attackPattern = domainObject('attack-pattern', {
  name: required(string()),
  description: string(),
  aliases: strings,
  kill_chain_phases: killChainPhases,
}).with(capecExternalIds);

/** §4.2 */
const campaign = domainObject('campaign', {
  name: required(string()),
  description: string(),
  aliases: strings,
  first_seen: timestamp(),
  last_seen: timestamp(),
  objective: string(),
}).with(firstLastSeen);

/** §4.3: a stub; `action` is reserved (RESERVED_NAMES). */
const courseOfAction = domainObject('course-of-action', { name: required(string()), description: string() });

/** §4.4: name is optional in the OASIS Standard (Errata 01 prints it as required). */
const grouping = domainObject('grouping', {
  name: string(),
  description: string(),
  context: required(vocabulary('grouping-context-ov', v.groupingContext, 225)),
  object_refs: required(list(identifier(anyObject))),
});

/** §4.5 */
const identity = domainObject('identity', {
  name: required(string()),
  description: string(),
  roles: strings,
  identity_class: vocabulary('identity-class-ov', v.identityClass, 213),
  sectors: list(vocabulary('industry-sector-ov', v.industrySector, 215)),
  contact_information: string(),
});

/** §4.6: a stub in 2.1 (kill_chain_phases as in the OASIS Standard and python-stix2). */
const incident = domainObject('incident', { name: required(string()), description: string(), kill_chain_phases: killChainPhases });

/** §4.7: valid_until MUST be later than valid_from. */
const indicator = domainObject('indicator', {
  name: string(),
  description: string(),
  indicator_types: list(vocabulary('indicator-type-ov', v.indicatorType, 214)),
  pattern: required(string()),
  pattern_type: required(vocabulary('pattern-type-ov', v.patternType, 245)),
  pattern_version: string(),
  valid_from: required(timestamp()),
  valid_until: timestamp(),
  kill_chain_phases: killChainPhases,
}).with(timestampOrder('valid_until', 'valid_from', false), indicatorNameAndDescription, indicatorPattern('2.1'));

/** §4.8 */
const infrastructure = domainObject('infrastructure', {
  name: required(string()),
  description: string(),
  infrastructure_types: list(vocabulary('infrastructure-type-ov', v.infrastructureType, 227)),
  aliases: strings,
  kill_chain_phases: killChainPhases,
  first_seen: timestamp(),
  last_seen: timestamp(),
}).with(firstLastSeen);

/** §4.9 */
const intrusionSet = domainObject('intrusion-set', {
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

/** §4.10: coordinates in decimal degrees; precision is a distance in meters. */
const location = domainObject('location', {
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
}).with(locationCoordinates, locationCountry);

/** §4.11: is_family is required; a family needs a name. */
const malware = domainObject('malware', {
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
}).with(firstLastSeen, malwareFamilyName);

/** §4.12: result or analysis_sco_refs. The specification orders none of its timestamps. */
const malwareAnalysis = domainObject('malware-analysis', {
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
}).with(malwareAnalysisResult, malwareAnalysisProduct);

/** §4.13 */
const note = domainObject('note', {
  abstract: string(),
  content: required(string()),
  authors: strings,
  object_refs: required(list(identifier(anyObject))),
});

/**
 * §2.13, §4.14 `objects` (deprecated): a non-empty dictionary of cyber-observable objects, each a
 * JSON object with a type. Its content may be 2.0-style observables (no id, local references), so
 * only that shape is checked here.
 */
function observableContainer(): PropertyKind {
  return {
    description: 'an observable container',
    check(value, ctx) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        ctx.error('STIX_WRONG_JSON_TYPE', `expected a dictionary of cyber-observable objects, found ${describeValue(value)}`);
        return;
      }
      let count = 0;
      for (const key in value as Record<string, unknown>) {
        count++;
        const entry = (value as Record<string, unknown>)[key];
        if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
          ctx.error('STIX_WRONG_JSON_TYPE', `expected a cyber-observable object, found ${describeValue(entry)}`, key);
        else if (typeof (entry as { type?: unknown }).type !== 'string') {
          ctx.path.push(key);
          ctx.error('STIX_MISSING_PROPERTY', 'a cyber-observable object needs a type', 'type');
          ctx.path.pop();
        }
      }
      if (count === 0) ctx.error('STIX_EMPTY_DICTIONARY', 'objects is empty: it MUST contain at least one object (§4.14)');
    },
  };
}

/** §4.14: exactly one of object_refs and the deprecated objects; number_observed 1..999,999,999. */
const observedData = domainObject('observed-data', {
  first_observed: required(timestamp()),
  last_observed: required(timestamp()),
  number_observed: required(integer({ min: 1, max: 999_999_999 })),
  objects: deprecated(observableContainer()),
  object_refs: list(identifier(scoOrSro)),
}).with(timestampOrder('last_observed', 'first_observed', true), observedDataContent);

/** §4.15: opinion is a closed enumeration. */
const opinion = domainObject('opinion', {
  explanation: string(),
  authors: strings,
  opinion: required(enumeration(v.opinionEnum, 'opinion-enum')),
  object_refs: required(list(identifier(anyObject))),
});

/** §4.16 */
const report = domainObject('report', {
  name: required(string()),
  description: string(),
  report_types: list(vocabulary('report-type-ov', v.reportType, 218)),
  published: required(timestamp()),
  object_refs: required(list(identifier(anyObject))),
});

/** §4.17 */
const threatActor = domainObject('threat-actor', {
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
const tool = domainObject('tool', {
  name: required(string()),
  description: string(),
  tool_types: list(vocabulary('tool-type-ov', v.toolType, 222)),
  aliases: strings,
  kill_chain_phases: killChainPhases,
  tool_version: string(),
});

/** §4.19 */
const vulnerability = domainObject('vulnerability', { name: required(string()), description: string() }).with(cveExternalIds);

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
].map((spec): TypeDefinition => ({ type: spec.name, category: 'sdo', spec }));
