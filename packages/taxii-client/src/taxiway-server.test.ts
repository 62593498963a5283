/**
 * The client against our own TAXII 2.1 server (@taxiway/taxii-server), in-process on a free port,
 * over SQLite ':memory:' — or PostgreSQL with TAXIWAY_TEST_STORAGE=postgres (a fresh database per
 * server; taxiway-server-postgres.test.ts runs this file that way).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Auth, type Page, type Status, TaxiiClient, TaxiiClientError, type TaxiiClientOptions } from './index.js';
import {
  C_BULK,
  C_PUBLIC,
  C_SHARED,
  C_SMALL,
  C_WORK,
  indicator,
  malware20,
  PASSWORD,
  postgresReachable,
  type RunningServer,
  SMALL_MAX_CONTENT_LENGTH,
  startServer,
  TEST_PG_URL,
  tokenOf,
  usePostgres,
} from './test-taxii-server.js';

const skip = usePostgres() && !(await postgresReachable()) ? `PostgreSQL is unreachable at ${TEST_PG_URL}` : false;
const ALICE: Auth = { type: 'bearer', token: tokenOf('alice') };

type MakeClient = (auth?: Auth | null, o?: TaxiiClientOptions) => TaxiiClient;

async function withServer(run: (server: RunningServer, client: MakeClient) => Promise<void>, overrides = {}) {
  const server = await startServer(overrides);
  const clients: TaxiiClient[] = [];
  const client: MakeClient = (auth = ALICE, o = {}) => {
    const c = new TaxiiClient({ ...(auth ? { auth } : {}), retry: { retries: 0 }, ...o });
    clients.push(c);
    return c;
  };
  try {
    await run(server, client);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  }
}

async function rejectsWith(promise: Promise<unknown>, code: string, status?: number): Promise<TaxiiClientError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TaxiiClientError, `expected a TaxiiClientError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (status !== undefined) assert.equal(error.status, status, error.message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<Page<T>[]> {
  const out: Page<T>[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const i of items) out.push(i);
  return out;
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => indicator(from + i));

test('discovery: the server URL finds /taxii2/ and its default API root (2.1 §4.1); relative api_roots resolve', { skip }, async () => {
  await withServer(async (server, client) => {
    const c = client();
    const d = await c.discover(server.baseUrl);
    assert.equal(d.version, '2.1');
    assert.equal(d.url, `${server.baseUrl}taxii2/`);
    assert.deepEqual(d.apiRoots, [`${server.baseUrl}api1/`, `${server.baseUrl}small/`, `${server.baseUrl}feeds/bulk/`]);
    assert.equal(d.defaultApiRoot, `${server.baseUrl}api1/`);
    for (const start of [server.baseUrl, `${server.baseUrl}taxii2/`, `${server.baseUrl}taxii2`]) {
      const root = await c.openApiRoot(start);
      assert.equal(root.url, `${server.baseUrl}api1/`, start);
      assert.equal(root.version, '2.1');
      assert.equal(root.maxContentLength, 200_000);
    }
    const bulk = await c.openApiRoot(`${server.baseUrl}feeds/bulk/`);
    assert.equal(bulk.title, 'Bulk');
    assert.equal(bulk.maxContentLength, 10_000_000);
  });
});

test('discovery: no default is TAXII_NO_DEFAULT_API_ROOT; an unknown API root is HTTP 404', { skip }, async () => {
  await withServer(
    async (server, client) => {
      const error = await rejectsWith(client().openApiRoot(server.baseUrl), 'TAXII_NO_DEFAULT_API_ROOT');
      assert.match(error.message, /api1/);
      await rejectsWith(client().openApiRoot(`${server.baseUrl}nowhere/`), 'TAXII_HTTP_ERROR', 404);
    },
    { discovery: { title: 'no default' } },
  );
});

test('collections: each user sees what they may; a collection by alias', { skip }, async () => {
  await withServer(async (server, client) => {
    const alice = await client().openApiRoot(server.baseUrl);
    assert.deepEqual(
      (await alice.collections()).map((c) => c.id),
      [C_SHARED, C_PUBLIC, C_WORK],
    );
    const bob = await client({ type: 'basic', username: 'bob', password: PASSWORD }).openApiRoot(server.baseUrl);
    const seen = await bob.collections();
    assert.deepEqual(
      seen.map((c) => [c.id, c.can_read, c.can_write]),
      [
        [C_SHARED, true, false],
        [C_PUBLIC, true, false],
      ],
    );
    const shared = await alice.collection('shared').info();
    assert.equal(shared.id, C_SHARED);
    assert.equal(shared.alias, 'shared');
  });
});

test('auth failures are typed: 401 for bad or no credentials, 403 / 404 by the collection rules', { skip }, async () => {
  await withServer(async (server, client) => {
    const url = `${server.baseUrl}api1/`;
    const wrong = await rejectsWith(
      client({ type: 'basic', username: 'alice', password: 'not it' }).openApiRoot(url),
      'TAXII_HTTP_ERROR',
      401,
    );
    assert.ok(!wrong.message.includes('not it'));
    await rejectsWith(client({ type: 'bearer', token: 'unknown-token' }).openApiRoot(url), 'TAXII_HTTP_ERROR', 401);
    await rejectsWith(client(null).openApiRoot(url), 'TAXII_HTTP_ERROR', 401);
    const bob = await client({ type: 'bearer', token: tokenOf('bob') }).openApiRoot(url);
    const denied = await rejectsWith(bob.collection(C_SHARED).addObjects([indicator()]), 'TAXII_HTTP_ERROR', 403);
    assert.equal(denied.taxiiError?.http_status, '403');
    await rejectsWith(all(bob.collection(C_WORK).objects()), 'TAXII_HTTP_ERROR', 404);
  });
});

test('add with respondAsync: Prefer: respond-async, pending answers, then complete when waited for', { skip }, async () => {
  await withServer(async (server, client) => {
    const root = await client().openApiRoot(`${server.baseUrl}small/`);
    const objects = range(2000, 5);
    const sent = await root.collection(C_SMALL).addObjects(objects, { respondAsync: true });
    assert.equal(sent.statuses[0]?.status, 'pending', 'answered before the objects were stored');
    assert.equal(sent.pendingCount, 5);
    const done = await root.waitForStatus(sent.statuses[0] as Status, { intervalMs: 10 });
    assert.equal(done.successCount, 5);
    const waited = await root.collection(C_SMALL).addObjects(range(3000, 3), { respondAsync: true, wait: { intervalMs: 10 } });
    assert.deepEqual([waited.successCount, waited.pendingCount], [3, 0]);
  });
});

test('add: split to max_content_length, one POST per body, statuses summed (2.1 §5.5)', { skip }, async () => {
  await withServer(async (server, client) => {
    const root = await client().openApiRoot(`${server.baseUrl}small/`);
    assert.equal(root.maxContentLength, SMALL_MAX_CONTENT_LENGTH);
    const objects = range(1000, 20);
    const result = await root.collection(C_SMALL).addObjects(objects);
    const perObject = Buffer.byteLength(JSON.stringify(objects[0]));
    assert.ok(result.requests >= Math.ceil((20 * (perObject + 1)) / SMALL_MAX_CONTENT_LENGTH), `${result.requests} requests`);
    assert.equal(result.totalCount, 20);
    assert.equal(result.successCount, 20);
    assert.equal(result.failureCount, 0);
    assert.deepEqual(
      result.successes.map((s) => s.id),
      objects.map((o) => o.id),
    );
    assert.equal(result.successes[0].version, objects[0].modified);
    assert.equal(result.statuses.length, result.requests);
    assert.ok(result.statuses.every((s) => s.status === 'complete' && s.raw.id === s.id));
    assert.deepEqual(
      (await all(root.collection(C_SMALL).objects())).map((o) => o.id),
      objects.map((o) => o.id),
    );
  });
});

test('add: invalid objects come back as failures; an async iterable is split as it is read', { skip }, async () => {
  await withServer(async (server, client) => {
    const root = await client().openApiRoot(`${server.baseUrl}small/`);
    const { pattern: _dropped, ...noPattern } = indicator(2000);
    async function* source() {
      yield indicator(2001);
      yield noPattern as ReturnType<typeof indicator>;
      for (const o of range(2002, 8)) yield o;
    }
    const result = await root.collection(C_SMALL).addObjects(source());
    assert.ok(result.requests > 1);
    assert.equal(result.totalCount, 10);
    assert.equal(result.successCount, 9);
    assert.deepEqual(
      result.failures.map((f) => f.id),
      [noPattern.id],
    );
    assert.ok(result.failures[0].message);
  });
});

test('add: an object too large alone is TAXII_OBJECT_TOO_LARGE naming it, before any POST', { skip }, async () => {
  await withServer(async (server, client) => {
    const root = await client().openApiRoot(`${server.baseUrl}small/`);
    const big = { ...indicator(3000), description: 'x'.repeat(SMALL_MAX_CONTENT_LENGTH) };
    const error = await rejectsWith(root.collection(C_SMALL).addObjects([indicator(3001), big]), 'TAXII_OBJECT_TOO_LARGE');
    assert.equal(error.objectId, big.id);
    assert.deepEqual(await all(root.collection(C_SMALL).objects()), []);
  });
});

test('status: a large POST is answered pending; waitForStatus polls it to complete', { skip }, async () => {
  await withServer(async (server, client) => {
    const root = await client().openApiRoot(`${server.baseUrl}feeds/bulk/`);
    const objects = range(10_000, 1500);
    const sent = await root.collection(C_BULK).addObjects(objects);
    assert.equal(sent.requests, 1);
    assert.equal(sent.statuses[0].status, 'pending');
    const done = await root.waitForStatus(sent.statuses[0], { intervalMs: 20, timeoutMs: 60_000 });
    assert.equal(done.status, 'complete');
    assert.equal(done.successCount, 1500);
    assert.equal(done.pendingCount, 0);
    const again = await root.status(done.id);
    assert.equal(again.successCount, 1500);
    const waited = await root.collection(C_BULK).addObjects(range(20_000, 1200), { wait: { intervalMs: 20 } });
    assert.equal(waited.statuses[0].status, 'complete');
    assert.equal(waited.successCount, 1200);
    await rejectsWith(root.status('00000000-0000-4000-8000-000000000000'), 'TAXII_HTTP_ERROR', 404);
  });
});

test('paging: limit pages through more than one page, in date_added order, each object once (2.1 §3.5)', { skip }, async () => {
  await withServer(async (server, client) => {
    const root = await client().openApiRoot(server.baseUrl);
    const c = root.collection(C_WORK);
    const objects = range(4000, 23);
    await c.addObjects(objects, { maxContentLength: 2500 });
    const pages = await collect(c.objectPages({ limit: 5 }));
    assert.deepEqual(
      pages.map((p) => p.objects.length),
      [5, 5, 5, 5, 3],
    );
    assert.deepEqual(
      pages.map((p) => p.more),
      [true, true, true, true, false],
    );
    assert.deepEqual(
      pages.flatMap((p) => p.objects.map((o) => o.id)),
      objects.map((o) => o.id),
    );
    for (let i = 1; i < pages.length; i++) assert.ok((pages[i - 1].dateAddedLast ?? '') < (pages[i].dateAddedFirst ?? ''));
    assert.ok(pages[0].next);
    // The server's cap (max_page_size 50) pages without a limit too.
    await c.addObjects(range(4100, 40));
    assert.deepEqual(
      (await collect(c.objectPages())).map((p) => p.objects.length),
      [50, 13],
    );
    // Leaving the loop early ends the iteration (the generator is closed).
    let seen = 0;
    for await (const _ of c.objects({ limit: 2 })) if (++seen === 3) break;
    assert.equal(seen, 3);
  });
});

test('filters: match[type|id|version|spec_version] and added_after (2.1 §3.4)', { skip }, async () => {
  await withServer(async (server, client) => {
    const c = (await client().openApiRoot(server.baseUrl)).collection(C_WORK);
    await c.addObjects([indicator(1), indicator(1, '2024-02-01T00:00:00.000Z'), malware20(2), indicator(3)]);
    const ids = async (filters: Parameters<typeof c.objects>[0]) =>
      (await all(c.objects(filters))).map((o) => `${o.type}:${String(o.modified).slice(5, 7)}`);
    assert.deepEqual(await ids({ match: { type: 'malware' } }), ['malware:01']);
    assert.deepEqual(await ids({ match: { id: [indicator(1).id, indicator(3).id] } }), ['indicator:02', 'indicator:01']);
    assert.deepEqual(await ids({ match: { id: indicator(1).id, version: 'all' } }), ['indicator:01', 'indicator:02']);
    assert.deepEqual(await ids({ match: { id: indicator(1).id, version: 'first' } }), ['indicator:01']);
    assert.deepEqual(await ids({ match: { specVersion: '2.0' } }), ['malware:01']);
    assert.deepEqual(await ids({ match: { type: ['malware', 'indicator'], specVersion: ['2.1'] } }), ['indicator:02', 'indicator:01']);
    const [first] = await collect(c.objectPages({ limit: 2, match: { version: 'all' } }));
    assert.deepEqual(await ids({ addedAfter: first.dateAddedLast, match: { version: 'all' } }), ['malware:01', 'indicator:01']);
    const manifest = await all(c.manifest({ match: { type: 'indicator', version: 'all' } }));
    assert.equal(manifest.length, 3);
    assert.ok(manifest.every((m) => 'version' in m && m.media_type === 'application/stix+json;version=2.1'));
    await rejectsWith(all(c.objects({ limit: 0 })), 'TAXII_INVALID_ARGUMENT');
    await rejectsWith(all(c.objects({ addedAfter: 'yesterday' })), 'TAXII_INVALID_ARGUMENT');
  });
});

test('versions (2.1 §5.8) and get an object (§5.6): oldest first, paged, filtered', { skip }, async () => {
  await withServer(async (server, client) => {
    const c = (await client().openApiRoot(server.baseUrl)).collection(C_WORK);
    const months = ['01', '02', '03'];
    await c.addObjects(months.map((m) => indicator(7, `2024-${m}-01T00:00:00.000Z`)));
    const id = indicator(7).id;
    assert.deepEqual(
      await c.objectVersions(id, { limit: 2 }),
      months.map((m) => `2024-${m}-01T00:00:00.000Z`),
    );
    assert.deepEqual(
      (await c.getObject(id)).map((o) => o.modified),
      ['2024-03-01T00:00:00.000Z'],
    );
    assert.equal((await c.getObject(id, { match: { version: 'all' }, limit: 1 })).length, 3);
    await rejectsWith(c.objectVersions(indicator(8).id), 'TAXII_HTTP_ERROR', 404);
  });
});

test('delete (2.1 §5.7): one version, then the object; afterwards it is 404', { skip }, async () => {
  await withServer(async (server, client) => {
    const c = (await client().openApiRoot(server.baseUrl)).collection(C_WORK);
    await c.addObjects([indicator(9), indicator(9, '2024-05-01T00:00:00.000Z'), indicator(10)]);
    const id = indicator(9).id;
    await c.deleteObject(id, { match: { version: 'first' } });
    assert.deepEqual(await c.objectVersions(id), ['2024-05-01T00:00:00.000Z']);
    await c.deleteObject(id);
    await rejectsWith(c.getObject(id), 'TAXII_HTTP_ERROR', 404);
    await rejectsWith(c.deleteObject(id), 'TAXII_HTTP_ERROR', 404);
    assert.deepEqual(
      (await all(c.objects())).map((o) => o.id),
      [indicator(10).id],
    );
    const bob = (await client({ type: 'bearer', token: tokenOf('bob') }).openApiRoot(server.baseUrl)).collection(C_SHARED);
    await rejectsWith(bob.deleteObject(indicator(10).id), 'TAXII_HTTP_ERROR', 403);
  });
});

test('forcing TAXII 2.0 against our server: 2.0 bundles in, Range pages out, the 2.1 objects served converted', { skip }, async () => {
  await withServer(async (server, client) => {
    const root = await client(ALICE, { version: '2.0' }).openApiRoot(`${server.baseUrl}api1/`);
    assert.equal(root.version, '2.0');
    const collection = root.collection(C_WORK);
    const added = await collection.addObjects([malware20(1), malware20(2)], { wait: true });
    assert.equal(added.successCount, 2);
    await (await client().openApiRoot(`${server.baseUrl}api1/`)).collection(C_WORK).addObjects(range(9000, 3));
    const pages = await collect(collection.objectPages({ limit: 2 }));
    assert.deepEqual(
      pages.map((p) => p.objects.length),
      [2, 2, 1],
    );
    assert.equal(pages[0]?.total, 5);
    const objects = pages.flatMap((p) => p.objects);
    assert.ok(
      objects.every((o) => o.spec_version === undefined),
      'STIX 2.0 objects carry no spec_version',
    );
    assert.equal(objects.filter((o) => o.type === 'indicator').length, 3);
    await rejectsWith(collection.deleteObject(objects[0]?.id as string), 'TAXII_UNSUPPORTED');
  });
});
