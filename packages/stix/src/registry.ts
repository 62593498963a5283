/**
 * What each STIX version defines: its object types (each with its compiled specification), the
 * specifications used for custom objects, and the checks that look at a whole object. Dispatch is
 * one Map lookup by `type`.
 */
import type { StixVersion } from './issues.js';
import type { ObjectSpec } from './properties/object-spec.js';
import type { ValidationContext } from './validation/context.js';

export type ObjectCategory = 'sdo' | 'sro' | 'sco' | 'meta';

export interface TypeDefinition {
  readonly type: string;
  readonly category: ObjectCategory;
  readonly spec: ObjectSpec;
  /** SCOs (2.1 §6): the properties whose values form the deterministic UUIDv5 id, in spec order. */
  readonly idContributing?: readonly string[];
}

/** A check over one whole top-level object, run after its specification (MUSTs and SHOULDs). */
export type ObjectCheck = (
  object: Readonly<Record<string, unknown>>,
  ctx: ValidationContext,
  definition: TypeDefinition | undefined,
) => void;

export interface VersionRegistry {
  readonly version: StixVersion;
  readonly types: ReadonlyMap<string, TypeDefinition>;
  /** The bundle envelope (its `objects` are validated one by one, not by this spec). */
  readonly bundle: ObjectSpec;
  /** Common properties only: for custom object types shaped like SDOs (they have `created`). */
  readonly customObject: ObjectSpec;
  /** Common properties only: for custom observable types (no `created`). */
  readonly customObservable: ObjectSpec;
  /** Run on every top-level object (defined or custom), in order. */
  readonly objectChecks: readonly ObjectCheck[];
}

export function defineRegistry(
  version: StixVersion,
  definitions: readonly TypeDefinition[],
  rest: Omit<VersionRegistry, 'version' | 'types'>,
): VersionRegistry {
  const types = new Map<string, TypeDefinition>();
  for (const d of definitions) {
    if (types.has(d.type)) throw new Error(`duplicate STIX ${version} type definition: ${d.type}`);
    types.set(d.type, d);
  }
  return { version, types, ...rest };
}
