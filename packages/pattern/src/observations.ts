/**
 * The matcher's view of its input: observed-data objects, each `number_observed` observations over
 * [first_observed, last_observed] (STIX 2.1 §9.1 "Observation"), and the SCOs each holds.
 *
 * - 2.0 (and deprecated 2.1) observed-data hold their SCOs in `objects`, a dictionary keyed by
 *   local references; `_ref` / `_refs` name those keys (2.0 Part 3 §2.2, Part 4).
 * - 2.1 observed-data name SCOs by id in `object_refs`; the SCOs come in the same list (a bundle's
 *   objects) or from `options.objects`. Only SCOs listed in `object_refs` may be followed
 *   (§9.7.4), so an id outside that list is "not found" for this observed-data.
 * - A bundle in the list is unpacked in place.
 * An observed-data with both `objects` and `object_refs` is read from `objects`.
 */
import { PatternError } from './errors.js';
import { timestampMillis } from './instant.js';
import { equalityKey } from './values.js';

export type StixObject = Readonly<Record<string, unknown>>;

/** A root SCO of one observed-data: where `[type:…]` starts. */
export interface RootEntry {
  /** Position of its observed-data in `ObservationIndex.observations`. */
  readonly observation: number;
  /** 2.1: the SCO's id; 2.0: its key in `objects`. */
  readonly key: string;
  readonly object: StixObject;
}

export interface Observation {
  /** Position among the observed-data of the input, in input order (bundles unpacked). */
  readonly index: number;
  readonly id: string;
  /** first_observed / last_observed, epoch milliseconds. */
  readonly first: number;
  readonly last: number;
  /** number_observed. */
  readonly count: number;
  readonly roots: readonly RootEntry[];
  /** The object a `_ref` of this observed-data names, or undefined when it is not found. */
  deref(ref: string): StixObject | undefined;
}

const ORIGIN = { offset: 0, line: 1, column: 1 } as const;

/** Bad input to match(): `path` says where, e.g. `observations[3].number_observed`. */
export class PatternMatchError extends PatternError {
  readonly path: string;
  constructor(detail: string, path: string) {
    super('PATTERN_MATCH_INPUT', detail, { position: ORIGIN, pattern: '' });
    this.name = 'PatternMatchError';
    this.message = `${detail} (at ${path})`;
    this.path = path;
  }
}

export type ObjectSource = readonly unknown[] | ((id: string) => unknown);

const isObject = (value: unknown): value is StixObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Observed-data, normalised once and indexed by root SCO type, so `[ipv4-addr:value = …]` visits
 * only ipv4-addr roots. Build one with `indexObservations()` and pass it to many `match()` calls.
 */
export class ObservationIndex {
  readonly observations: readonly Observation[];
  readonly #byType: Map<string, RootEntry[]>;
  readonly #valueIndexes = new Map<string, Map<string, RootEntry[]>>();
  /** Per compiled `[ … ]`, its result on this index (see matcher.ts). */
  readonly memo = new WeakMap<object, unknown>();

  constructor(observations: readonly Observation[]) {
    this.observations = observations;
    this.#byType = new Map();
    for (const observation of observations) {
      for (const root of observation.roots) {
        const type = root.object.type as string;
        const list = this.#byType.get(type);
        if (list === undefined) this.#byType.set(type, [root]);
        else list.push(root);
      }
    }
  }

  /** Every root SCO of `type`, in observation order. */
  rootsOfType(type: string): readonly RootEntry[] {
    return this.#byType.get(type) ?? [];
  }

  /**
   * Roots of `type` whose value at the plain property chain `names` has equality key `key` (built
   * on first use for each type and chain, then shared by every pattern matched on this index).
   */
  rootsWithValue(type: string, names: readonly string[], key: string): readonly RootEntry[] {
    const indexKey = `${type}\u0000${names.join('\u0000')}`;
    let index = this.#valueIndexes.get(indexKey);
    if (index === undefined) {
      index = new Map();
      for (const root of this.rootsOfType(type)) {
        let value: unknown = root.object;
        for (const name of names) value = isObject(value) && Object.hasOwn(value, name) ? value[name] : undefined;
        const k = equalityKey(value);
        if (k === undefined) continue;
        const list = index.get(k);
        if (list === undefined) index.set(k, [root]);
        else list.push(root);
      }
      this.#valueIndexes.set(indexKey, index);
    }
    return index.get(key) ?? [];
  }
}

function fail(detail: string, path: string): never {
  throw new PatternMatchError(detail, path);
}

function timestampOf(od: StixObject, name: string, path: string): number {
  const value = od[name];
  const ms = typeof value === 'string' ? timestampMillis(value) : undefined;
  if (ms === undefined)
    fail(`${name} must be a STIX timestamp (e.g. 2016-01-01T00:00:00Z), found ${JSON.stringify(value)}`, `${path}.${name}`);
  return ms;
}

/** Normalises `input` (observed-data, bundles, SCOs) into an index (throws PatternMatchError). */
export function indexObservations(input: readonly unknown[], options: { readonly objects?: ObjectSource } = {}): ObservationIndex {
  if (!Array.isArray(input)) fail('observations must be an array of STIX objects', 'observations');
  const observedData: { od: StixObject; path: string }[] = [];
  const byId = new Map<string, StixObject>();

  const collect = (item: unknown, path: string): void => {
    if (!isObject(item) || typeof item.type !== 'string') fail('expected a STIX object with a string type', path);
    if (item.type === 'bundle') {
      const objects = item.objects ?? [];
      if (!Array.isArray(objects)) fail('a bundle\u2019s objects must be an array', `${path}.objects`);
      for (let i = 0; i < objects.length; i++) collect(objects[i], `${path}.objects[${i}]`);
      return;
    }
    if (item.type === 'observed-data') observedData.push({ od: item, path });
    // The first object with an id wins (SCOs are not versioned; repeats in merged bundles are copies).
    else if (typeof item.id === 'string' && !byId.has(item.id)) byId.set(item.id, item);
  };
  for (let i = 0; i < input.length; i++) collect(input[i], `observations[${i}]`);

  const extra = options.objects;
  let lookup: (id: string) => StixObject | undefined;
  if (typeof extra === 'function') {
    lookup = (id) => {
      const own = byId.get(id);
      if (own !== undefined) return own;
      const found = extra(id);
      return isObject(found) && typeof found.type === 'string' ? found : undefined;
    };
  } else {
    if (extra !== undefined) {
      if (!Array.isArray(extra)) fail('options.objects must be an array of STIX objects or a function', 'options.objects');
      extra.forEach((item, i) => {
        if (!isObject(item) || typeof item.type !== 'string') fail('expected a STIX object with a string type', `options.objects[${i}]`);
        if (typeof item.id === 'string' && !byId.has(item.id)) byId.set(item.id, item);
      });
    }
    lookup = (id) => byId.get(id);
  }

  const observations = observedData.map(({ od, path }, index) => normalise(od, path, index, lookup));
  return new ObservationIndex(observations);
}

function normalise(od: StixObject, path: string, index: number, lookup: (id: string) => StixObject | undefined): Observation {
  if (typeof od.id !== 'string') fail('observed-data must have a string id', `${path}.id`);
  const first = timestampOf(od, 'first_observed', path);
  const last = timestampOf(od, 'last_observed', path);
  if (last < first) fail('last_observed must not be earlier than first_observed', `${path}.last_observed`);
  const count = od.number_observed;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    fail(`number_observed must be a positive integer, found ${JSON.stringify(count)}`, `${path}.number_observed`);
  }
  const roots: RootEntry[] = [];
  let deref: (ref: string) => StixObject | undefined;

  if (od.objects !== undefined) {
    const objects = od.objects;
    if (!isObject(objects)) fail('objects must be a dictionary of cyber observables', `${path}.objects`);
    for (const [key, object] of Object.entries(objects)) {
      if (!isObject(object) || typeof object.type !== 'string')
        fail('expected a cyber observable with a string type', `${path}.objects.${key}`);
      roots.push({ observation: index, key, object });
    }
    deref = (ref) => {
      const found = Object.hasOwn(objects, ref) ? objects[ref] : undefined;
      return isObject(found) ? found : undefined;
    };
  } else {
    const refs = od.object_refs;
    if (!Array.isArray(refs) || refs.some((ref) => typeof ref !== 'string')) {
      fail('observed-data needs objects (2.0) or object_refs (2.1), a list of ids', `${path}.object_refs`);
    }
    const allowed = new Set<string>(refs as string[]);
    for (const ref of allowed) {
      const object = lookup(ref);
      if (object !== undefined) roots.push({ observation: index, key: ref, object });
    }
    deref = (ref) => (allowed.has(ref) ? lookup(ref) : undefined);
  }
  return { index, id: od.id, first, last, count, roots, deref };
}
