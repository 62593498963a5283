/**
 * The one interface the TAXII server knows its storage by (STYLE.md: kysely's dialect model).
 * Two backends implement it — sqlite/ (better-sqlite3, embedded default) and postgres/ (pg, for
 * several server processes on one database) — and pass one conformance suite
 * (conformance.ts). Everything TAXII-specific about ordering lives here, so that paging never
 * skips or repeats an object:
 *
 *  - `dateAdded` is assigned by the storage, in microseconds since the epoch, UNIQUE and STRICTLY
 *    INCREASING per collection, in commit order (a reader that has seen dateAdded D will never
 *    later see a new object with dateAdded <= D). It drives sorting, added_after, next and the
 *    X-TAXII-Date-Added-* headers (TAXII 2.1 §3.3, §3.5).
 *  - A version is identified by (id, version) where version = `modified`, else `created`, else
 *    the dateAdded timestamp (TAXII 2.1 §3.4.2 "server-consistent value").
 *  - Objects are stored as received (the raw JSON text) plus indexed columns.
 */

/** Microseconds since 1970-01-01T00:00:00Z (fits a JS number until the year 2255). */
export type Micros = number;

/** A STIX object ready to store: the server has parsed and validated it. */
export interface IncomingObject {
  readonly id: string;
  readonly type: string;
  /** `modified`, else `created`, else undefined (the storage then uses the dateAdded timestamp). */
  readonly version: string | undefined;
  /** '2.1' or '2.0' (TAXII 2.1 serves both from one collection; 2.0 content has no spec_version). */
  readonly specVersion: string;
  /** The object exactly as received (JSON text of this one object). */
  readonly raw: string;
  /**
   * The object's content as one text, JSON.stringify of the parsed object: what decides a
   * duplicate (the same content re-sent, whatever its whitespace or number spelling) from a
   * conflict. Given by the server, which has the parsed object; when absent the storage derives it
   * from raw (identityOf).
   */
  readonly identity?: string;
}

/** IncomingObject.identity, or the same derived from a stored or received raw text. */
export function identityOf(o: { readonly raw: string; readonly identity?: string | undefined }): string {
  return o.identity ?? canonicalText(o.raw);
}

/** JSON.stringify(JSON.parse(raw)): a stored raw's identity; raw itself when it is not JSON. */
export function canonicalText(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw));
  } catch {
    return raw;
  }
}

export interface StoredObject {
  readonly id: string;
  readonly type: string;
  readonly version: string;
  readonly specVersion: string;
  readonly dateAdded: Micros;
  readonly raw: string;
}

/** `match[version]` values (TAXII 2.1 §3.4.1): keywords, or exact version timestamps. */
export type VersionSelector =
  | { readonly kind: 'last' }
  | { readonly kind: 'first' }
  | { readonly kind: 'all' }
  | { readonly kind: 'exact'; readonly version: string };

export interface ObjectQuery {
  /** match[id]: any of these ids. */
  readonly ids?: readonly string[];
  /** match[type]: any of these types. */
  readonly types?: readonly string[];
  /**
   * match[version]; default [{ kind: 'last' }]. Several selectors are OR-ed ('first,last', or
   * timestamps); 'all' stands alone. 'last' / 'first' are per object id, among the versions that
   * pass the spec-version filter.
   */
  readonly versions?: readonly VersionSelector[];
  /**
   * match[spec_version]: only these. Default (undefined): for each (id, version), only the latest
   * spec_version stored (TAXII 2.1 §3.4.1).
   */
  readonly specVersions?: readonly string[];
  /** added_after: dateAdded strictly greater. */
  readonly addedAfter?: Micros;
  /** The cursor: dateAdded strictly greater (the server decodes `next` into this). */
  readonly after?: Micros;
  /** At most this many results (the server applies its own cap first); at least 1. */
  readonly limit: number;
}

/**
 * An item range (TAXII 2.0 §3.4 pagination): the same selection as ObjectQuery, addressed by
 * position in its date_added order instead of by a cursor.
 */
export interface RangeQuery extends Omit<ObjectQuery, 'after' | 'limit'> {
  /** 0-based position of the first item. */
  readonly offset: number;
  /** At most this many items; at least 1. */
  readonly limit: number;
}

export interface RangePage<T> {
  /** In ascending dateAdded order: the items at positions offset, offset + 1, … */
  readonly items: readonly T[];
  /** How many items the selection holds in all, exactly, in the same snapshot as `items`. */
  readonly total: number;
}

export interface Page<T> {
  /** In ascending dateAdded order. */
  readonly items: readonly T[];
  /** True when more items match beyond this page. */
  readonly more: boolean;
}

/** One entry of a POST's status (TAXII 2.1 §4.3.1 status-details). */
export interface StatusDetail {
  readonly id: string;
  readonly version: string;
  readonly message?: string;
}

export interface Status {
  /** UUIDv4. */
  readonly id: string;
  readonly status: 'pending' | 'complete';
  /** ISO timestamp of the request. */
  readonly requestTimestamp: string;
  readonly totalCount: number;
  readonly successes: readonly StatusDetail[];
  readonly failures: readonly StatusDetail[];
  readonly pendings: readonly StatusDetail[];
  /** Who made the request (statuses are visible to their requester and collection readers). */
  readonly owner: string | undefined;
  /** The API root path and collection id of the request. */
  readonly apiRoot: string;
  readonly collectionId: string;
}

/**
 * The failure message of an object a settled (abandoned) status never stored: the request's
 * server process stopped (or lost its storage) before this object's chunk was written.
 */
export const ABANDONED_MESSAGE = 'the server stopped before storing this object; POST it again';

/**
 * The failure message of an object a write refused because its collection was deleted (every API
 * root's) before the write: a large POST stored chunk by chunk while an admin deleted it.
 */
export const COLLECTION_DELETED_MESSAGE = 'the collection was deleted before this object was stored';

/**
 * The message of an object a write refused because the status it reports to was no longer
 * pending: settled as abandoned meanwhile, which already reported the object as a failure.
 */
export const STATUS_SETTLED_MESSAGE = 'the status of this request was settled before this object was stored; POST it again';

/**
 * When a pending status last showed life: the last write that recorded an outcome on it (µs), or,
 * before any, its request timestamp (formatMicros text; 0 when unreadable, so that a status no one
 * can date is not kept pending for ever).
 */
export function lastActivity(updated: Micros | null | undefined, requestTimestamp: string): Micros {
  return updated ?? parseMicros(requestTimestamp) ?? 0;
}

/**
 * The result of a write refused as a whole (Storage.addObjects): nothing stored, every object a
 * conflict with `message`, in input order, under its own version ('' when it has none, as in
 * pendings).
 */
export function refusedWrite(objects: readonly IncomingObject[], message: string): AddResult {
  return { added: [], duplicates: [], conflicts: objects.map((o) => ({ id: o.id, version: o.version ?? '', message })) };
}

/** Where a write reports its outcome. */
export interface StatusUpdate {
  readonly id: string;
  /** The last write of the request: the status becomes complete. */
  readonly final: boolean;
  /**
   * Creates the status (pending; its successes are ignored, its failures, e.g. objects that
   * failed validation, and pendings are kept) in the same transaction, before this write's
   * outcome is added: a POST stored in one write costs one transaction. Absent: the status
   * exists (createStatus).
   */
  readonly create?: Status;
}

export interface ObjectWrite {
  readonly objects: readonly IncomingObject[];
  readonly status?: StatusUpdate;
}

export interface AddResult {
  /** Stored now (a new (id, version, specVersion)). */
  readonly added: readonly StatusDetail[];
  /** Already present with identical content: not an error (TAXII 2.1 §5.5), not stored again. */
  readonly duplicates: readonly StatusDetail[];
  /**
   * Refused, reported as failures, each with its message: the same (id, version, specVersion)
   * already stored with different content (the stored one wins: STIX, a version is immutable), a
   * version that is not a timestamp, or every object of a refused write (Storage.addObjects).
   */
  readonly conflicts: readonly StatusDetail[];
}

/** A collection as stored (config-defined collections are upserted at start; the admin API adds more). */
export interface CollectionRecord {
  readonly apiRoot: string;
  /** UUIDv4. */
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly alias?: string;
  /** Usernames that may read / write ('*' = every authenticated user). */
  readonly read: readonly string[];
  readonly write: readonly string[];
  readonly mediaTypes: readonly string[];
}

export interface Storage {
  /** Creates or migrates the schema (numbered migrations, applied in order, idempotent). */
  open(): Promise<void>;
  close(): Promise<void>;

  upsertCollection(collection: CollectionRecord): Promise<void>;
  listCollections(apiRoot: string): Promise<readonly CollectionRecord[]>;
  /** By id or alias. */
  getCollection(apiRoot: string, idOrAlias: string): Promise<CollectionRecord | undefined>;
  /**
   * Removes the collection (apiRoot, id) and, in the same transaction, its objects; false when
   * there is no such collection. Objects belong to a collection id, so they stay while another
   * API root still has a collection with this id. The collection's dateAdded clock stays too: a
   * collection created again under this id goes on with dateAdded greater than any it handed out.
   * Once its objects went, writes to the id are refused until a collection with this id is
   * created again (addObjects). Statuses are left to expire.
   */
  deleteCollection(apiRoot: string, id: string): Promise<boolean>;

  /**
   * Adds objects atomically (all or nothing per call: a crash leaves every object of the call
   * either stored or absent), assigning each new version its dateAdded. Idempotent for identical
   * (id, version, specVersion, raw). And, in the same transaction, when `status` is given, adds
   * the call's outcome to that status (successes/failures, pending → complete when `final`) and
   * marks it active now (lastActivity: a status being stored is not abandoned).
   *
   * A write is refused — none of its objects stored, each reported in `conflicts` — when, checked
   * in its transaction under the collection's write lock:
   *  - the collection was deleted (deleteCollection took its objects) and no API root holds a
   *    collection with this id again: COLLECTION_DELETED_MESSAGE, and the failures are recorded
   *    on `status` as usual (complete when `final`), so a large POST whose collection is deleted
   *    between two chunks still ends complete. An id no collection ever had is not refused:
   *    callers that never create collections (tests, benches) may write to any id.
   *  - `status` (without `create`) names a status that exists and is no longer pending: settled
   *    as abandoned meanwhile, it already reported these objects as failures to POST again.
   *    STATUS_SETTLED_MESSAGE, and the status is left as it is.
   */
  addObjects(collectionId: string, objects: readonly IncomingObject[], status?: StatusUpdate): Promise<AddResult>;

  /**
   * Several addObjects in ONE transaction, in order (a later write sees the earlier ones), one
   * result per write: the server's group commit (ingest.ts) of POSTs that arrive together. All
   * or nothing for the whole group. Each write may be refused as addObjects says (its result
   * tells it); that does not fail the group.
   */
  writeObjects(collectionId: string, writes: readonly ObjectWrite[]): Promise<readonly AddResult[]>;

  /** Get Objects / Get an Object (ids = [id]) with every filter of §3.4. */
  getObjects(collectionId: string, query: ObjectQuery): Promise<Page<StoredObject>>;
  /** The manifest: the same query, metadata only (no raw). */
  getManifest(collectionId: string, query: ObjectQuery): Promise<Page<Omit<StoredObject, 'raw'>>>;
  /**
   * Items `offset` … `offset + limit - 1` of the selection, and the selection's size (TAXII 2.0
   * Range paging). Bounded in memory: only the page's rows leave the database; the skip runs on
   * an index, without reading the objects it skips.
   */
  getObjectsRange(collectionId: string, query: RangeQuery): Promise<RangePage<StoredObject>>;
  /** Deletes the versions of `id` the query selects (versions / specVersions); returns how many. */
  deleteObject(collectionId: string, id: string, query: Pick<ObjectQuery, 'versions' | 'specVersions'>): Promise<number>;

  createStatus(status: Status): Promise<void>;
  getStatus(id: string): Promise<Status | undefined>;
  /** Removes statuses completed before this instant (kept at least 24 h by the caller). */
  expireStatuses(before: Micros): Promise<number>;
  /**
   * Settles the pending statuses whose request is abandoned: no sign of life (lastActivity: a
   * write recording an outcome on it, or the request itself) since `before`. Each becomes
   * complete (completed now, so it is kept like any other); the pendings left become failures with
   * ABANDONED_MESSAGE, its successes and failures stay. With `ids`, only those statuses. Atomic
   * per status against the writes that record outcomes, idempotent; returns how many it settled.
   */
  settleAbandonedStatuses(before: Micros, ids?: readonly string[]): Promise<number>;
}

/** How dateAdded (µs) is written on the wire: RFC 3339 UTC with microseconds. */
export function formatMicros(micros: Micros): string {
  const ms = Math.floor(micros / 1000);
  const rest = String(micros % 1000).padStart(3, '0');
  return `${new Date(ms).toISOString().slice(0, -1)}${rest}Z`;
}

/** A TAXII/STIX timestamp to microseconds (sub-microsecond digits are cut); undefined when malformed. */
export function parseMicros(timestamp: string): Micros | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(timestamp);
  if (!m) return undefined;
  const seconds = Date.parse(`${m[1]}Z`);
  if (Number.isNaN(seconds)) return undefined;
  const fraction = (m[2] ?? '').padEnd(6, '0').slice(0, 6);
  return seconds * 1000 + Number(fraction);
}
