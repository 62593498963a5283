/**
 * Issue 6: two server PROCESSES on one PostgreSQL schema with one cursor_secret. A writer client
 * POSTs 3,000 objects in batches to process A while a reader pages process B with `next`
 * (TAXII 2.1 §3.5); the reader sees every object exactly once, in strictly increasing date_added
 * (§3.3), during and after the writes; a `next` issued by one process is honoured by the other.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  allManifest,
  assertEachOnce,
  assertIncreasing,
  type Client,
  e2eIndicator,
  OBJECTS_PATH,
  objectsPage,
  type ServerProcess,
  spawnServer,
  stop,
} from './test-e2e-client.js';
import { dropSchema, freshSchema, postgresReachable, TEST_PG_URL } from './test-fixtures.js';

const TOTAL = 3000;
const BATCH = 150;
const pgUp = await postgresReachable();
const skip = pgUp ? false : `PostgreSQL is unreachable at ${TEST_PG_URL}`;

const schema = freshSchema('e2e_procs');
let a: ServerProcess | undefined;
let b: ServerProcess | undefined;

before(async () => {
  if (!pgUp) return;
  // The second process starts once the first has migrated the schema (they may also race: migrate
  // is locked, but that is postgres.test.ts's subject).
  a = await spawnServer(['postgres', schema]);
  b = await spawnServer(['postgres', schema]);
});

after(async () => {
  await Promise.all([a, b].map((p) => (p ? stop(p) : undefined)));
  if (pgUp) await dropSchema(schema);
});

/**
 * Pages `client` from the start (limit 97, following next). When a chain of pages ends while the
 * writer still writes, a new chain starts with added_after = the last date_added seen.
 */
async function readAll(client: Client, writing: () => boolean): Promise<{ ids: string[]; dates: string[]; duringWrites: number }> {
  const ids: string[] = [];
  const dates: string[] = [];
  let duringWrites = 0;
  let chain = `${OBJECTS_PATH}?limit=97`;
  let next: string | undefined;
  for (;;) {
    const done = !writing();
    const page = await objectsPage(client, chain, next);
    const objects = page.objects ?? [];
    if (objects.length > 0) {
      assert.ok(page.first !== undefined && page.last !== undefined);
      dates.push(page.first, page.last);
    }
    ids.push(...objects.map((o) => String(o.id)));
    if (!done) duringWrites += objects.length;
    if (page.more) {
      assert.ok(page.next);
      next = page.next;
      continue;
    }
    // A chain that began its last page after the writer had finished has seen everything.
    if (done) break;
    next = undefined;
    const last = dates[dates.length - 1];
    if (last !== undefined) chain = `${OBJECTS_PATH}?limit=97&added_after=${last}`;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { ids, dates, duringWrites };
}

test('two processes on one PostgreSQL schema: writes to one, paging the other with next', { skip }, async (t) => {
  assert.ok(a && b);
  const [writeTo, readFrom] = [a.client, b.client];
  const expected: string[] = [];
  let writing = true;
  const writer = (async () => {
    for (let n = 0; n < TOTAL; n += BATCH) {
      const objects = Array.from({ length: BATCH }, (_, i) => e2eIndicator(7, n + i));
      expected.push(...objects.map((o) => String(o.id)));
      const status = await writeTo.post(objects);
      // The status is in the shared database: the other process serves it.
      const done = await readFrom.waitComplete(status.id);
      assert.deepEqual([done.status, done.success_count, done.failure_count], ['complete', BATCH, 0]);
    }
  })().finally(() => {
    writing = false;
  });
  const reader = readAll(readFrom, () => writing);
  await writer;
  const seen = await reader;
  t.diagnostic(`the reader saw ${seen.duringWrites} of ${TOTAL} objects while the writer wrote`);
  assertEachOnce(seen.ids, expected);
  // Header dates: each page's first ≤ last, and pages strictly after each other.
  for (let i = 2; i < seen.dates.length; i += 2) assert.ok(seen.dates[i] > seen.dates[i - 1], `pages overlap at ${i / 2}`);
  for (let i = 0; i < seen.dates.length; i += 2) assert.ok(seen.dates[i] <= seen.dates[i + 1]);

  // After the writes, from scratch on either process: everything once, in order.
  for (const p of [a, b]) {
    const manifest = await allManifest(p.client, 97);
    assertEachOnce(
      manifest.map((r) => r.id),
      expected,
    );
  }
});

test('a next cursor issued by one process is honoured by the other (shared cursor_secret)', { skip }, async () => {
  assert.ok(a && b);
  const path = `${OBJECTS_PATH}?limit=40`;
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const first = await objectsPage(from.client, path);
    assert.equal(first.more, true);
    assert.ok(first.next && first.last);
    const second = await objectsPage(to.client, path, first.next);
    assert.equal((second.objects ?? []).length, 40);
    assert.ok(second.first && second.first > first.last, 'the other process continues after the first page');
    const same = await objectsPage(from.client, path, first.next);
    assert.deepEqual(
      (second.objects ?? []).map((o) => o.id),
      (same.objects ?? []).map((o) => o.id),
      'both processes serve the same page for one cursor',
    );
    assertIncreasing([first.first ?? '', first.last, second.first, second.last ?? '']);
  }
});
