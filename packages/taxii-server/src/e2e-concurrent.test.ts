/**
 * Issue 6: several clients POSTing at once over real HTTP (a server listening on port 0), then a
 * reader paging GET objects and the manifest with `next`: every object exactly once, date_added
 * strictly increasing (TAXII 2.1 §3.3 sorting, §3.5 pagination) — over SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteStorage } from './storage/sqlite/sqlite-storage.js';
import type { Storage } from './storage/storage.js';
import { allManifest, allObjects, assertEachOnce, e2eIndicator, listen } from './test-e2e-client.js';
import { postgresReachable, ScratchPostgresStorage, TEST_PG_URL } from './test-fixtures.js';

const CLIENTS = 6;
const POSTS = 5;
const PER_POST = 200;

async function concurrentPosts(storage: Storage): Promise<void> {
  const { app, client } = await listen(storage);
  try {
    const expected: string[] = [];
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      const statuses: string[] = [];
      for (let p = 0; p < POSTS; p++) {
        const objects = Array.from({ length: PER_POST }, (_, i) => e2eIndicator(c + 1, p * PER_POST + i));
        expected.push(...objects.map((o) => String(o.id)));
        const status = await client.post(objects);
        assert.equal(status.total_count, PER_POST);
        assert.equal(status.failure_count, 0);
        statuses.push(status.id);
      }
      return statuses;
    });
    const statusIds = (await Promise.all(clients)).flat();
    for (const id of statusIds) {
      const s = await client.waitComplete(id);
      assert.equal(s.status, 'complete');
      assert.deepEqual([s.success_count, s.failure_count, s.pending_count], [PER_POST, 0, 0]);
    }
    const objects = await allObjects(client, 97);
    assertEachOnce(
      objects.map((o) => String(o.id)),
      expected,
    );
    const manifest = await allManifest(client, 97);
    assertEachOnce(
      manifest.map((r) => r.id),
      expected,
    );
  } finally {
    await app.close();
  }
}

test(`${CLIENTS} clients × ${POSTS} POSTs × ${PER_POST} objects at once, then paging with next (SQLite file)`, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-e2e-'));
  const storage = new SqliteStorage({ path: join(dir, 'taxii.db') });
  await storage.open();
  try {
    await concurrentPosts(storage);
  } finally {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  }
});

const pgUp = await postgresReachable();
test(`${CLIENTS} clients × ${POSTS} POSTs × ${PER_POST} objects at once, then paging with next (PostgreSQL)`, {
  skip: pgUp ? false : `PostgreSQL is unreachable at ${TEST_PG_URL}`,
}, async () => {
  const storage = new ScratchPostgresStorage();
  await storage.open();
  try {
    await concurrentPosts(storage);
  } finally {
    await storage.close();
  }
});
