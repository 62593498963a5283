/**
 * An in-memory STIX store: every version of every object, indexed by id, by type and (for
 * relationships) by source_ref and target_ref, so that lookups and the usual graph questions
 * ("techniques used by this group") cost a few map lookups, not a scan.
 *
 * Objects are stored as given (no copy): treat what goes in and comes out as read-only, since the
 * indexes are built from the values at `add` time.
 */
import type { Bundle, CustomObject, StixObject } from '@taxiway/stix';
import { compareTimestamps } from '@taxiway/stix';
import { StoreError } from './errors.js';
import { type CompiledFilter, compileFilters, type FilterInput, matchesAll } from './filter.js';
import { type LoadOptions, loadInto } from './io/load.js';
import { type SaveOptions, saveStore } from './io/save.js';

/** What the store holds and returns: any STIX object, custom ones included. */
export type StoredObject = CustomObject;

/** An object (typed or not: anything with an id) or its identifier. */
export type ObjectRef = { readonly id: string } | string;

/** What `add` accepts: one object, a list of objects, or a bundle. */
export type StoreInput = StixObject | CustomObject | Bundle | readonly (StixObject | CustomObject)[];

export interface AddResult {
  /** Versions (or versionless objects) that were not in the store before. */
  readonly added: number;
  /** Objects that replaced one already stored: the same (id, modified), or a versionless re-add. */
  readonly replaced: number;
}

export interface QueryOptions {
  /** `latest` (default): the latest version of each object, if it matches; `all`: every matching version. */
  readonly versions?: 'latest' | 'all';
}

export interface RelationshipOptions {
  /** Only relationships of this relationship_type (or of one of these). */
  readonly type?: string | readonly string[];
  /** Only relationships whose source_ref is the object. */
  readonly sourceOnly?: boolean;
  /** Only relationships whose target_ref is the object. */
  readonly targetOnly?: boolean;
  /** Further filters on the relationships. */
  readonly filters?: readonly FilterInput[];
}

export interface RelatedToOptions {
  /** Only through relationships of this relationship_type (or of one of these). */
  readonly relationshipType?: string | readonly string[];
  /** Only objects the object points at (it is the source). */
  readonly sourceOnly?: boolean;
  /** Only objects pointing at the object (it is the target). */
  readonly targetOnly?: boolean;
  /** Filters on the related objects, e.g. `[['type', '=', 'attack-pattern']]`. */
  readonly filters?: readonly FilterInput[];
}

interface Family {
  readonly type: string;
  /** Oldest first. A versionless object is a family of one whose version key is undefined. */
  readonly versions: StoredObject[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The version of an object (2.1 §3.6: a version is identified by id and modified): `modified`,
 * else `created`; undefined for what is not versioned — SCOs (no created/modified) and marking
 * definitions (2.1 §7.2.1: they cannot be versioned).
 */
export function versionKey(object: StoredObject): string | undefined {
  if (object.type === 'marking-definition') return undefined;
  const modified = object.modified;
  if (typeof modified === 'string') return modified;
  const created = object.created;
  return typeof created === 'string' ? created : undefined;
}

// Index buckets are arrays (cheaper to build than Sets: most hold one or two ids); an id appears
// once per bucket.
function addToIndex(index: Map<string, string[]>, key: unknown, id: string, fresh: boolean): void {
  if (typeof key !== 'string') return;
  const bucket = index.get(key);
  if (bucket === undefined) index.set(key, [id]);
  // A first version cannot be in the bucket yet: no search, so a hub with many relationships stays linear.
  else if (fresh || !bucket.includes(id)) bucket.push(id);
}

function removeFromIndex(index: Map<string, string[]>, key: unknown, id: string): void {
  if (typeof key !== 'string') return;
  const bucket = index.get(key);
  if (bucket === undefined) return;
  const at = bucket.indexOf(id);
  if (at < 0) return;
  if (bucket.length === 1) index.delete(key);
  else bucket.splice(at, 1);
}

function checkObject(value: unknown, where: string): StoredObject {
  if (!isObject(value)) throw new StoreError('STORE_INVALID_CONTENT', `${where} is not a JSON object`);
  if (typeof value.type !== 'string' || value.type === '') throw new StoreError('STORE_INVALID_CONTENT', `${where} has no type`);
  if (typeof value.id !== 'string' || value.id === '') throw new StoreError('STORE_INVALID_CONTENT', `${where} (${value.type}) has no id`);
  return value as StoredObject;
}

/** The objects inside any accepted input: a bundle's `objects`, a list, or the object itself. */
export function objectsOf(input: unknown): StoredObject[] {
  if (Array.isArray(input)) return input.map((v, i) => checkObject(v, `item ${i}`));
  if (isObject(input) && input.type === 'bundle') {
    const objects = input.objects;
    if (objects === undefined) return [];
    if (!Array.isArray(objects)) throw new StoreError('STORE_INVALID_CONTENT', 'the bundle objects property is not a list');
    return objects.map((v, i) => checkObject(v, `objects[${i}]`));
  }
  return [checkObject(input, 'the input')];
}

const asList = (v: string | readonly string[] | undefined): readonly string[] | undefined => (typeof v === 'string' ? [v] : v);

export class MemoryStore implements Iterable<StoredObject> {
  readonly #families = new Map<string, Family>();
  /** Ids by type: a Set, since a type bucket is large and deletes must stay O(1). */
  readonly #byType = new Map<string, Set<string>>();
  /** Relationship ids by source_ref / target_ref, over every version (checked against the latest on use). */
  readonly #bySource = new Map<string, string[]>();
  readonly #byTarget = new Map<string, string[]>();
  #versionCount = 0;

  constructor(input?: StoreInput) {
    if (input !== undefined) this.add(input);
  }

  /** A new store holding what the file, `.json.gz` file or directory tree at `path` holds. */
  static async load(path: string, options?: LoadOptions): Promise<MemoryStore> {
    const store = new MemoryStore();
    await store.load(path, options);
    return store;
  }

  /** Adds what the file or directory at `path` holds to this store. */
  async load(path: string, options?: LoadOptions): Promise<AddResult> {
    return loadInto((objects) => this.#addAll(objects), path, options);
  }

  /**
   * Writes the store to `path`: `layout: 'bundle'` one bundle file (gzip-compressed when the name
   * ends in `.gz`), `layout: 'filesystem'` python-stix2's FileSystemStore directory tree. The
   * default layout is `bundle` when the name ends in `.json` or `.json.gz`, else `filesystem`.
   */
  async save(path: string, options?: SaveOptions): Promise<void> {
    await saveStore(this, path, options);
  }

  /** Number of distinct objects (ids). */
  get size(): number {
    return this.#families.size;
  }

  /** Number of stored versions, over all objects. */
  get versionCount(): number {
    return this.#versionCount;
  }

  /**
   * Adds objects. Every version is kept; a version with the same (id, modified) as a stored one
   * replaces it (kept once); a versionless object (SCO, marking definition) replaces the stored
   * one. The input is checked first (each object needs a type and an id) and nothing is added if
   * any object fails: StoreError STORE_INVALID_CONTENT.
   */
  add(input: StoreInput): AddResult {
    return this.#addAll(objectsOf(input));
  }

  #addAll(objects: readonly StoredObject[]): AddResult {
    let added = 0;
    for (let i = 0; i < objects.length; i++) if (this.#addOne(objects[i])) added++;
    return { added, replaced: objects.length - added };
  }

  #addOne(object: StoredObject): boolean {
    const id = object.id;
    const family = this.#families.get(id);
    if (family === undefined) {
      this.#families.set(id, { type: object.type, versions: [object] });
      const bucket = this.#byType.get(object.type);
      if (bucket === undefined) this.#byType.set(object.type, new Set([id]));
      else bucket.add(id);
      this.#indexRelationship(object, true);
      this.#versionCount++;
      return true;
    }
    const versions = family.versions;
    const key = versionKey(object);
    if (key === undefined || versionKey(versions[0]) === undefined) {
      // Versionless (the new object or the stored one): the new object replaces everything.
      for (const old of versions) this.#unindexRelationship(old);
      this.#versionCount += 1 - versions.length;
      versions.length = 0;
      versions.push(object);
      this.#indexRelationship(object);
      return false;
    }
    // Versions arrive mostly in order: search from the newest end.
    let j = versions.length - 1;
    for (; j >= 0; j--) {
      const c = compareTimestamps(key, versionKey(versions[j]) as string);
      if (c === 0) {
        const old = versions[j];
        versions[j] = object;
        if (object.type === 'relationship' || old.type === 'relationship') {
          // Other versions may share the replaced one's refs: rebuild this object's entries.
          this.#unindexRelationship(old);
          for (const v of versions) this.#indexRelationship(v);
        }
        return false;
      }
      if (c > 0) break;
    }
    versions.splice(j + 1, 0, object);
    this.#indexRelationship(object);
    this.#versionCount++;
    return true;
  }

  #indexRelationship(object: StoredObject, fresh = false): void {
    if (object.type !== 'relationship') return;
    addToIndex(this.#bySource, object.source_ref, object.id, fresh);
    addToIndex(this.#byTarget, object.target_ref, object.id, fresh);
  }

  #unindexRelationship(object: StoredObject): void {
    if (object.type !== 'relationship') return;
    removeFromIndex(this.#bySource, object.source_ref, object.id);
    removeFromIndex(this.#byTarget, object.target_ref, object.id);
  }

  has(id: string): boolean {
    return this.#families.has(id);
  }

  /** The latest version (by modified, else created; timestamps compared as instants), or undefined. */
  get(id: string): StoredObject | undefined {
    const family = this.#families.get(id);
    return family === undefined ? undefined : family.versions[family.versions.length - 1];
  }

  /** Every stored version, oldest first; empty when the id is unknown. */
  allVersions(id: string): readonly StoredObject[] {
    const family = this.#families.get(id);
    return family === undefined ? [] : family.versions.slice();
  }

  /** Removes every version of an object; false when it was not there. */
  delete(id: string): boolean {
    const family = this.#families.get(id);
    if (family === undefined) return false;
    for (const v of family.versions) this.#unindexRelationship(v);
    this.#versionCount -= family.versions.length;
    const bucket = this.#byType.get(family.type);
    bucket?.delete(id);
    if (bucket?.size === 0) this.#byType.delete(family.type);
    this.#families.delete(id);
    return true;
  }

  clear(): void {
    this.#families.clear();
    this.#byType.clear();
    this.#bySource.clear();
    this.#byTarget.clear();
    this.#versionCount = 0;
  }

  /** The object types present. */
  types(): IterableIterator<string> {
    return this.#byType.keys();
  }

  ids(): IterableIterator<string> {
    return this.#families.keys();
  }

  /** The latest version of each object (or every version), in the order objects were first added. */
  *values(options: QueryOptions = {}): IterableIterator<StoredObject> {
    for (const family of this.#families.values()) {
      if (options.versions === 'all') yield* family.versions;
      else yield family.versions[family.versions.length - 1];
    }
  }

  [Symbol.iterator](): IterableIterator<StoredObject> {
    return this.values();
  }

  /**
   * The objects matching every filter (AND), e.g. `query([['type', '=', 'attack-pattern'],
   * ['kill_chain_phases.phase_name', '=', 'persistence']])`. By default the latest version of
   * each object is tested; `{ versions: 'all' }` tests and returns every version. A `type =` or
   * `type in` filter reads the type index; an `id =` or `id in` filter reads the id index.
   */
  query(filters: readonly FilterInput[] | FilterInput = [], options: QueryOptions = {}): StoredObject[] {
    const compiled = compileFilters(filters);
    const all = options.versions === 'all';
    const out: StoredObject[] = [];
    for (const family of this.#candidates(compiled)) {
      const versions = family.versions;
      if (all) {
        for (const v of versions) if (matchesAll(v, compiled)) out.push(v);
      } else {
        const latest = versions[versions.length - 1];
        if (matchesAll(latest, compiled)) out.push(latest);
      }
    }
    return out;
  }

  /** The families a query must look at: narrowed by `id` and `type` equality filters when there are any. */
  #candidates(filters: readonly CompiledFilter[]): Iterable<Family> {
    let ids: readonly string[] | undefined;
    let types: readonly string[] | undefined;
    const intersect = (a: readonly string[] | undefined, b: readonly unknown[]): string[] => {
      const strings = b.filter((v): v is string => typeof v === 'string');
      return a === undefined ? strings : a.filter((v) => strings.includes(v));
    };
    for (const f of filters) {
      if (f.path.length !== 1 || (f.op !== '=' && f.op !== 'in')) continue;
      const values = f.op === 'in' ? (f.value as readonly unknown[]) : [f.value];
      if (f.property === 'id') ids = intersect(ids, values);
      else if (f.property === 'type') types = intersect(types, values);
    }
    if (ids !== undefined) {
      const families: Family[] = [];
      for (const id of new Set(ids)) {
        const family = this.#families.get(id);
        if (family !== undefined) families.push(family);
      }
      return families;
    }
    if (types !== undefined) {
      const families: Family[] = [];
      for (const type of new Set(types)) {
        const set = this.#byType.get(type);
        if (set === undefined) continue;
        for (const id of set) families.push(this.#families.get(id) as Family);
      }
      return families;
    }
    return this.#families.values();
  }

  /**
   * The relationships (latest versions) in which the object is the source or the target, as
   * python-stix2's `relationships(obj, relationship_type, source_only, target_only)`.
   */
  relationships(object: ObjectRef, options: RelationshipOptions = {}): StoredObject[] {
    const id = idOf(object);
    const { sourceOnly = false, targetOnly = false } = options;
    if (sourceOnly && targetOnly) throw new StoreError('STORE_INVALID_ARGUMENT', 'sourceOnly and targetOnly cannot both be set');
    const types = asList(options.type);
    const filters = compileFilters(options.filters);
    const seen = new Set<string>();
    const out: StoredObject[] = [];
    const visit = (relIds: readonly string[] | undefined): void => {
      if (relIds === undefined) return;
      for (const relId of relIds) {
        if (seen.has(relId)) continue;
        seen.add(relId);
        const rel = this.get(relId);
        if (rel === undefined || rel.type !== 'relationship') continue;
        // The index spans every version; the latest decides.
        if (!((!targetOnly && rel.source_ref === id) || (!sourceOnly && rel.target_ref === id))) continue;
        if (types !== undefined && !types.includes(rel.relationship_type as string)) continue;
        if (filters.length > 0 && !matchesAll(rel, filters)) continue;
        out.push(rel);
      }
    };
    if (!targetOnly) visit(this.#bySource.get(id));
    if (!sourceOnly) visit(this.#byTarget.get(id));
    return out;
  }

  /**
   * The objects (latest versions) at the other end of the object's relationships, each once, as
   * python-stix2's `related_to`: `relatedTo(group, { relationshipType: 'uses', sourceOnly: true,
   * filters: [['type', '=', 'attack-pattern']] })` is "the techniques this group uses". Objects
   * that are referenced but not in the store are left out.
   */
  relatedTo(object: ObjectRef, options: RelatedToOptions = {}): StoredObject[] {
    const id = idOf(object);
    const rels = this.relationships(id, { type: options.relationshipType, sourceOnly: options.sourceOnly, targetOnly: options.targetOnly });
    const filters = compileFilters(options.filters);
    const seen = new Set<string>([id]);
    const out: StoredObject[] = [];
    for (const rel of rels) {
      for (const end of [rel.source_ref, rel.target_ref]) {
        if (typeof end !== 'string' || seen.has(end)) continue;
        seen.add(end);
        const other = this.get(end);
        if (other !== undefined && (filters.length === 0 || matchesAll(other, filters))) out.push(other);
      }
    }
    return out;
  }

  /** The identity named by the object's created_by_ref, when it is in the store. */
  creatorOf(object: ObjectRef): StoredObject | undefined {
    const o = typeof object === 'string' ? this.get(object) : this.get(idOf(object));
    const ref = o?.created_by_ref;
    return typeof ref === 'string' ? this.get(ref) : undefined;
  }
}

/** The id of an object or the id itself; anything else is STORE_INVALID_ARGUMENT. */
function idOf(object: ObjectRef): string {
  if (typeof object === 'string') return object;
  if (object !== null && typeof object === 'object' && typeof object.id === 'string') return object.id;
  throw new StoreError('STORE_INVALID_ARGUMENT', 'expected a STIX object or an identifier');
}
