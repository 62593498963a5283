import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createServer } from './server.js';
import { ABANDONED_MESSAGE } from './storage/storage.js';
import { C_PUBLIC, C_SHARED, indicator, json, PASSWORD, ROOT, type TestServer, testConfig, testServer } from './test-fixtures.js';
import { MemoryStorage } from './test-memory-storage.js';

const MEDIA = 'application/taxii+json;version=2.1';
let s: TestServer;
before(async () => {
  s = await testServer();
});
after(() => s.close());

const isTaxiiError = (r: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code?: string) => {
  assert.equal(r.statusCode, status, r.body);
  assert.equal(r.headers['content-type'], MEDIA);
  const body = JSON.parse(r.body);
  assert.equal(typeof body.title, 'string');
  assert.equal(body.http_status, String(status));
  if (code) assert.equal(body.error_code, code);
  assert.doesNotMatch(r.body, /at .*\.(ts|js):\d+/);
};

test('discovery at /taxii2/ (TAXII 2.1 §4.1): title, default, relative api_roots', async () => {
  const r = await s.request('GET', '/taxii2/');
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], MEDIA);
  assert.deepEqual(json(r), {
    title: 'Test server',
    description: 'for tests',
    contact: 'ops@example.com',
    default: '/api1/',
    api_roots: ['/api1/', '/feeds/two/'],
  });
});

test('api root (§4.2): versions include taxii 2.1, max_content_length; nested paths work', async () => {
  assert.deepEqual(json(await s.request('GET', '/api1/')), { title: 'API root one', versions: [MEDIA], max_content_length: 200000 });
  assert.equal(json(await s.request('GET', '/feeds/two/')).title, 'API root two');
  isTaxiiError(await s.request('GET', '/nope/'), 404, 'TAXII_NOT_FOUND');
});

test('TAXII URLs end with "/" (§3.1): without it, 404', async () => {
  isTaxiiError(await s.request('GET', '/taxii2'), 404, 'TAXII_NOT_FOUND');
  isTaxiiError(await s.request('GET', '/api1'), 404);
  isTaxiiError(await s.request('GET', `${ROOT}/collections`), 404);
});

test('collections (§5.1): only visible ones, can_read/can_write per requester, sorted by id', async () => {
  const alice = json(await s.request('GET', `${ROOT}/collections/`)).collections as { id: string; can_read: boolean; can_write: boolean }[];
  assert.deepEqual(
    alice.map((c) => [c.id.slice(0, 2), c.can_read, c.can_write]),
    [
      ['11', true, true],
      ['22', true, true],
      ['33', true, true],
    ],
  );
  const bob = json(await s.request('GET', `${ROOT}/collections/`, { user: 'bob' })).collections as {
    id: string;
    can_read: boolean;
    can_write: boolean;
  }[];
  assert.deepEqual(
    bob.map((c) => [c.id.slice(0, 2), c.can_read, c.can_write]),
    [
      ['11', true, false],
      ['22', true, false],
    ],
  );
  const carol = json(await s.request('GET', `${ROOT}/collections/`, { user: 'carol' })).collections as {
    can_read: boolean;
    can_write: boolean;
  }[];
  assert.deepEqual(carol[0], { ...carol[0], can_read: false, can_write: true });
  assert.deepEqual(json(await s.request('GET', '/feeds/two/collections/')), {});
});

test('collection (§5.2) by id and by alias; media_types', async () => {
  const byId = json(await s.request('GET', `${ROOT}/collections/${C_SHARED}/`));
  const byAlias = json(await s.request('GET', `${ROOT}/collections/shared/`));
  assert.deepEqual(byId, byAlias);
  assert.equal(byId.alias, 'shared');
  assert.deepEqual(byId.media_types, ['application/stix+json;version=2.1', 'application/stix+json;version=2.0']);
  isTaxiiError(await s.request('GET', `${ROOT}/collections/unknown/`), 404, 'TAXII_NOT_FOUND');
});

test('Accept: bare taxii+json, spaces, */*, application/* and q-values are served; others 406 (§1.6.8, §3.1)', async () => {
  for (const accept of [
    'application/taxii+json',
    'application/taxii+json; version=2.1',
    '*/*',
    'application/*',
    'text/html;q=0.9, application/taxii+json;q=0.1',
  ]) {
    const r = await s.request('GET', '/taxii2/', { headers: { accept } });
    assert.equal(r.statusCode, 200, accept);
    assert.equal(r.headers['content-type'], MEDIA);
  }
  for (const accept of ['application/json', 'application/taxii+json;version=2.0', 'application/taxii+json;q=0', 'text/html']) {
    isTaxiiError(await s.request('GET', '/taxii2/', { headers: { accept } }), 406, 'TAXII_NOT_ACCEPTABLE');
    isTaxiiError(await s.request('GET', `${ROOT}/collections/shared/objects/`, { headers: { accept } }), 406);
  }
});

test('401 with WWW-Authenticate for missing, wrong and unknown credentials, on every TAXII endpoint', async () => {
  const basic = (user: string, pw: string) => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;
  for (const authorization of [
    '',
    basic('alice', 'wrong'),
    basic('nobody', PASSWORD),
    'Bearer nope-nope-nope-nope',
    'Digest abc',
    'Basic !!!',
  ]) {
    for (const url of ['/taxii2/', `${ROOT}/`, `${ROOT}/collections/`, `${ROOT}/collections/shared/objects/`, `${ROOT}/status/x/`]) {
      const r = await s.request('GET', url, { user: null, headers: { authorization } });
      isTaxiiError(r, 401, 'TAXII_UNAUTHORIZED');
      const challenge = ([] as string[]).concat(r.headers['www-authenticate'] as string | string[]);
      assert.ok(challenge.some((c) => c.startsWith('Basic realm=')));
      assert.ok(challenge.some((c) => c.startsWith('Bearer realm=')));
    }
  }
});

test('HTTP Basic with the right password and Bearer tokens authenticate', async () => {
  const r = await s.request('GET', '/taxii2/', {
    user: null,
    headers: { authorization: `Basic ${Buffer.from(`bob:${PASSWORD}`).toString('base64')}` },
  });
  assert.equal(r.statusCode, 200);
  assert.equal((await s.request('GET', '/taxii2/', { user: 'bob' })).statusCode, 200);
});

test('405 with Allow for unsupported methods on known paths', async () => {
  const cases: [string, string, string][] = [
    ['POST', '/taxii2/', 'GET, HEAD'],
    ['DELETE', `${ROOT}/`, 'GET, HEAD'],
    ['PUT', `${ROOT}/collections/`, 'GET, HEAD'],
    ['PATCH', `${ROOT}/collections/shared/`, 'GET, HEAD'],
    ['DELETE', `${ROOT}/collections/shared/objects/`, 'GET, POST, HEAD'],
    ['POST', `${ROOT}/collections/shared/objects/indicator--00000000-0000-4000-8000-000000000001/`, 'GET, DELETE, HEAD'],
    ['POST', `${ROOT}/collections/shared/manifest/`, 'GET, HEAD'],
    ['PUT', `${ROOT}/collections/shared/objects/indicator--00000000-0000-4000-8000-000000000001/versions/`, 'GET, HEAD'],
    ['DELETE', `${ROOT}/status/abc/`, 'GET, HEAD'],
  ];
  for (const [method, url, allow] of cases) {
    const r = await s.request(method as 'GET', url, { body: method === 'POST' || method === 'PUT' ? { objects: [] } : undefined });
    isTaxiiError(r, 405, 'TAXII_METHOD_NOT_ALLOWED');
    assert.equal(r.headers.allow, allow, `${method} ${url}`);
  }
});

test('HEAD is answered for GET endpoints', async () => {
  const r = await s.request('HEAD', '/taxii2/');
  assert.equal(r.statusCode, 200);
  assert.equal(r.body, '');
});

test('unknown routes are a TAXII 404, never HTML', async () => {
  isTaxiiError(await s.request('GET', '/'), 404, 'TAXII_NOT_FOUND');
  isTaxiiError(await s.request('GET', '/index.html'), 404);
  isTaxiiError(await s.request('GET', `${ROOT}/collections/shared/stuff/`), 404);
});

test('POST: 415 for a wrong or missing Content-Type, before reading the body', async () => {
  const url = `${ROOT}/collections/shared/objects/`;
  for (const type of ['application/json', 'application/stix+json;version=2.1', 'application/taxii+json;version=2.0', 'text/plain'])
    isTaxiiError(
      await s.request('POST', url, { body: { objects: [indicator()] }, headers: { 'content-type': type } }),
      415,
      'TAXII_UNSUPPORTED_MEDIA_TYPE',
    );
  isTaxiiError(
    await s.app.inject({ method: 'POST', url, headers: { authorization: 'Bearer alice-token-0123456789abcdef', accept: MEDIA } }),
    415,
  );
  const ok = await s.request('POST', url, { body: { objects: [indicator()] }, headers: { 'content-type': 'application/taxii+json' } });
  assert.equal(ok.statusCode, 202);
});

test('POST: 413 above max_content_length, from Content-Length and while reading', async () => {
  const url = '/api1/collections/shared/objects/';
  const big = JSON.stringify({ objects: Array.from({ length: 800 }, () => indicator()) });
  assert.ok(big.length > 200_000);
  isTaxiiError(await s.request('POST', url, { body: big }), 413, 'TAXII_PAYLOAD_TOO_LARGE');
  // A body under the limit is not refused (§4.2.1).
  assert.equal((await s.request('POST', url, { body: { objects: [indicator()] } })).statusCode, 202);
  // Chunked, without Content-Length: refused while reading.
  const { Readable } = await import('node:stream');
  const r = await s.app.inject({
    method: 'POST',
    url,
    headers: { authorization: 'Bearer alice-token-0123456789abcdef', accept: MEDIA, 'content-type': MEDIA, 'transfer-encoding': 'chunked' },
    payload: Readable.from([Buffer.from(big)]),
  });
  isTaxiiError(r, 413, 'TAXII_PAYLOAD_TOO_LARGE');
});

test('POST: malformed JSON is 400; a non-envelope or empty envelope is 422', async () => {
  const url = `${ROOT}/collections/shared/objects/`;
  isTaxiiError(await s.request('POST', url, { body: '{"objects": [' }), 400, 'TAXII_MALFORMED_BODY');
  isTaxiiError(await s.request('POST', url, { body: '', headers: { 'content-type': MEDIA } }), 400);
  for (const body of [[indicator()], { type: 'bundle', id: 'bundle--x' }, { objects: 'no' }, 'null', '3', { objects: [] }, {}])
    isTaxiiError(await s.request('POST', url, { body: typeof body === 'string' ? body : body }), 422, 'TAXII_UNPROCESSABLE');
});

test('malformed query parameters are 400 (§3.4)', async () => {
  const base = `${ROOT}/collections/shared/objects/`;
  for (const q of [
    'limit=0',
    'limit=abc',
    'added_after=yesterday',
    'match[version]=newest',
    'match[version]=all,last',
    'match[id]=x',
    'match[type]=a&match[type]=b',
    'next=zzz',
  ])
    isTaxiiError(await s.request('GET', `${base}?${q}`), 400);
  // The parameter and the reason, in TAXII terms rather than the route schema's.
  for (const [q, message] of [
    ['limit=0', 'limit must be a positive integer'],
    ['limit=12x', 'limit must be a positive integer'],
    ['match[type]=a&match[type]=b', 'match[type] is given more than once (each match field at most once, TAXII 2.1 §3.4.1)'],
    ['limit=1&limit=2', 'limit is given more than once'],
    ['next=', 'next is empty'],
  ] as const) {
    const r = await s.request('GET', `${base}?${q}`);
    isTaxiiError(r, 400, 'TAXII_INVALID_PARAMETER');
    assert.equal((JSON.parse(r.body) as { description: string }).description, message, q);
  }
});

test('a failing storage is a TAXII 500 without details; /healthz answers 503', async () => {
  const storage = new MemoryStorage();
  const app = await createServer(await testConfig(), { storage });
  storage.getObjects = async () => {
    throw new Error('disk on fire at /var/lib/secret');
  };
  storage.listCollections = async () => {
    throw new Error('down');
  };
  const r = await app.inject({
    method: 'GET',
    url: `${ROOT}/collections/${C_PUBLIC}/objects/`,
    headers: { authorization: 'Bearer alice-token-0123456789abcdef' },
  });
  isTaxiiError(r, 500, 'TAXII_INTERNAL');
  assert.doesNotMatch(r.body, /fire|secret/);
  isTaxiiError(await app.inject({ method: 'GET', url: '/healthz' }), 503, 'TAXII_UNAVAILABLE');
  await app.close();
  assert.equal(storage.closed, false, 'an injected storage is the caller’s to close');
});

test('/healthz: 200 without authentication', async () => {
  const r = await s.request('GET', '/healthz', { user: null });
  assert.equal(r.statusCode, 200);
  assert.deepEqual(json(r), { status: 'ok' });
});

test('/openapi.json: an OpenAPI 3 document with every endpoint of each API root', async () => {
  const r = await s.request('GET', '/openapi.json', { user: null, headers: { accept: 'application/json' } });
  assert.equal(r.statusCode, 200);
  const doc = json(r) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  assert.match(doc.openapi, /^3\./);
  for (const p of [
    '/taxii2/',
    '/api1/',
    '/api1/status/{statusId}/',
    '/api1/collections/',
    '/api1/collections/{collection}/',
    '/api1/collections/{collection}/manifest/',
    '/api1/collections/{collection}/objects/',
    '/api1/collections/{collection}/objects/{objectId}/',
    '/api1/collections/{collection}/objects/{objectId}/versions/',
    '/feeds/two/collections/',
  ])
    assert.ok(doc.paths[p], p);
  assert.ok(doc.paths['/api1/collections/{collection}/objects/'].post);
  assert.ok(doc.paths['/api1/collections/{collection}/objects/{objectId}/'].delete);
});

test('responses carry a request id', async () => {
  const r = await s.request('GET', '/taxii2/');
  assert.match(String(r.headers['x-request-id']), /^[0-9a-f-]{36}$/);
});

test('status: a pending status idle for pending_status_timeout_ms is answered settled; an active one stays pending', async () => {
  const abandoned = {
    id: randomUUID(),
    status: 'pending' as const,
    requestTimestamp: '2024-05-01T12:00:00.000000Z',
    totalCount: 2,
    successes: [],
    failures: [],
    pendings: [{ id: String(indicator(7001).id), version: '2024-01-01T00:00:00.000Z' }],
    owner: 'alice',
    apiRoot: 'api1',
    collectionId: C_SHARED,
  };
  const active = { ...abandoned, id: randomUUID(), requestTimestamp: new Date().toISOString() };
  await s.storage.createStatus(abandoned);
  await s.storage.createStatus(active);
  const settled = json(await s.request('GET', `${ROOT}/status/${abandoned.id}/`));
  assert.deepEqual(
    [settled.status, settled.total_count, settled.success_count, settled.failure_count, settled.pending_count],
    ['complete', 2, 0, 1, 0],
  );
  assert.deepEqual(settled.failures, [{ ...abandoned.pendings[0], message: ABANDONED_MESSAGE }]);
  assert.equal(json(await s.request('GET', `${ROOT}/status/${active.id}/`)).status, 'pending');
});

test('status: the server settles abandoned statuses when it starts', async () => {
  const id = randomUUID();
  const restarted = await testServer();
  try {
    // A status left by an earlier process: created before this server is ready.
    await restarted.storage.createStatus({
      id,
      status: 'pending',
      requestTimestamp: '2024-05-01T12:00:00.000000Z',
      totalCount: 1,
      successes: [],
      failures: [],
      pendings: [{ id: 'indicator--1', version: '2024-01-01T00:00:00.000Z' }],
      owner: 'alice',
      apiRoot: 'api1',
      collectionId: C_SHARED,
    });
    await restarted.app.ready();
    assert.equal((await restarted.storage.getStatus(id))?.status, 'complete');
  } finally {
    await restarted.close();
  }
});
