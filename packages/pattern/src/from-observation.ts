/**
 * Patterns from observations: turn a cyber observable (SCO) or an observed-data object into an
 * observation expression that tests the observable's identifying properties with `=`.
 *
 * Which properties identify an observable: the ID-contributing properties of STIX 2.1 §6 (the
 * ones a deterministic SCO id is computed from), minus those that describe one sighting rather
 * than the thing itself or that no `=` can usefully test:
 *
 * | type                 | tested                                                        | left out (why)                       |
 * |----------------------|---------------------------------------------------------------|--------------------------------------|
 * | artifact             | hashes, payload_bin                                           |                                      |
 * | autonomous-system    | number                                                        |                                      |
 * | directory            | path                                                          |                                      |
 * | domain-name, email-addr, ipv4-addr, ipv6-addr, mac-addr, url | value                 |                                      |
 * | email-message        | from_ref (→ `from_ref.value`), subject                        | body (whole text, rarely reused)     |
 * | file                 | hashes, name, parent_directory_ref (→ `.path`)                | extensions (nested structures)       |
 * | mutex                | name                                                          |                                      |
 * | network-traffic      | src_ref, dst_ref (→ `.value`), src_port, dst_port, protocols  | start, end (one flow's times), extensions |
 * | process (none in §6) | command_line, name (2.0), image_ref (→ the file's properties) |                                      |
 * | software             | name, cpe, swid, vendor, version                              |                                      |
 * | user-account         | account_type, user_id, account_login                          |                                      |
 * | windows-registry-key | key                                                           | values (list of objects)             |
 * | x509-certificate     | hashes, serial_number                                         |                                      |
 *
 * `hashes` gives one comparison per hash (`file:hashes.'SHA-256' = '…'`), a list of strings one
 * per element (`network-traffic:protocols[*] = 'tcp'`), and a `_ref` the identifying properties
 * of the object it points to, found through `resolve` (an SCO id in 2.1, a container key in 2.0)
 * — unresolved references are left out, as a matcher ignores them. All comparisons of one
 * observable are AND-ed inside one `[ ]`. A type not in the table (custom observables) is tested
 * on its scalar top-level properties. `options.properties` replaces the list for any type.
 */
import type { Comparison, Observation, ObservationExpression } from './ast.js';
import { and, binary, compare, literal, observe, or, path } from './builder.js';
import { PatternError } from './errors.js';
import { print } from './printer.js';

/** A STIX object as JSON: a `type` and anything else. */
export interface StixObjectLike {
  readonly type: string;
  readonly id?: string;
  readonly [property: string]: unknown;
}

export interface FromObservableOptions {
  /** Finds the object a `_ref` points to: an SCO id (2.1) or a key of the `objects` container (2.0). */
  readonly resolve?: (ref: string) => StixObjectLike | undefined;
  /** Replaces the identifying properties of the types given (see the table above). */
  readonly properties?: Readonly<Record<string, readonly string[]>>;
}

export interface FromObservedDataOptions {
  /** The SCOs an observed-data's `object_refs` (2.1) point to: a list, a map or a record by id. */
  readonly objects?: readonly StixObjectLike[] | ReadonlyMap<string, StixObjectLike> | Readonly<Record<string, StixObjectLike>>;
  /** Finds an SCO by id (2.1), used when `objects` does not have it. */
  readonly resolve?: (id: string) => StixObjectLike | undefined;
  readonly properties?: Readonly<Record<string, readonly string[]>>;
}

/** The identifying properties per type (see the module comment). */
export const IDENTIFYING_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject'],
  file: ['hashes', 'name', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols'],
  process: ['command_line', 'name', 'image_ref'],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key'],
  'x509-certificate': ['hashes', 'serial_number'],
};

/** Common properties that say nothing about the observable itself (STIX 2.1 §6.1). */
const NOT_IDENTIFYING: ReadonlySet<string> = new Set([
  'type',
  'id',
  'spec_version',
  'defanged',
  'object_marking_refs',
  'granular_markings',
  'extensions',
]);

/** References are followed this deep (an email's sender, a file's directory: one or two steps). */
const MAX_REF_DEPTH = 3;

/**
 * `[type:p1 = v1 AND type:p2 = v2 …]` for one observable. Throws PATTERN_INVALID_NODE when the
 * observable has none of its identifying properties.
 */
export function fromObservable(sco: StixObjectLike, options: FromObservableOptions = {}): Observation {
  const comparisons = observableComparisons(sco, options);
  if (comparisons.length === 0) {
    throw new PatternError('PATTERN_INVALID_NODE', `the ${String(sco?.type)} observable has no property a pattern could test`, {
      position: { offset: 0, line: 1, column: 1 },
      pattern: String(sco?.id ?? sco?.type),
    });
  }
  return observe(and(...comparisons));
}

/**
 * An observation expression for an observed-data object: one `[ … ]` per root observable (one no
 * other observable of the same observed-data refers to), OR-ed.
 *
 * Why OR of separate observations: comparisons inside one `[ ]` must share one object type (2.1
 * §9.5 "same base object path"), so different observables cannot be AND-ed there; and an
 * observation AND (`[a] AND [b]`) needs two distinct observations, which one observed-data with
 * number_observed 1 does not give. `[a] OR [b]` is what indicator producers write for "any of
 * these", and it matches the observed-data it came from. Observables reached through a root's
 * references are tested inside the root's brackets (`[network-traffic:dst_ref.value = '…']`).
 *
 * 2.0: the observables are the `objects` container and references are its keys. 2.1: they are
 * the SCOs of `object_refs`, found in `options.objects` or through `options.resolve` (an
 * observed-data that still has the deprecated `objects` container is read as in 2.0).
 */
export function fromObservedData(observedData: StixObjectLike, options: FromObservedDataOptions = {}): ObservationExpression {
  const container = observedData.objects;
  let observables: StixObjectLike[];
  let resolve: (ref: string) => StixObjectLike | undefined;
  /** The name other observables use for an observable: its container key or its id. */
  let nameOf: (o: StixObjectLike) => string | undefined;
  if (isRecord(container)) {
    const keys = Object.keys(container);
    observables = keys.map((k) => container[k]).filter(isStixObject);
    const byKey = new Map(keys.filter((k) => isStixObject(container[k])).map((k) => [k, container[k] as StixObjectLike]));
    const keyOf = new Map([...byKey].map(([k, o]) => [o, k]));
    resolve = (ref) => byKey.get(ref);
    nameOf = (o) => keyOf.get(o);
  } else {
    const refs = Array.isArray(observedData.object_refs) ? observedData.object_refs.filter((r): r is string => typeof r === 'string') : [];
    const lookup = lookupFrom(options.objects);
    resolve = (id) => lookup(id) ?? options.resolve?.(id);
    observables = refs.map((id) => resolve(id)).filter((o): o is StixObjectLike => isStixObject(o) && isObservable(o));
    nameOf = (o) => o.id;
  }
  const referenced = new Set<string>();
  for (const o of observables) collectRefs(o, referenced, 0);
  let roots = observables.filter((o) => {
    const name = nameOf(o);
    return name === undefined || !referenced.has(name);
  });
  // Observables that all refer to one another have no root: test each of them.
  if (roots.length === 0) roots = observables;

  const seen = new Set<string>();
  const observations: Observation[] = [];
  for (const root of roots) {
    const comparisons = observableComparisons(root, { resolve, properties: options.properties });
    if (comparisons.length === 0) continue;
    const observation = observe(and(...comparisons));
    const text = print(observation);
    if (seen.has(text)) continue;
    seen.add(text);
    observations.push(observation);
  }
  if (observations.length === 0) {
    throw new PatternError('PATTERN_INVALID_NODE', 'the observed-data has no observable with a property a pattern could test', {
      position: { offset: 0, line: 1, column: 1 },
      pattern: String(observedData.id ?? observedData.type),
    });
  }
  return or(...observations);
}

function observableComparisons(sco: StixObjectLike, options: FromObservableOptions): Comparison[] {
  if (!isStixObject(sco)) {
    throw new PatternError('PATTERN_INVALID_NODE', 'an observable is an object with a type', {
      position: { offset: 0, line: 1, column: 1 },
      pattern: '',
    });
  }
  const out: Comparison[] = [];
  addComparisons(sco, sco.type, [], options, 0, new Set([sco]), out);
  return out;
}

type Steps = readonly (string | number)[];

function addComparisons(
  object: StixObjectLike,
  rootType: string,
  prefix: Steps,
  options: FromObservableOptions,
  depth: number,
  visiting: Set<StixObjectLike>,
  out: Comparison[],
): void {
  const listed = options.properties?.[object.type] ?? IDENTIFYING_PROPERTIES[object.type];
  const names = listed ?? Object.keys(object).filter((k) => !NOT_IDENTIFYING.has(k) && !/_refs?$/.test(k));
  const at = (...steps: Steps) => path(rootType, ...([...prefix, ...steps] as [string, ...(string | number)[]]));
  for (const name of names) {
    const value = object[name];
    if (value === undefined || value === null) continue;
    if (name.endsWith('_ref')) {
      if (typeof value !== 'string' || depth >= MAX_REF_DEPTH) continue;
      const target = options.resolve?.(value);
      if (!isStixObject(target) || visiting.has(target)) continue;
      visiting.add(target);
      addComparisons(target, rootType, [...prefix, name], options, depth + 1, visiting, out);
      visiting.delete(target);
    } else if (name === 'hashes' && isRecord(value)) {
      // One comparison per hash (2.1 §6.7.1 "hashes": a dictionary of algorithm to value).
      for (const [algorithm, hash] of Object.entries(value))
        if (typeof hash === 'string') out.push(compare(at(name, algorithm), '=', hash));
    } else if (name === 'payload_bin' && typeof value === 'string') {
      out.push(compare(at(name), '=', binary(value)));
    } else if (Array.isArray(value)) {
      for (const element of value) if (isScalar(element)) out.push(compare(at(name, '*'), '=', literal(element)));
    } else if (isScalar(value)) {
      out.push(compare(at(name), '=', literal(value)));
    }
  }
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStixObject(value: unknown): value is StixObjectLike {
  return isRecord(value) && typeof value.type === 'string';
}

/** SCOs carry no `created`; SDOs and SROs (which 2.1 object_refs may also list) do. */
function isObservable(object: StixObjectLike): boolean {
  return object.created === undefined && object.type !== 'relationship' && object.type !== 'sighting';
}

/** Every `_ref` / `_refs` value anywhere in the object (extensions hold some: `contains_refs`). */
function collectRefs(value: unknown, into: Set<string>, depth: number): void {
  if (depth > 8 || typeof value !== 'object' || value === null) return;
  for (const [key, v] of Object.entries(value)) {
    if (key.endsWith('_ref') && typeof v === 'string') into.add(v);
    else if (key.endsWith('_refs') && Array.isArray(v))
      for (const r of v)
        if (typeof r === 'string') into.add(r);
        else if (typeof v === 'object') collectRefs(v, into, depth + 1);
  }
}

function lookupFrom(objects: FromObservedDataOptions['objects']): (id: string) => StixObjectLike | undefined {
  if (objects === undefined) return () => undefined;
  if (Array.isArray(objects)) {
    const byId = new Map<string, StixObjectLike>();
    for (const o of objects as readonly StixObjectLike[]) if (isStixObject(o) && typeof o.id === 'string') byId.set(o.id, o);
    return (id) => byId.get(id);
  }
  if (objects instanceof Map) return (id) => objects.get(id);
  const record = objects as Readonly<Record<string, StixObjectLike>>;
  return (id) => (Object.hasOwn(record, id) ? record[id] : undefined);
}
