/**
 * Whole-object rules for STIX 2.1 SDOs, SROs and meta objects: the MUSTs and SHOULDs that look at
 * several properties at once (co-constraints, canonical objects, the relationship table). Each is
 * a Constraint attached to its type's specification in sdos.ts, sros.ts or meta.ts, so it runs
 * only for that type (dispatch stays one Map lookup by `type`) and only after every property was
 * checked on its own. Rules that would repeat a property's own error return quietly.
 */
import { identifierType } from '../common/identifier.js';
import { enumeration, string } from '../properties/kinds.js';
import { type Constraint, ObjectSpec, required } from '../properties/object-spec.js';
import { isCountryCode } from '../reference/index.js';
import { describeValue } from '../validation/context.js';
import { META_TYPES, SCO_TYPES, SDO_TYPES, SRO_TYPES } from './targets.js';
import { commonRelationships, sameTypeRelationships, suggestedRelationships } from './vocab-sdo.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// SDOs (§4)
// ---------------------------------------------------------------------------------------------

const LOWER_HYPHEN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** §4.1: a CAPEC id in external_references MUST be written CAPEC-[id] under source_name capec. */
export const capecExternalIds: Constraint = externalIdFormat('capec', /^CAPEC-\d+$/, 'CAPEC-[id], e.g. CAPEC-163', '§4.1');

/** §4.19: a CVE id in external_references MUST be the exact CVE identifier under source_name cve. */
export const cveExternalIds: Constraint = externalIdFormat('cve', /^CVE-\d{4}-\d{4,}$/, 'a CVE identifier, e.g. CVE-2016-1234', '§4.19');

function externalIdFormat(sourceName: string, format: RegExp, expected: string, section: string): Constraint {
  return (o, ctx) => {
    const refs = o.external_references;
    if (!Array.isArray(refs)) return;
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i] as { source_name?: unknown; external_id?: unknown } | null;
      if (ref?.source_name !== sourceName || typeof ref.external_id !== 'string' || format.test(ref.external_id)) continue;
      ctx.path.push('external_references', i);
      ctx.error(
        'STIX_INVALID_STRING',
        `${describeValue(ref.external_id)} is not ${expected}: ids under source_name ${sourceName} MUST have that form (${section})`,
        'external_id',
      );
      ctx.path.pop();
      ctx.path.pop();
    }
  };
}

/** §4.7, best practice 303: producers SHOULD give an indicator a name and a description. */
export const indicatorNameAndDescription: Constraint = (o, ctx) => {
  if (!ctx.checks(303) || (o.name !== undefined && o.description !== undefined)) return;
  const missing = o.name === undefined ? (o.description === undefined ? 'name and description' : 'name') : 'description';
  ctx.bestPractice(303, 'STIX_RECOMMENDED_PROPERTY', `the indicator has no ${missing}; both help analysts understand what it detects`);
};

/**
 * §4.10: at least one of region, country, or latitude with longitude MUST be present; latitude
 * and longitude come together; precision needs both.
 */
export const locationCoordinates: Constraint = (o, ctx) => {
  const lat = o.latitude !== undefined;
  const long = o.longitude !== undefined;
  if (lat !== long)
    ctx.error(
      'STIX_DEPENDENT_PROPERTY',
      lat ? 'latitude is present, so longitude is required too (§4.10)' : 'longitude is present, so latitude is required too (§4.10)',
      lat ? 'latitude' : 'longitude',
    );
  else if (!lat && o.region === undefined && o.country === undefined)
    ctx.error('STIX_AT_LEAST_ONE', 'a location needs at least one of region, country, or latitude and longitude (§4.10)');
  if (o.precision !== undefined && !(lat && long))
    ctx.error('STIX_DEPENDENT_PROPERTY', 'precision is present, so latitude and longitude are required too (§4.10)', 'precision');
};

/** §4.10, best practice 277: country SHOULD be an ISO 3166-1 alpha-2 code. */
export const locationCountry: Constraint = (o, ctx) => {
  const country = o.country;
  if (typeof country === 'string' && !isCountryCode(country))
    ctx.bestPractice(
      277,
      'STIX_EXTERNAL_REGISTRY',
      `${describeValue(country)} is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. US)`,
      'country',
    );
};

/** §4.11: for a malware family (is_family true) the name MUST be defined. */
export const malwareFamilyName: Constraint = (o, ctx) => {
  if (o.is_family === true && o.name === undefined)
    ctx.error('STIX_DEPENDENT_PROPERTY', 'is_family is true, so name is required: a malware family MUST be named (§4.11)', 'name');
};

/** §4.12: one of result and analysis_sco_refs MUST be present. */
export const malwareAnalysisResult: Constraint = (o, ctx) => {
  if (o.result === undefined && o.analysis_sco_refs === undefined)
    ctx.error('STIX_AT_LEAST_ONE', 'a malware-analysis needs result or analysis_sco_refs (§4.12)');
};

/** §4.12, best practice 143: product names SHOULD be lower case with words separated by a dash. */
export const malwareAnalysisProduct: Constraint = (o, ctx) => {
  const product = o.product;
  if (typeof product === 'string' && !LOWER_HYPHEN.test(product))
    ctx.bestPractice(143, 'STIX_FORMAT', `product ${describeValue(product)} should be lower case with words separated by "-"`, 'product');
};

const isScoOrCustom = (type: string): boolean =>
  SCO_TYPES.has(type) || !(SDO_TYPES.has(type) || SRO_TYPES.has(type) || META_TYPES.has(type) || type === 'bundle');

/**
 * §4.14: exactly one of objects (deprecated) and object_refs MUST be present, and object_refs
 * MUST hold at least one SCO reference (not only SROs).
 */
export const observedDataContent: Constraint = (o, ctx) => {
  const hasObjects = o.objects !== undefined;
  const refs = o.object_refs;
  if (hasObjects && refs !== undefined) {
    ctx.error('STIX_MUTUALLY_EXCLUSIVE', 'objects (deprecated) and object_refs must not both be present (§4.14)', 'object_refs');
    return;
  }
  if (!hasObjects && refs === undefined) {
    ctx.error('STIX_AT_LEAST_ONE', 'observed-data needs object_refs (or the deprecated objects) (§4.14)');
    return;
  }
  if (!Array.isArray(refs) || refs.length === 0) return;
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i];
    const type = typeof ref === 'string' ? identifierType(ref) : undefined;
    // A malformed item is an error of its own: do not pile on.
    if (type === undefined || isScoOrCustom(type)) return;
  }
  ctx.error('STIX_REF_TARGET_TYPE', 'object_refs must reference at least one SCO, not only SROs (§4.14)', 'object_refs');
};

// ---------------------------------------------------------------------------------------------
// SROs (§5)
// ---------------------------------------------------------------------------------------------

const RELATIONSHIPS: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> = new Map(
  Object.entries(suggestedRelationships).map(([source, types]) => [source, new Map(Object.entries(types))]),
);
const COMMON: ReadonlySet<string> = new Set(commonRelationships);

/**
 * §5.1, best practice 202: relationship_type SHOULD be one the specification defines for the source
 * and target types (§4 and §6 relationship tables, §3.7 common relationships). Only relationships
 * between types the specification defines are judged: a custom type has no suggested relationships.
 */
export const relationshipTypes: Constraint = (o, ctx) => {
  if (!ctx.checks(202)) return;
  const type = o.relationship_type;
  if (typeof type !== 'string' || typeof o.source_ref !== 'string' || typeof o.target_ref !== 'string') return;
  const source = identifierType(o.source_ref);
  const target = identifierType(o.target_ref);
  if (source === undefined || target === undefined) return;
  const fromSource = RELATIONSHIPS.get(source);
  if (fromSource === undefined || !RELATIONSHIPS.has(target)) return;
  if (COMMON.has(type)) {
    if (sameTypeRelationships.has(type) && source !== target)
      ctx.bestPractice(
        202,
        'STIX_VOCABULARY',
        `${type} joins two objects of the same type (§3.7), here a ${source} and a ${target}`,
        'relationship_type',
      );
    return;
  }
  const targets = fromSource.get(type);
  if (targets === undefined) {
    const suggested = [...fromSource.keys(), ...commonRelationships].join(', ');
    ctx.bestPractice(
      202,
      'STIX_VOCABULARY',
      `${describeValue(type)} is not a relationship type the specification defines from ${source} (defined: ${suggested})`,
      'relationship_type',
    );
  } else if (!targets.includes(target)) {
    ctx.bestPractice(
      202,
      'STIX_VOCABULARY',
      `${source} ${type} ${target} is not a relationship the specification defines (${source} ${type}: ${targets.join(', ')})`,
      'relationship_type',
    );
  }
};

// ---------------------------------------------------------------------------------------------
// Meta objects (§7)
// ---------------------------------------------------------------------------------------------

/** §7.2.1.4: the four TLP 1.0 marking definitions, the only TLP instances allowed. */
export const TLP_1_0: Readonly<Record<string, { readonly tlp: string; readonly name: string }>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': { tlp: 'white', name: 'TLP:WHITE' },
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': { tlp: 'green', name: 'TLP:GREEN' },
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': { tlp: 'amber', name: 'TLP:AMBER' },
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': { tlp: 'red', name: 'TLP:RED' },
};
const TLP_1_0_BY_ID: ReadonlyMap<string, { readonly tlp: string; readonly name: string }> = new Map(Object.entries(TLP_1_0));
export const TLP_1_0_CREATED = '2017-01-20T00:00:00.000Z';

/**
 * TLP 2.0 is not in STIX 2.1: OASIS defines it as a property extension
 * (oasis-open/cti-stix-common-objects, extension-definition-specifications/tlp-2.0), with one fixed
 * marking-definition per level whose schema fixes id, name and the extension content.
 */
export const TLP_2_0_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
export const TLP_2_0: Readonly<Record<string, string>> = {
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'clear',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'green',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'amber',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'amber+strict',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'red',
};
const TLP_2_0_BY_ID: ReadonlyMap<string, string> = new Map(Object.entries(TLP_2_0));
const TLP_2_0_ID_BY_LEVEL: ReadonlyMap<string, string> = new Map(Object.entries(TLP_2_0).map(([id, level]) => [level, id]));
const TLP_2_0_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;

/** §7.2.1.3 statement marking and §7.2.1.4 TLP marking: the definition objects. */
const statementDefinition = new ObjectSpec('statement marking', { statement: required(string()) }, { unknownProperties: 'forbid' });
const tlpDefinition = new ObjectSpec(
  'tlp marking',
  { tlp: required(enumeration(['white', 'green', 'amber', 'red'], 'TLP 1.0 level')) },
  { unknownProperties: 'forbid' },
);

/**
 * §7.2.1: definition_type and definition MUST be present unless extensions is; each needs the
 * other; statement and tlp definitions have their own shape (§7.2.1.3, §7.2.1.4); other types
 * are custom markings whose definition is an object (best practice 201 flags the type itself,
 * through definition_type's vocabulary).
 */
export const markingDefinitionContent: Constraint = (o, ctx) => {
  const type = o.definition_type;
  const definition = o.definition;
  if (type === undefined && definition === undefined) {
    if (o.extensions === undefined)
      ctx.error(
        'STIX_AT_LEAST_ONE',
        'a marking-definition needs definition_type and definition, or extensions that define the marking (§7.2.1)',
      );
    return;
  }
  if (type === undefined) {
    ctx.error('STIX_DEPENDENT_PROPERTY', 'definition is present, so definition_type is required too (§7.2.1)', 'definition_type');
    return;
  }
  if (definition === undefined) {
    ctx.error('STIX_DEPENDENT_PROPERTY', 'definition_type is present, so definition is required too (§7.2.1)', 'definition');
    return;
  }
  if (typeof type !== 'string') return;
  ctx.path.push('definition');
  if (type === 'statement') statementDefinition.check(definition, ctx);
  else if (type === 'tlp') tlpDefinition.check(definition, ctx);
  else if (!isObject(definition))
    ctx.error('STIX_WRONG_JSON_TYPE', `expected the ${type} marking as a JSON object, found ${describeValue(definition)}`);
  ctx.path.pop();
};

/**
 * §7.2.1.4: the four TLP 1.0 marking definitions MUST be used as printed; no other TLP marking
 * may be created, and their ids are reserved for them.
 */
export const tlp1Canonical: Constraint = (o, ctx) => {
  if (typeof o.id !== 'string') return;
  const canonical = TLP_1_0_BY_ID.get(o.id);
  if (o.definition_type === 'tlp') {
    const level = isObject(o.definition) ? o.definition.tlp : undefined;
    if (canonical === undefined) {
      ctx.error(
        'STIX_INVALID_VALUE',
        `TLP markings MUST be the specification's own objects (§7.2.1.4): TLP${typeof level === 'string' ? `:${level.toUpperCase()}` : ''} has a fixed id, ${o.id} is not one of them`,
        'id',
      );
      return;
    }
    if (o.definition !== undefined && level !== canonical.tlp)
      ctx.error(
        'STIX_INVALID_VALUE',
        `${o.id} is ${canonical.name}: its definition must be {"tlp": "${canonical.tlp}"} (§7.2.1.4)`,
        'definition',
      );
    if (o.created !== TLP_1_0_CREATED)
      ctx.error(
        'STIX_INVALID_VALUE',
        `${canonical.name} has created ${TLP_1_0_CREATED} (§7.2.1.4), found ${describeValue(o.created)}`,
        'created',
      );
    if (o.name !== undefined && o.name !== canonical.name)
      ctx.error('STIX_INVALID_VALUE', `${o.id} is named ${canonical.name} (§7.2.1.4), found ${describeValue(o.name)}`, 'name');
  } else if (canonical !== undefined) {
    ctx.error(
      'STIX_INVALID_VALUE',
      `${o.id} is reserved for ${canonical.name} (§7.2.1.4): its definition_type must be tlp`,
      o.definition_type === undefined ? undefined : 'definition_type',
    );
  }
};

/**
 * TLP 2.0 (OASIS extension-definition--60a3c5c5…): the extension content is exactly
 * {extension_type: property-extension, tlp_2_0: level}, and each level has one fixed marking
 * definition (id and name) that MUST be used.
 */
export const tlp2Canonical: Constraint = (o, ctx) => {
  const fixedLevel = typeof o.id === 'string' ? TLP_2_0_BY_ID.get(o.id) : undefined;
  const extensions = isObject(o.extensions) ? o.extensions : undefined;
  const content = extensions !== undefined && Object.hasOwn(extensions, TLP_2_0_EXTENSION) ? extensions[TLP_2_0_EXTENSION] : undefined;
  if (content === undefined) {
    if (fixedLevel !== undefined)
      ctx.error(
        'STIX_MISSING_PROPERTY',
        `${o.id} is the TLP 2.0 marking TLP:${fixedLevel.toUpperCase()}: it must carry the TLP 2.0 extension ${TLP_2_0_EXTENSION} with tlp_2_0 "${fixedLevel}"`,
        'extensions',
      );
    return;
  }
  if (!isObject(content)) return; // reported by the extensions property
  ctx.path.push('extensions', TLP_2_0_EXTENSION);
  const level = content.tlp_2_0;
  if (content.extension_type === undefined)
    ctx.error('STIX_MISSING_PROPERTY', 'the TLP 2.0 extension needs extension_type "property-extension"', 'extension_type');
  else if (content.extension_type !== 'property-extension')
    ctx.error('STIX_INVALID_VALUE', `TLP 2.0 is a property-extension, found ${describeValue(content.extension_type)}`, 'extension_type');
  if (level === undefined) ctx.error('STIX_MISSING_PROPERTY', 'the TLP 2.0 extension needs tlp_2_0 (the TLP level)', 'tlp_2_0');
  else if (!TLP_2_0_LEVELS.includes(level as (typeof TLP_2_0_LEVELS)[number]))
    ctx.error(
      'STIX_NOT_IN_ENUM',
      `${describeValue(level)} is not a TLP 2.0 level: expected one of ${TLP_2_0_LEVELS.join(', ')}`,
      'tlp_2_0',
    );
  for (const key in content)
    if (key !== 'extension_type' && key !== 'tlp_2_0')
      ctx.error('STIX_PROPERTY_NOT_ALLOWED', `${key} is not a property of the TLP 2.0 extension (extension_type, tlp_2_0)`, key);
  ctx.path.pop();
  ctx.path.pop();
  if (typeof level !== 'string' || !TLP_2_0_ID_BY_LEVEL.has(level)) return;
  const name = `TLP:${level.toUpperCase()}`;
  if (fixedLevel !== level)
    ctx.error('STIX_INVALID_VALUE', `${name} markings must use the fixed id ${TLP_2_0_ID_BY_LEVEL.get(level)}, found ${o.id}`, 'id');
  if (o.name === undefined) ctx.error('STIX_MISSING_PROPERTY', `a TLP 2.0 marking is named; expected ${name}`, 'name');
  else if (o.name !== name)
    ctx.error('STIX_INVALID_VALUE', `the TLP 2.0 ${level} marking is named ${name}, found ${describeValue(o.name)}`, 'name');
};

/**
 * A marking-definition must not mark itself (validator MUSTs object_marking_circular_refs and
 * granular_markings_circular_refs).
 */
export const noSelfMarking: Constraint = (o, ctx) => {
  const id = o.id;
  if (typeof id !== 'string') return;
  const refs = o.object_marking_refs;
  if (Array.isArray(refs))
    for (let i = 0; i < refs.length; i++)
      if (refs[i] === id) {
        ctx.path.push('object_marking_refs');
        ctx.error('STIX_CIRCULAR_MARKING', 'a marking-definition must not mark itself', i);
        ctx.path.pop();
      }
  const granular = o.granular_markings;
  if (Array.isArray(granular))
    for (let i = 0; i < granular.length; i++)
      if ((granular[i] as { marking_ref?: unknown } | null)?.marking_ref === id) {
        ctx.path.push('granular_markings', i);
        ctx.error('STIX_CIRCULAR_MARKING', 'a marking-definition must not mark itself', 'marking_ref');
        ctx.path.pop();
        ctx.path.pop();
      }
};

/**
 * §7.3: extension_properties MUST only be used with toplevel-property-extension, which SHOULD list
 * them (best practice 306); a description SHOULD be given (best practice 305).
 */
export const extensionDefinitionContent: Constraint = (o, ctx) => {
  const types = o.extension_types;
  const toplevel = Array.isArray(types) && types.includes('toplevel-property-extension');
  if (o.extension_properties !== undefined && !toplevel)
    ctx.error(
      'STIX_PROPERTY_NOT_ALLOWED',
      'extension_properties is only allowed when extension_types includes toplevel-property-extension (§7.3)',
      'extension_properties',
    );
  if (toplevel && o.extension_properties === undefined)
    ctx.bestPractice(
      306,
      'STIX_RECOMMENDED_PROPERTY',
      'a toplevel-property-extension should list the properties it adds in extension_properties',
      'extension_types',
    );
  if (o.description === undefined)
    ctx.bestPractice(305, 'STIX_RECOMMENDED_PROPERTY', 'an extension-definition should have a description of what it conveys');
};
