/**
 * The version-neutral view: code that handles both STIX versions works with these unions and
 * narrows on `type` (and `spec_version` where it must tell the versions apart).
 */
import type { Bundle20, StixObject20 } from './v20/types.js';
import type { Bundle21, StixObject21 } from './v21/types.js';

export type StixContent20 = Bundle20 | StixObject20 | readonly StixObject20[];
export type StixContent21 = Bundle21 | StixObject21 | readonly StixObject21[];

/** Any STIX object of either version. */
export type StixObject = StixObject20 | StixObject21;
/** A bundle of either version. */
export type Bundle = Bundle20 | Bundle21;
/** Whatever parse() can return. */
export type StixContent = StixContent20 | StixContent21;

/**
 * An object of a type the specification does not define (`x-acme-widget`, ATT&CK's
 * `x-mitre-tactic`): what every STIX object has, plus anything.
 */
export interface CustomObject {
  readonly type: string;
  readonly id: string;
  readonly [property: string]: unknown;
}
