import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { storageConformance } from '../conformance.js';
import { ABANDONED_MESSAGE, COLLECTION_DELETED_MESSAGE, type IncomingObject, type Status, type StoredObject } from '../storage.js';
import { migrations } from './migrations/index.js';
import { ID_ROWS_LOADED, PostgresStorage } from './postgres-storage.js';
import { compareSpecVersions, reflag } from './version-flags.js';

const URL = process.env.TAXIWAY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const here = dirname(fileURLToPath(import.meta.url));

/** A schema no other test (or run) uses: taxiway_test_<pid>_<random>. */
function freshSchema(): string {
  return `taxiway_test_${process.pid}_${randomBytes(6).toString('hex')}`;
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function indicator(id: string, version: string | undefined, specVersion = '2.1'): IncomingObject {
  const raw = JSON.stringify({ type: 'indicator', id, spec_version: specVersion, created: version, modified: version });
  return { id, type: 'indicator', version, specVersion, raw };
}

/** Runs a test writer process; resolves with the ids it added. */
function writer(schema: string, collection: string, count: number, maxBatch: number, tag: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(here, 'test-writer.ts'), URL, schema, collection, String(count), String(maxBatch), tag],
      {
        cwd: here,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out.split('\n').filter((l) => l.length > 0));
      else reject(new Error(`writer ${tag} exited with ${code}: ${err}`));
    });
  });
}

function assertIncreasing(items: readonly { dateAdded: number }[], from = Number.NEGATIVE_INFINITY): void {
  let last = from;
  for (const [i, o] of items.entries()) {
    assert.ok(o.dateAdded > last, `dateAdded went backwards at ${i}`);
    last = o.dateAdded;
  }
}

if (!(await reachable())) {
  test('postgres storage', { skip: `PostgreSQL not reachable at ${URL}` }, () => {});
} else {
  // ------------------------------------------------------------ pure parts

  test('postgres flags: spec versions order numerically', () => {
    assert.ok(compareSpecVersions('2.0', '2.1') < 0);
    assert.ok(compareSpecVersions('2.10', '2.9') > 0);
    assert.equal(compareSpecVersions('2.1', '2.1'), 0);
  });

  test('postgres flags: last/first per id among the latest spec_version of each version', () => {
    const row = (versionMicros: number, specVersion: string) => ({
      versionMicros,
      specVersion,
      isLast: false,
      isFirst: false,
      isSpecLatest: false,
    });
    const rows = [row(1, '2.0'), row(1, '2.1'), row(2, '2.0'), row(3, '2.1')];
    assert.equal(reflag(rows).length, 3, 'the 2.0 copy of version 1 keeps its all-false flags');
    assert.deepEqual(
      rows.map((r) => [r.isFirst, r.isLast, r.isSpecLatest]),
      [
        [false, false, false],
        [true, false, true],
        [false, false, true],
        [false, true, true],
      ],
    );
    assert.deepEqual(reflag(rows), [], 'unchanged rows are not reported');
    rows.pop();
    assert.deepEqual(reflag(rows), [rows[2]], 'deleting the last version makes the previous one last');
    assert.equal(rows[2].isLast, true);
  });

  // ------------------------------------------------------------ schema and migrations

  test('postgres open: migrations are recorded once; a second open is a no-op', async () => {
    const schema = freshSchema();
    const s = new PostgresStorage({ url: URL, schema });
    try {
      await s.open();
      await s.open();
      const client = new pg.Client({ connectionString: URL });
      await client.connect();
      const r = await client.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
      await client.end();
      assert.deepEqual(
        r.rows.map((x) => x.version),
        migrations.map((m) => m.version),
      );
    } finally {
      await s.close();
      await dropSchema(schema);
    }
  });

  test('postgres open: migration 2 on a schema of version 1: a status left pending before the upgrade is settled by its request time', async () => {
    const schema = freshSchema();
    const client = new pg.Client({ connectionString: URL });
    await client.connect();
    const id = '44444444-4444-4444-8444-444444444444';
    try {
      await client.query(`CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"`);
      await client.query(
        'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const first = migrations.find((m) => m.version === 1);
      assert.ok(first);
      await client.query(first.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [first.version, first.name]);
      await client.query(
        `INSERT INTO statuses (id, status, request_timestamp, total_count, successes, failures, pendings, owner, api_root, collection_id)
         VALUES ($1, 'pending', '2024-05-01T12:00:00.000000Z', 1, '[]', '[]', $2, 'alice', 'api1', 'c')`,
        [id, JSON.stringify([{ id: 'indicator--1', version: '2024-01-01T00:00:00.000Z' }])],
      );
    } finally {
      await client.end();
    }
    const s = new PostgresStorage({ url: URL, schema });
    try {
      await s.open();
      assert.equal(await s.settleAbandonedStatuses(Date.now() * 1000 - 600_000_000), 1);
      const settled = await s.getStatus(id);
      assert.equal(settled?.status, 'complete');
      assert.deepEqual(settled?.failures, [{ id: 'indicator--1', version: '2024-01-01T00:00:00.000Z', message: ABANDONED_MESSAGE }]);
    } finally {
      await s.close();
      await dropSchema(schema);
    }
  });

  test('postgres open: migration 4 on a schema of version 3: the object keys compare bytewise, stored objects are found as before', async () => {
    const schema = freshSchema();
    const c = randomUUID();
    const id = `indicator--${randomUUID()}`;
    const old = new PostgresStorage({ url: URL, schema });
    const client = new pg.Client({ connectionString: URL });
    await client.connect();
    try {
      // A schema as version 3 left it: every migration but 4 applied, one object stored.
      await client.query(`CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"`);
      await client.query(
        'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const m of migrations.filter((m) => m.version <= 3)) {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      const collationOf = async (table: string, column: string) =>
        (
          await client.query<{ c: string | null }>(
            'SELECT collation_name AS c FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = $3',
            [schema, table, column],
          )
        ).rows[0]?.c;
      assert.equal(await collationOf('objects', 'id'), null, 'before: the database default');
      await client.query('INSERT INTO collection_clock (collection_id, last_date_added) VALUES ($1, 1000)', [c]);
      await client.query(
        `INSERT INTO objects (collection_id, date_added, id, type, version, version_micros, versioned, spec_version,
                              is_last, is_first, is_spec_latest, content_hash, raw)
         VALUES ($1, 1000, $2, 'indicator', '2020-01-01T00:00:00.000Z', 1577836800000000, true, '2.1', true, true, true, '\\x00', '{}')`,
        [c, id],
      );
      await old.open();
      for (const [table, column] of [
        ['objects', 'collection_id'],
        ['objects', 'id'],
        ['objects', 'type'],
        ['objects', 'spec_version'],
        ['collection_clock', 'collection_id'],
      ] as const)
        assert.equal(await collationOf(table, column), 'C', `${table}.${column}`);
      assert.deepEqual(
        (await old.getObjects(c, { limit: 10, ids: [id] })).items.map((o) => o.id),
        [id],
      );
      const again = await old.addObjects(c, [indicator(id, '2020-01-01T00:00:00.000Z')]);
      assert.deepEqual([again.added.length, again.duplicates.length + again.conflicts.length], [0, 1], 'the stored version is found');
    } finally {
      await client.end();
      await old.close();
      await dropSchema(schema);
    }
  });

  test('postgres open: several processes opening one new schema at once do not race (advisory lock)', async () => {
    const schema = freshSchema();
    const storages = Array.from({ length: 4 }, () => new PostgresStorage({ url: URL, schema, pool: { max: 1 } }));
    try {
      await Promise.all(storages.map((s) => s.open()));
      const c = randomUUID();
      await storages[0].addObjects(c, [indicator(`indicator--${randomUUID()}`, '2020-01-01T00:00:00Z')]);
      assert.equal((await storages[3].getObjects(c, { limit: 10 })).items.length, 1);
    } finally {
      await Promise.all(storages.map((s) => s.close()));
      await dropSchema(schema);
    }
  });

  test('postgres options: a schema name that is not a plain identifier is refused', () => {
    assert.throws(() => new PostgresStorage({ url: URL, schema: 'x"; DROP SCHEMA public; --' }), RangeError);
  });

  test('postgres addObjects: atomic — a failing call stores nothing and hands out no dateAdded', async () => {
    const schema = freshSchema();
    const s = new PostgresStorage({ url: URL, schema });
    try {
      await s.open();
      const c = randomUUID();
      await s.addObjects(c, [indicator(`indicator--${randomUUID()}`, '2020-01-01T00:00:00Z')]);
      const bad = { ...indicator(`indicator--${randomUUID()}`, '2020-01-01T00:00:00Z'), raw: 'x\u0000y' };
      await assert.rejects(s.addObjects(c, [indicator(`indicator--${randomUUID()}`, '2020-01-01T00:00:00Z'), bad]));
      const page = await s.getObjects(c, { limit: 10, versions: [{ kind: 'all' }] });
      assert.equal(page.items.length, 1);
      await s.addObjects(c, [indicator(`indicator--${randomUUID()}`, '2020-01-01T00:00:00Z')]);
      assertIncreasing((await s.getObjects(c, { limit: 10 })).items);
    } finally {
      await s.close();
      await dropSchema(schema);
    }
  });

  test('postgres addObjects: a malformed version is a failure, the rest is stored', async () => {
    const schema = freshSchema();
    const s = new PostgresStorage({ url: URL, schema });
    try {
      await s.open();
      const c = randomUUID();
      const r = await s.addObjects(c, [
        indicator(`indicator--${randomUUID()}`, 'yesterday'),
        indicator(`indicator--${randomUUID()}`, '2020-01-01T00:00:00Z'),
      ]);
      assert.equal(r.added.length, 1);
      assert.equal(r.conflicts.length, 1);
      assert.equal(typeof r.conflicts[0].message, 'string');
    } finally {
      await s.close();
      await dropSchema(schema);
    }
  });

  test('postgres addObjects: a new older version keeps last, takes first; flags of stored rows follow', async () => {
    const schema = freshSchema();
    const s = new PostgresStorage({ url: URL, schema });
    try {
      await s.open();
      const c = randomUUID();
      const id = `indicator--${randomUUID()}`;
      await s.addObjects(c, [indicator(id, '2021-01-01T00:00:00Z')]);
      await s.addObjects(c, [indicator(id, '2020-01-01T00:00:00Z')]);
      await s.addObjects(c, [indicator(id, '2022-01-01T00:00:00Z'), indicator(id, '2022-01-01T00:00:00Z', '2.0')]);
      const v = async (kind: 'first' | 'last') =>
        (await s.getObjects(c, { limit: 10, versions: [{ kind }] })).items.map((o) => [o.version, o.specVersion]);
      assert.deepEqual(await v('first'), [['2020-01-01T00:00:00Z', '2.1']]);
      assert.deepEqual(await v('last'), [['2022-01-01T00:00:00Z', '2.1']]);
    } finally {
      await s.close();
      await dropSchema(schema);
    }
  });

  // ------------------------------------------------------------ several processes

  test('postgres processes: two writer processes on one collection; paging after returns every object once, in order', async () => {
    const schema = freshSchema();
    const reader = new PostgresStorage({ url: URL, schema });
    try {
      const c = randomUUID();
      const [a, b] = await Promise.all([writer(schema, c, 1500, 40, 'a'), writer(schema, c, 1500, 40, 'b')]);
      await reader.open();
      const seen: StoredObject[] = [];
      let after: number | undefined;
      for (;;) {
        const page = await reader.getObjects(c, { limit: 97, after });
        seen.push(...page.items);
        if (!page.more) break;
        after = page.items[page.items.length - 1].dateAdded;
      }
      assertIncreasing(seen);
      assert.equal(seen.length, 3000);
      assert.deepEqual(new Set(seen.map((o) => o.id)), new Set([...a, ...b]));
    } finally {
      await reader.close();
      await dropSchema(schema);
    }
  });

  test('postgres processes: a reader paging while two processes write never goes backwards and misses nothing', async () => {
    const schema = freshSchema();
    const reader = new PostgresStorage({ url: URL, schema });
    try {
      await reader.open();
      const c = randomUUID();
      let running = true;
      const writers = Promise.all([writer(schema, c, 2000, 15, 'a'), writer(schema, c, 2000, 15, 'b')]).finally(() => {
        running = false;
      });
      const seen: StoredObject[] = [];
      let after: number | undefined;
      for (;;) {
        const writersDone = !running;
        const page = await reader.getObjects(c, { limit: 50, after });
        assertIncreasing(page.items, after);
        seen.push(...page.items);
        if (page.items.length > 0) after = page.items[page.items.length - 1].dateAdded;
        // Stop only on a page that ended the collection and began after both writers finished.
        if (!page.more && writersDone) break;
        if (!page.more) await new Promise((r) => setTimeout(r, 5));
      }
      const written = (await writers).flat();
      assertIncreasing(seen);
      const ids = seen.map((o) => o.id);
      assert.equal(new Set(ids).size, ids.length, 'no object seen twice');
      assert.equal(ids.length, written.length, 'no object missed');
      assert.deepEqual(new Set(ids), new Set(written));
    } finally {
      await reader.close();
      await dropSchema(schema);
    }
  });

  // ------------------------------------------------------------ the shared suite

  storageConformance('postgres', async () => {
    const schema = freshSchema();
    return { storage: new PostgresStorage({ url: URL, schema, pool: { max: 4 } }), cleanup: () => dropSchema(schema) };
  });

  // ------------------------------------------------------------ id tables (CollectionIdRows)
  /** Writes to `collection` until the storage's id table of it is loaded (it loads after the first). */
  async function untilIdRowsLoaded(storage: PostgresStorage, collection: string): Promise<void> {
    for (let i = 0; !storage[ID_ROWS_LOADED](collection); i++) {
      assert.ok(i < 200, 'the id table loads');
      await storage.addObjects(collection, [indicator(`indicator--${randomUUID()}`, '2024-06-01T00:00:00.000Z')]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  test('postgres id tables: two storages on one schema (as two processes) find each other’s objects: duplicates, new versions, deletes, a load in pages', async () => {
    const schema = freshSchema();
    // Pages of 3 rows: the loads take several pages, and a write takes in at most 3 rows of the other's.
    const one = new PostgresStorage({ url: URL, schema, pool: { max: 2 }, idRowsPageSize: 3 });
    const two = new PostgresStorage({ url: URL, schema, pool: { max: 2 }, idRowsPageSize: 3 });
    try {
      await one.open();
      await two.open();
      const V1 = '2024-01-01T00:00:00.000Z';
      const V2 = '2024-02-01T00:00:00.000Z';
      const x = `indicator--${randomUUID()}`;
      const y = `indicator--${randomUUID()}`;
      const z = `indicator--${randomUUID()}`;
      await one.addObjects('c', [indicator(x, V1), ...Array.from({ length: 10 }, () => indicator(`indicator--${randomUUID()}`, V1))]);
      await untilIdRowsLoaded(one, 'c');
      await untilIdRowsLoaded(two, 'c');

      const dup = await two.addObjects('c', [indicator(x, V1)]);
      assert.deepEqual([dup.added.length, dup.duplicates.length], [0, 1], 'x is in two’s loaded table');
      await one.addObjects('c', [indicator(y, V1)]);
      const dupY = await two.addObjects('c', [indicator(y, V1)]);
      assert.deepEqual([dupY.added.length, dupY.duplicates.length], [0, 1], 'y, stored by one since, is taken in under the lock');
      const clash = await two.addObjects('c', [{ ...indicator(y, V1), raw: JSON.stringify({ type: 'indicator', id: y, changed: true }) }]);
      assert.equal(clash.conflicts.length, 1, 'a different object under the same version');
      assert.equal((await two.addObjects('c', [indicator(y, V2)])).added.length, 1);
      assert.deepEqual(
        (await one.getObjects('c', { limit: 10, ids: [y] })).items.map((o) => o.version),
        [V2],
        'the new version is the last one: the flags of one’s row were updated by two',
      );

      // More rows stored by one than two takes in at once (3): two looks its ids up without the table.
      const many = Array.from({ length: 8 }, () => `indicator--${randomUUID()}`);
      await one.addObjects(
        'c',
        many.map((id) => indicator(id, V1)),
      );
      const seen = await two.addObjects('c', [indicator(many[7] as string, V1), indicator(z, V1)]);
      assert.deepEqual([seen.added.length, seen.duplicates.length], [1, 1], 'the last of the eight is found');
      await untilIdRowsLoaded(two, 'c');
      assert.equal((await two.addObjects('c', [indicator(many[0] as string, V1)])).duplicates.length, 1, 'the reloaded table holds them');

      // Deleted by one: two's table still names the row's dateAdded, where it is gone.
      assert.equal(await one.deleteObject('c', x, { versions: [{ kind: 'all' }] }), 1);
      assert.equal((await two.addObjects('c', [indicator(x, V1)])).added.length, 1, 'x stored again is new');
      assert.deepEqual((await one.getManifest('c', { limit: 10, ids: [x], versions: [{ kind: 'all' }] })).items.length, 1, 'once');
    } finally {
      await one.close();
      await two.close();
      await dropSchema(schema);
    }
  });

  test('postgres writes of new ids (one round trip): versions of one id in a group are flagged, statuses created complete; another process’s delete of the collection refuses them', async () => {
    const schema = freshSchema();
    const one = new PostgresStorage({ url: URL, schema, pool: { max: 2 } });
    const two = new PostgresStorage({ url: URL, schema, pool: { max: 1 } });
    const collection = randomUUID();
    const record = { apiRoot: 'api1', id: collection, title: 'c', read: ['*'], write: ['*'], mediaTypes: [] };
    try {
      await one.open();
      await two.open();
      await one.upsertCollection(record);
      await untilIdRowsLoaded(one, collection);
      const x = `indicator--${randomUUID()}`;
      const V1 = '2024-01-01T00:00:00.000Z';
      const V2 = '2024-02-01T00:00:00.000Z';
      const status = (id: string): Status => ({
        id,
        status: 'pending',
        requestTimestamp: V1,
        totalCount: 2,
        successes: [],
        failures: [],
        pendings: [],
        owner: 'alice',
        apiRoot: 'api1',
        collectionId: collection,
      });
      const [a, b] = [randomUUID(), randomUUID()];
      const y = `indicator--${randomUUID()}`;
      const results = await one.writeObjects(collection, [
        { objects: [indicator(x, V2), indicator(x, V1)], status: { id: a, final: true, create: status(a) } },
        { objects: [indicator(x, V1), indicator(y, V1)], status: { id: b, final: true, create: status(b) } },
      ]);
      assert.deepEqual(
        results.map((r) => [r.added.length, r.duplicates.length, r.conflicts.length]),
        [
          [2, 0, 0],
          [1, 1, 0],
        ],
        'the second write sees the first’s rows',
      );
      assert.deepEqual(
        (await one.getObjects(collection, { limit: 10, ids: [x] })).items.map((o) => o.version),
        [V2],
        'last: the newer version, stored first',
      );
      assert.deepEqual(
        (await one.getObjects(collection, { limit: 10, ids: [x], versions: [{ kind: 'first' }] })).items.map((o) => o.version),
        [V1],
      );
      for (const id of [a, b]) {
        const stored = await two.getStatus(id);
        assert.equal(stored?.status, 'complete');
        assert.equal(stored?.successes.length, 2);
      }
      const page = await two.getObjects(collection, { limit: 10, ids: [x, y], versions: [{ kind: 'all' }] });
      assert.deepEqual(
        page.items.map((o) => [o.id, o.version]),
        [
          [x, V2],
          [x, V1],
          [y, V1],
        ],
        'in the order of the writes',
      );
      assertIncreasing(page.items);

      assert.equal(await two.deleteCollection('api1', collection), true);
      const refused = await one.addObjects(collection, [indicator(`indicator--${randomUUID()}`, V1)]);
      assert.deepEqual(
        refused.conflicts.map((c) => c.message),
        [COLLECTION_DELETED_MESSAGE],
      );
      assert.equal((await two.getObjects(collection, { limit: 10, versions: [{ kind: 'all' }] })).items.length, 0);
    } finally {
      await one.close();
      await two.close();
      await dropSchema(schema);
    }
  });

  test('postgres id tables: a write that fails leaves the table as it was before it: its objects are new afterwards, and another process’s rows at its dateAdded values are found', async () => {
    const schema = freshSchema();
    const storage = new PostgresStorage({ url: URL, schema, pool: { max: 2 }, idRowsPageSize: 3 });
    const other = new PostgresStorage({ url: URL, schema, pool: { max: 1 } });
    const sql = new pg.Client({ connectionString: URL });
    try {
      await storage.open();
      await other.open();
      await untilIdRowsLoaded(storage, 'c');
      // The clock an hour ahead: dateAdded is then last + 1 per object, so the failed write's rows
      // and the other process's row below get the same dateAdded values.
      await sql.connect();
      await sql.query(`UPDATE "${schema}".collection_clock SET last_date_added = last_date_added + 3600000000 WHERE collection_id = 'c'`);
      const ids = Array.from({ length: 4 }, () => `indicator--${randomUUID()}`);
      const broken = { ...indicator(`indicator--${randomUUID()}`, '2024-01-01T00:00:00.000Z'), raw: '\u0000 not storable' };
      await assert.rejects(
        storage.writeObjects('c', [{ objects: ids.map((id) => indicator(id, '2024-01-01T00:00:00.000Z')) }, { objects: [broken] }]),
      );
      const q = indicator(`indicator--${randomUUID()}`, '2024-01-01T00:00:00.000Z');
      assert.equal((await other.addObjects('c', [q])).added.length, 1);
      await untilIdRowsLoaded(storage, 'c');
      assert.equal((await storage.addObjects('c', [q])).duplicates.length, 1, 'the other process’s row is found');
      const again = await storage.addObjects(
        'c',
        ids.map((id) => indicator(id, '2024-01-01T00:00:00.000Z')),
      );
      assert.equal(again.added.length, 4, 'nothing of the failed write counts as stored');
      await untilIdRowsLoaded(storage, 'c');
      assert.equal((await storage.addObjects('c', [indicator(ids[2] as string, '2024-01-01T00:00:00.000Z')])).duplicates.length, 1);
    } finally {
      await sql.end();
      await storage.close();
      await other.close();
      await dropSchema(schema);
    }
  });
}
