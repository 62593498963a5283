/**
 * Issue 6: kill -9 of a server process while a large POST is being stored in the background
 * (ingest.ts: chunks of CHUNK_SIZE, one storage transaction each, status pending meanwhile), then a
 * new server on the same database. What the server guarantees, as checked here:
 *  - the store is readable (/healthz 200, GET objects pages with next);
 *  - each object is fully stored (its JSON equals what was sent) or absent, and whole chunks only
 *    are stored: addObjects is atomic and records its chunk's outcome in the status in the same
 *    transaction (storage.ts);
 *  - the status of the interrupted request still exists: `pending` (with success_count equal to the
 *    number of objects stored and pending_count the rest) while it has been idle for less than
 *    limits.pending_status_timeout_ms — the restarted server does not take it for abandoned at
 *    once — then settled: `complete`, the objects stored as successes, the others as failures
 *    with ABANDONED_MESSAGE (nothing resumes it; TAXII 2.1 §4.3 lets a client re-POST, Add Objects
 *    being idempotent for identical objects);
 *  - re-POSTing the same envelope completes, and the collection then holds every object once.
 * Over SQLite (a file) and PostgreSQL (a schema).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHUNK_SIZE } from './ingest.js';
import { ABANDONED_MESSAGE, type StatusDetail } from './storage/storage.js';
import { allObjects, assertEachOnce, type Client, e2eIndicator, type ServerProcess, spawnServer, stop } from './test-e2e-client.js';
import { dropSchema, freshSchema, postgresReachable, ROOT, TEST_PG_URL } from './test-fixtures.js';

const TOTAL = 20_000;
/** limits.pending_status_timeout_ms of both servers: short, so that the test sees the settling. */
const PENDING_TIMEOUT_MS = 5000;

interface FullStatus {
  status: 'pending' | 'complete';
  total_count: number;
  success_count: number;
  failure_count: number;
  pending_count: number;
  successes?: StatusDetail[];
  failures?: StatusDetail[];
}

/** Polls the status until it is complete, for at most `ms`. */
async function settledStatus(client: Client, id: string, ms: number): Promise<FullStatus> {
  const end = Date.now() + ms;
  for (;;) {
    const s = await client.getJson<FullStatus>(`${ROOT}/status/${id}/`);
    if (s.status === 'complete' || Date.now() > end) return s;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const sent = Array.from({ length: TOTAL }, (_, i) => e2eIndicator(9, i));
const byId = new Map(sent.map((o) => [String(o.id), o]));

/** POSTs the envelope and SIGKILLs the server once at least one chunk is stored, the status still pending. */
async function killDuringPost(server: ServerProcess): Promise<{ statusId: string; storedAtKill: number; killedAt: number }> {
  const first = await server.client.post(sent);
  assert.equal(first.status, 'pending');
  assert.equal(first.total_count, TOTAL);
  for (;;) {
    const s = await server.client.status(first.id);
    assert.equal(s.status, 'pending', 'the POST completed before the kill: make TOTAL larger');
    if (s.success_count >= CHUNK_SIZE) {
      const killedAt = Date.now();
      server.child.kill('SIGKILL');
      assert.equal(await server.exited, 'SIGKILL');
      return { statusId: first.id, storedAtKill: s.success_count, killedAt };
    }
  }
}

async function crashAndRecover(where: readonly string[], diagnostic: (message: string) => void): Promise<void> {
  const args = [...where, String(PENDING_TIMEOUT_MS)];
  const victim = await spawnServer(args);
  let survivor: ServerProcess | undefined;
  try {
    const { statusId, storedAtKill, killedAt } = await killDuringPost(victim);
    survivor = await spawnServer(args);
    const client = survivor.client;

    const health = await fetch(`${client.base}/healthz`);
    assert.equal(health.status, 200, await health.text());

    const stored = await allObjects(client, 1000);
    const ids = stored.map((o) => String(o.id));
    assert.equal(new Set(ids).size, ids.length, 'no object stored twice');
    for (const o of stored) assert.deepEqual(o, byId.get(String(o.id)), 'a stored object is the object sent');
    assert.ok(stored.length >= storedAtKill, 'what was reported stored survives');
    assert.ok(stored.length < TOTAL);
    assert.equal(stored.length % CHUNK_SIZE, 0, `whole chunks only: ${stored.length} stored`);
    // Chunks are stored in envelope order: what survived is a prefix of the envelope.
    assert.deepEqual(
      ids,
      sent.slice(0, stored.length).map((o) => String(o.id)),
    );

    // Its last chunk was recorded before the kill: idle for less than the timeout (with a
    // second to spare), it is still pending — the new server settled nothing alive at start.
    const status = await client.status(statusId);
    const early = Date.now() - killedAt < PENDING_TIMEOUT_MS - 1000;
    if (early)
      assert.deepEqual(
        [status.status, status.total_count, status.success_count, status.failure_count, status.pending_count],
        ['pending', TOTAL, stored.length, 0, TOTAL - stored.length],
        'the status says what was stored and what was not',
      );

    const settled = await settledStatus(client, statusId, PENDING_TIMEOUT_MS + 10_000);
    assert.deepEqual(
      [settled.status, settled.total_count, settled.success_count, settled.failure_count, settled.pending_count],
      ['complete', TOTAL, stored.length, TOTAL - stored.length, 0],
      'settled: what was stored is a success, the rest failures',
    );
    assert.deepEqual(
      settled.successes?.map((d) => d.id),
      ids,
    );
    assert.deepEqual(
      settled.failures?.map((d) => d.id),
      sent.slice(stored.length).map((o) => String(o.id)),
    );
    assert.ok(
      settled.failures?.every((d) => d.message === ABANDONED_MESSAGE),
      'each failure says the server stopped before storing it',
    );
    diagnostic(
      `killed with ${storedAtKill} reported stored; after restart ${stored.length} stored, status ${early ? 'pending, then ' : ''}settled after ${Date.now() - killedAt} ms`,
    );

    const again = await client.post(sent);
    const done = await client.waitComplete(again.id, 10_000);
    assert.deepEqual([done.status, done.total_count, done.success_count, done.failure_count], ['complete', TOTAL, TOTAL, 0]);
    const all = await allObjects(client, 1000);
    assertEachOnce(
      all.map((o) => String(o.id)),
      [...byId.keys()],
    );
  } finally {
    if (victim.child.exitCode === null && victim.child.signalCode === null) victim.child.kill('SIGKILL');
    if (survivor) await stop(survivor);
  }
}

test('kill -9 during a large POST, then restart (SQLite file)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-crash-'));
  try {
    await crashAndRecover(['sqlite', join(dir, 'taxii.db')], (m) => t.diagnostic(m));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const pgUp = await postgresReachable();
test('kill -9 during a large POST, then restart (PostgreSQL)', {
  skip: pgUp ? false : `PostgreSQL is unreachable at ${TEST_PG_URL}`,
}, async (t) => {
  const schema = freshSchema('e2e_crash');
  try {
    await crashAndRecover(['postgres', schema], (m) => t.diagnostic(m));
  } finally {
    await dropSchema(schema);
  }
});
