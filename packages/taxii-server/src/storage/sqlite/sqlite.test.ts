import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { storageConformance } from '../conformance.js';
import { idHash } from '../id-hash.js';
import { ABANDONED_MESSAGE, type StoredObject } from '../storage.js';
import { migrations } from './migrations.js';
import { SqliteStorage } from './sqlite-storage.js';
import { ThreadedSqliteStorage } from './threaded-sqlite-storage.js';

storageConformance('sqlite :memory:', async () => ({
  storage: new SqliteStorage({ path: ':memory:' }),
  cleanup: async () => {},
}));

storageConformance('sqlite file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-sqlite-'));
  return {
    storage: new SqliteStorage({ path: join(dir, 'store.db'), synchronous: 'FULL' }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

storageConformance('sqlite file, writes on a writer thread', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-sqlite-threaded-'));
  return {
    storage: new ThreadedSqliteStorage({ path: join(dir, 'store.db') }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

for (const kind of ['inline', 'threaded'] as const)
  test(`sqlite (${kind} writes): a process killed (SIGKILL) in the middle of addObjects leaves every batch fully present or absent`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'taxiway-crash-'));
    const path = join(dir, 'store.db');
    const size = 2000;
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('./test-crash-child.ts', import.meta.url)), path, String(size), kind],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let committed = -1;
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        let buffer = '';
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const line of lines) committed = Math.max(committed, Number(line));
          // Past a few batches, kill it a little later: most likely inside the next transaction.
          if (committed >= 3) setTimeout(resolve, 7);
        });
        child.on('exit', () => reject(new Error('the child exited before it was killed')));
      });
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');

      const storage = new SqliteStorage({ path });
      await storage.open();
      try {
        const items: StoredObject[] = [];
        let after: number | undefined;
        for (;;) {
          const page = await storage.getObjects('crash-collection', { limit: 1000, after });
          items.push(...page.items);
          if (!page.more) break;
          after = page.items[page.items.length - 1].dateAdded;
        }
        const perBatch = new Map<number, number>();
        for (const o of items) {
          const { batch } = JSON.parse(o.raw) as { batch: number };
          perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
        }
        for (const [batch, count] of perBatch) assert.equal(count, size, `batch ${batch} is partial`);
        for (let b = 0; b <= committed; b++) assert.equal(perBatch.get(b), size, `committed batch ${b} is missing`);
        assert.ok(perBatch.size <= committed + 2, 'at most the one batch in flight beyond the last reported');
        for (let i = 1; i < items.length; i++) assert.ok(items[i].dateAdded > items[i - 1].dateAdded);

        const id = 'indicator--00000000-0000-4000-8000-000000000000';
        const raw = JSON.stringify({ type: 'indicator', id });
        await storage.addObjects('crash-collection', [
          { id, type: 'indicator', version: '2024-01-01T00:00:00.000Z', specVersion: '2.1', raw },
        ]);
        const tail = await storage.getObjects('crash-collection', { limit: 10, after: items[items.length - 1].dateAdded });
        assert.deepEqual(
          tail.items.map((o) => o.id),
          [id],
        );
        assert.ok(tail.items[0].dateAdded > items[items.length - 1].dateAdded);
      } finally {
        await storage.close();
      }
      const db = new Database(path, { readonly: true });
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      db.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

/** A database file as an earlier release left it: the migrations up to `version` applied. */
function fileAtVersion(path: string, version: number): Database.Database {
  const db = new Database(path);
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of migrations.filter((m) => m.version <= version)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2024-05-01T00:00:00Z');
  }
  return db;
}

test('sqlite: migrations are recorded once; reopening a file keeps its objects and its clock', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-reopen-'));
  const path = join(dir, 'store.db');
  try {
    const first = new SqliteStorage({ path });
    await first.open();
    const raw = '{"type":"tool","id":"tool--1"}';
    await first.addObjects('c', [{ id: 'tool--1', type: 'tool', version: '2024-01-01T00:00:00Z', specVersion: '2.1', raw }]);
    const [a] = (await first.getObjects('c', { limit: 5 })).items;
    await first.close();
    const second = new SqliteStorage({ path });
    await second.open();
    await second.addObjects('c', [{ id: 'tool--2', type: 'tool', version: '2024-01-01T00:00:00Z', specVersion: '2.1', raw }]);
    const items = (await second.getObjects('c', { limit: 5 })).items;
    await second.close();
    assert.deepEqual(
      items.map((o) => o.id),
      ['tool--1', 'tool--2'],
    );
    assert.equal(items[0].dateAdded, a.dateAdded);
    assert.ok(items[1].dateAdded > a.dateAdded);
    const db = new Database(path, { readonly: true });
    assert.deepEqual(
      db.prepare('SELECT version FROM schema_migrations ORDER BY version').all(),
      migrations.map((m) => ({ version: m.version })),
    );
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('sqlite: migration 5 on a file of version 4: every object gets its id hash, the id index is replaced, lookups and duplicates work', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-upgrade-'));
  const path = join(dir, 'store.db');
  try {
    const db = fileAtVersion(path, 4);
    db.prepare("INSERT INTO object_collections (ckey, collection_id, last_date_added) VALUES (1, 'c', 2000)").run();
    const row = db.prepare(
      `INSERT INTO objects (ckey, id, type, version, version_micros, spec_version, date_added, spec_latest, is_last, is_first, raw)
       VALUES (1, ?, 'tool', '2024-01-01T00:00:00.000Z', 1704067200000000, '2.1', ?, 1, 1, 1, ?)`,
    );
    const ids = ['tool--a1b2c3d4-0000-4000-8000-000000000001', 'tool--a1b2c3d4-0000-4000-8000-000000000002'];
    for (const [i, id] of ids.entries()) row.run(id, 1000 * (i + 1), JSON.stringify({ type: 'tool', id }));
    db.close();

    const storage = new SqliteStorage({ path });
    await storage.open();
    try {
      const found = await storage.getObjects('c', { limit: 5, ids: [ids[1]] });
      assert.deepEqual(
        found.items.map((o) => o.id),
        [ids[1]],
      );
      const again = await storage.addObjects('c', [
        {
          id: ids[0],
          type: 'tool',
          version: '2024-01-01T00:00:00.000Z',
          specVersion: '2.1',
          raw: JSON.stringify({ type: 'tool', id: ids[0] }),
        },
      ]);
      assert.deepEqual([again.added.length, again.duplicates.length], [0, 1], 'the stored object is found through the new index');
    } finally {
      await storage.close();
    }
    const after = new Database(path, { readonly: true });
    try {
      const hashes = after.prepare('SELECT id, id_hash AS h FROM objects ORDER BY id').all() as { id: string; h: number }[];
      assert.deepEqual(
        hashes,
        ids.map((id) => ({ id, h: idHash(id) })),
      );
      const indexes = (
        after.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'objects'").all() as { name: string }[]
      ).map((r) => r.name);
      assert.ok(
        indexes.includes('objects_added_hash') && !indexes.includes('objects_id') && !indexes.includes('objects_key'),
        indexes.join(', '),
      );
    } finally {
      after.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('sqlite: two ids sharing an id hash stay apart (the id is compared too): reads, versions, duplicates, delete', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-collide-'));
  const path = join(dir, 'store.db');
  try {
    const storage = new SqliteStorage({ path });
    await storage.open();
    // A real collision of the 48-bit hash, found by hashing 40 million ids.
    const a = 'malware--00000000-0000-4000-8000-00000042fd17';
    const b = 'malware--00000000-0000-4000-8000-0000010410fd';
    assert.equal(idHash(a), idHash(b));
    const object = (id: string, modified: string) => ({
      id,
      type: 'malware',
      version: modified,
      specVersion: '2.1',
      raw: JSON.stringify({ type: 'malware', id, modified }),
    });
    await storage.addObjects('c', [object(a, '2024-01-01T00:00:00.000Z'), object(b, '2024-01-01T00:00:00.000Z')]);
    try {
      const newer = await storage.addObjects('c', [object(a, '2024-02-01T00:00:00.000Z')]);
      assert.equal(newer.added.length, 1);
      const same = await storage.addObjects('c', [object(b, '2024-01-01T00:00:00.000Z')]);
      assert.deepEqual([same.added.length, same.duplicates.length], [0, 1]);
      const lastOfB = await storage.getObjects('c', { limit: 10, ids: [b] });
      assert.deepEqual(
        lastOfB.items.map((o) => [o.id, o.version]),
        [[b, '2024-01-01T00:00:00.000Z']],
        "a's new version does not make b's old",
      );
      const all = await storage.getManifest('c', { limit: 10, ids: [a], versions: [{ kind: 'all' }] });
      assert.deepEqual(
        all.items.map((o) => o.id),
        [a, a],
      );
      const first = await storage.getObjects('c', { limit: 10, ids: [a, b], versions: [{ kind: 'first' }], specVersions: ['2.1'] });
      assert.deepEqual(first.items.map((o) => [o.id, o.version]).sort(), [
        [a, '2024-01-01T00:00:00.000Z'],
        [b, '2024-01-01T00:00:00.000Z'],
      ]);
      assert.equal(await storage.deleteObject('c', a, { versions: [{ kind: 'all' }] }), 2);
      assert.deepEqual(
        (await storage.getObjects('c', { limit: 10 })).items.map((o) => o.id),
        [b],
      );
    } finally {
      await storage.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('sqlite: migration 3 on a file of version 2: a status left pending before the upgrade is settled by its request time', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-upgrade-'));
  const path = join(dir, 'store.db');
  try {
    const db = fileAtVersion(path, 2);
    const id = '44444444-4444-4444-8444-444444444444';
    db.prepare(
      "INSERT INTO statuses (id, status, request_timestamp, total_count, owner, api_root, collection_id) VALUES (?, 'pending', ?, 1, 'alice', 'api1', 'c')",
    ).run(id, '2024-05-01T12:00:00.000000Z');
    db.prepare("INSERT INTO status_parts (status_id, kind, details) VALUES (?, 'pending', ?)").run(
      id,
      JSON.stringify([{ id: 'indicator--1', version: '2024-01-01T00:00:00.000Z' }]),
    );
    db.close();

    const storage = new SqliteStorage({ path });
    await storage.open();
    try {
      assert.equal(await storage.settleAbandonedStatuses(Date.now() * 1000 - 600_000_000), 1);
      const settled = await storage.getStatus(id);
      assert.equal(settled?.status, 'complete');
      assert.deepEqual(settled?.failures, [{ id: 'indicator--1', version: '2024-01-01T00:00:00.000Z', message: ABANDONED_MESSAGE }]);
    } finally {
      await storage.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('sqlite: migration 2 on a file of version 1: per-object status details become parts, in order, the status reads the same', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-upgrade-'));
  const path = join(dir, 'store.db');
  try {
    const db = fileAtVersion(path, 1);
    const id = '55555555-5555-4555-8555-555555555555';
    db.prepare(
      "INSERT INTO statuses (id, status, request_timestamp, total_count, owner, api_root, collection_id, completed_micros) VALUES (?, 'complete', ?, 4, 'alice', 'api1', 'c', ?)",
    ).run(id, '2024-05-01T12:00:00.000000Z', Date.now() * 1000);
    const detail = db.prepare('INSERT INTO status_details (status_id, kind, id, version, message) VALUES (?, ?, ?, ?, ?)');
    detail.run(id, 'success', 'indicator--2', '2024-01-02T00:00:00.000Z', null);
    detail.run(id, 'failure', 'indicator--x', '', 'not a STIX object');
    detail.run(id, 'success', 'indicator--1', '2024-01-01T00:00:00.000Z', null);
    detail.run(id, 'failure', 'indicator--3', '2024-01-03T00:00:00.000Z', 'a conflict');
    db.close();

    const storage = new SqliteStorage({ path });
    await storage.open();
    try {
      const status = await storage.getStatus(id);
      assert.equal(status?.status, 'complete');
      assert.equal(status?.totalCount, 4);
      assert.deepEqual(status?.successes, [
        { id: 'indicator--2', version: '2024-01-02T00:00:00.000Z' },
        { id: 'indicator--1', version: '2024-01-01T00:00:00.000Z' },
      ]);
      assert.deepEqual(status?.failures, [
        { id: 'indicator--x', version: '', message: 'not a STIX object' },
        { id: 'indicator--3', version: '2024-01-03T00:00:00.000Z', message: 'a conflict' },
      ]);
      assert.deepEqual(status?.pendings, []);
    } finally {
      await storage.close();
    }
    const after = new Database(path, { readonly: true });
    try {
      assert.equal(
        after.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'status_details'").get()?.n,
        0,
        'the old table is gone',
      );
    } finally {
      after.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** An object of the id-table tests: content `note` tells versions with the same key apart. */
function versionOf(
  id: string,
  modified: string,
  note = '',
): { id: string; type: string; version: string; specVersion: string; raw: string } {
  return { id, type: 'indicator', version: modified, specVersion: '2.1', raw: JSON.stringify({ type: 'indicator', id, modified, note }) };
}

/** Two connections on one new file, as two processes would have: opened, then closed and removed. */
async function withTwoConnections(body: (one: SqliteStorage, two: SqliteStorage, path: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-idrows-'));
  const path = join(dir, 'store.db');
  const one = new SqliteStorage({ path });
  const two = new SqliteStorage({ path });
  try {
    await one.open();
    await two.open();
    await body(one, two, path);
  } finally {
    await one.close();
    await two.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('sqlite: two connections on one file (as two processes) find each other’s objects by id: reads, versions, duplicates, conflicts, deletes', () =>
  withTwoConnections(async (one, two) => {
    const [x, y, z, w] = ['x', 'y', 'z', 'w'].map((n) => `indicator--00000000-0000-4000-8000-00000000000${n.charCodeAt(0) - 100}`) as [
      string,
      string,
      string,
      string,
    ];
    const V1 = '2024-01-01T00:00:00.000Z';
    const V2 = '2024-02-01T00:00:00.000Z';
    const versions = async (s: SqliteStorage, id: string, query = {}) =>
      (await s.getObjects('c', { limit: 10, ids: [id], ...query })).items.map((o) => o.version);

    const collection = { apiRoot: 'root', id: 'c', title: 'c', read: [], write: [], mediaTypes: [] };
    await one.upsertCollection(collection);
    await one.addObjects('c', [versionOf(x, V1)]);
    assert.deepEqual(await versions(two, x), [V1], 'the other connection builds its table and finds x');
    await one.addObjects('c', [versionOf(x, V2)]);
    assert.deepEqual(await versions(two, x), [V2], 'and takes in the version written since');
    assert.deepEqual(
      await versions(two, x, { versions: [{ kind: 'first' }], specVersions: ['2.1'] }),
      [V1],
      'first under an explicit spec_version',
    );

    const again = await two.addObjects('c', [versionOf(x, V2)]);
    assert.deepEqual([again.added.length, again.duplicates.length], [0, 1], 'its writes see the other’s rows: a duplicate');
    await two.addObjects('c', [versionOf(y, V1, 'from two')]);
    const clash = await one.addObjects('c', [versionOf(y, V1, 'from one')]);
    assert.deepEqual([clash.added.length, clash.conflicts.length], [0, 1], 'a different object under the same key: a conflict');

    // Deleted by one, then two's insert takes the same rowid (the greatest was freed): two's
    // table still pairs y's hash with that rowid, which must not make the new row y's.
    assert.equal(await one.deleteObject('c', y, { versions: [{ kind: 'all' }] }), 1);
    await two.addObjects('c', [versionOf(z, V1)]);
    assert.deepEqual(await versions(two, y), [], 'y is gone for the connection that did not delete it');
    assert.deepEqual(await versions(two, z), [V1]);
    assert.deepEqual(await versions(one, z), [V1]);
    const back = await two.addObjects('c', [versionOf(y, V1, 'from one')]);
    assert.equal(back.added.length, 1, 'y stored again is new, not a duplicate of the deleted row');

    // A collection deleted by one and made again: two's table of it does not resurrect anything.
    assert.equal(await one.deleteCollection('root', 'c'), true);
    await one.upsertCollection(collection);
    await one.addObjects('c', [versionOf(w, V1)]);
    assert.deepEqual(await versions(two, x), []);
    assert.deepEqual(await versions(two, w), [V1]);
    assert.deepEqual(
      (await two.getManifest('c', { limit: 10, versions: [{ kind: 'all' }] })).items.map((o) => o.id),
      [w],
    );
  }));

test('sqlite: a write that fails takes its rows out of the id table too: what another connection stores meanwhile is found', () =>
  withTwoConnections(async (one, two, path) => {
    const V1 = '2024-01-01T00:00:00.000Z';
    await one.addObjects('c', [versionOf('indicator--00000000-0000-4000-8000-000000000001', V1)]);
    // The clock an hour ahead, so that dateAdded is last + 1 for each object: the rolled-back
    // write's rows and two's row below get the same dateAdded values.
    const raw = new Database(path);
    raw.prepare("UPDATE object_collections SET last_date_added = last_date_added + 3600000000 WHERE collection_id = 'c'").run();
    raw.close();
    const rolledBack = Array.from({ length: 5 }, (_, i) => versionOf(`indicator--00000000-0000-4000-8000-00000000010${i}`, V1));
    const broken = { ...versionOf('indicator--00000000-0000-4000-8000-000000000200', V1), raw: null as unknown as string };
    await assert.rejects(one.writeObjects('c', [{ objects: rolledBack }, { objects: [broken] }]), /NOT NULL/);
    const q = versionOf('indicator--00000000-0000-4000-8000-000000000300', V1);
    assert.equal((await two.addObjects('c', [q])).added.length, 1);
    const repeat = await one.addObjects('c', [q]);
    assert.deepEqual(
      [repeat.added.length, repeat.duplicates.length],
      [0, 1],
      'one finds what two stored at a dateAdded it had seen in its failed write',
    );
    const stored = await one.addObjects('c', rolledBack);
    assert.equal(stored.added.length, 5, 'the rolled-back objects are new');
    assert.equal((await one.getObjects('c', { limit: 10, ids: [q.id, ...rolledBack.map((o) => o.id)] })).items.length, 6);
  }));

test('sqlite: loadIdRows loads the id tables of every collection in slices; a lookup meanwhile loads what it needs', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-idrows-load-'));
  const path = join(dir, 'store.db');
  const V1 = '2024-01-01T00:00:00.000Z';
  const idOf = (c: string, i: number) => `indicator--00000000-0000-4000-8000-${c}${String(i).padStart(11, '0')}`;
  try {
    const writer = new SqliteStorage({ path });
    await writer.open();
    for (const c of ['a', 'b'])
      await writer.addObjects(
        c,
        Array.from({ length: 30 }, (_, i) => versionOf(idOf(c, i), V1)),
      );
    await writer.close();

    const one = new SqliteStorage({ path });
    await one.open();
    let slices = 0;
    while (!one.loadIdRows(7)) {
      slices++;
      if (slices === 3) {
        // Part of a's table is loaded: b's last object is found all the same.
        assert.equal((await one.getObjects('b', { limit: 5, ids: [idOf('b', 29)] })).items.length, 1);
      }
      assert.ok(slices < 20, 'loading ends');
    }
    assert.ok(slices >= 4, `60 rows in slices of 7 take several calls (${slices})`);
    assert.equal(one.loadIdRows(7), true, 'loaded stays loaded');
    for (const c of ['a', 'b']) {
      const found = await one.getManifest(c, { limit: 100, ids: Array.from({ length: 30 }, (_, i) => idOf(c, i)) });
      assert.equal(found.items.length, 30, c);
      const again = await one.addObjects(c, [versionOf(idOf(c, 7), V1)]);
      assert.deepEqual([again.added.length, again.duplicates.length], [0, 1], `a duplicate in ${c}`);
    }
    await one.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
