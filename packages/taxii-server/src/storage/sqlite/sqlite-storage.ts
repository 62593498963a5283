/**
 * The embedded storage backend: one SQLite file through better-sqlite3 (synchronous; each public
 * method is one statement or one transaction, wrapped in a resolved promise).
 *
 * Ordering: addObjects runs as one BEGIN IMMEDIATE transaction, so the write lock is held from
 * reading the collection's last_date_added to COMMIT. dateAdded = max(now µs, last + 1) therefore
 * increases in commit order, also across processes sharing the file; WAL readers see a snapshot,
 * so a reader that saw dateAdded D never later finds a new object at or below D.
 *
 * Durability (`synchronous`): in WAL mode
 *  - 'NORMAL' (default) syncs the WAL only at checkpoints. A process crash loses nothing that was
 *    committed; a power loss or OS crash may lose the last transactions committed before it, but
 *    never corrupts the file and never leaves half a transaction (each addObjects is all or
 *    nothing). A client whose POST was acknowledged may then have to re-send it: re-adding is
 *    idempotent, so that is safe.
 *  - 'FULL' syncs the WAL on every commit: acknowledged transactions survive power loss, at the
 *    price of one fsync per addObjects call.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { idHash } from '../id-hash.js';
import { IdRows } from '../id-rows.js';
import type { RangePage, RangeQuery } from '../storage.js';
import {
  ABANDONED_MESSAGE,
  type AddResult,
  COLLECTION_DELETED_MESSAGE,
  type CollectionRecord,
  canonicalText,
  formatMicros,
  type IncomingObject,
  identityOf,
  lastActivity,
  type Micros,
  type ObjectQuery,
  type ObjectWrite,
  type Page,
  parseMicros,
  refusedWrite,
  STATUS_SETTLED_MESSAGE,
  type Status,
  type StatusDetail,
  type StatusUpdate,
  type Storage,
  type StoredObject,
} from '../storage.js';
import { migrate } from './migrations.js';

export interface SqliteStorageOptions {
  /** A file path, or ':memory:' (one private in-memory database, gone on close). */
  readonly path: string;
  /** Default 'NORMAL' (see the durability note above). */
  readonly synchronous?: 'NORMAL' | 'FULL';
  /** How long a writer waits for another process's write lock, in ms; default 5000. */
  readonly busyTimeoutMs?: number;
  /**
   * Whether this connection checkpoints the WAL (a checkpoint worker, and the automatic
   * checkpoint as a backstop); default true. False for a connection that only reads beside a
   * writing one (ThreadedSqliteStorage): checkpoints belong to the writer.
   */
  readonly checkpoints?: boolean;
  /**
   * This connection's page cache, in KiB; default 65536 (64 MiB: the hot index pages of a
   * 1M-object store, for reads). ThreadedSqliteStorage gives its writing connection less: see
   * WRITER_CACHE_KIB there.
   */
  readonly cacheSizeKiB?: number;
}

/** A row of a page query, as an array (`.raw()`): id, type, version, spec_version, date_added[, raw]. */
type PageRow = [id: string, type: string, version: string, specVersion: string, dateAdded: number, raw?: string];

interface CollectionRow {
  api_root: string;
  id: string;
  title: string;
  description: string | null;
  alias: string | null;
  read_users: string;
  write_users: string;
  media_types: string;
}

interface StatusRow {
  id: string;
  status: 'pending' | 'complete';
  request_timestamp: string;
  total_count: number;
  owner: string | null;
  api_root: string;
  collection_id: string;
}

type DetailKind = 'success' | 'failure' | 'pending';

interface PartRow {
  seq: number;
  kind: DetailKind;
  details: string;
}

type Params = Record<string, string | number>;

/** A collection's id → rowid table (id-rows.ts) and the greatest date_added it has taken in. */
interface CollectionIdRows {
  readonly rows: IdRows;
  seen: number;
  /** Whether a catch-up has once taken in every row (loadIdRows loads the others in slices). */
  loaded: boolean;
}

/** A stored (or, within one addObjects call, just inserted) version of an id. */
interface KnownRow {
  id: string;
  version: string;
  vm: number;
  sv: string;
  /** rowid (0 for a row inserted by this call, whose raw and maybe identity are known). */
  r: number;
  raw?: string;
  identity?: string | undefined;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

const CONFLICT = 'a different object with this id, version and spec_version is already stored';
const MALFORMED_VERSION = 'the version (modified or created) is not a valid timestamp';

/** SqliteStorageOptions.cacheSizeKiB's default. */
const DEFAULT_CACHE_KIB = 65536;

/** The WAL size (pages) at which the writing connection checkpoints by itself (about 64 MiB). */
const BACKSTOP_CHECKPOINT_PAGES = 16384;
/** How often the checkpoint worker runs a PASSIVE checkpoint (never blocking readers or writers). */
const CHECKPOINT_INTERVAL_MS = 50;

/**
 * The checkpoint worker: plain JavaScript (eval), so that it runs the same from src/ under tsx
 * and from dist/. A PASSIVE checkpoint with nothing new in the WAL returns without any I/O.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = ' + workerData.synchronous);
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: another checkpointer; next time */ }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

function startCheckpointer(path: string, synchronous: 'NORMAL' | 'FULL'): { stop(): Promise<void> } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { driver, path, synchronous, intervalMs: CHECKPOINT_INTERVAL_MS } });
  worker.unref();
  // A worker that fails (cannot open the file…) leaves checkpoints to the backstop.
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Unref'd, the worker does not keep the event loop alive while close() awaits its exit: a
      // caller's `await storage.close()` then never settled (found by e2e-concurrent.test.ts).
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

/**
 * Loads `storage`'s id tables a slice of `rowsPerTurn` rows per turn of the calling thread's event
 * loop (SqliteStorage.loadIdRows), until they are loaded, `stopped()` says so, or a read fails —
 * the lookups then load what they need. Settles when it ends.
 */
export function loadIdRowsInTurns(storage: SqliteStorage, rowsPerTurn: number, stopped: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const slice = (): void => {
      try {
        if (!stopped() && !storage.loadIdRows(rowsPerTurn)) {
          setImmediate(slice);
          return;
        }
      } catch {
        // Closed meanwhile, or a read failed.
      }
      resolve();
    };
    setImmediate(slice);
  });
}

function nowMicros(): Micros {
  return Date.now() * 1000;
}

function detail(id: string, version: string, message?: string): StatusDetail {
  return message === undefined ? { id, version } : { id, version, message };
}

/** Only the fields of a detail (a caller's object may carry more), message only when there is one. */
function copyDetail(d: StatusDetail): StatusDetail {
  return detail(d.id, d.version, d.message ?? undefined);
}

export class SqliteStorage implements Storage {
  readonly #options: SqliteStorageOptions;
  #db: Database.Database | undefined;
  readonly #statements = new Map<string, Database.Statement>();
  /** collection id → ckey; a mapping is never changed once made, so caching it is safe. */
  readonly #ckeys = new Map<string, number>();
  /** ckey → its id table, loaded by loadIdRows or at the first lookup (#idRowsOf). */
  readonly #idRows = new Map<number, CollectionIdRows>();
  #checkpointer: { stop(): Promise<void> } | undefined;

  constructor(options: SqliteStorageOptions) {
    this.#options = options;
  }

  async open(): Promise<void> {
    if (!this.#db) {
      const db = new Database(this.#options.path);
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${this.#options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(this.#options.busyTimeoutMs ?? 5000))}`);
      db.pragma(`cache_size = -${Math.max(1024, Math.floor(this.#options.cacheSizeKiB ?? DEFAULT_CACHE_KIB))}`);
      db.pragma('temp_store = MEMORY');
      // The versions of one object, for the first/last filter under an explicit spec_version
      // (filter()): the table is brought up to date before any statement that calls this runs.
      db.function('taxiway_id_rows', { deterministic: false, directOnly: true }, (ckey: unknown, hash: unknown) => {
        const entry = this.#idRows.get(Number(ckey));
        if (entry === undefined) throw new Error('taxiway_id_rows: the id table of this collection was not loaded');
        return JSON.stringify(entry.rows.rowidsOf(Number(hash)));
      });
      this.#db = db;
    }
    migrate(this.#db);
    if (this.#options.checkpoints === false) this.#db.pragma('wal_autocheckpoint = 0');
    else if (!this.#checkpointer && this.#db.pragma('journal_mode', { simple: true }) === 'wal') {
      // Checkpoints run on a second connection in a worker thread, so that their fsyncs (about
      // half the cost of a commit when the connection checkpoints itself every 1000 pages) do not
      // block the event loop. The connection's own automatic checkpoint stays as a backstop, at a
      // threshold the worker keeps the WAL far below.
      this.#db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
      this.#checkpointer = startCheckpointer(this.#options.path, this.#options.synchronous === 'FULL' ? 'FULL' : 'NORMAL');
    }
  }

  async close(): Promise<void> {
    this.#statements.clear();
    this.#ckeys.clear();
    this.#idRows.clear();
    const checkpointer = this.#checkpointer;
    this.#checkpointer = undefined;
    if (checkpointer) await checkpointer.stop();
    this.#db?.close();
    this.#db = undefined;
  }

  // ---------------------------------------------------------------- plumbing

  #conn(): Database.Database {
    if (!this.#db) throw new Error('SqliteStorage: open() has not been called');
    return this.#db;
  }

  /** Prepared statements, cached by their SQL text (the query builder emits a bounded set). */
  #stmt(sql: string): Database.Statement {
    let s = this.#statements.get(sql);
    if (!s) {
      s = this.#conn().prepare(sql);
      this.#statements.set(sql, s);
    }
    return s;
  }

  /**
   * The rows of a page query as arrays (PageRow): better-sqlite3 then builds no object per row,
   * which measured as a third of a page's read time (100 rows: 95 µs instead of 160 µs) and, in
   * the server, up to 1.5× the GET requests/s with less garbage to collect.
   */
  #pageRows(sql: string, params: Params | string): PageRow[] {
    const statement = this.#stmt(sql).raw(true);
    try {
      return statement.all(params) as PageRow[];
    } finally {
      statement.raw(false);
    }
  }

  #ckey(collectionId: string): number | undefined {
    const cached = this.#ckeys.get(collectionId);
    if (cached !== undefined) return cached;
    const row = this.#stmt('SELECT ckey FROM object_collections WHERE collection_id = ?').get(collectionId) as { ckey: number } | undefined;
    if (row) this.#ckeys.set(collectionId, row.ckey);
    return row?.ckey;
  }

  /**
   * The collection's id table, brought up to date: call it inside the transaction or read
   * snapshot of the statements that use it. Within a collection date_added increases in commit
   * order (see the header), whichever process writes, so the rows after the greatest one already
   * taken in are exactly those committed since; this connection's own inserts are added as they
   * are made (#write), and a rolled-back transaction drops every table (#forgetOnFailure).
   */
  #idRowsOf(ckey: number): IdRows {
    const entry = this.#idRowsEntry(ckey);
    this.#catchUp(ckey, entry, -1);
    return entry.rows;
  }

  #idRowsEntry(ckey: number): CollectionIdRows {
    let entry = this.#idRows.get(ckey);
    if (entry === undefined) {
      entry = { rows: new IdRows(), seen: -1, loaded: false };
      this.#idRows.set(ckey, entry);
    }
    return entry;
  }

  /** Takes in up to `limit` (-1: all) of the rows after `seen`; how many it took. */
  #catchUp(ckey: number, entry: CollectionIdRows, limit: number): number {
    const newer = this.#stmt(
      'SELECT id_hash, rowid, date_added FROM objects INDEXED BY objects_added_hash WHERE ckey = ? AND date_added > ? ORDER BY date_added LIMIT ?',
    ).raw(true);
    let taken = 0;
    try {
      for (const [hash, rowid, dateAdded] of newer.iterate(ckey, entry.seen, limit) as IterableIterator<[number, number, number]>) {
        entry.rows.add(hash, rowid);
        entry.seen = dateAdded;
        taken++;
      }
    } finally {
      newer.raw(false);
    }
    if (limit < 0 || taken < limit) entry.loaded = true;
    return taken;
  }

  /**
   * Loads the id tables of the stored collections a slice at a time: takes in up to `rows` rows
   * (one read; about 1.2 ms per 1,000) and says whether every table is loaded. A lookup before
   * then loads the rest of its table at once (#idRowsOf): ThreadedSqliteStorage calls this after
   * open, a slice per turn of each thread's event loop, so that neither the first write (1.2 s
   * at 1,000,000 objects, measured) nor the first id query holds its thread that long.
   */
  loadIdRows(rows: number): boolean {
    const ckeys = this.#stmt('SELECT ckey FROM object_collections').pluck().all() as number[];
    return this.#conn().transaction((): boolean => {
      let budget = Math.max(1, Math.floor(rows));
      for (const ckey of ckeys) {
        const entry = this.#idRowsEntry(ckey);
        if (entry.loaded) continue;
        if (budget === 0) return false;
        budget -= this.#catchUp(ckey, entry, budget);
        if (!entry.loaded) return false;
      }
      return true;
    })();
  }

  /**
   * The JSON array of the rowids that may hold one of `ids` (the SQL compares the ids themselves),
   * from the table as it is: the caller brought it up to date in this transaction.
   */
  #candidateRows(rows: IdRows, ids: Iterable<string>): string {
    const rowids: number[] = [];
    for (const id of new Set(ids)) rows.rowidsOf(idHash(id), rowids);
    return JSON.stringify(rowids);
  }

  /**
   * Runs a read that may use the id table — match[id], or the first/last filter under an explicit
   * match[spec_version], whose subquery calls taxiway_id_rows — in one snapshot with the table's
   * catch-up (or always, with `snapshot`); `read` gets the candidate rowids of match[id].
   */
  #withIdRows<T>(
    ckey: number,
    query: Pick<ObjectQuery, 'ids' | 'specVersions'>,
    read: (candidates: string | undefined) => T,
    snapshot = false,
  ): T {
    if (!snapshot && query.ids === undefined && query.specVersions === undefined) return read(undefined);
    return this.#conn().transaction((): T => {
      if (query.ids === undefined && query.specVersions === undefined) return read(undefined);
      const rows = this.#idRowsOf(ckey);
      return read(query.ids === undefined ? undefined : this.#candidateRows(rows, query.ids));
    })();
  }

  /** Runs a write transaction; if it fails, the id tables may hold its rolled-back changes: dropped. */
  #forgetOnFailure<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      this.#idRows.clear();
      throw error;
    }
  }

  // ---------------------------------------------------------------- collections

  async upsertCollection(c: CollectionRecord): Promise<void> {
    this.#stmt(
      `INSERT INTO collections (api_root, id, title, description, alias, read_users, write_users, media_types)
       VALUES (@apiRoot, @id, @title, @description, @alias, @read, @write, @mediaTypes)
       ON CONFLICT (api_root, id) DO UPDATE SET
         title = excluded.title, description = excluded.description, alias = excluded.alias,
         read_users = excluded.read_users, write_users = excluded.write_users, media_types = excluded.media_types`,
    ).run({
      apiRoot: c.apiRoot,
      id: c.id,
      title: c.title,
      description: c.description ?? null,
      alias: c.alias ?? null,
      read: JSON.stringify(c.read),
      write: JSON.stringify(c.write),
      mediaTypes: JSON.stringify(c.mediaTypes),
    });
  }

  async listCollections(apiRoot: string): Promise<readonly CollectionRecord[]> {
    // Sorted by id: a consistent order across requests (TAXII 2.1 §3.3; the interop document).
    const rows = this.#stmt('SELECT * FROM collections WHERE api_root = ? ORDER BY id').all(apiRoot) as CollectionRow[];
    return rows.map(toCollection);
  }

  async getCollection(apiRoot: string, idOrAlias: string): Promise<CollectionRecord | undefined> {
    const row = this.#stmt(
      'SELECT * FROM collections WHERE api_root = @apiRoot AND (id = @key OR alias = @key) ORDER BY id = @key DESC LIMIT 1',
    ).get({ apiRoot, key: idOrAlias }) as CollectionRow | undefined;
    return row && toCollection(row);
  }

  async deleteCollection(apiRoot: string, id: string): Promise<boolean> {
    const db = this.#conn();
    return db
      .transaction((): boolean => {
        if (this.#stmt('DELETE FROM collections WHERE api_root = ? AND id = ?').run(apiRoot, id).changes === 0) return false;
        // Objects belong to the collection id (object_collections), which another API root may hold.
        if (this.#stmt('SELECT 1 FROM collections WHERE id = ?').get(id)) return true;
        // The object_collections row stays (made if the collection never had objects): its
        // last_date_added keeps dateAdded increasing for a collection created again under this id
        // (and the cached ckey stays right); `deleted` refuses the writes that come meanwhile.
        this.#stmt(
          `INSERT INTO object_collections (collection_id, last_date_added, deleted) VALUES (?, 0, 1)
           ON CONFLICT (collection_id) DO UPDATE SET deleted = 1`,
        ).run(id);
        const ckey = this.#ckey(id) as number;
        this.#stmt('DELETE FROM objects WHERE ckey = ?').run(ckey);
        this.#idRows.delete(ckey);
        return true;
      })
      .immediate();
  }

  // ---------------------------------------------------------------- objects: write

  async addObjects(collectionId: string, objects: readonly IncomingObject[], status?: StatusUpdate): Promise<AddResult> {
    const [result] = await this.writeObjects(collectionId, [status === undefined ? { objects } : { objects, status }]);
    return result as AddResult;
  }

  async writeObjects(collectionId: string, writes: readonly ObjectWrite[]): Promise<readonly AddResult[]> {
    const db = this.#conn();
    const run = db.transaction((): AddResult[] => {
      // Under the write lock, which deleteCollection takes too (storage.ts: refused writes).
      const deleted = this.#collectionDeleted(collectionId);
      return writes.map((w) => this.#write(collectionId, w.objects, w.status, deleted));
    });
    return this.#forgetOnFailure(() => run.immediate());
  }

  /**
   * Whether deleteCollection took the objects of this id and no API root has a collection with it
   * again. An id without the flag (one that never had a collection: tests, benches) is writable.
   */
  #collectionDeleted(collectionId: string): boolean {
    return (
      this.#stmt(
        `SELECT 1 FROM object_collections WHERE collection_id = ? AND deleted = 1
           AND NOT EXISTS (SELECT 1 FROM collections WHERE id = ?)`,
      ).get(collectionId, collectionId) !== undefined
    );
  }

  /** One write, inside the caller's transaction. */
  #write(collectionId: string, objects: readonly IncomingObject[], status: StatusUpdate | undefined, deleted: boolean): AddResult {
    // A status created and completed by this one write (a POST of one chunk) is inserted once,
    // complete, after the objects: no pending row to settle, no part to delete.
    const whole = status?.create !== undefined && status.final ? status.create : undefined;
    if (status?.create && !whole) this.#insertStatus({ ...status.create, status: 'pending', successes: [] });
    // A status settled meanwhile (abandoned) already reported these objects as failures: storing
    // them or adding outcomes would count them twice. It is left as it is.
    else if (status && !whole && this.#stmt("SELECT 1 FROM statuses WHERE id = ? AND status <> 'pending'").get(status.id))
      return refusedWrite(objects, STATUS_SETTLED_MESSAGE);
    const settle = (outcomes: readonly { kind: 'success' | 'failure'; detail: StatusDetail }[]): void => {
      if (whole)
        this.#insertStatus({
          ...whole,
          status: 'complete',
          successes: outcomes.filter((o) => o.kind === 'success').map((o) => o.detail),
          failures: [...whole.failures, ...outcomes.filter((o) => o.kind === 'failure').map((o) => o.detail)],
          pendings: [],
        });
      else if (status) this.#recordOutcomes(status.id, status.final, outcomes);
    };
    if (deleted) {
      const refused = refusedWrite(objects, COLLECTION_DELETED_MESSAGE);
      settle(refused.conflicts.map((d) => ({ kind: 'failure', detail: d })));
      return refused;
    }
    const added: StatusDetail[] = [];
    const duplicates: StatusDetail[] = [];
    const conflicts: StatusDetail[] = [];
    /** In input order, for the status. */
    const outcomes: { kind: 'success' | 'failure'; detail: StatusDetail }[] = [];
    if (objects.length > 0) {
      const ckey = this.#ensureCkey(collectionId);
      const clock = this.#stmt('SELECT last_date_added AS last FROM object_collections WHERE ckey = ?').get(ckey) as {
        last: number;
      };
      const now = nowMicros();
      let last = clock.last;
      // Every stored version of the call's ids, in one query (by the rowids of the id table),
      // and none when the table has none of them (a feed's new objects): the duplicate /
      // conflict checks and "is this the id's first row" need no statement per object. raw is
      // read only for a (rare) key match.
      const known = new Map<string, KnownRow[]>();
      const hashes = new Map<string, number>();
      for (const o of objects) if (!hashes.has(o.id)) hashes.set(o.id, idHash(o.id));
      const idRows = this.#idRowsOf(ckey);
      const candidates: number[] = [];
      for (const hash of hashes.values()) idRows.rowidsOf(hash, candidates);
      if (candidates.length > 0) {
        const rows = this.#stmt(
          `SELECT id, version, version_micros AS vm, spec_version AS sv, rowid AS r FROM objects NOT INDEXED
             WHERE rowid IN (SELECT value FROM json_each(?)) AND ckey = ? AND id IN (SELECT value FROM json_each(?))`,
        ).all(JSON.stringify(candidates), ckey, JSON.stringify([...hashes.keys()])) as KnownRow[];
        for (const r of rows) pushTo(known, r.id, r);
      }
      const rawOf = this.#stmt('SELECT raw FROM objects WHERE rowid = ?').pluck();
      // The same content whatever its spelling (storage.ts, IncomingObject.identity).
      const sameContent = (k: KnownRow, identity: string): boolean =>
        (k.identity ?? canonicalText(k.raw ?? (rawOf.get(k.r) as string))) === identity;
      const insert = this.#stmt(
        `INSERT INTO objects (ckey, id, id_hash, type, version, version_micros, spec_version, date_added, spec_latest, is_last, is_first, raw)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)`,
      );
      // The first version of an id is its latest, first and only spec version: its flags are
      // known without recomputing them (the common case of a feed adding new objects).
      const insertOnly = this.#stmt(
        `INSERT INTO objects (ckey, id, id_hash, type, version, version_micros, spec_version, date_added, spec_latest, is_last, is_first, raw)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, ?)`,
      );
      const touched = new Set<string>();
      const store = (o: IncomingObject, version: string, versionMicros: number, versions: KnownRow[] | undefined): void => {
        const hash = hashes.get(o.id) as number;
        let rowid: number | bigint;
        if (versions === undefined) {
          rowid = insertOnly.run(ckey, o.id, hash, o.type, version, versionMicros, o.specVersion, last, o.raw).lastInsertRowid;
          known.set(o.id, [{ id: o.id, version, vm: versionMicros, sv: o.specVersion, r: 0, raw: o.raw, identity: o.identity }]);
        } else {
          rowid = insert.run(ckey, o.id, hash, o.type, version, versionMicros, o.specVersion, last, o.raw).lastInsertRowid;
          versions.push({ id: o.id, version, vm: versionMicros, sv: o.specVersion, r: 0, raw: o.raw, identity: o.identity });
          touched.add(o.id);
        }
        // Taken in now: a later write of this transaction (group commit) finds it, and the table
        // skips it when it next catches up (the rows after `last`).
        idRows.add(hash, Number(rowid));
      };
      for (const o of objects) {
        let version = o.version;
        let versionMicros: number;
        const versions = known.get(o.id);
        if (version === undefined) {
          const identity = versions && identityOf(o);
          const same = identity === undefined ? undefined : versions?.find((k) => k.sv === o.specVersion && sameContent(k, identity));
          if (same) {
            const d = detail(o.id, same.version);
            duplicates.push(d);
            outcomes.push({ kind: 'success', detail: d });
            continue;
          }
          last = Math.max(now, last + 1);
          version = formatMicros(last);
          versionMicros = last;
          store(o, version, versionMicros, versions);
        } else {
          const parsed = parseMicros(version);
          if (parsed === undefined) {
            const d = detail(o.id, version, MALFORMED_VERSION);
            conflicts.push(d);
            outcomes.push({ kind: 'failure', detail: d });
            continue;
          }
          versionMicros = parsed;
          const existing = versions?.find((k) => k.vm === parsed && k.sv === o.specVersion);
          if (existing) {
            const same = sameContent(existing, identityOf(o));
            const d = same ? detail(o.id, version) : detail(o.id, version, CONFLICT);
            (same ? duplicates : conflicts).push(d);
            outcomes.push({ kind: same ? 'success' : 'failure', detail: d });
            continue;
          }
          last = Math.max(now, last + 1);
          store(o, version, versionMicros, versions);
        }
        const d = detail(o.id, version);
        added.push(d);
        outcomes.push({ kind: 'success', detail: d });
      }
      // Every row up to `last` is in the table now (caught up above, the rest added by store).
      const entry = this.#idRows.get(ckey) as CollectionIdRows;
      entry.seen = Math.max(entry.seen, last);
      for (const id of touched) this.#refreshFlags(ckey, id, idRows);
      if (last !== clock.last) this.#stmt('UPDATE object_collections SET last_date_added = ? WHERE ckey = ?').run(last, ckey);
    }
    settle(outcomes);
    return { added, duplicates, conflicts };
  }

  #ensureCkey(collectionId: string): number {
    const known = this.#ckey(collectionId);
    if (known !== undefined) return known;
    this.#stmt('INSERT OR IGNORE INTO object_collections (collection_id, last_date_added) VALUES (?, 0)').run(collectionId);
    return this.#ckey(collectionId) as number;
  }

  /**
   * Recomputes spec_latest / is_last / is_first for one object id (O(its versions)), writing only
   * the rows whose flags change (usually the new row and the previous last). `rows`: the
   * collection's id table, brought up to date by the caller's transaction.
   */
  #refreshFlags(ckey: number, id: string, rows: IdRows): void {
    this.#stmt(
      `WITH a AS (
         SELECT rowid AS r, version_micros AS vm,
                (spec_version = max(spec_version) OVER (PARTITION BY version_micros)) AS sl
         FROM objects NOT INDEXED WHERE rowid IN (SELECT value FROM json_each(@rows)) AND ckey = @ckey AND id = @id
       ), b AS (
         SELECT r, sl,
                (sl AND vm = (SELECT max(vm) FROM a)) AS il,
                (sl AND vm = (SELECT min(vm) FROM a)) AS fi
         FROM a
       )
       UPDATE objects SET spec_latest = b.sl, is_last = b.il, is_first = b.fi
       FROM b
       WHERE objects.rowid = b.r
         AND (objects.spec_latest <> b.sl OR objects.is_last <> b.il OR objects.is_first <> b.fi)`,
    ).run({ ckey, id, rows: this.#candidateRows(rows, [id]) });
  }

  #recordOutcomes(statusId: string, final: boolean, outcomes: readonly { kind: 'success' | 'failure'; detail: StatusDetail }[]): void {
    if (!this.#stmt('SELECT 1 FROM statuses WHERE id = ?').get(statusId)) return;
    const successes: StatusDetail[] = [];
    const failures: StatusDetail[] = [];
    for (const o of outcomes) (o.kind === 'success' ? successes : failures).push(o.detail);
    // Pendings settled by this call are not deleted one by one: getStatus subtracts the outcomes
    // recorded after the pending part; the final call drops the pending part.
    this.#insertParts(statusId, [
      ['success', successes],
      ['failure', failures],
    ]);
    if (final) {
      this.#stmt("DELETE FROM status_parts WHERE status_id = ? AND kind = 'pending'").run(statusId);
      this.#stmt("UPDATE statuses SET status = 'complete', completed_micros = ? WHERE id = ?").run(nowMicros(), statusId);
    } else this.#stmt('UPDATE statuses SET updated_micros = ? WHERE id = ?').run(nowMicros(), statusId); // alive: not abandoned
  }

  #insertParts(statusId: string, parts: readonly (readonly [DetailKind, readonly StatusDetail[]])[]): void {
    const insert = this.#stmt('INSERT INTO status_parts (status_id, kind, details) VALUES (?, ?, ?)');
    for (const [kind, list] of parts) if (list.length > 0) insert.run(statusId, kind, JSON.stringify(list));
  }

  async deleteObject(collectionId: string, id: string, query: Pick<ObjectQuery, 'versions' | 'specVersions'>): Promise<number> {
    const ckey = this.#ckey(collectionId);
    if (ckey === undefined) return 0;
    const db = this.#conn();
    const run = db.transaction((): number => {
      const idRows = this.#idRowsOf(ckey);
      const { where, params } = filter(ckey, { ...query, ids: [id] }, undefined, undefined, this.#candidateRows(idRows, [id]));
      const rows = this.#stmt(`SELECT o.rowid AS r FROM objects o NOT INDEXED WHERE ${where}`).all(params) as { r: number }[];
      const del = this.#stmt('DELETE FROM objects WHERE rowid = ?');
      const hash = idHash(id);
      for (const row of rows) {
        del.run(row.r);
        idRows.remove(hash, row.r);
      }
      if (rows.length > 0) this.#refreshFlags(ckey, id, idRows);
      return rows.length;
    });
    return this.#forgetOnFailure(() => run.immediate());
  }

  // ---------------------------------------------------------------- objects: read

  async getObjects(collectionId: string, query: ObjectQuery): Promise<Page<StoredObject>> {
    return this.#select(collectionId, query, true) as Page<StoredObject>;
  }

  async getManifest(collectionId: string, query: ObjectQuery): Promise<Page<Omit<StoredObject, 'raw'>>> {
    return this.#select(collectionId, query, false);
  }

  #select(collectionId: string, query: ObjectQuery, withRaw: boolean): Page<Omit<StoredObject, 'raw'> & { raw?: string }> {
    const ckey = this.#ckey(collectionId);
    if (ckey === undefined) return { items: [], more: false };
    const limit = Math.max(1, Math.floor(query.limit));
    const columns = `o.id, o.type, o.version, o.spec_version, o.date_added${withRaw ? ', o.raw' : ''}`;
    // With match[id], the rows the id table names (NOT INDEXED: looked up by rowid, not found by
    // walking a date_added index over the whole collection, which the planner without ANALYZE
    // statistics may prefer).
    const from = query.ids ? 'objects o NOT INDEXED' : 'objects o';
    const types = query.types && !query.ids ? [...new Set(query.types)] : undefined;
    const rows = this.#withIdRows(ckey, query, (candidates): PageRow[] => {
      const run = (type: string | undefined): PageRow[] => {
        const { where, params } = filter(ckey, query, type, cursor(query), candidates);
        params.limit = limit + 1;
        return this.#pageRows(`SELECT ${columns} FROM ${from} WHERE ${where} ORDER BY o.date_added LIMIT @limit`, params);
      };
      // Several types: one index range scan per type, merged: a page stays O(page × types)
      // instead of sorting every match of an IN list.
      return types && types.length > 1 ? types.flatMap((t) => run(t)).sort((a, b) => a[4] - b[4]) : run(types?.[0]);
    });
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map((row) => itemOf(row, withRaw));
    return { items, more };
  }

  // ---------------------------------------------------------------- objects: item ranges (TAXII 2.0)

  async getObjectsRange(collectionId: string, query: RangeQuery): Promise<RangePage<StoredObject>> {
    const ckey = this.#ckey(collectionId);
    if (ckey === undefined) return { items: [], total: 0 };
    const limit = Math.max(1, Math.floor(query.limit));
    const offset = Math.max(0, Math.floor(query.offset));
    const from = query.ids ? 'objects o NOT INDEXED' : 'objects o';
    const types = query.types && !query.ids ? [...new Set(query.types)] : [undefined];
    // One read transaction: the page and the count see one snapshot (WAL).
    return this.#withIdRows(
      ckey,
      query,
      (candidates): RangePage<StoredObject> => {
        // The skip reads index entries only (rowid, date_added); the rows are fetched for the page.
        // Several types: one ordered scan per type, merged by the compound ORDER BY.
        const params: Params = { limit: limit + 1, offset };
        const arms = types.map((type, i) => {
          const f = filter(ckey, query, type, query.addedAfter, candidates);
          if (type === undefined) Object.assign(params, f.params);
          else for (const [name, value] of Object.entries(f.params)) params[name === 'type' ? `type${i}` : name] = value;
          const where = type === undefined ? f.where : f.where.replace('o.type = @type', `o.type = @type${i}`);
          return `SELECT o.rowid AS r, o.date_added AS d FROM ${from} WHERE ${where}`;
        });
        const keys = this.#stmt(`${arms.join(' UNION ALL ')} ORDER BY d LIMIT @limit OFFSET @offset`)
          .pluck()
          .all(params) as number[];
        const more = keys.length > limit;
        let total = offset + Math.min(keys.length, limit);
        if (more || (keys.length === 0 && offset > 0)) {
          const f = filter(ckey, query, undefined, query.addedAfter, candidates);
          total = this.#stmt(`SELECT count(*) FROM ${from} WHERE ${f.where}`).pluck().get(f.params) as number;
        }
        if (keys.length === 0) return { items: [], total };
        const rows = this.#pageRows(
          `SELECT o.id, o.type, o.version, o.spec_version, o.date_added, o.raw FROM objects o
         WHERE o.rowid IN (SELECT value FROM json_each(?)) ORDER BY o.date_added`,
          JSON.stringify(keys.slice(0, limit)),
        );
        const items = rows.map((row) => itemOf(row, true) as StoredObject);
        return { items, total };
      },
      true,
    );
  }

  // ---------------------------------------------------------------- statuses

  async createStatus(status: Status): Promise<void> {
    this.#conn().transaction(() => this.#insertStatus(status))();
  }

  #insertStatus(status: Status): void {
    this.#stmt(
      `INSERT INTO statuses (id, status, request_timestamp, total_count, owner, api_root, collection_id, completed_micros)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      status.id,
      status.status,
      status.requestTimestamp,
      status.totalCount,
      status.owner ?? null,
      status.apiRoot,
      status.collectionId,
      status.status === 'complete' ? nowMicros() : null,
    );
    // The pending part last: the parts after it are addObjects outcomes (see getStatus).
    this.#insertParts(status.id, [
      ['success', status.successes.map(copyDetail)],
      ['failure', status.failures.map(copyDetail)],
      ['pending', status.pendings.map(copyDetail)],
    ]);
  }

  async getStatus(id: string): Promise<Status | undefined> {
    return this.#readStatus(id);
  }

  #readStatus(id: string): Status | undefined {
    const row = this.#stmt('SELECT * FROM statuses WHERE id = ?').get(id) as StatusRow | undefined;
    if (!row) return undefined;
    const parts = this.#stmt('SELECT seq, kind, details FROM status_parts WHERE status_id = ? ORDER BY seq').all(id) as PartRow[];
    const successes: StatusDetail[] = [];
    const failures: StatusDetail[] = [];
    let pendings: StatusDetail[] = [];
    let pendingSeq = Number.POSITIVE_INFINITY;
    const settled = new Set<string>();
    const settledIds = new Set<string>();
    for (const part of parts) {
      const list = (JSON.parse(part.details) as StatusDetail[]).map(copyDetail);
      if (part.kind === 'pending') {
        pendings = pendings.concat(list);
        pendingSeq = Math.min(pendingSeq, part.seq);
        continue;
      }
      (part.kind === 'success' ? successes : failures).push(...list);
      // An outcome recorded by addObjects settles the pending entries with its id and version;
      // an entry without a version (the object had neither modified nor created, so the storage
      // chose one) by any outcome of its id.
      if (part.seq > pendingSeq)
        for (const d of list) {
          settled.add(`${d.id}\u0000${d.version}`);
          settledIds.add(d.id);
        }
    }
    if (settled.size > 0)
      pendings = pendings.filter((d) => !settled.has(`${d.id}\u0000${d.version}`) && !(d.version === '' && settledIds.has(d.id)));
    return {
      id: row.id,
      status: row.status,
      requestTimestamp: row.request_timestamp,
      totalCount: row.total_count,
      successes,
      failures,
      pendings,
      owner: row.owner ?? undefined,
      apiRoot: row.api_root,
      collectionId: row.collection_id,
    };
  }

  async expireStatuses(before: Micros): Promise<number> {
    const db = this.#conn();
    return db.transaction((): number => {
      this.#stmt('DELETE FROM status_parts WHERE status_id IN (SELECT id FROM statuses WHERE completed_micros < ?)').run(before);
      return this.#stmt('DELETE FROM statuses WHERE completed_micros < ?').run(before).changes;
    })();
  }

  async settleAbandonedStatuses(before: Micros, ids?: readonly string[]): Promise<number> {
    const abandoned = () => {
      const rows = (
        ids === undefined
          ? this.#stmt("SELECT id, request_timestamp AS t, updated_micros AS u FROM statuses WHERE status = 'pending'").all()
          : this.#stmt(
              "SELECT id, request_timestamp AS t, updated_micros AS u FROM statuses WHERE status = 'pending' AND id IN (SELECT value FROM json_each(?))",
            ).all(JSON.stringify(ids))
      ) as { id: string; t: string; u: number | null }[];
      return rows.filter((r) => lastActivity(r.u, r.t) < before).map((r) => r.id);
    };
    // A plain read first: the common answer (nothing abandoned) takes no write lock.
    if (abandoned().length === 0) return 0;
    const db = this.#conn();
    return db
      .transaction((): number => {
        // Again under the write lock, which the writes recording outcomes take too: a status that
        // recorded a chunk meanwhile is alive, and one settled meanwhile is no longer pending.
        const now = nowMicros();
        const settle = abandoned();
        for (const id of settle) {
          const status = this.#readStatus(id) as Status;
          this.#insertParts(id, [['failure', status.pendings.map((d) => ({ ...d, message: ABANDONED_MESSAGE }))]]);
          this.#stmt("DELETE FROM status_parts WHERE status_id = ? AND kind = 'pending'").run(id);
          this.#stmt("UPDATE statuses SET status = 'complete', completed_micros = ?, updated_micros = ? WHERE id = ?").run(now, now, id);
        }
        return settle.length;
      })
      .immediate();
  }
}

/** A page row as the storage's item, with its raw text or (a manifest) without. */
function itemOf([id, type, version, specVersion, dateAdded, raw]: PageRow, withRaw: boolean): Omit<StoredObject, 'raw'> & { raw?: string } {
  return withRaw ? { id, type, version, specVersion, dateAdded, raw: raw as string } : { id, type, version, specVersion, dateAdded };
}

function toCollection(row: CollectionRow): CollectionRecord {
  return {
    apiRoot: row.api_root,
    id: row.id,
    title: row.title,
    ...(row.description === null ? {} : { description: row.description }),
    ...(row.alias === null ? {} : { alias: row.alias }),
    read: JSON.parse(row.read_users) as string[],
    write: JSON.parse(row.write_users) as string[],
    mediaTypes: JSON.parse(row.media_types) as string[],
  };
}

function cursor(query: Pick<ObjectQuery, 'addedAfter' | 'after'>): number | undefined {
  const { addedAfter, after } = query;
  if (addedAfter === undefined) return after;
  if (after === undefined) return addedAfter;
  return Math.max(addedAfter, after);
}

/**
 * The WHERE clause of a query over `objects o`. Lists are bound as one JSON text each
 * (`IN (SELECT value FROM json_each(@x))`), so the SQL text — and the cached statement — does not
 * depend on list lengths. The default (last + latest spec_version) reduces to `o.is_last = 1`,
 * which the partial indexes objects_last_date / objects_last_type_date answer in O(page).
 */
function filter(
  ckey: number,
  query: Pick<ObjectQuery, 'ids' | 'types' | 'versions' | 'specVersions'>,
  type: string | undefined,
  after: number | undefined,
  candidates?: string,
): { where: string; params: Params } {
  const params: Params = { ckey };
  const terms = ['o.ckey = @ckey'];
  if (after !== undefined) {
    terms.push('o.date_added > @after');
    params.after = after;
  }
  if (query.ids) {
    if (candidates === undefined) throw new Error('filter: match[id] without the candidate rowids of the id table');
    terms.push('o.rowid IN (SELECT value FROM json_each(@candidates))', 'o.id IN (SELECT value FROM json_each(@ids))');
    params.candidates = candidates;
    params.ids = JSON.stringify(query.ids);
  }
  if (type !== undefined) {
    terms.push('o.type = @type');
    params.type = type;
  } else if (query.types) {
    terms.push('o.type IN (SELECT value FROM json_each(@types))');
    params.types = JSON.stringify(query.types);
  }
  const specDefault = query.specVersions === undefined;
  if (!specDefault) params.specs = JSON.stringify(query.specVersions);
  const specIn = 'IN (SELECT value FROM json_each(@specs))';

  const selectors = query.versions && query.versions.length > 0 ? query.versions : [{ kind: 'last' as const }];
  const alternatives: string[] = [];
  const exact: number[] = [];
  let all = false;
  for (const v of selectors) {
    if (v.kind === 'all') all = true;
    else if (v.kind === 'exact') {
      const micros = parseMicros(v.version);
      if (micros !== undefined) exact.push(micros);
    } else if (specDefault) alternatives.push(v.kind === 'last' ? 'o.is_last = 1' : 'o.is_first = 1');
    else {
      // First/last among the versions passing the explicit spec filter: a per-id max/min over
      // the rows the id table names for it (taxiway_id_rows: the caller loaded the table).
      const fn = v.kind === 'last' ? 'max' : 'min';
      alternatives.push(
        `o.version_micros = (SELECT ${fn}(p.version_micros) FROM objects p NOT INDEXED WHERE p.rowid IN (SELECT value FROM json_each(taxiway_id_rows(o.ckey, o.id_hash))) AND p.ckey = o.ckey AND p.id = o.id AND p.spec_version ${specIn})`,
      );
    }
  }
  if (exact.length > 0) {
    alternatives.push('o.version_micros IN (SELECT value FROM json_each(@exact))');
    params.exact = JSON.stringify([...new Set(exact)]);
  }
  const flagOnly = !all && alternatives.length === 1 && (alternatives[0] === 'o.is_last = 1' || alternatives[0] === 'o.is_first = 1');
  // is_last / is_first imply spec_latest; leaving the term out keeps the partial index usable.
  if (!flagOnly) terms.push(specDefault ? 'o.spec_latest = 1' : `o.spec_version ${specIn}`);
  if (!all) terms.push(alternatives.length === 0 ? '0' : alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`);
  return { where: terms.join(' AND '), params };
}
