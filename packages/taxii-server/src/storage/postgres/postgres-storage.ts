/**
 * PostgreSQL storage, for several server processes behind a load balancer sharing one database.
 *
 * COMMIT ORDER. storage.ts requires dateAdded to be strictly increasing per collection *in commit
 * order*: a reader that has seen dateAdded D (a `next` cursor, an added_after) must never later
 * find a new object with dateAdded <= D, or paging would skip it. A sequence or a clock read per
 * transaction does not give that: T1 takes 5, T2 takes 6, T2 commits, a reader pages past 6, T1
 * commits 5 behind the cursor — skipped for ever. So every addObjects (and deleteObject, which
 * rewrites the version flags) first locks the collection's collection_clock row (an upsert, so
 * the first write to a collection creates it), which serialises the writers of one collection
 * until COMMIT; under the lock it assigns dateAdded = greatest(database clock µs,
 * last_date_added + 1), +1 per new object, and stores the last one back in the same transaction.
 * The next writer obtains the lock only after this one has committed and become visible, and its
 * UPDATE re-reads the committed last_date_added (READ COMMITTED), so dateAdded order = commit
 * order, and any snapshot that shows an object shows every object with a smaller dateAdded.
 * The row lock does what pg_advisory_xact_lock(collection key) would, without hashing collection
 * ids into the 64-bit advisory key space the whole database (every schema, other applications)
 * shares. The clock is the database's, so processes with skewed clocks still agree. The cost:
 * writes to ONE collection are serial (one transaction at a time; batches amortise it); writes to
 * different collections and all reads run in parallel. The lock also makes duplicate/conflict
 * detection and the flag maintenance race-free.
 */
import pg from 'pg';
import { idHash, sha256 } from '../id-hash.js';
import { IdRows } from '../id-rows.js';
import type {
  AddResult,
  CollectionRecord,
  IncomingObject,
  Micros,
  ObjectQuery,
  ObjectWrite,
  Page,
  RangePage,
  RangeQuery,
  Status,
  StatusDetail,
  StatusUpdate,
  Storage,
  StoredObject,
} from '../storage.js';
import {
  ABANDONED_MESSAGE,
  COLLECTION_DELETED_MESSAGE,
  formatMicros,
  identityOf,
  lastActivity,
  parseMicros,
  refusedWrite,
  STATUS_SETTLED_MESSAGE,
} from '../storage.js';
import { boolArray, byteaArray, int8Array, textArray } from './binary-arrays.js';
import { queryPipelined, queryThenCommit } from './commit-pipeline.js';
import { migrate, quoteIdentifier } from './migrate.js';
import { Params, type Selection, whereClause } from './selection.js';
import { type FlaggedRow, reflag } from './version-flags.js';

export interface PostgresStorageOptions {
  /** postgres://… connection string; default: the PG* environment variables. */
  readonly url?: string;
  readonly pool?: { readonly max?: number };
  /** Schema holding the tables (created by open()); default 'public'. */
  readonly schema?: string;
  /**
   * Rows per page when a collection's id table loads, and at most taken in by one write
   * (CollectionIdRows); default 20,000. The tests set a few.
   */
  readonly idRowsPageSize?: number;
}

/** For the tests (not exported by the package): whether a collection's id table is loaded. */
export const ID_ROWS_LOADED: unique symbol = Symbol('whether the id table of a collection is loaded');

/** Rows per INSERT … SELECT FROM unnest(…) statement (bounds the size of one statement). */
const INSERT_CHUNK = 2000;

interface Row extends FlaggedRow {
  readonly dateAdded: Micros;
  readonly id: string;
  readonly version: string;
  readonly versioned: boolean;
  readonly hash: Buffer;
}

interface NewRow extends Row {
  readonly type: string;
  readonly raw: string;
}

interface CheckRow {
  readonly deleted: boolean;
  readonly settled: readonly string[];
}

interface ExistingRow {
  date_added: string;
  id: string;
  version: string;
  version_micros: string;
  versioned: boolean;
  spec_version: string;
  is_last: boolean;
  is_first: boolean;
  is_spec_latest: boolean;
  content_hash: Buffer;
}

/** A row of a page query with rowMode 'array': id, type, version, spec_version, date_added (int8 as text)[, raw]. */
type PageRow = [id: string, type: string, version: string, specVersion: string, dateAdded: string, raw?: string];

/** A page row as the storage's item, with its raw text or (a manifest) without. */
function itemOf([id, type, version, specVersion, date, raw]: PageRow, withRaw: boolean): Omit<StoredObject, 'raw'> & { raw?: string } {
  const dateAdded = Number(date);
  return withRaw ? { id, type, version, specVersion, dateAdded, raw: raw as string } : { id, type, version, specVersion, dateAdded };
}

interface StatusRow {
  id: string;
  status: 'pending' | 'complete';
  request_timestamp: string;
  total_count: number;
  successes: StatusDetail[];
  failures: StatusDetail[];
  pendings: StatusDetail[];
  owner: string | null;
  api_root: string;
  collection_id: string;
}

interface ActivityRow {
  id: string;
  request_timestamp: string;
  updated_at: string | null;
}

/** The pendings of statuses $1 become failures with message $2, in order; complete at $3. */
const SETTLE_STATUSES = `
UPDATE statuses SET
  status = 'complete',
  failures = failures || coalesce(
    (SELECT jsonb_agg(p.detail || jsonb_build_object('message', $2::text) ORDER BY p.n)
     FROM jsonb_array_elements(pendings) WITH ORDINALITY AS p(detail, n)),
    '[]'::jsonb),
  pendings = '[]'::jsonb,
  completed_at = $3,
  updated_at = $3
WHERE id = ANY($1)`;

interface CollectionRow {
  api_root: string;
  id: string;
  title: string;
  description: string | null;
  alias: string | null;
  can_read: string[];
  can_write: string[];
  media_types: string[];
}

const LOCK_COLLECTION = `
INSERT INTO collection_clock (collection_id, last_date_added) VALUES ($1, 0)
ON CONFLICT (collection_id) DO UPDATE SET last_date_added = collection_clock.last_date_added
RETURNING last_date_added, floor(extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS now`;

/** LOCK_COLLECTION for deleteCollection, which flags the id deleted (the row made if need be). */
const LOCK_DELETED_COLLECTION = `
INSERT INTO collection_clock (collection_id, last_date_added, deleted) VALUES ($1, 0, true)
ON CONFLICT (collection_id) DO UPDATE SET deleted = true`;

/**
 * Under the collection lock, what refuses writes (storage.ts, Storage.addObjects): whether
 * collection $1 was deleted and no API root has it again, and which of the statuses $2 (those the
 * writes report to) are no longer pending. Those statuses are locked until COMMIT: a settle
 * (settleAbandonedStatuses, FOR UPDATE SKIP LOCKED) leaves a status a write holds, and a write
 * that waits for a settle reads the status it left. MATERIALIZED: every row is locked, whatever
 * the outer query keeps of it.
 */
const CHECK_WRITES = `
WITH reported AS MATERIALIZED (
  SELECT id, status FROM statuses WHERE id = ANY($2::text[]) ORDER BY id FOR UPDATE
)
SELECT EXISTS (
         SELECT 1 FROM collection_clock k
         WHERE k.collection_id = $1 AND k.deleted AND NOT EXISTS (SELECT 1 FROM collections c WHERE c.id = $1)
       ) AS deleted,
       ARRAY(SELECT id FROM reported WHERE status <> 'pending') AS settled`;

/**
 * Every stored version of the given ids: one objects_version probe per id. Written as a LATERAL
 * subquery that cannot be pulled up (OFFSET 0) so that the plan does not depend on statistics:
 * with `id = ANY($2)` (or a plain join) and a table that grew since its last ANALYZE, the planner
 * took a bitmap scan of the whole collection (measured: 30 ms for 100 ids at 20,000 objects,
 * growing with the collection).
 */
/**
 * The rows committed after $2 (a dateAdded), at most $3: what another process stored since this
 * one's id table (CollectionIdRows) last took rows in. A PRIMARY KEY range, empty when no other
 * process writes.
 */
const ROWS_AFTER = `
SELECT date_added, id, version, version_micros, versioned, spec_version, is_last, is_first, is_spec_latest, content_hash
FROM objects WHERE collection_id = $1 AND date_added > $2::bigint ORDER BY date_added LIMIT $3::bigint`;

/** The rows at the dateAdded values $2 that hold one of the ids $3 (the id table's candidates). */
const ROWS_AT = `
SELECT date_added, id, version, version_micros, versioned, spec_version, is_last, is_first, is_spec_latest, content_hash
FROM objects WHERE collection_id = $1 AND date_added = ANY($2::bigint[]) AND id = ANY($3::text[])`;

/** A page of an id table's load (#loadIdRows). */
const ID_ROWS_PAGE = `
SELECT date_added, id FROM objects WHERE collection_id = $1 AND date_added > $2 ORDER BY date_added LIMIT $3`;

/** PostgresStorageOptions.idRowsPageSize's default. */
const ID_ROWS_PAGE_SIZE = 20_000;

/**
 * A collection's ids in this process: hash → dateAdded of every row stored up to `seen`
 * (id-rows.ts), so that a write whose ids are new — a feed's usual POST — looks none of them up:
 * the lookup of 100 ids was 1.0–1.15 ms of the write's first round trip (measured, 50,000
 * objects). Loaded in pages in the background (#loadIdRows); until `loaded`, writes look their ids
 * up as before. Rows of other processes are taken in under the collection lock (ROWS_AFTER); a
 * row deleted since is not found at its dateAdded, which is never reused.
 */
interface CollectionIdRows {
  rows: IdRows;
  seen: number;
  loaded: boolean;
}

/** What a write saw and added, for its collection's id table once it has committed. */
interface IdRowsLearnt {
  readonly pairs: [hash: number, dateAdded: number][];
  /** ROWS_AFTER was cut at its limit: the table misses rows, and is loaded again. */
  incomplete: boolean;
}

const ROWS_OF_IDS = `
SELECT o.date_added, o.id, o.version, o.version_micros, o.versioned, o.spec_version, o.is_last, o.is_first,
       o.is_spec_latest, o.content_hash
FROM unnest($2::text[]) AS wanted(id)
CROSS JOIN LATERAL (
  SELECT * FROM objects WHERE collection_id = $1 AND id = wanted.id OFFSET 0
) AS o`;

const INSERT_OBJECTS = `
INSERT INTO objects (collection_id, date_added, id, type, version, version_micros, versioned, spec_version,
                     is_last, is_first, is_spec_latest, content_hash, raw)
SELECT $1::text, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::boolean[], $8::text[],
                         $9::boolean[], $10::boolean[], $11::boolean[], $12::bytea[], $13::text[])`;

const UPDATE_FLAGS = `
UPDATE objects o SET is_last = u.is_last, is_first = u.is_first, is_spec_latest = u.is_spec_latest
FROM unnest($2::bigint[], $3::boolean[], $4::boolean[], $5::boolean[]) AS u(date_added, is_last, is_first, is_spec_latest)
WHERE o.collection_id = $1 AND o.date_added = u.date_added`;

/**
 * INSERT … SELECT of statuses from 11 arrays, $<base + 1> … $<base + 11> (statusParams); with
 * `guard` (a relation in the statement), only when it has a row.
 */
function insertStatusesSql(base: number, guard?: string): string {
  const [a, b, c, d, e, f, g, h, i, j, k] = Array.from({ length: 11 }, (_, n) => `$${base + n + 1}`);
  return `INSERT INTO statuses (id, status, request_timestamp, total_count, successes, failures, pendings, owner, api_root,
                         collection_id, completed_at)
   SELECT s.* FROM ${guard === undefined ? '' : `${guard}, `}unnest(${a}::text[], ${b}::text[], ${c}::text[], ${d}::integer[], ${e}::jsonb[], ${f}::jsonb[], ${g}::jsonb[],
                        ${h}::text[], ${i}::text[], ${j}::text[], ${k}::bigint[]) AS s`;
}

/**
 * INSERT_OBJECTS ($1…$13), the flag changes of rows stored before this call ($14…$17; never a row
 * of this INSERT, which a sibling CTE could not see), the clock ($18) and the statuses created
 * complete ($19…$29, possibly none), as one statement.
 */
const WRITE_ROWS_FLAGS_CLOCK_STATUSES = `
WITH inserted AS (${INSERT_OBJECTS.trim()}
  RETURNING 1
), reflagged AS (
  UPDATE objects o SET is_last = u.is_last, is_first = u.is_first, is_spec_latest = u.is_spec_latest
  FROM unnest($14::bigint[], $15::boolean[], $16::boolean[], $17::boolean[]) AS u(date_added, is_last, is_first, is_spec_latest)
  WHERE o.collection_id = $1 AND o.date_added = u.date_added
  RETURNING 1
), clock AS (
  UPDATE collection_clock SET last_date_added = $18 WHERE collection_id = $1
  RETURNING 1
), statuses_added AS (${insertStatusesSql(18)}
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted) AS inserted, (SELECT count(*) FROM reflagged) AS reflagged, (SELECT count(*) FROM clock) AS clock,
       (SELECT count(*) FROM statuses_added) AS statuses`;

/**
 * LOCK_COLLECTION without its answer: the first statement of a write of new ids (WRITE_NEW),
 * sent before it in the same round trip (queryPipelined). $1 is inlined.
 */
const LOCK_COLLECTION_QUIETLY = `
INSERT INTO collection_clock (collection_id, last_date_added) VALUES ($1, 0)
ON CONFLICT (collection_id) DO UPDATE SET last_date_added = collection_clock.last_date_added`;

/**
 * A write of new ids, after LOCK_COLLECTION_QUIETLY in the same implicit transaction: its own
 * statement, so its snapshot is taken under the lock and shows every earlier writer's commit.
 * `clock` has its row only when the write may go on as planned without looking anything up —
 * the collection is not deleted, and no row was stored after $14 (the id table's `seen`: no
 * other process wrote since) — and then gives the first dateAdded (as LOCK_COLLECTION's caller
 * computes it). The rows' $2 are offsets from it; $15 is the last offset; $16…$26 the statuses
 * created complete. When `clock` is empty nothing is written (base is null), and the write is
 * made again the usual way.
 */
const WRITE_NEW = `
WITH clock AS (
  SELECT greatest(floor(extract(epoch FROM clock_timestamp()) * 1000000)::bigint, k.last_date_added + 1) AS base
  FROM collection_clock k
  WHERE k.collection_id = $1
    AND NOT (k.deleted AND NOT EXISTS (SELECT 1 FROM collections c WHERE c.id = $1))
    AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.collection_id = $1 AND o.date_added > $14::bigint)
), inserted AS (
  INSERT INTO objects (collection_id, date_added, id, type, version, version_micros, versioned, spec_version,
                       is_last, is_first, is_spec_latest, content_hash, raw)
  SELECT $1::text, clock.base + u.rel, u.id, u.type, u.version, u.version_micros, u.versioned, u.spec_version,
         u.is_last, u.is_first, u.is_spec_latest, u.content_hash, u.raw
  FROM clock, unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::boolean[], $8::text[],
                     $9::boolean[], $10::boolean[], $11::boolean[], $12::bytea[], $13::text[])
              AS u(rel, id, type, version, version_micros, versioned, spec_version, is_last, is_first, is_spec_latest, content_hash, raw)
  RETURNING 1
), clock_set AS (
  UPDATE collection_clock k SET last_date_added = clock.base + $15::bigint FROM clock WHERE k.collection_id = $1
  RETURNING 1
), statuses_added AS (${insertStatusesSql(15, 'clock')}
  RETURNING 1
)
SELECT (SELECT base FROM clock) AS base, (SELECT count(*) FROM inserted) AS inserted, (SELECT count(*) FROM clock_set) AS clock,
       (SELECT count(*) FROM statuses_added) AS statuses`;

export class PostgresStorage implements Storage {
  readonly #pool: pg.Pool;
  readonly #schema: string;
  /** Collection id → its id table, for the collections this process writes. */
  readonly #idRows = new Map<string, CollectionIdRows>();
  readonly #idRowsPageSize: number;
  #closed = false;

  constructor(options: PostgresStorageOptions = {}) {
    this.#schema = options.schema ?? 'public';
    this.#idRowsPageSize = Math.max(1, Math.floor(options.idRowsPageSize ?? ID_ROWS_PAGE_SIZE));
    const quoted = quoteIdentifier(this.#schema);
    this.#pool = new pg.Pool({
      ...(options.url === undefined ? {} : { connectionString: options.url }),
      max: options.pool?.max ?? 10,
      // Every connection of the pool resolves the unqualified table names in our schema.
      options: `-c search_path=${quoted}`,
    });
    // An idle connection that dies (database restart, failover) is dropped by the pool; without a
    // listener the 'error' event would crash the server. The next query gets a new connection.
    this.#pool.on('error', () => {});
  }

  async open(): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await migrate(client, this.#schema);
    } finally {
      client.release();
    }
  }

  /** For the tests: whether the collection's id table is loaded (writes then use it). */
  [ID_ROWS_LOADED](collectionId: string): boolean {
    return this.#idRows.get(collectionId)?.loaded === true;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#idRows.clear();
    await this.#pool.end();
  }

  /**
   * Loads the collection's id table in pages, each its own query, in the background; a failure
   * drops it (the next write starts again). Writes go on meanwhile without it.
   */
  #loadIdRows(collectionId: string): void {
    const entry: CollectionIdRows = { rows: new IdRows(), seen: -1, loaded: false };
    this.#idRows.set(collectionId, entry);
    const page = async (): Promise<void> => {
      for (;;) {
        if (this.#closed || this.#idRows.get(collectionId) !== entry) return;
        const r = await this.#pool.query<{ date_added: string; id: string }>(ID_ROWS_PAGE, [
          collectionId,
          entry.seen,
          this.#idRowsPageSize,
        ]);
        if (this.#idRows.get(collectionId) !== entry) return;
        for (const row of r.rows) {
          const dateAdded = Number(row.date_added);
          entry.rows.add(idHash(row.id), dateAdded);
          entry.seen = Math.max(entry.seen, dateAdded);
        }
        if (r.rows.length < this.#idRowsPageSize) {
          entry.loaded = true;
          return;
        }
      }
    };
    page().catch(() => {
      if (this.#idRows.get(collectionId) === entry) this.#idRows.delete(collectionId);
    });
  }

  async upsertCollection(c: CollectionRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO collections (api_root, id, title, description, alias, can_read, can_write, media_types)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (api_root, id) DO UPDATE SET title = excluded.title, description = excluded.description,
         alias = excluded.alias, can_read = excluded.can_read, can_write = excluded.can_write,
         media_types = excluded.media_types`,
      [c.apiRoot, c.id, c.title, c.description ?? null, c.alias ?? null, c.read, c.write, c.mediaTypes],
    );
  }

  async listCollections(apiRoot: string): Promise<readonly CollectionRecord[]> {
    // Sorted by id: a consistent order (TAXII 2.1 §3.3), the one the interop document asks for.
    const r = await this.#pool.query<CollectionRow>('SELECT * FROM collections WHERE api_root = $1 ORDER BY id', [apiRoot]);
    return r.rows.map(toCollection);
  }

  async getCollection(apiRoot: string, idOrAlias: string): Promise<CollectionRecord | undefined> {
    const r = await this.#pool.query<CollectionRow>(
      'SELECT * FROM collections WHERE api_root = $1 AND (id = $2 OR alias = $2) ORDER BY id = $2 DESC LIMIT 1',
      [apiRoot, idOrAlias],
    );
    return r.rows[0] === undefined ? undefined : toCollection(r.rows[0]);
  }

  async deleteCollection(apiRoot: string, id: string): Promise<boolean> {
    return this.#transaction(async (client) => {
      const deleted = await client.query('DELETE FROM collections WHERE api_root = $1 AND id = $2', [apiRoot, id]);
      if ((deleted.rowCount ?? 0) === 0) return false;
      // Objects belong to the collection id, which another API root may hold.
      const shared = await client.query('SELECT 1 FROM collections WHERE id = $1 LIMIT 1', [id]);
      if ((shared.rowCount ?? 0) > 0) return true;
      // The collection lock, as writers take it: a write in progress commits first and its
      // objects go too; the writes after see the flag and are refused. collection_clock keeps its
      // row: its last_date_added keeps dateAdded increasing for a collection created again under
      // this id.
      await client.query(LOCK_DELETED_COLLECTION, [id]);
      await client.query('DELETE FROM objects WHERE collection_id = $1', [id]);
      this.#idRows.delete(id);
      return true;
    });
  }

  async addObjects(collectionId: string, objects: readonly IncomingObject[], status?: StatusUpdate): Promise<AddResult> {
    const [result] = await this.writeObjects(collectionId, [status === undefined ? { objects } : { objects, status }]);
    return result as AddResult;
  }

  /**
   * The writes of a group share every round trip — two in all: BEGIN with the lock, the checks
   * and the lookup of the ids (one simple query: with the collection's id table, the rows stored
   * by others since it took rows in and the rows it names for these ids, usually none; before it
   * is loaded, every row of these ids); one INSERT with the flag changes, the clock and
   * the statuses created complete, sent with its COMMIT (queryThenCommit). A group of POSTs costs
   * about what one POST costs. Writes that report to an existing status (a large POST's chunks)
   * add a statement each and COMMIT on its own.
   */
  async writeObjects(collectionId: string, writes: readonly ObjectWrite[]): Promise<readonly AddResult[]> {
    let idRows = this.#idRows.get(collectionId);
    if (idRows === undefined) this.#loadIdRows(collectionId);
    else if (!idRows.loaded) idRows = undefined;
    /** What the id table takes in once this write has committed: [hash, dateAdded] pairs. */
    const learnt: IdRowsLearnt = { pairs: [], incomplete: false };
    try {
      const results =
        (idRows === undefined ? undefined : await this.#writeNew(collectionId, writes, idRows, learnt)) ??
        (await this.#write(collectionId, writes, idRows, learnt));
      if (idRows !== undefined && this.#idRows.get(collectionId) === idRows) {
        // Too much stored by others since to take in here: the table loads again, in pages.
        if (learnt.incomplete) this.#idRows.delete(collectionId);
        else
          for (const [hash, dateAdded] of learnt.pairs) {
            idRows.rows.add(hash, dateAdded);
            idRows.seen = Math.max(idRows.seen, dateAdded);
          }
      }
      return results;
    } catch (error) {
      // Whatever this write took in or added is not committed: the table starts again.
      if (idRows !== undefined && this.#idRows.get(collectionId) === idRows) this.#idRows.delete(collectionId);
      throw error;
    }
  }

  /**
   * The usual write — objects with versions, whose ids the id table has never seen, statuses
   * created complete — in ONE round trip: the lock and WRITE_NEW, which plans them as new
   * (planWrites with no stored rows) before anything is sent. Undefined, with nothing written,
   * when the write is not one of those, or WRITE_NEW finds that another process wrote meanwhile
   * or the collection was deleted: then #write makes it (and looks up what it must).
   */
  async #writeNew(
    collectionId: string,
    writes: readonly ObjectWrite[],
    idRows: CollectionIdRows,
    learnt: IdRowsLearnt,
  ): Promise<readonly AddResult[] | undefined> {
    const hashes: number[] = [];
    const candidates: number[] = [];
    for (const w of writes) {
      if (w.status !== undefined && (w.status.create === undefined || !w.status.final)) return undefined;
      for (const o of w.objects) {
        // An object without a version is versioned by its dateAdded, known only under the lock.
        if (o.version === undefined) return undefined;
        const hash = idHash(o.id);
        idRows.rows.rowidsOf(hash, candidates);
        if (candidates.length > 0) return undefined;
        hashes.push(hash);
      }
    }
    // Offsets from the first dateAdded, which WRITE_NEW adds.
    const plan = planWrites(writes, [], new Map(), 0);
    if (plan.inserts.length === 0 || plan.inserts.length > INSERT_CHUNK) return undefined;
    const seen = idRows.seen;
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    let base: number | null;
    try {
      const r = await queryPipelined<{ base: string | null }>(client, {
        before: inline(client, LOCK_COLLECTION_QUIETLY, [collectionId]),
        text: WRITE_NEW,
        name: 'taxiway_write_new',
        values: [...insertParams(collectionId, plan.inserts), seen, plan.next - 1, ...statusParams(plan.complete)],
      });
      const first = (r.rows[0] as { base: string | null }).base;
      base = first === null ? null : Number(first);
    } catch (error) {
      // Rolled back at the Sync; what pg recorded of the connection's prepared statements may be wrong.
      broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
    if (base === null) return undefined;
    const ids = new Map(writes.flatMap((w) => w.objects).map((o, i) => [o.id, hashes[i] as number]));
    for (const row of plan.inserts) learnt.pairs.push([ids.get(row.id) ?? idHash(row.id), base + row.dateAdded]);
    return plan.results;
  }

  async #write(
    collectionId: string,
    writes: readonly ObjectWrite[],
    idRows: CollectionIdRows | undefined,
    learnt: IdRowsLearnt,
  ): Promise<readonly AddResult[]> {
    return this.#transaction(async (client, tx) => {
      // The collection lock first: the checks and the lookup, later statements of the same
      // transaction, see every earlier writer's commit, and a delete or a settle committed meanwhile.
      const ids = [...new Set(writes.flatMap((w) => w.objects.map((o) => o.id)))];
      const statusIds = writes.flatMap((w) => reportedStatus(w) ?? []);
      // With the id table: the rows stored since it last took rows in (another process's), and
      // the rows it names for these ids; without it, every row of these ids.
      const candidates: number[] = [];
      const hashes = new Map<string, number>();
      if (idRows !== undefined)
        for (const id of ids) {
          const hash = idHash(id);
          hashes.set(id, hash);
          idRows.rows.rowidsOf(hash, candidates);
        }
      const lookups =
        idRows === undefined
          ? [ids.length > 0 ? inline(client, ROWS_OF_IDS, [collectionId, ids]) : 'SELECT 1 WHERE false']
          : [
              inline(client, ROWS_AFTER, [collectionId, String(idRows.seen), String(this.#idRowsPageSize)]),
              candidates.length > 0 ? inline(client, ROWS_AT, [collectionId, candidates.map(String), ids]) : 'SELECT 1 WHERE false',
            ];
      const [, clock, check, ...found] = (await client.query(
        [
          'BEGIN',
          inline(client, LOCK_COLLECTION, [collectionId]),
          inline(client, CHECK_WRITES, [collectionId, statusIds]),
          ...lookups,
        ].join(';\n'),
      )) as unknown as [unknown, pg.QueryResult, pg.QueryResult, ...pg.QueryResult[]];
      const { last_date_added: lastDateAdded, now } = clock.rows[0] as { last_date_added: string; now: string };
      const first = Math.max(Number(now), Number(lastDateAdded) + 1);
      const refused = refusedWrites(check.rows[0] as CheckRow, writes);

      let existing: ExistingRow[];
      if (idRows === undefined) existing = (found[0] as pg.QueryResult).rows as ExistingRow[];
      else {
        const after = (found[0] as pg.QueryResult).rows as ExistingRow[];
        const wanted = new Set(ids);
        existing = [...((found[1] as pg.QueryResult).rows as ExistingRow[]), ...after.filter((r) => wanted.has(r.id))];
        for (const r of after) learnt.pairs.push([idHash(r.id), Number(r.date_added)]);
        // More stored since than a write takes in: these ids are looked up as without the table.
        if (after.length >= this.#idRowsPageSize) {
          learnt.incomplete = true;
          if (ids.length > 0) existing = (await client.query(inline(client, ROWS_OF_IDS, [collectionId, ids]))).rows as ExistingRow[];
        }
      }

      const { inserts, results, changedRows, complete, updated, next } = planWrites(writes, existing, refused, first);
      for (const r of inserts) learnt.pairs.push([hashes.get(r.id) ?? idHash(r.id), r.dateAdded]);
      const lastSlice = inserts.length === 0 ? 0 : Math.floor((inserts.length - 1) / INSERT_CHUNK) * INSERT_CHUNK;
      // The last (usually the only) slice of rows goes in one statement with the flag updates,
      // the clock and the complete statuses (below): one round trip for the whole write.
      for (let i = 0; i < lastSlice; i += INSERT_CHUNK) {
        await insertRows(client, collectionId, inserts.slice(i, i + INSERT_CHUNK));
      }
      if (inserts.length > 0) {
        const params = [
          ...insertParams(collectionId, inserts.slice(lastSlice)),
          changedRows.map((r) => r.dateAdded),
          changedRows.map((r) => r.isLast),
          changedRows.map((r) => r.isFirst),
          changedRows.map((r) => r.isSpecLatest),
          next - 1,
          ...statusParams(complete),
        ];
        // The usual write (new objects, statuses created complete) ends here: its COMMIT goes in
        // the same round trip (commit-pipeline.ts). Measured: a 100-object write at 50,000 objects
        // 5.0–5.3 ms instead of 5.3–5.8 ms.
        if (updated.length === 0) {
          await queryThenCommit(client, WRITE_ROWS_FLAGS_CLOCK_STATUSES, params, 'taxiway_write');
          tx.committed = true;
        } else await client.query(WRITE_ROWS_FLAGS_CLOCK_STATUSES, params);
      } else if (complete.length > 0) await insertStatuses(client, complete);
      for (const i of updated) {
        const status = writes[i]?.status as StatusUpdate;
        const result = results[i] as AddResult;
        if (status.create !== undefined) await insertStatuses(client, [{ ...status.create, status: 'pending', successes: [] }]);
        await recordOutcome(client, status, (writes[i] as ObjectWrite).objects, [...result.added, ...result.duplicates], result.conflicts);
      }
      return results;
    }, null);
  }

  async getObjects(collectionId: string, query: ObjectQuery): Promise<Page<StoredObject>> {
    return this.#page(collectionId, query, true) as Promise<Page<StoredObject>>;
  }

  async getManifest(collectionId: string, query: ObjectQuery): Promise<Page<Omit<StoredObject, 'raw'>>> {
    return this.#page(collectionId, query, false);
  }

  async deleteObject(collectionId: string, id: string, query: Pick<ObjectQuery, 'versions' | 'specVersions'>): Promise<number> {
    return this.#transaction(async (client) => {
      // Under the collection lock, like addObjects: the flags of the remaining versions are
      // recomputed from a view no concurrent writer can change.
      await client.query(LOCK_COLLECTION, [collectionId]);
      const p = new Params();
      const where = whereClause(p, collectionId, { ...query, ids: [id] });
      const deleted = await client.query(
        `DELETE FROM objects WHERE collection_id = $1 AND date_added IN (SELECT o.date_added FROM objects o WHERE ${where})`,
        p.values,
      );
      const count = deleted.rowCount ?? 0;
      if (count > 0) {
        const remaining = await client.query<{
          date_added: string;
          version_micros: string;
          spec_version: string;
          is_last: boolean;
          is_first: boolean;
          is_spec_latest: boolean;
        }>(
          'SELECT date_added, version_micros, spec_version, is_last, is_first, is_spec_latest FROM objects WHERE collection_id = $1 AND id = $2',
          [collectionId, id],
        );
        const rows = remaining.rows.map((r) => ({
          dateAdded: Number(r.date_added),
          versionMicros: Number(r.version_micros),
          specVersion: r.spec_version,
          isLast: r.is_last,
          isFirst: r.is_first,
          isSpecLatest: r.is_spec_latest,
        }));
        await updateFlags(client, collectionId, reflag(rows));
      }
      return count;
    });
  }

  async createStatus(s: Status): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await insertStatuses(client, [s]);
    } finally {
      client.release();
    }
  }

  async getStatus(id: string): Promise<Status | undefined> {
    const r = await this.#pool.query<StatusRow>(
      `SELECT id, status, request_timestamp, total_count, successes, failures, pendings, owner, api_root, collection_id
       FROM statuses WHERE id = $1`,
      [id],
    );
    const row = r.rows[0];
    if (row === undefined) return undefined;
    return {
      id: row.id,
      status: row.status,
      requestTimestamp: row.request_timestamp,
      totalCount: row.total_count,
      successes: row.successes,
      failures: row.failures,
      pendings: row.pendings,
      owner: row.owner ?? undefined,
      apiRoot: row.api_root,
      collectionId: row.collection_id,
    };
  }

  async expireStatuses(before: Micros): Promise<number> {
    const r = await this.#pool.query('DELETE FROM statuses WHERE completed_at < $1', [before]);
    return r.rowCount ?? 0;
  }

  async settleAbandonedStatuses(before: Micros, ids?: readonly string[]): Promise<number> {
    const abandoned = (rows: readonly ActivityRow[]) =>
      rows.filter((r) => lastActivity(r.updated_at === null ? null : Number(r.updated_at), r.request_timestamp) < before).map((r) => r.id);
    // A plain read first: the common answer (nothing abandoned) locks nothing.
    const found = await this.#pool.query<ActivityRow>(
      `SELECT id, request_timestamp, updated_at FROM statuses WHERE status = 'pending'${ids === undefined ? '' : ' AND id = ANY($1)'}`,
      ids === undefined ? [] : [ids],
    );
    const candidates = abandoned(found.rows);
    if (candidates.length === 0) return 0;
    return this.#transaction(async (client) => {
      // Locked and read again (another process may be settling them, or a chunk may have been
      // recorded since); a status a write holds right now is alive, and SKIP LOCKED leaves it.
      const locked = await client.query<ActivityRow>(
        "SELECT id, request_timestamp, updated_at FROM statuses WHERE id = ANY($1) AND status = 'pending' FOR UPDATE SKIP LOCKED",
        [candidates],
      );
      const settle = abandoned(locked.rows);
      if (settle.length === 0) return 0;
      const r = await client.query(SETTLE_STATUSES, [settle, ABANDONED_MESSAGE, nowMicros()]);
      return r.rowCount ?? 0;
    });
  }

  async #page(collectionId: string, query: ObjectQuery, withRaw: boolean): Promise<Page<Omit<StoredObject, 'raw'> & { raw?: string }>> {
    const p = new Params();
    const limit = p.add(Math.max(1, Math.floor(query.limit)) + 1);
    const columns = `o.id, o.type, o.version, o.spec_version, o.date_added${withRaw ? ', o.raw' : ''}`;
    // `type = ANY(array)` cannot be read from the (collection, type, date_added) index in
    // date_added order: PostgreSQL then fetches and sorts every object of those types (seconds at
    // 1M objects). One ordered, LIMIT-ed scan per type, merged, keeps a page O(limit × types).
    const types = query.types ?? [];
    const branches = types.length === 0 ? [query] : types.map((type) => ({ ...query, types: [type] }));
    const scans = branches.map(
      (branch) =>
        `(SELECT ${columns} FROM objects o WHERE ${whereClause(p, collectionId, branch as Selection)} ORDER BY o.date_added LIMIT ${limit})`,
    );
    const sql = scans.length === 1 ? scans[0] : `SELECT * FROM (${scans.join(' UNION ALL ')}) o ORDER BY o.date_added LIMIT ${limit}`;
    // Rows as arrays: pg then builds no object per row (as SqliteStorage's #pageRows).
    const r = await this.#pool.query<PageRow>({ text: sql, values: p.values, rowMode: 'array' });
    const more = r.rows.length > query.limit;
    const rows = more ? r.rows.slice(0, query.limit) : r.rows;
    return {
      more,
      items: rows.map((row) => itemOf(row, withRaw)),
    };
  }

  /**
   * TAXII 2.0 item ranges. The skip is an index-only scan of date_added (the primary key and the
   * partial indexes hold it); the rows are fetched for the page only. The page and the count run
   * in one REPEATABLE READ snapshot, so `total` describes the same data as `items`.
   */
  async getObjectsRange(collectionId: string, query: RangeQuery): Promise<RangePage<StoredObject>> {
    const limit = Math.max(1, Math.floor(query.limit));
    const offset = Math.max(0, Math.floor(query.offset));
    // One snapshot for the page, its total and its rows.
    return this.#transaction(async (client) => {
      const p = new Params();
      // One scan per type, merged (see #page): a page deep in a type stays an index walk.
      const branches = query.types === undefined ? [query] : query.types.map((type) => ({ ...query, types: [type] }));
      const arms = branches.map((b) => `SELECT o.date_added FROM objects o WHERE ${whereClause(p, collectionId, b as Selection)}`);
      const window = `ORDER BY date_added OFFSET ${p.add(offset)} LIMIT ${p.add(limit + 1)}`;
      const sql = arms.length === 1 ? `${arms[0]} ${window}` : `SELECT date_added FROM (${arms.join(' UNION ALL ')}) o ${window}`;
      const keys = (await client.query<{ date_added: string }>(sql, p.values)).rows.map((r) => r.date_added);
      const more = keys.length > limit;
      let total = offset + Math.min(keys.length, limit);
      if (more || (keys.length === 0 && offset > 0)) {
        const c = new Params();
        const where = whereClause(c, collectionId, query as Selection);
        const counted = await client.query<{ n: string }>(`SELECT count(*) AS n FROM objects o WHERE ${where}`, c.values);
        total = Number(counted.rows[0]?.n ?? 0);
      }
      let items: StoredObject[] = [];
      if (keys.length > 0) {
        const rows = await client.query<PageRow>({
          text: `SELECT id, type, version, spec_version, date_added, raw FROM objects
         WHERE collection_id = $1 AND date_added = ANY($2::bigint[]) ORDER BY date_added`,
          values: [collectionId, keys.slice(0, limit)],
          rowMode: 'array',
        });
        items = rows.rows.map((row) => itemOf(row, true) as StoredObject);
      }
      return { items, total };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  /**
   * Runs `work` in a transaction on a pooled connection: BEGIN (`begin`; null when `work` sends it
   * with its first statement), then COMMIT unless `work` committed itself (tx.committed, after
   * queryThenCommit); ROLLBACK on any error.
   */
  async #transaction<T>(
    work: (client: pg.PoolClient, tx: { committed: boolean }) => Promise<T>,
    begin: string | null = 'BEGIN',
  ): Promise<T> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      if (begin !== null) await client.query(begin);
      const tx = { committed: false };
      const result = await work(client, tx);
      if (!tx.committed) await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => {
        broken = e;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** What a group of writes stores and reports, given the rows already stored for its ids (under the collection lock). */
interface WritePlan {
  readonly inserts: readonly NewRow[];
  readonly results: readonly AddResult[];
  /** Rows stored before whose version flags change. */
  readonly changedRows: readonly Row[];
  /** The statuses created by a final write: inserted complete. */
  readonly complete: readonly Status[];
  /** Indexes of the writes whose status is updated (or created pending) one by one. */
  readonly updated: readonly number[];
  /** The dateAdded after the last one handed out. */
  readonly next: Micros;
}

/**
 * Decides each object of `writes` against `existing` (every stored row of their ids) and the rows
 * of earlier writes of the group: added with dateAdded `next`, `next + 1`, …, a duplicate or a
 * conflict; then the version flags and the statuses.
 */
function planWrites(
  writes: readonly ObjectWrite[],
  existing: readonly ExistingRow[],
  refused: ReadonlyMap<ObjectWrite, string>,
  next: Micros,
): WritePlan {
  const rowsById = new Map<string, Row[]>();
  for (const r of existing) {
    pushTo(rowsById, r.id, {
      dateAdded: Number(r.date_added),
      id: r.id,
      version: r.version,
      versionMicros: Number(r.version_micros),
      versioned: r.versioned,
      specVersion: r.spec_version,
      isLast: r.is_last,
      isFirst: r.is_first,
      isSpecLatest: r.is_spec_latest,
      hash: r.content_hash,
    });
  }

  const inserts: NewRow[] = [];
  const results: AddResult[] = [];
  for (const w of writes) {
    const refusal = refused.get(w);
    if (refusal !== undefined) {
      results.push(refusedWrite(w.objects, refusal));
      continue;
    }
    const added: StatusDetail[] = [];
    const duplicates: StatusDetail[] = [];
    const conflicts: StatusDetail[] = [];
    for (const o of w.objects) {
      // Of the content, not of its spelling (storage.ts, IncomingObject.identity).
      const hash = sha256(identityOf(o));
      // Rows stored before and rows of earlier writes of this group: a later write sees them.
      const rows = rowsById.get(o.id) ?? [];
      let versionMicros: Micros;
      let version: string;
      let dateAdded: Micros;
      if (o.version === undefined) {
        // No modified/created: the version is the dateAdded (storage.ts). The same content
        // posted again is a duplicate rather than a new version each time.
        const same = rows.find((r) => !r.versioned && r.specVersion === o.specVersion && r.hash.equals(hash));
        if (same !== undefined) {
          duplicates.push({ id: o.id, version: same.version });
          continue;
        }
        dateAdded = next++;
        versionMicros = dateAdded;
        version = formatMicros(dateAdded);
      } else {
        const micros = parseMicros(o.version);
        if (micros === undefined) {
          conflicts.push({ id: o.id, version: o.version, message: 'version is not a valid timestamp' });
          continue;
        }
        const same = rows.find((r) => r.versionMicros === micros && r.specVersion === o.specVersion);
        if (same !== undefined) {
          if (same.hash.equals(hash)) duplicates.push({ id: o.id, version: o.version });
          else
            conflicts.push({
              id: o.id,
              version: o.version,
              message: 'a different object with this id, version and spec_version is already stored',
            });
          continue;
        }
        dateAdded = next++;
        versionMicros = micros;
        version = o.version;
      }
      const row: NewRow = {
        dateAdded,
        id: o.id,
        type: o.type,
        version,
        versionMicros,
        versioned: o.version !== undefined,
        specVersion: o.specVersion,
        isLast: false,
        isFirst: false,
        isSpecLatest: false,
        hash,
        raw: o.raw,
      };
      pushTo(rowsById, o.id, row);
      inserts.push(row);
      added.push({ id: o.id, version });
    }
    results.push({ added, duplicates, conflicts });
  }

  const changedRows: Row[] = [];
  if (inserts.length > 0) {
    const fresh = new Set<Row>(inserts);
    for (const id of new Set(inserts.map((r) => r.id))) {
      for (const r of reflag(rowsById.get(id) ?? [])) if (!fresh.has(r)) changedRows.push(r);
    }
  }

  // Statuses: those created by a final write are inserted complete, all in one statement
  // (the INSERT of the rows when there are rows); the others (created pending, or chunks of a
  // large POST) are updated one by one.
  const complete: Status[] = [];
  const updated: number[] = [];
  for (let i = 0; i < writes.length; i++) {
    const status = writes[i]?.status;
    const result = results[i] as AddResult;
    if (status === undefined) continue;
    // A settled status is left as it is (storage.ts); a deleted collection's failures are recorded.
    if (refused.get(writes[i] as ObjectWrite) === STATUS_SETTLED_MESSAGE) continue;
    const successes = [...result.added, ...result.duplicates];
    if (status.create !== undefined && status.final) {
      complete.push({
        ...status.create,
        status: 'complete',
        successes,
        failures: [...status.create.failures, ...result.conflicts],
        pendings: [],
      });
      continue;
    }
    updated.push(i);
  }
  return { inserts, results, changedRows, complete, updated, next };
}

function nowMicros(): Micros {
  return Date.now() * 1000;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

async function insertRows(client: pg.PoolClient, collectionId: string, rows: readonly NewRow[]): Promise<void> {
  await client.query(INSERT_OBJECTS, insertParams(collectionId, rows));
}

async function updateFlags(
  client: pg.PoolClient,
  collectionId: string,
  rows: readonly (FlaggedRow & { readonly dateAdded: Micros })[],
): Promise<void> {
  if (rows.length === 0) return;
  await client.query(UPDATE_FLAGS, [
    collectionId,
    rows.map((r) => r.dateAdded),
    rows.map((r) => r.isLast),
    rows.map((r) => r.isFirst),
    rows.map((r) => r.isSpecLatest),
  ]);
}

/** $1…$13 of INSERT_OBJECTS; the arrays in binary (binary-arrays.ts). */
function insertParams(collectionId: string, rows: readonly NewRow[]): unknown[] {
  return [
    collectionId,
    int8Array(rows.map((r) => r.dateAdded)),
    textArray(rows.map((r) => r.id)),
    textArray(rows.map((r) => r.type)),
    textArray(rows.map((r) => r.version)),
    int8Array(rows.map((r) => r.versionMicros)),
    boolArray(rows.map((r) => r.versioned)),
    textArray(rows.map((r) => r.specVersion)),
    boolArray(rows.map((r) => r.isLast)),
    boolArray(rows.map((r) => r.isFirst)),
    boolArray(rows.map((r) => r.isSpecLatest)),
    byteaArray(rows.map((r) => r.hash)),
    textArray(rows.map((r) => r.raw)),
  ];
}

/** The existing status a write reports to (not one it creates). */
function reportedStatus(w: ObjectWrite): string | undefined {
  return w.status !== undefined && w.status.create === undefined ? w.status.id : undefined;
}

/**
 * The writes to refuse, each with its message (CHECK_WRITES): every one when the collection was
 * deleted; before that, those reporting to an existing status that is no longer pending.
 */
function refusedWrites({ deleted, settled }: CheckRow, writes: readonly ObjectWrite[]): Map<ObjectWrite, string> {
  const refused = new Map<ObjectWrite, string>();
  for (const w of writes) {
    const id = reportedStatus(w);
    if (id !== undefined && settled.includes(id)) refused.set(w, STATUS_SETTLED_MESSAGE);
    else if (deleted) refused.set(w, COLLECTION_DELETED_MESSAGE);
  }
  return refused;
}

/**
 * A statement with its $n replaced by literals (strings, or string arrays as array literals), so
 * that several statements go in one simple query, one round trip. Every value goes through
 * escapeLiteral: nothing of it is read as SQL.
 */
function inline(client: pg.PoolClient, sql: string, values: readonly (string | readonly string[])[]): string {
  return sql.replace(/\$(\d+)/g, (_match, n: string) => {
    const value = values[Number(n) - 1];
    if (value === undefined) throw new Error(`inline: no value for $${n}`);
    if (typeof value === 'string') return client.escapeLiteral(value);
    return client.escapeLiteral(`{${value.map((e) => `"${e.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`);
  });
}

/** Inserts statuses in one statement (multi-row unnest). */
async function insertStatuses(client: pg.PoolClient, statuses: readonly Status[]): Promise<void> {
  await client.query(insertStatusesSql(0), statusParams(statuses));
}

/** The 11 arrays of insertStatusesSql. */
function statusParams(statuses: readonly Status[]): unknown[] {
  const completedAt = nowMicros();
  return [
    statuses.map((s) => s.id),
    statuses.map((s) => s.status),
    statuses.map((s) => s.requestTimestamp),
    statuses.map((s) => s.totalCount),
    statuses.map((s) => JSON.stringify(s.successes)),
    statuses.map((s) => JSON.stringify(s.failures)),
    statuses.map((s) => JSON.stringify(s.pendings)),
    statuses.map((s) => s.owner ?? null),
    statuses.map((s) => s.apiRoot),
    statuses.map((s) => s.collectionId),
    statuses.map((s) => (s.status === 'complete' ? completedAt : null)),
  ];
}

/** Adds one addObjects call's outcome to its status, in the caller's transaction. */
async function recordOutcome(
  client: pg.PoolClient,
  status: StatusUpdate,
  objects: readonly IncomingObject[],
  successes: readonly StatusDetail[],
  failures: readonly StatusDetail[],
): Promise<void> {
  const r = await client.query<Pick<StatusRow, 'successes' | 'failures' | 'pendings'>>(
    'SELECT successes, failures, pendings FROM statuses WHERE id = $1 FOR UPDATE',
    [status.id],
  );
  const row = r.rows[0];
  if (row === undefined) return;
  // A pending entry is settled by an object of this call with its id and version (any version
  // when the object had none: the server could not know the version it would get); the final
  // call settles them all.
  const settled = new Set(objects.map((o) => `${o.id}\u0000${o.version ?? ''}`));
  const unversioned = new Set(objects.filter((o) => o.version === undefined).map((o) => o.id));
  const pendings = status.final ? [] : row.pendings.filter((d) => !settled.has(`${d.id}\u0000${d.version}`) && !unversioned.has(d.id));
  await client.query(
    `UPDATE statuses SET successes = $2::jsonb, failures = $3::jsonb, pendings = $4::jsonb,
       status = CASE WHEN $5 THEN 'complete' ELSE status END,
       completed_at = CASE WHEN $5 THEN $6::bigint ELSE completed_at END, updated_at = $6::bigint
     WHERE id = $1`,
    [
      status.id,
      JSON.stringify([...row.successes, ...successes]),
      JSON.stringify([...row.failures, ...failures]),
      JSON.stringify(pendings),
      status.final,
      nowMicros(),
    ],
  );
}

function toCollection(r: CollectionRow): CollectionRecord {
  return {
    apiRoot: r.api_root,
    id: r.id,
    title: r.title,
    ...(r.description === null ? {} : { description: r.description }),
    ...(r.alias === null ? {} : { alias: r.alias }),
    read: r.can_read,
    write: r.can_write,
    mediaTypes: r.media_types,
  };
}
