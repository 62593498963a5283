/**
 * STIX 2.0 common properties and embedded types (Part 1 §2–§4).
 */

import { externalReference, killChainPhase } from '../properties/embedded.js';
import { ownId, ownType } from '../properties/identity.js';
import { boolean, enumeration, identifier, json, list, string, targetTypes, timestamp } from '../properties/kinds.js';
import { ObjectSpec, type PropertyMap, required, timestampOrder } from '../properties/object-spec.js';
import type { ValidationContext } from '../validation/context.js';
import { checkGranularSelectors } from '../validation/granular-selectors.js';

export { externalReference, killChainPhase };

/** Part 1 §4.3.1 granular-marking: marking_ref and selectors, both required. */
export const granularMarking = new ObjectSpec('granular-marking', {
  marking_ref: required(identifier(targetTypes('marking-definition'))),
  selectors: required(list(string())),
});

export { checkGranularSelectors };

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
