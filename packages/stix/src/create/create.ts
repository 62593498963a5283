/**
 * create(): a new STIX object from its own properties. Fills in what the specification lets a
 * producer generate (type, spec_version, id, created, modified), validates the result with the
 * core's rules and returns it deeply frozen.
 */
import { requireObject } from '../common/input.js';
import { StixError } from '../errors.js';
import { randomId, scoId } from '../ids/index.js';
import type { Issue, StixVersion } from '../issues.js';
import { validate } from '../validate.js';
import { type Clock, clockMillis, formatTimestamp } from './clock.js';
import { type BuildDefinition, buildDefinition, takesProperty } from './definitions.js';
import { deepFreeze, toPlain } from './plain.js';
import type {
  CreateProps20,
  CreateProps21,
  CustomObject,
  CustomProps,
  CustomTypeName,
  StixObjectOf20,
  StixObjectOf21,
  StixType20,
  StixType21,
} from './types.js';

export interface CreateOptions {
  /** The STIX version to build; '2.1' by default. */
  readonly version?: StixVersion;
  /** Accept custom type names without the `x-` prefix (custom properties are always accepted). */
  readonly allowCustom?: boolean;
  /** Best-practice (SHOULD) findings refuse the object too, as parse({ strict }) does. */
  readonly strict?: boolean;
  /** The clock for created/modified; the system clock by default. */
  readonly now?: Clock;
  /** A custom 2.1 type is an observable (SCO-shaped: no created/modified, id from contributingProperties). */
  readonly observable?: boolean;
  /** ID-contributing properties of a custom 2.1 observable type (2.1 §2.9). */
  readonly contributingProperties?: readonly string[];
}

export interface CreateOptions21 extends CreateOptions {
  readonly version?: '2.1';
}

export interface CreateOptions20 extends CreateOptions {
  readonly version: '2.0';
}

/**
 * Builds a STIX object. Throws StixError: STIX_UNKNOWN_TYPE for a type the version does not
 * define (2.0 observables included: they go in an observed-data `objects` container),
 * STIX_INVALID (with every error issue) when the result breaks a rule, STIX_INPUT_TYPE for
 * values JSON cannot hold.
 */
export function create<T extends StixType21>(type: T, props: CreateProps21<T>, options?: CreateOptions21): StixObjectOf21<T>;
export function create<T extends StixType20>(type: T, props: CreateProps20<T>, options: CreateOptions20): StixObjectOf20<T>;
export function create(type: CustomTypeName, props: CustomProps, options?: CreateOptions): CustomObject;
export function create(type: string, props: CustomProps, options: CreateOptions = {}): unknown {
  return createUntyped(type, props, options);
}

/** create() for a type only known at run time: the same checks, without compile-time shapes. */
export function createUntyped(type: string, props: CustomProps, options: CreateOptions = {}): CustomObject {
  requireObject(props, `the properties of ${String(type)}`);
  const version = options.version ?? '2.1';
  const definition = buildDefinition(version, type, options);
  return finishObject(buildObject(definition, version, props, options), version, options);
}

/**
 * The object before validation: generated properties first (type, spec_version, id, created,
 * modified — the order serialize() writes), then the given ones in their order.
 */
export function buildObject(
  definition: BuildDefinition,
  version: StixVersion,
  props: CustomProps,
  options: Pick<CreateOptions, 'now' | 'contributingProperties'>,
): Record<string, unknown> {
  const given = toPlain(props, []) as Record<string, unknown>;
  const type = definition.type;
  if (given.type !== undefined && given.type !== type)
    throw invalid(type, [
      issue('STIX_INVALID_VALUE', `type is ${JSON.stringify(given.type)} in the properties but ${type} was asked for`, 'type'),
    ]);
  // 2.0 Part 1 §3.1: spec_version is a bundle property only; as an object property it would pass as custom.
  if (version === '2.0' && given.spec_version !== undefined)
    throw invalid(type, [issue('STIX_SPEC_VERSION', 'STIX 2.0 objects carry no spec_version (only the bundle does)', 'spec_version')]);
  const out: Record<string, unknown> = { type };
  if (version === '2.1') out.spec_version = given.spec_version ?? '2.1';
  out.id =
    given.id ??
    (definition.category === 'sco' && version === '2.1'
      ? scoId(type, given, { contributingProperties: options.contributingProperties })
      : randomId(type));
  if (takesProperty(definition, 'created')) {
    const created = given.created ?? formatTimestamp(clockMillis(options.now));
    out.created = created;
    // 2.0 Part 1 §3.4, 2.1 §3.6: the first version has modified equal to created.
    if (takesProperty(definition, 'modified')) out.modified = given.modified ?? created;
  }
  for (const key of Object.keys(given)) if (!(key in out)) out[key] = given[key];
  return out;
}

/** Validates a built object (throws STIX_INVALID listing every error) and freezes it. */
export function finishObject<O>(
  object: Record<string, unknown>,
  version: StixVersion,
  options: Pick<CreateOptions, 'allowCustom' | 'strict'>,
): O {
  const report = validate(object, {
    version,
    bestPractices: options.strict === true,
    strict: options.strict,
    allowCustom: options.allowCustom,
  });
  if (!report.valid) {
    const errors = report.issues.filter((i) => i.severity === 'error');
    throw invalid(String(object.type), errors);
  }
  return deepFreeze(object) as O;
}

function issue(code: string, message: string, path: string): Issue {
  return { severity: 'error', code, message, path };
}

export function invalid(type: string, issues: readonly Issue[]): StixError {
  const list = issues.map((i) => `${i.path || '(object)'}: ${i.message} [${i.code}]`).join('; ');
  return new StixError('STIX_INVALID', `${type}: ${list}`, { issues });
}
