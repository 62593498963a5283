/**
 * TaxiiClient's URL handling and version detection against node:http fakes laid out like real
 * servers: discovery at /taxii2/ with the API root elsewhere (MITRE ATT&CK's /api/v21/),
 * absolute and relative api_roots, a 2.0 server that answers a 2.1 Accept in 2.0, malformed
 * resources, and a retried 503 on the way to an API root.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaxiiClient, TaxiiClientError } from './index.js';
import { API_ROOT_21, type FakeHandler, type HttpFake, json, startHttpFake } from './test-http-fake.js';

async function withFake(handler: FakeHandler, run: (fake: HttpFake, client: TaxiiClient) => Promise<void>): Promise<void> {
  const fake = await startHttpFake(handler);
  const client = new TaxiiClient({ retry: { retries: 1, baseDelayMs: 5 } });
  try {
    await run(fake, client);
  } finally {
    await client.close();
    await fake.close();
  }
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<TaxiiClientError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TaxiiClientError, String(error));
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

/** MITRE's ATT&CK TAXII 2.1 layout: discovery /taxii2/, one API root /api/v21/. */
const mitreLike: FakeHandler = (req, res) => {
  if (req.url === '/taxii2/') return json(res, 200, { title: 'ATT&CK', default: '/api/v21/', api_roots: ['/api/v21/'] });
  if (req.url === '/api/v21/') return json(res, 200, { ...API_ROOT_21, title: 'ATT&CK v21' });
  json(res, 404, { title: 'Not found' });
};

test('a discovery URL leads to its default; a relative default resolves against it', async () => {
  await withFake(mitreLike, async (fake, client) => {
    const root = await client.openApiRoot(`${fake.url}taxii2/`);
    assert.equal(root.url, `${fake.url}api/v21/`);
    assert.equal(root.title, 'ATT&CK v21');
    assert.equal(root.version, '2.1');
    const direct = await client.openApiRoot(`${fake.url}api/v21`);
    assert.equal(direct.url, `${fake.url}api/v21/`, 'the missing trailing slash is added (2.1 §3.1)');
  });
});

test('api_roots: absolute URLs on other hosts and "path/" entries resolve; a non-HTTP entry is TAXII_PROTOCOL', async () => {
  await withFake(
    (req, res) => {
      if (req.url === '/taxii2/') return json(res, 200, { title: 't', api_roots: ['https://other.example/feeds/a/', 'b/', '/c'] });
      if (req.url === '/bad/') return json(res, 200, { title: 't', api_roots: ['ftp://x/'] });
      json(res, 404, { title: 'Not found' });
    },
    async (fake, client) => {
      const d = await client.discover(fake.url);
      assert.deepEqual(d.apiRoots, ['https://other.example/feeds/a/', `${fake.url}taxii2/b/`, `${fake.url}c/`]);
      assert.equal(d.defaultApiRoot, undefined);
      await rejectsWith(client.openApiRoot(fake.url), 'TAXII_NO_DEFAULT_API_ROOT');
      await rejectsWith(client.discover(`${fake.url}bad/`), 'TAXII_PROTOCOL');
    },
  );
});

test('a 2.0 server that answers a 2.1 Accept in 2.0 (no 406) is recognised by its Content-Type', async () => {
  await withFake(
    (_req, res) =>
      json(
        res,
        200,
        { title: 'old', versions: ['taxii-2.0'], max_content_length: 100 },
        { 'content-type': 'application/vnd.oasis.taxii+json; version=2.0' },
      ),
    async (fake, client) => {
      const root = await client.openApiRoot(`${fake.url}api1/`);
      assert.equal(root.version, '2.0');
      assert.equal(fake.seen.length, 1);
    },
  );
});

test('with a bare application/json answer the api-root versions decide', async () => {
  await withFake(
    (_req, res) =>
      json(res, 200, { title: 'old', versions: ['taxii-2.0'], max_content_length: 100 }, { 'content-type': 'application/json' }),
    async (fake, client) => {
      assert.equal((await client.openApiRoot(`${fake.url}api1/`)).version, '2.0');
    },
  );
});

test('a server URL with no discovery at /taxii2/ or /taxii/ is the last 404', async () => {
  await withFake(
    (_req, res) => json(res, 404, { title: 'Not found' }),
    async (fake, client) => {
      const error = await rejectsWith(client.discover(fake.url), 'TAXII_HTTP_ERROR');
      assert.equal(error.status, 404);
      assert.deepEqual(
        fake.seen.map((s) => s.url),
        ['/taxii2/', '/taxii/'],
      );
    },
  );
});

test('a resource missing a required property is TAXII_PROTOCOL naming it (2.1 §3.8)', async () => {
  await withFake(
    (req, res) => {
      if (req.url === '/api1/')
        return json(res, 200, { title: 'x', versions: ['application/taxii+json;version=2.1'], max_content_length: 0 });
      if (req.url === '/api2/') return json(res, 200, API_ROOT_21);
      if (req.url === '/api2/collections/')
        return json(res, 200, { collections: [{ id: 'c', title: 't', can_read: 'yes', can_write: true }] });
      if (req.url === '/api2/status/s/')
        return json(res, 200, { id: 's', status: 'done', total_count: 1, success_count: 1, failure_count: 0, pending_count: 0 });
      json(res, 200, { description: 'no title' });
    },
    async (fake, client) => {
      assert.match((await rejectsWith(client.openApiRoot(`${fake.url}api1/`), 'TAXII_PROTOCOL')).message, /max_content_length/);
      assert.match((await rejectsWith(client.discover(`${fake.url}taxii2/`), 'TAXII_PROTOCOL')).message, /discovery\.title/);
      const root = await client.openApiRoot(`${fake.url}api2/`);
      assert.match((await rejectsWith(root.collections(), 'TAXII_PROTOCOL')).message, /collections\[0\]\.can_read/);
      assert.match((await rejectsWith(root.status('s'), 'TAXII_PROTOCOL')).message, /"done"/);
    },
  );
});

test('a 503 with Retry-After on the way to the API root is waited out', async () => {
  await withFake(
    (_req, res, _s, i) => (i === 0 ? json(res, 503, { title: 'busy' }, { 'retry-after': '0' }) : json(res, 200, API_ROOT_21)),
    async (fake, client) => {
      assert.equal((await client.openApiRoot(`${fake.url}api1/`)).title, 'root');
      assert.equal(fake.seen.length, 2);
    },
  );
});

test('caller URLs: credentials, queries and other schemes are TAXII_INVALID_ARGUMENT (credentials not echoed)', async () => {
  const client = new TaxiiClient();
  try {
    const error = await rejectsWith(client.openApiRoot('https://alice:hunter2@example.com/api1/'), 'TAXII_INVALID_ARGUMENT');
    assert.ok(!error.message.includes('hunter2'));
    await rejectsWith(client.openApiRoot('https://example.com/api1/?x=1'), 'TAXII_INVALID_ARGUMENT');
    await rejectsWith(client.openApiRoot('ftp://example.com/'), 'TAXII_INVALID_ARGUMENT');
    await rejectsWith(client.openApiRoot('not a url'), 'TAXII_INVALID_ARGUMENT');
  } finally {
    await client.close();
  }
  assert.throws(() => new TaxiiClient({ version: '3.0' as '2.1' }), { code: 'TAXII_INVALID_ARGUMENT' });
});

test('2.1 paging: more without next continues with added_after = X-TAXII-Date-Added-Last; no way on is TAXII_PROTOCOL', async () => {
  const objects = (n: number) => [{ type: 'indicator', id: `indicator--${n}` }];
  await withFake(
    (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/api1/') return json(res, 200, API_ROOT_21);
      if (url.pathname === '/api1/collections/stuck/objects/') return json(res, 200, { more: true, objects: objects(9) });
      const after = url.searchParams.get('added_after');
      if (after === null)
        return json(res, 200, { more: true, objects: objects(1) }, { 'x-taxii-date-added-first': 'T1', 'x-taxii-date-added-last': 'T1' });
      json(res, 200, { more: false, objects: objects(2) }, { 'x-taxii-date-added-first': 'T2', 'x-taxii-date-added-last': 'T2' });
    },
    async (fake, client) => {
      const root = await client.openApiRoot(`${fake.url}api1/`);
      const ids: string[] = [];
      for await (const o of root.collection('c').objects({ match: { type: 'indicator' } })) ids.push(o.id);
      assert.deepEqual(ids, ['indicator--1', 'indicator--2']);
      assert.equal(fake.seen[2].url, '/api1/collections/c/objects/?match[type]=indicator&added_after=T1');
      const stuck = root.collection('stuck').objects();
      await rejectsWith(
        (async () => {
          for await (const _ of stuck);
        })(),
        'TAXII_PROTOCOL',
      );
    },
  );
});
