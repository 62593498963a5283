/**
 * What the version registries say about a type, as building needs it: its category and which
 * properties it takes. A property the registry lists as "does not apply" (e.g. `modified` on a
 * 2.1 marking-definition, `lang` on an extension-definition) counts as absent.
 */
import { StixError } from '../errors.js';
import type { StixVersion } from '../issues.js';
import type { ObjectSpec } from '../properties/object-spec.js';
import { registries } from '../registries.js';
import type { ObjectCategory } from '../registry.js';
import { SCO_TYPES } from '../v21/targets.js';

export interface BuildDefinition {
  readonly type: string;
  readonly category: ObjectCategory;
  readonly spec: ObjectSpec;
  /** Not a type of the specification. */
  readonly custom: boolean;
}

/** Whether objects of this definition take the property. */
export function takesProperty(definition: BuildDefinition, name: string): boolean {
  const def = definition.spec.properties.get(name);
  return def !== undefined && def.kind.forbidden !== true;
}

export interface LookupOptions {
  readonly allowCustom?: boolean;
  /** A custom type is an observable (2.1 SCO-shaped: no created/modified). */
  readonly observable?: boolean;
}

/**
 * The definition of `type` in `version`, or a custom one for an `x-` type (any valid name under
 * allowCustom). Throws STIX_UNKNOWN_TYPE otherwise.
 */
export function buildDefinition(version: StixVersion, type: string, options: LookupOptions = {}): BuildDefinition {
  const registry = registries[version];
  const known = registry.types.get(type);
  if (known) return { type, category: known.category, spec: known.spec, custom: false };
  if (type === 'bundle') throw new StixError('STIX_UNKNOWN_TYPE', 'a bundle is not a STIX object: build it with bundle()');
  if (version === '2.0' && SCO_TYPES.has(type))
    throw new StixError(
      'STIX_UNKNOWN_TYPE',
      `${type} is a STIX 2.0 cyber observable: in 2.0 observables are not top-level objects, put it in the objects container of an observed-data`,
    );
  if (!type.startsWith('x-') && !options.allowCustom)
    throw new StixError(
      'STIX_UNKNOWN_TYPE',
      `${JSON.stringify(type)} is not a STIX ${version} object type (custom types start with x- or need allowCustom)`,
    );
  // 2.0 has no top-level observables: every custom object is SDO-shaped there.
  const observable = version === '2.1' && options.observable === true;
  return {
    type,
    category: observable ? 'sco' : 'sdo',
    spec: observable ? registry.customObservable : registry.customObject,
    custom: true,
  };
}
