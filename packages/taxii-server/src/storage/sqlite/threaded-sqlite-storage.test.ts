import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CollectionRecord, IncomingObject, Storage } from '../storage.js';
import { SqliteStorage } from './sqlite-storage.js';
import { SqliteWriterError, TERMINATE_WRITER, ThreadedSqliteStorage } from './threaded-sqlite-storage.js';

function objects(n: number): IncomingObject[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `indicator--${randomUUID()}`;
    const raw = JSON.stringify({ type: 'indicator', spec_version: '2.1', id, created: '2024-01-01T00:00:00.000Z', i });
    return { id, type: 'indicator', version: '2024-01-01T00:00:00.000Z', specVersion: '2.1', raw, identity: raw };
  });
}

const collection = (id: string, alias: string): CollectionRecord => ({
  apiRoot: 'api1',
  id,
  title: id,
  alias,
  read: [],
  write: [],
  mediaTypes: ['application/stix+json;version=2.1'],
});

async function withDir(work: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-threaded-'));
  try {
    await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** How many turns of the event loop pass while `write` is in flight. */
async function turnsDuring(write: Promise<unknown>): Promise<number> {
  let turns = 0;
  let done = false;
  const spin = (): void => {
    if (done) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  await write;
  done = true;
  return turns;
}

test('threaded sqlite: the event loop goes on while a write commits; with SqliteStorage it does not', async () => {
  await withDir(async (dir) => {
    const threaded = new ThreadedSqliteStorage({ path: join(dir, 'threaded.db') });
    const inline = new SqliteStorage({ path: join(dir, 'inline.db') });
    await threaded.open();
    await inline.open();
    try {
      const batch = objects(5000);
      // better-sqlite3 runs the whole transaction inside the call: not one turn passes.
      assert.equal(await turnsDuring(inline.addObjects('c', batch)), 0);
      assert.ok((await turnsDuring(threaded.addObjects('c', batch))) > 0, 'the threaded write let the event loop turn');
    } finally {
      await threaded.close();
      await inline.close();
    }
  });
});

test('threaded sqlite: a write is visible to reads as soon as its promise resolves, here and to another connection', async () => {
  await withDir(async (dir) => {
    const path = join(dir, 'store.db');
    const writer = new ThreadedSqliteStorage({ path });
    await writer.open();
    const other: Storage = new SqliteStorage({ path });
    await other.open();
    try {
      const batch = objects(3);
      const result = await writer.addObjects('c', batch);
      assert.equal(result.added.length, 3);
      for (const s of [writer, other]) {
        const page = await s.getObjects('c', { limit: 10 });
        assert.deepEqual(
          page.items.map((o) => o.id),
          batch.map((o) => o.id),
        );
        assert.equal(page.items[0]?.raw, batch[0]?.raw, 'stored as received');
      }
      // The same content again is a duplicate, decided on the writer thread without the identity
      // the caller computed (it is not sent across): derived from raw there.
      const again = await writer.addObjects('c', batch);
      assert.deepEqual(again.added, []);
      assert.equal(again.duplicates.length, 3);
      const changed = batch.map((o) => ({ ...o, raw: o.raw.replace('"i":', '"j":'), identity: undefined }));
      const conflict = await writer.addObjects('c', changed);
      assert.equal(conflict.conflicts.length, 3);
    } finally {
      await writer.close();
      await other.close();
    }
  });
});

test('threaded sqlite: a failed write rejects with its SQLite code, and the storage goes on working', async () => {
  await withDir(async (dir) => {
    const storage = new ThreadedSqliteStorage({ path: join(dir, 'store.db') });
    await storage.open();
    try {
      await storage.upsertCollection(collection('c1', 'shared'));
      await assert.rejects(storage.upsertCollection(collection('c2', 'shared')), (error: unknown) => {
        assert.ok(error instanceof SqliteWriterError);
        assert.equal(error.code, 'SQLITE_CONSTRAINT_UNIQUE');
        assert.match(error.message, /UNIQUE constraint failed/);
        return true;
      });
      await storage.upsertCollection(collection('c2', 'other'));
      assert.deepEqual(
        (await storage.listCollections('api1')).map((c) => c.alias),
        ['shared', 'other'],
      );
    } finally {
      await storage.close();
    }
  });
});

test('threaded sqlite: writes before open() or after close() reject with a message; :memory: is refused', async () => {
  await withDir(async (dir) => {
    const storage = new ThreadedSqliteStorage({ path: join(dir, 'store.db') });
    await assert.rejects(storage.createStatus({} as never), /is not open \(open\(\) has not been called/);
    await storage.open();
    await storage.addObjects('c', objects(1));
    await storage.close();
    await assert.rejects(storage.addObjects('c', objects(1)), /is not open/);
    // Opened again, it has a new writer thread and finds what the first stored.
    await storage.open();
    try {
      assert.equal((await storage.getObjects('c', { limit: 10 })).items.length, 1);
      await storage.addObjects('c', objects(1));
      assert.equal((await storage.getObjects('c', { limit: 10 })).items.length, 2);
    } finally {
      await storage.close();
    }
  });
  assert.throws(() => new ThreadedSqliteStorage({ path: ':memory:' }), /use SqliteStorage for :memory:/);
});

test('threaded sqlite: a writer thread that dies fails its calls; the next write has a new one, and nothing stored is lost', async () => {
  await withDir(async (dir) => {
    const storage = new ThreadedSqliteStorage({ path: join(dir, 'store.db') });
    await storage.open();
    try {
      const first = objects(10);
      await storage.addObjects('c', first);
      const inFlight = storage.addObjects('c', objects(20_000));
      await storage[TERMINATE_WRITER]();
      await assert.rejects(inFlight, /writer thread exited/);
      // All or nothing: the terminated transaction left none of its objects.
      assert.deepEqual(
        (await storage.getObjects('c', { limit: 100 })).items.map((o) => o.id),
        first.map((o) => o.id),
      );
      const next = objects(5);
      assert.equal((await storage.addObjects('c', next)).added.length, 5);
      assert.equal((await storage.getObjects('c', { limit: 100 })).items.length, 15);
    } finally {
      await storage.close();
    }
  });
});

test('threaded sqlite: on a file that holds objects, the id tables load in turns of the event loop after open; an id query at once waits for them and is right', async () => {
  await withDir(async (dir) => {
    const path = join(dir, 'store.db');
    const before = new SqliteStorage({ path });
    await before.open();
    const stored = objects(12_000);
    await before.addObjects('c', stored);
    await before.close();

    const storage = new ThreadedSqliteStorage({ path });
    await storage.open();
    try {
      // Asked before the first turn: the reading connection's table (12,000 rows, loaded 5,000 a
      // turn) is not loaded yet, and the event loop goes on meanwhile.
      const wanted = [stored[0], stored[11_999]].map((o) => (o as IncomingObject).id);
      const query = storage.getManifest('c', { limit: 10, ids: wanted });
      const turns = await turnsDuring(query);
      assert.deepEqual((await query).items.map((o) => o.id).sort(), [...wanted].sort());
      assert.ok(turns >= 2, `the load took turns of the event loop (${turns})`);
      const again = await storage.addObjects('c', [stored[5] as IncomingObject]);
      assert.deepEqual([again.added.length, again.duplicates.length], [0, 1], 'the writer thread finds it too');
    } finally {
      await storage.close();
    }
  });
});
