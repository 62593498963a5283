/**
 * STIX 2.0 common properties and embedded types (Part 1 §2–§4).
 */
import { parseSelector, selectorResolves } from '../common/selector.js';
import { hashes } from '../properties/dictionary.js';
import { ownId, ownType } from '../properties/identity.js';
import { boolean, enumeration, identifier, json, list, string, targetTypes, timestamp, url } from '../properties/kinds.js';
import { atLeastOne, ObjectSpec, type PropertyMap, required, timestampOrder } from '../properties/object-spec.js';
import type { ValidationContext } from '../validation/context.js';

const KILL_CHAIN_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Part 1 §2.8 kill-chain-phase */
export const killChainPhase = new ObjectSpec('kill-chain-phase', {
  kill_chain_name: required(string()),
  phase_name: required(string()),
}).with((o, ctx) => {
  for (const key of ['kill_chain_name', 'phase_name'] as const) {
    const v = o[key];
    if (typeof v === 'string' && !KILL_CHAIN_NAME.test(v))
      ctx.bestPractice(121, 'STIX_FORMAT', `${key} ${JSON.stringify(v)} should be lower case with hyphens`, key);
  }
});

/** Part 1 §2.5 external-reference: source_name plus at least one of description, url, external_id. */
export const externalReference = new ObjectSpec('external-reference', {
  source_name: required(string()),
  description: string(),
  url: url(),
  hashes: hashes(),
  external_id: string(),
}).with(atLeastOne('description', 'url', 'external_id'), (o, ctx) => {
  if (o.url !== undefined && o.hashes === undefined)
    ctx.bestPractice(302, 'STIX_RECOMMENDED_PROPERTY', 'an external reference with a url should carry hashes of the content', 'url');
});

/** Part 1 §4.3.1 granular-marking: marking_ref and selectors, both required. */
export const granularMarking = new ObjectSpec('granular-marking', {
  marking_ref: required(identifier(targetTypes('marking-definition'))),
  selectors: required(list(string())),
});

/** Part 1 §4.3.1: selectors must resolve in the object they mark. */
export function checkGranularSelectors(object: Readonly<Record<string, unknown>>, ctx: ValidationContext): void {
  const markings = object.granular_markings;
  if (!Array.isArray(markings)) return;
  markings.forEach((marking, i) => {
    const selectors = (marking as { selectors?: unknown } | null)?.selectors;
    if (!Array.isArray(selectors)) return;
    selectors.forEach((selector, j) => {
      if (typeof selector !== 'string') return;
      const segments = parseSelector(selector);
      const problem = !segments
        ? `selector ${JSON.stringify(selector)} is malformed: expected property names and [index] steps joined by dots`
        : !selectorResolves(object, segments)
          ? `selector ${JSON.stringify(selector)} does not resolve to any property of this object`
          : undefined;
      if (problem)
        ctx.at('granular_markings', () => ctx.at(i, () => ctx.at('selectors', () => ctx.error('STIX_INVALID_SELECTOR', problem, j))));
    });
  });
}

/** Part 1 §3.2: property names the 2.0 schemas reserve for later versions (MUST NOT be used). */
export const RESERVED_20 = [
  'confidence',
  'severity',
  'action',
  'usernames',
  'phone_numbers',
  'addresses',
  'first_seen_precision',
  'last_seen_precision',
  'valid_from_precision',
  'valid_until_precision',
];

/** Properties common to 2.0 SDOs and SROs (Part 1 §3.1): ids are UUIDv4, timestamps exactly millisecond. */
export const sdoCommon: PropertyMap = {
  type: required(ownType()),
  id: required(ownId({ uuidVersions: [4] })),
  created_by_ref: identifier(targetTypes('identity')),
  created: required(timestamp('millisecond')),
  modified: required(timestamp('millisecond')),
  revoked: boolean(),
  labels: list(string()),
  external_references: list(externalReference),
  object_marking_refs: list(identifier(targetTypes('marking-definition'))),
  granular_markings: list(granularMarking),
};

/** 2.0 objects carry no spec_version: the bundle does (Part 1 §5). */
function noSpecVersion(o: Readonly<Record<string, unknown>>, ctx: ValidationContext): void {
  if (o.spec_version !== undefined)
    ctx.error(
      'STIX_SPEC_VERSION',
      'STIX 2.0 objects have no spec_version (it belongs to the bundle); is this STIX 2.1 content?',
      'spec_version',
    );
}

export function sdo(type: string, properties: PropertyMap): ObjectSpec {
  return new ObjectSpec(type, { ...sdoCommon, spec_version: json(), ...properties }, { reserved: RESERVED_20 }).with(
    noSpecVersion,
    timestampOrder('modified', 'created', true),
  );
}

export const customObject = new ObjectSpec('custom object', { ...sdoCommon, spec_version: json() }, { reserved: RESERVED_20 }).with(
  noSpecVersion,
  timestampOrder('modified', 'created', true),
);

/** Part 1 §5 bundle: spec_version "2.0" is required. */
export const bundle = new ObjectSpec('bundle', {
  type: required(enumeration(['bundle'])),
  id: required(ownId({ uuidVersions: [4] })),
  spec_version: required(enumeration(['2.0'])),
  objects: json(),
}).with((o, ctx) => {
  if (o.objects !== undefined && (!Array.isArray(o.objects) || o.objects.length === 0))
    ctx.error(
      Array.isArray(o.objects) ? 'STIX_EMPTY_LIST' : 'STIX_WRONG_JSON_TYPE',
      'objects must be a non-empty list of STIX objects',
      'objects',
    );
});
