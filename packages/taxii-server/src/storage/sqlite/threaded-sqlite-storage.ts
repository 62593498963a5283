/**
 * SQLite with its writes on a thread of their own: the server's embedded store (server.ts
 * openStorage, for a file).
 *
 * better-sqlite3 is synchronous, so with one connection a transaction holds the event loop for as
 * long as it runs — a POST of 1,000 objects some tens of ms, during which no other request is
 * even read. Here every write method runs on a writer thread (sqlite-writer-worker.ts: a
 * SqliteStorage of its own, one transaction at a time, in call order) and every read on this
 * thread's connection. While a write commits, the event loop parses and validates the next POSTs
 * and answers GETs; a read sees every write whose promise has resolved (WAL: each read is a new
 * snapshot, taken after that COMMIT).
 *
 * The ordering and durability of SqliteStorage hold unchanged: there is still one writing
 * connection per process, and writes of several processes are ordered by SQLite's write lock.
 * ':memory:' cannot be shared by two connections: use SqliteStorage for it.
 */
import { Worker } from 'node:worker_threads';
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
  StatusUpdate,
  Storage,
  StoredObject,
} from '../storage.js';
import { type PackedResults, packWrites, unpackResults } from './packed-writes.js';
import { loadIdRowsInTurns, SqliteStorage, type SqliteStorageOptions } from './sqlite-storage.js';
import type { WriteMethod, WriterRequest, WriterResponse } from './writer-protocol.js';

/**
 * The writing connection's page cache, in KiB (the reading one keeps SqliteStorage's 64 MiB).
 * Measured: a 100-object write into a 700,000-object collection takes 1.7–1.8 ms with 16 MiB
 * against 2.2–2.5 ms with 64 MiB. Most commits follow a page split of the id index (its keys are
 * random), and SQLite's balance_nonroot swaps page numbers through the lock-byte page's number;
 * that leaves the page cache's largest key far above the file's size, so the commit's cache
 * truncation scans the whole cache (pcache1TruncateUnsafe: 9–12 % of a writing process's profile at 64 MiB, 3.5 % at 16 MiB).
 * The writer's reads are index pages it just wrote or finds in the OS page cache. (Measured with
 * the id index, which migration 6 replaced by in-memory tables; the other indexes split too, and
 * the smaller cache still suffices for what the writer reads.)
 */
const WRITER_CACHE_KIB = 16384;

/** Rows of the reading connection's id tables loaded per turn of the event loop (≈ 6 ms). */
const ID_ROWS_PER_TURN = 5000;

/** For the tests (not exported by the package): ends the writer thread as a crash would. */
export const TERMINATE_WRITER: unique symbol = Symbol('terminate the SQLite writer thread');

/** An error of the writer thread, as it reached this one (name, message and code kept). */
export class SqliteWriterError extends Error {
  readonly code: string | undefined;
  constructor(name: string, message: string, code: string | undefined) {
    super(message);
    this.name = name;
    this.code = code;
  }
}

interface Waiting {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Starts the worker's entry beside this file: sqlite-writer-worker.js from dist/; from src/ (the
 * tests, the bench: TypeScript through tsx) the .ts file, after registering tsx in the worker —
 * Node 20 does not carry the main thread's `--import tsx` hooks into worker threads.
 */
function startWorker(workerData: SqliteStorageOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./sqlite-writer-worker.js', import.meta.url), { workerData });
  const boot = `
    const { workerData } = require('node:worker_threads');
    import(workerData.tsx).then(({ register }) => { register(); return import(workerData.entry); });
  `;
  return new Worker(boot, {
    eval: true,
    workerData: {
      ...workerData,
      tsx: import.meta.resolve('tsx/esm/api'),
      entry: new URL('./sqlite-writer-worker.ts', import.meta.url).href,
    },
  });
}

export class ThreadedSqliteStorage implements Storage {
  readonly #options: SqliteStorageOptions;
  /** This thread's connection: reads only (the writer thread checkpoints). */
  readonly #reader: SqliteStorage;
  #worker: Worker | undefined;
  /** Between open() and close(): a write then starts a writer thread if there is none. */
  #open = false;
  /** The open of the current writer thread's storage. */
  #writerOpened: Promise<unknown> = Promise.resolve();
  readonly #waiting = new Map<number, Waiting>();
  #seq = 0;
  /** Settles when this thread's id tables are loaded (#loadIdRows); id queries wait for it. */
  #idRowsLoaded: Promise<void> = Promise.resolve();

  constructor(options: SqliteStorageOptions) {
    if (options.path === ':memory:' || options.path === '')
      throw new Error('ThreadedSqliteStorage needs a file: use SqliteStorage for :memory:');
    this.#options = options;
    this.#reader = new SqliteStorage({ ...options, checkpoints: false });
  }

  async open(): Promise<void> {
    this.#open = true;
    // The writer first: it applies the migrations that the reader then finds applied.
    this.#writer();
    await this.#writerOpened;
    await this.#reader.open();
    this.#idRowsLoaded = this.#loadIdRows();
  }

  /**
   * Loads the reading connection's id tables a slice per turn of the event loop (some ms each),
   * as the writer thread does its own: loaded at once by the first id query, a 1,000,000-object
   * collection's would hold the event loop 1.2 s.
   */
  #loadIdRows(): Promise<void> {
    return loadIdRowsInTurns(this.#reader, ID_ROWS_PER_TURN, () => !this.#open);
  }

  /** A query by id, or with an explicit spec_version (first/last per id), waits for the id tables. */
  async #afterIdRows<T>(query: Pick<ObjectQuery, 'ids' | 'specVersions'>, read: () => Promise<T>): Promise<T> {
    if (query.ids !== undefined || query.specVersions !== undefined) await this.#idRowsLoaded;
    return read();
  }

  async close(): Promise<void> {
    this.#open = false;
    await this.#reader.close();
    const worker = this.#worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    await this.#send(worker, 'close');
    // Referenced until it has exited: unreferenced, the awaited exit alone would let the event
    // loop run empty (and the process end with the caller's close() never settled).
    worker.ref();
    await exited;
  }

  /** For the tests: ends the writer thread as a crash would. */
  async [TERMINATE_WRITER](): Promise<void> {
    await this.#worker?.terminate();
  }

  /**
   * A writer thread whose first message opens its storage. A thread that ends unexpectedly (an
   * error in it) fails the calls it had; the next write starts another, so that one failure does
   * not leave the server unable to write until it is restarted.
   */
  #writer(): Worker {
    if (this.#worker) return this.#worker;
    const worker = startWorker({ ...this.#options, cacheSizeKiB: WRITER_CACHE_KIB });
    worker.unref();
    const gone = (error: Error): void => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      for (const w of this.#waiting.values()) w.reject(error);
      this.#waiting.clear();
    };
    worker.on('message', (response: WriterResponse) => this.#settle(response));
    worker.on('error', (error) => gone(error));
    worker.on('exit', (code) => gone(new Error(`the SQLite writer thread exited (code ${code})`)));
    this.#worker = worker;
    // Sent first, so that it runs before any write (messages keep their order). Awaited by open();
    // a replacement thread's is awaited by nobody: a failure shows in the write after it.
    this.#writerOpened = this.#send(worker, 'open');
    this.#writerOpened.catch(() => {});
    return worker;
  }

  #call(method: WriteMethod, args: readonly unknown[]): Promise<unknown> {
    return this.#request((seq) => ({ seq, method, args }));
  }

  /** Sends what `build` makes of a new sequence number to the writer thread (started if need be). */
  #request(build: (seq: number) => WriterRequest): Promise<unknown> {
    if (!this.#open) return Promise.reject(new Error('ThreadedSqliteStorage is not open (open() has not been called, or close() has)'));
    const worker = this.#writer();
    return this.#post(worker, build(++this.#seq));
  }

  #send(worker: Worker, method: 'open' | 'close'): Promise<unknown> {
    return this.#post(worker, { seq: ++this.#seq, method });
  }

  #post(worker: Worker, request: WriterRequest): Promise<unknown> {
    return new Promise((resolve, reject) => {
      // Referenced while a call is outstanding: a caller awaiting a write keeps the process alive,
      // an idle storage does not.
      if (this.#waiting.size === 0) worker.ref();
      this.#waiting.set(request.seq, { resolve, reject });
      worker.postMessage(request);
    });
  }

  #settle(response: WriterResponse): void {
    const waiting = this.#waiting.get(response.seq);
    if (!waiting) return;
    this.#waiting.delete(response.seq);
    if (this.#waiting.size === 0) this.#worker?.unref();
    if (response.ok) waiting.resolve(response.value);
    else waiting.reject(new SqliteWriterError(response.error.name, response.error.message, response.error.code));
  }

  // ---------------------------------------------------------------- writes: the writer thread

  async upsertCollection(collection: CollectionRecord): Promise<void> {
    await this.#call('upsertCollection', [collection]);
  }

  deleteCollection(apiRoot: string, id: string): Promise<boolean> {
    return this.#call('deleteCollection', [apiRoot, id]) as Promise<boolean>;
  }

  async addObjects(collectionId: string, objects: readonly IncomingObject[], status?: StatusUpdate): Promise<AddResult> {
    const [result] = await this.writeObjects(collectionId, [status === undefined ? { objects } : { objects, status }]);
    return result as AddResult;
  }

  /**
   * Packed for the crossing (packed-writes.ts). An object's identity stays behind: about as long
   * as raw, it is needed only to compare the object with a stored version of the same id and
   * version (rare), and the writer derives it from raw then (storage.ts identityOf).
   */
  async writeObjects(collectionId: string, writes: readonly ObjectWrite[]): Promise<readonly AddResult[]> {
    const sent = packWrites(writes);
    const packed = (await this.#request((seq) => ({ seq, method: 'writePacked', collectionId, writes: sent }))) as PackedResults;
    return unpackResults(packed);
  }

  deleteObject(collectionId: string, id: string, query: Pick<ObjectQuery, 'versions' | 'specVersions'>): Promise<number> {
    return this.#call('deleteObject', [collectionId, id, query]) as Promise<number>;
  }

  async createStatus(status: Status): Promise<void> {
    await this.#call('createStatus', [status]);
  }

  expireStatuses(before: Micros): Promise<number> {
    return this.#call('expireStatuses', [before]) as Promise<number>;
  }

  settleAbandonedStatuses(before: Micros, ids?: readonly string[]): Promise<number> {
    return this.#call('settleAbandonedStatuses', ids === undefined ? [before] : [before, ids]) as Promise<number>;
  }

  // ---------------------------------------------------------------- reads: this thread

  listCollections(apiRoot: string): Promise<readonly CollectionRecord[]> {
    return this.#reader.listCollections(apiRoot);
  }

  getCollection(apiRoot: string, idOrAlias: string): Promise<CollectionRecord | undefined> {
    return this.#reader.getCollection(apiRoot, idOrAlias);
  }

  getObjects(collectionId: string, query: ObjectQuery): Promise<Page<StoredObject>> {
    return this.#afterIdRows(query, () => this.#reader.getObjects(collectionId, query));
  }

  getManifest(collectionId: string, query: ObjectQuery): Promise<Page<Omit<StoredObject, 'raw'>>> {
    return this.#afterIdRows(query, () => this.#reader.getManifest(collectionId, query));
  }

  getObjectsRange(collectionId: string, query: RangeQuery): Promise<RangePage<StoredObject>> {
    return this.#afterIdRows(query, () => this.#reader.getObjectsRange(collectionId, query));
  }

  getStatus(id: string): Promise<Status | undefined> {
    return this.#reader.getStatus(id);
  }
}
