/**
 * What the validator knows of STIX objects, injected so that @taxiway/pattern does not depend on
 * @taxiway/stix (which depends on this package). @taxiway/stix implements PatternObjectModel from
 * its object registries; without one, the validator knows only the names of the STIX Cyber-
 * observable Object types.
 */
import type { PathStep, PatternVersion } from './ast.js';

/**
 * The kind of value at the end of an object path. A list resolves to the kind of its elements
 * (comparisons on lists hold for any element); `reference` is an `_ref` id (a string).
 */
export type PatternValueType =
  | 'string'
  | 'integer'
  | 'float'
  | 'boolean'
  | 'timestamp'
  | 'binary'
  | 'hex'
  | 'reference'
  | 'dictionary'
  | 'object';

export interface PathResolution {
  /** Every step names a property (or key, or index) the model knows. */
  readonly known: boolean;
  /** When not known: the index in `steps` of the first step the model does not know. */
  readonly unknownAt?: number;
  /** When known: the kind of value the path reaches, if the model can tell. */
  readonly valueType?: PatternValueType;
}

export interface PatternObjectModel {
  /** Whether `type` is an object type of this STIX version (custom `x-` types need not be). */
  typeKnown(type: string, version: PatternVersion): boolean;
  /**
   * Follows `steps` through the properties of `type` (only called when typeKnown). Dictionary keys
   * (`hashes.'SHA-256'`, `extensions.'x-acme-ext'`) are known when the dictionary is; `_ref` steps
   * continue in the referenced object when the model can tell its type, else the rest is known.
   */
  resolvePath(type: string, steps: readonly PathStep[], version: PatternVersion): PathResolution;
}

/** The 18 STIX Cyber-observable Object types: 2.0 Part 4 §2 and 2.1 §6 define the same names. */
export const STIX_CYBER_OBSERVABLE_TYPES: readonly string[] = [
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
];

const OBSERVABLE_TYPES = new Set(STIX_CYBER_OBSERVABLE_TYPES);

/** Used when no model is given: the SCO type names, no property checks. */
export const builtinObjectModel: PatternObjectModel = {
  typeKnown: (type) => OBSERVABLE_TYPES.has(type),
  resolvePath: () => ({ known: true }),
};
