/**
 * The STIX object model as @taxiway/pattern's validator sees it: which cyber-observable types a
 * version defines and where an object path leads, read from the same compiled specifications
 * validation uses (2.1 §6 SCOs with their predefined extensions; 2.0 Part 4 observables).
 */
import type { PathResolution, PathStep, PatternObjectModel, PatternValueType, PatternVersion } from '@taxiway/pattern';
import type { KindShape, PropertyKind } from './properties/kinds.js';
import { ObjectSpec } from './properties/object-spec.js';
import { observableSpecs20 } from './v20/observables.js';
import { registry21 } from './v21/registry.js';

function specOf(type: string, version: PatternVersion): ObjectSpec | undefined {
  if (version === '2.0') return observableSpecs20.get(type);
  const definition = registry21.types.get(type);
  return definition?.category === 'sco' ? definition.spec : undefined;
}

function valueTypeOf(kind: PropertyKind | undefined): PatternValueType | undefined {
  if (kind instanceof ObjectSpec) return 'object';
  const shape = kind?.shape;
  if (shape === undefined) return undefined;
  if (shape.kind === 'list') return valueTypeOf(shape.item);
  return shape.kind;
}

/** Custom content is known by its name (2.0 Part 1 §7, 2.1 §11): nothing to check below it. */
const isCustomProperty = (name: string) => name.startsWith('x_');
const isCustomExtension = (name: string) => name.startsWith('x-') || name.startsWith('extension-definition--');

function resolve(spec: ObjectSpec, steps: readonly PathStep[], version: PatternVersion): PathResolution {
  let kind: PropertyKind | undefined = spec;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    // A list is walked through to its items: `[n]` / `[*]` select them (a property step straight
    // after a list is the matcher's business, not a naming error).
    while (kind !== undefined && !(kind instanceof ObjectSpec) && kind.shape?.kind === 'list') {
      kind = kind.shape.item;
      if (step.kind === 'index') break;
    }
    if (step.kind === 'index') {
      if (kind === undefined) return { known: true };
      continue;
    }
    const name = step.name;
    if (kind instanceof ObjectSpec) {
      const def = kind.properties.get(name);
      if (def === undefined || def.kind.forbidden) return isCustomProperty(name) ? { known: true } : { known: false, unknownAt: i };
      kind = def.kind;
      continue;
    }
    const shape: KindShape | undefined = kind?.shape;
    if (shape === undefined) return { known: true }; // any JSON value below: nothing to say
    if (shape.kind === 'dictionary') {
      const entry: PropertyKind | undefined = shape.entries?.[name];
      if (entry !== undefined) kind = entry;
      else if (shape.entries !== undefined && !isCustomExtension(name)) return { known: false, unknownAt: i };
      else if (shape.value !== undefined) kind = shape.value;
      else return { known: true };
      continue;
    }
    if (shape.kind === 'reference') {
      // `_ref` steps continue in the referenced object when its type is fixed.
      const target = shape.targets?.length === 1 ? specOf(shape.targets[0], version) : undefined;
      if (target === undefined) return { known: true };
      return resolveFrom(target, steps, i, version);
    }
    return { known: false, unknownAt: i }; // a step into a string, number, …
  }
  return { known: true, valueType: valueTypeOf(kind) };
}

function resolveFrom(spec: ObjectSpec, steps: readonly PathStep[], from: number, version: PatternVersion): PathResolution {
  const rest = resolve(spec, steps.slice(from), version);
  return rest.unknownAt === undefined ? rest : { ...rest, unknownAt: rest.unknownAt + from };
}

/** The pattern object model of both STIX versions. */
export const patternObjectModel: PatternObjectModel = {
  typeKnown: (type, version) => specOf(type, version) !== undefined,
  resolvePath(type, steps, version) {
    const spec = specOf(type, version);
    return spec === undefined ? { known: true } : resolve(spec, steps, version);
  },
};
