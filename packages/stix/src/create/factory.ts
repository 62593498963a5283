/**
 * createFactory(): create() with defaults, as python-stix2's ObjectFactory. A default is applied
 * only to types that take the property in the factory's version (no lang or confidence on 2.0
 * objects or SCOs, no created_by_ref on 2.1 SCOs, no lang on a marking-definition…), and only
 * where the call does not give it: explicit values win, and lists are appended to the default
 * list instead when `listAppend` is set.
 */
import { requireObject } from '../common/input.js';
import type { StixVersion } from '../issues.js';
import type { ExternalReference, GranularMarking, Identifier } from '../v21/types.js';
import { type BundleOf, makeBundle } from './bundle.js';
import type { Clock } from './clock.js';
import { buildObject, type CreateOptions, finishObject } from './create.js';
import { buildDefinition, takesProperty } from './definitions.js';
import type { CreatePropsOf, CustomObject, CustomProps, CustomTypeName, StixObjectOf, StixTypeOf } from './types.js';

/** Default property values; each applies only where the type takes it. */
export interface FactoryDefaults {
  readonly created_by_ref?: Identifier<'identity'>;
  /** A fixed created time (python-stix2 offers it too); the clock otherwise. */
  readonly created?: string;
  readonly external_references?: readonly ExternalReference[];
  readonly object_marking_refs?: readonly Identifier<'marking-definition'>[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly labels?: readonly string[];
  /** 2.1 only. */
  readonly lang?: string;
  /** 2.1 only: 0 to 100. */
  readonly confidence?: number;
}

export interface FactoryOptions<V extends StixVersion = StixVersion> extends FactoryDefaults {
  readonly version?: V;
  /** A list given in a call is appended to the default list (duplicates dropped) instead of replacing it. */
  readonly listAppend?: boolean;
  readonly allowCustom?: boolean;
  readonly strict?: boolean;
  readonly now?: Clock;
}

/** Options for one custom-type call. */
export type FactoryCustomOptions = Pick<CreateOptions, 'observable' | 'contributingProperties'>;

/** Props with the properties the factory has defaults for made optional. */
export type WithDefaults<P, K extends PropertyKey> = P extends unknown ? Omit<P, K> & Partial<Pick<P, Extract<keyof P, K>>> : never;

/** A factory of version V with defaults for the properties K. */
export interface StixFactory<V extends StixVersion, K extends keyof FactoryDefaults = never> {
  readonly version: V;
  /** create() with the factory's defaults and options. */
  create<T extends StixTypeOf<V>>(type: T, props: WithDefaults<CreatePropsOf<V, T>, K>): StixObjectOf<V, T>;
  create(type: CustomTypeName, props: CustomProps, options?: FactoryCustomOptions): CustomObject;
  /** The same for a type known only at run time. */
  createUntyped(type: string, props: CustomProps, options?: FactoryCustomOptions): CustomObject;
  /** A bundle of the factory's version. */
  bundle(objects: readonly unknown[], options?: { readonly id?: string }): BundleOf<StixObjectOf<V, StixTypeOf<V>>>;
}

const DEFAULT_NAMES = [
  'created_by_ref',
  'created',
  'external_references',
  'object_marking_refs',
  'granular_markings',
  'labels',
  'lang',
  'confidence',
] as const satisfies readonly (keyof FactoryDefaults)[];

export function createFactory<V extends StixVersion = '2.1', const D extends object = Record<never, never>>(
  options: FactoryOptions<V> & D = {} as FactoryOptions<V> & D,
): StixFactory<V, Extract<keyof D, keyof FactoryDefaults>> {
  requireObject(options, 'the factory options');
  const version = (options.version ?? '2.1') as V;
  const defaults: [string, unknown][] = [];
  for (const name of DEFAULT_NAMES) if (options[name] !== undefined) defaults.push([name, options[name]]);

  const build = (type: string, props: CustomProps, callOptions: FactoryCustomOptions = {}): CustomObject => {
    const lookup = { allowCustom: options.allowCustom, observable: callOptions.observable };
    const definition = buildDefinition(version, type, lookup);
    const merged: Record<string, unknown> = {};
    for (const [name, value] of defaults) {
      if (!takesProperty(definition, name)) continue;
      const given = props[name];
      if (given === undefined) merged[name] = value;
      else if (options.listAppend && Array.isArray(given) && Array.isArray(value)) merged[name] = appendList(value, given);
    }
    for (const key of Object.keys(props)) if (!(key in merged)) merged[key] = props[key];
    const object = buildObject(definition, version, merged, {
      now: options.now,
      contributingProperties: callOptions.contributingProperties,
    });
    return finishObject(object, version, options);
  };

  return {
    version,
    create: build as StixFactory<V, Extract<keyof D, keyof FactoryDefaults>>['create'],
    createUntyped: build,
    bundle: (objects, bundleOptions = {}) =>
      makeBundle(objects, { version, id: bundleOptions.id }) as BundleOf<StixObjectOf<V, StixTypeOf<V>>>,
  };
}

/** The default list, then the given items it does not already hold (primitives compared by value). */
function appendList(defaults: readonly unknown[], given: readonly unknown[]): unknown[] {
  const out = [...defaults];
  for (const item of given) if (typeof item === 'object' || !out.includes(item)) out.push(item);
  return out;
}
