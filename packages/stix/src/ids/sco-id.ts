/**
 * Deterministic identifiers of STIX 2.1 cyber observable objects (STIX 2.1 §2.9): a UUIDv5 in the
 * STIX namespace over the RFC 8785 (JCS) serialisation of a JSON object holding the type's
 * ID-contributing properties that are present. Where none is present, or the type has none
 * (process, custom types), the id is a UUIDv4.
 */

import { canonicalize } from 'json-canonicalize';
import { requireObject } from '../common/input.js';
import { uuid4, uuid5 } from './uuid.js';

/** The namespace every STIX 2.1 SCO UUIDv5 is computed in (STIX 2.1 §2.9). */
export const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/**
 * ID-contributing properties of each STIX 2.1 SCO type, from the "ID Contributing Properties"
 * line of each §6 section. process has none: its ids are always UUIDv4 (§6.11).
 */
export const idContributingProperties: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  process: [],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
};

/**
 * §2.9: when `hashes` contributes, only one hash is used, the first present of MD5, SHA-1,
 * SHA-256, SHA-512, else the first key in the object's order (as python-stix2 does).
 */
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

function oneHash(hashes: Record<string, unknown>): Record<string, unknown> {
  for (const algorithm of HASH_PREFERENCE) if (algorithm in hashes) return { [algorithm]: hashes[algorithm] };
  const first = Object.keys(hashes)[0];
  return first === undefined ? {} : { [first]: hashes[first] };
}

export interface ScoIdOptions {
  /** ID-contributing property names for a type the specification does not define (custom SCOs). */
  readonly contributingProperties?: readonly string[];
}

/**
 * The JSON object whose JCS serialisation names the UUIDv5 of an SCO, or undefined when the id
 * must be a UUIDv4 (no contributing property present, or the type has none).
 */
export function idContributingValues(
  type: string,
  properties: Readonly<Record<string, unknown>>,
  options: ScoIdOptions = {},
): Record<string, unknown> | undefined {
  requireObject(properties, `the properties of ${String(type)}`);
  const names = options.contributingProperties ?? idContributingProperties[type];
  if (!names || names.length === 0) return undefined;
  const values: Record<string, unknown> = {};
  let any = false;
  for (const name of names) {
    let value = properties[name];
    if (value === undefined || value === null) continue;
    if (name === 'hashes' && typeof value === 'object' && !Array.isArray(value)) {
      value = oneHash(value as Record<string, unknown>);
      if (Object.keys(value as object).length === 0) continue;
    }
    values[name] = value;
    any = true;
  }
  return any ? values : undefined;
}

/** True when the type's ids are computed from its properties (a spec SCO other than process). */
export function hasDeterministicId(type: string): boolean {
  return (idContributingProperties[type]?.length ?? 0) > 0;
}

/**
 * The identifier an SCO of `type` with these properties gets: `type--UUIDv5` from its
 * ID-contributing properties, or `type--UUIDv4` when it has none. Deterministic for the same
 * contributing values, whatever their key order.
 */
export function scoId(type: string, properties: Readonly<Record<string, unknown>>, options: ScoIdOptions = {}): string {
  const values = idContributingValues(type, properties, options);
  return `${type}--${values === undefined ? uuid4() : uuid5(canonicalize(values), SCO_NAMESPACE)}`;
}

/**
 * Whether an SCO's id agrees with its ID-contributing properties: `undefined` when its id is not
 * determined by them (a UUIDv4 is expected), else the expected id and whether it matches.
 */
export function checkScoId(
  object: Readonly<Record<string, unknown>>,
  options: ScoIdOptions = {},
): { readonly expected: string; readonly matches: boolean } | undefined {
  requireObject(object, 'the SCO');
  const type = object.type;
  if (typeof type !== 'string') return undefined;
  const values = idContributingValues(type, object, options);
  if (values === undefined) return undefined;
  const expected = `${type}--${uuid5(canonicalize(values), SCO_NAMESPACE)}`;
  return { expected, matches: typeof object.id === 'string' && object.id.toLowerCase() === expected };
}

/** A new identifier for an SDO, SRO, marking definition, bundle or other non-SCO: `type--UUIDv4`. */
export function randomId(type: string): string {
  return `${type}--${uuid4()}`;
}
