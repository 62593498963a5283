/**
 * Compile-time shapes for building objects: for each type name of a version, the interface
 * create() returns and the properties it takes (the interface with the generated properties made
 * optional), so a missing required property is a type error.
 */
import type { StixVersion } from '../issues.js';
import type { CustomObject } from '../types.js';
import type { StixObject20 } from '../v20/types.js';
import type { StixObject21 } from '../v21/types.js';

/** Every STIX 2.1 object type name (SDO, SRO, SCO, meta). */
export type StixType21 = StixObject21['type'];
/** Every STIX 2.0 top-level object type name (2.0 observables live inside observed-data). */
export type StixType20 = StixObject20['type'];
export type StixTypeOf<V extends StixVersion> = V extends '2.0' ? StixType20 : StixType21;

/** The 2.1 interface of a type, e.g. `StixObjectOf21<'indicator'>` is `v21.Indicator`. */
export type StixObjectOf21<T extends StixType21> = Extract<StixObject21, { readonly type: T }>;
/** The 2.0 interface of a type. */
export type StixObjectOf20<T extends StixType20> = Extract<StixObject20, { readonly type: T }>;
export type StixObjectOf<V extends StixVersion, T extends StixTypeOf<V>> = V extends '2.0'
  ? StixObjectOf20<Extract<T, StixType20>>
  : StixObjectOf21<Extract<T, StixType21>>;

/** Properties create() fills in when they are not given. */
export type GeneratedProperty = 'type' | 'id' | 'created' | 'modified' | 'spec_version';

/** An object interface with its generated properties optional; distributes over unions (Malware, Location…). */
export type BuildProps<O> = O extends unknown
  ? AcceptDates<Omit<O, GeneratedProperty> & { readonly [K in Extract<keyof O, GeneratedProperty>]?: O[K] }>
  : never;

/** The timestamp properties of the STIX object types (create() turns a Date into a timestamp). */
export type TimestampProperty =
  | 'accessed'
  | 'account_created'
  | 'account_expires'
  | 'account_first_login'
  | 'account_last_login'
  | 'analysis_ended'
  | 'analysis_started'
  | 'atime'
  | 'created'
  | 'created_time'
  | 'credential_last_changed'
  | 'ctime'
  | 'date'
  | 'end'
  | 'first_observed'
  | 'first_seen'
  | 'last_observed'
  | 'last_seen'
  | 'modified'
  | 'modified_time'
  | 'mtime'
  | 'object_modified'
  | 'password_last_changed'
  | 'private_key_usage_period_not_after'
  | 'private_key_usage_period_not_before'
  | 'published'
  | 'start'
  | 'start_time'
  | 'stop_time'
  | 'submitted'
  | 'time_date_stamp'
  | 'valid_from'
  | 'valid_until'
  | 'validity_not_after'
  | 'validity_not_before';

/** Timestamp properties may also be given as a Date. */
type AcceptDates<P> = { [K in keyof P]: K extends TimestampProperty ? P[K] | Date : P[K] };

/** What create() takes for a 2.1 type. */
export type CreateProps21<T extends StixType21> = BuildProps<StixObjectOf21<T>>;
/** What create() takes for a 2.0 type. */
export type CreateProps20<T extends StixType20> = BuildProps<StixObjectOf20<T>>;
export type CreatePropsOf<V extends StixVersion, T extends StixTypeOf<V>> = BuildProps<StixObjectOf<V, T>>;

/** A custom type name in the `x-` style (STIX 2.0 Part 1 §7.2, 2.1 §11.1). */
export type CustomTypeName = `x-${string}`;
/** Properties of a custom object: anything JSON. */
export type CustomProps = Readonly<Record<string, unknown>>;
export type { CustomObject };
