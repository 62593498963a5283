/**
 * The writer thread of ThreadedSqliteStorage: one SqliteStorage (its own connection, and the
 * checkpoint worker) that runs every write method the main thread sends, one message at a time,
 * in arrival order. Messages: WriterRequest in, WriterResponse out (threaded-sqlite-storage.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { packResults, unpackWrites } from './packed-writes.js';
import { loadIdRowsInTurns, SqliteStorage, type SqliteStorageOptions } from './sqlite-storage.js';
import { type WriterRequest, type WriterResponse, writeMethods } from './writer-protocol.js';

const port = parentPort;
if (port === null) throw new Error('sqlite-writer-worker.ts runs as a worker thread');

// workerData may carry more (the tsx bootstrap's); only the storage options are passed on.
const { path, synchronous, busyTimeoutMs, cacheSizeKiB } = workerData as SqliteStorageOptions;
const storage = new SqliteStorage({
  path,
  ...(cacheSizeKiB === undefined ? {} : { cacheSizeKiB }),
  ...(synchronous === undefined ? {} : { synchronous }),
  ...(busyTimeoutMs === undefined ? {} : { busyTimeoutMs }),
});
const allowed = new Set<string>(writeMethods);

function post(response: WriterResponse): void {
  (port as NonNullable<typeof port>).postMessage(response);
}

function failure(seq: number, error: unknown): WriterResponse {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  return { seq, ok: false, error: { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) } };
}

/**
 * The id tables load a slice per turn after open (loadIdRowsInTurns), between the messages: a
 * write that comes first loads the rest of its own table itself.
 */
let closing = false;
const ID_ROWS_PER_SLICE = 20_000;

// The SqliteStorage methods are synchronous inside (better-sqlite3) and only wrapped in promises,
// so each request runs to its end before the next message is taken: the order of the main
// thread's calls is the order of the transactions.
port.on('message', async (request: WriterRequest) => {
  try {
    if (request.method === 'open') {
      await storage.open();
      post({ seq: request.seq, ok: true, value: undefined });
      void loadIdRowsInTurns(storage, ID_ROWS_PER_SLICE, () => closing);
    } else if (request.method === 'close') {
      closing = true;
      await storage.close();
      post({ seq: request.seq, ok: true, value: undefined });
      port.close();
    } else if (request.method === 'writePacked') {
      const results = await storage.writeObjects(request.collectionId, unpackWrites(request.writes));
      post({ seq: request.seq, ok: true, value: packResults(results) });
    } else if (allowed.has(request.method) && 'args' in request) {
      const method = storage[request.method] as (...args: unknown[]) => Promise<unknown>;
      post({ seq: request.seq, ok: true, value: await method.apply(storage, [...request.args]) });
    } else post(failure(request.seq, new Error(`not a write method: ${request.method}`)));
  } catch (error) {
    post(failure(request.seq, error));
  }
});
