/**
 * TAXII 2.0 (CS01) beside TAXII 2.1 on one server and one storage: discovery, negotiation, the
 * 2.0 resources, bundles, item ranges (§3.4), Add Objects (§5.4), conversion both ways, the
 * media_types rules and access control. Runs over the storage TAXIWAY_TEST_STORAGE names
 * (test-fixtures.ts); e2e-postgres-taxii20.test.ts runs it over PostgreSQL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, test } from 'node:test';
import { validate } from '@taxiway/stix';
import type { LightMyRequestResponse } from 'fastify';
import { STIX_20_MEDIA_TYPE as S20, TAXII_20_MEDIA_TYPE as T20, TAXII_MEDIA_TYPE as T21 } from './media-type.js';
import { C_PUBLIC, C_SHARED, indicator, indicator20, json, ROOT, type TestServer, testServer, type User } from './test-fixtures.js';

const C_20 = '44444444-4444-4444-8444-444444444444';
const C_21 = '55555555-5555-4555-8555-555555555555';
const SHARED = `${ROOT}/collections/shared/objects/`;
const PUBLIC = `${ROOT}/collections/${C_PUBLIC}/objects/`;
const ONLY20 = `${ROOT}/collections/${C_20}/objects/`;
const ONLY21 = `${ROOT}/collections/${C_21}/objects/`;
const T1 = '2024-01-01T00:00:00.000Z';
const T2 = '2024-02-01T00:00:00.000Z';
const BUNDLE_ID = /^bundle--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let s: TestServer;
beforeEach(async () => {
  s = await testServer({
    api_roots: [
      {
        path: 'api1',
        title: 'API root one',
        description: 'the first',
        max_content_length: 200_000,
        collections: [
          { id: C_SHARED, alias: 'shared', title: 'Shared', read: ['alice', 'bob'], write: ['alice', 'carol'] },
          { id: C_PUBLIC, title: 'Public', read: ['*'], write: ['alice'] },
          { id: C_20, alias: 'only20', title: 'STIX 2.0 only', read: ['*'], write: ['*'], media_types: [S20] },
          {
            id: C_21,
            alias: 'only21',
            title: 'STIX 2.1 only',
            read: ['*'],
            write: ['*'],
            media_types: ['application/stix+json;version=2.1'],
          },
        ],
      },
      { path: 'feeds/two', title: 'API root two', max_content_length: 1000, collections: [] },
    ],
  });
});
afterEach(() => s.close());

type Options = { user?: User | null; headers?: Record<string, string> };
/** A TAXII 2.0 request for a TAXII resource. */
const get20 = (url: string, o: Options = {}) => s.request('GET', url, { ...o, headers: { accept: T20, ...o.headers } });
/** A TAXII 2.0 Get Objects / Get an Object (Accept: the STIX 2.0 type, §5.3). */
const objects20 = (url: string, o: Options = {}) => s.request('GET', url, { ...o, headers: { accept: S20, ...o.headers } });
const bundle = (objects: unknown[]) => ({ type: 'bundle', id: `bundle--${randomUUID()}`, spec_version: '2.0', objects });
/** A TAXII 2.0 Add Objects: a STIX 2.0 bundle (§5.4). */
const post20 = (url: string, body: unknown, o: Options = {}) =>
  s.request('POST', url, { ...o, body, headers: { accept: T20, 'content-type': S20, ...o.headers } });
const post21 = async (url: string, objects: unknown[]) => {
  const r = await s.request('POST', url, { body: { objects } });
  assert.equal(r.statusCode, 202, r.body);
  return json(r);
};
const objectsOf = (r: LightMyRequestResponse) => (json(r).objects ?? []) as Record<string, unknown>[];
const idsOf = (r: LightMyRequestResponse) => objectsOf(r).map((o) => String(o.id).slice(-3));

function is20Error(r: LightMyRequestResponse, status: number, code?: string) {
  assert.equal(r.statusCode, status, r.body);
  assert.equal(r.headers['content-type'], T20, 'a 2.0 error resource (§3.6.1) in the 2.0 media type');
  const body = json(r);
  assert.equal(typeof body.title, 'string');
  assert.equal(body.http_status, String(status));
  if (code) assert.equal(body.error_code, code);
}

const uuid4 = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const sco = (type: string, n: number, extra: Record<string, unknown>) => ({
  type,
  spec_version: '2.1',
  id: `${type}--${uuid4(n)}`,
  ...extra,
});
function observedData21(n: number, refs: string[]) {
  return {
    type: 'observed-data',
    spec_version: '2.1',
    id: `observed-data--${uuid4(n)}`,
    created: T1,
    modified: T1,
    first_observed: T1,
    last_observed: T1,
    number_observed: 1,
    object_refs: refs,
  };
}
function observedData20(n: number, objects: Record<string, unknown>) {
  return {
    type: 'observed-data',
    id: `observed-data--${uuid4(n)}`,
    created: T1,
    modified: T1,
    first_observed: T1,
    last_observed: T1,
    number_observed: 1,
    objects,
  };
}

// ---------------------------------------------------------------- discovery, api root, negotiation

test('discovery at /taxii/ (TAXII 2.0 §4.1): the 2.0 media type, absolute api_roots, default among them', async () => {
  const r = await get20('/taxii/', { headers: { host: 'taxii.example.com' } });
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], T20);
  assert.deepEqual(json(r), {
    title: 'Test server',
    description: 'for tests',
    contact: 'ops@example.com',
    default: 'http://taxii.example.com/api1/',
    api_roots: ['http://taxii.example.com/api1/', 'http://taxii.example.com/feeds/two/'],
  });
  assert.deepEqual(json(await s.request('GET', '/taxii2/')).api_roots, ['/api1/', '/feeds/two/'], '2.1 unchanged');
});

test('discovery: /taxii/ speaks 2.0 only and /taxii2/ 2.1 only; each refuses the other version with 406', async () => {
  for (const accept of ['application/vnd.oasis.taxii+json', '*/*', 'application/*', ''])
    assert.equal((await get20('/taxii/', { headers: { accept } })).headers['content-type'], T20, accept);
  is20Error(await get20('/taxii2/'), 406, 'TAXII_NOT_ACCEPTABLE');
  const r = await s.request('GET', '/taxii/');
  assert.equal(r.statusCode, 406);
  assert.equal(r.headers['content-type'], T21, 'a 2.1 client gets its error in 2.1');
  is20Error(await s.request('POST', '/taxii/', { headers: { accept: T20 } }), 405, 'TAXII_METHOD_NOT_ALLOWED');
});

test('api root (TAXII 2.0 §4.2): versions ["taxii-2.0"] for 2.0 clients, the 2.1 media type for 2.1 clients', async () => {
  const r = await get20(`${ROOT}/`);
  assert.equal(r.headers['content-type'], T20);
  assert.deepEqual(json(r), { title: 'API root one', description: 'the first', versions: ['taxii-2.0'], max_content_length: 200000 });
  assert.deepEqual(json(await s.request('GET', `${ROOT}/`)).versions, [T21]);
});

test('negotiation on shared URLs: the Accept with the higher q decides; 2.1 on ties and wildcards', async () => {
  const type = async (accept: string) => (await s.request('GET', `${ROOT}/`, { headers: { accept } })).headers['content-type'];
  assert.equal(await type('application/vnd.oasis.taxii+json; version=2.0'), T20);
  assert.equal(await type('application/vnd.oasis.taxii+json'), T20);
  assert.equal(await type('application/taxii+json;q=0.4, application/vnd.oasis.taxii+json;q=0.8'), T20);
  assert.equal(await type('application/taxii+json, application/vnd.oasis.taxii+json'), T21);
  assert.equal(await type('*/*'), T21);
  assert.equal((await get20(`${ROOT}/`)).headers.vary, 'Accept', 'RFC 9110 §12.5.5: the answer varies with Accept');
  is20Error(await get20(`${ROOT}/`, { headers: { accept: 'application/vnd.oasis.taxii+json; version=2.1' } }), 406);
});

test('Get Objects takes the STIX 2.0 type (§5.3); the TAXII 2.0 type or STIX 2.1 there is 406', async () => {
  const ok = await objects20(SHARED);
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.headers['content-type'], S20);
  assert.equal((await objects20(SHARED, { headers: { accept: 'application/vnd.oasis.stix+json' } })).headers['content-type'], S20);
  is20Error(await get20(SHARED), 406, 'TAXII_NOT_ACCEPTABLE');
  is20Error(await objects20(SHARED, { headers: { accept: 'application/vnd.oasis.stix+json; version=2.1' } }), 406);
});

test('401 with WWW-Authenticate, in a 2.0 error resource, on 2.0 endpoints (§1.6)', async () => {
  for (const [url, get] of [
    ['/taxii/', get20],
    [`${ROOT}/collections/`, get20],
    [SHARED, objects20],
    [`${ROOT}/status/x/`, get20],
  ] as const) {
    const r = await get(url, { user: null });
    is20Error(r, 401, 'TAXII_UNAUTHORIZED');
    assert.match(String(r.headers['www-authenticate']), /Basic realm=/);
  }
  const basic = `Basic ${Buffer.from('bob:correct horse battery staple').toString('base64')}`;
  assert.equal((await get20('/taxii/', { user: null, headers: { authorization: basic } })).statusCode, 200);
});

// ---------------------------------------------------------------- collections and media_types

test('collections (TAXII 2.0 §5.1): only those offering STIX 2.0, with the 2.0 media type, no alias', async () => {
  const r = await get20(`${ROOT}/collections/`);
  assert.equal(r.headers['content-type'], T20);
  assert.equal(r.headers['accept-ranges'], 'items');
  const list = json(r).collections as Record<string, unknown>[];
  assert.deepEqual(
    list.map((c) => c.id),
    [C_SHARED, C_PUBLIC, C_20],
  );
  assert.deepEqual(list[0], { id: C_SHARED, title: 'Shared', can_read: true, can_write: true, media_types: [S20] });
  const all21 = json(await s.request('GET', `${ROOT}/collections/`)).collections as { id: string; media_types: string[] }[];
  assert.equal(all21.length, 4, 'a 2.1 client sees every collection');
  assert.deepEqual(all21.find((c) => c.id === C_20)?.media_types, ['application/stix+json;version=2.0']);
});

test('a collection offering only STIX 2.1 does not exist for TAXII 2.0 clients (404), by id and by alias', async () => {
  for (const url of [`${ROOT}/collections/${C_21}/`, `${ROOT}/collections/only21/`, `${ROOT}/collections/only21/manifest/`])
    is20Error(await get20(url), 404, 'TAXII_NOT_FOUND');
  is20Error(await objects20(ONLY21), 404);
  is20Error(await post20(ONLY21, bundle([indicator20(1)])), 404);
  assert.equal((await get20(`${ROOT}/collections/only20/`)).statusCode, 200);
  assert.equal((await s.request('GET', `${ROOT}/collections/only21/`)).statusCode, 200);
});

test('collections paged by item ranges (§3.4): 206 with Content-Range; beyond the end 416', async () => {
  const r = await get20(`${ROOT}/collections/`, { headers: { range: 'items 1-1' } });
  assert.equal(r.statusCode, 206);
  assert.equal(r.headers['content-range'], 'items 1-1/3');
  assert.deepEqual(
    (json(r).collections as { id: string }[]).map((c) => c.id),
    [C_PUBLIC],
  );
  const beyond = await get20(`${ROOT}/collections/`, { headers: { range: 'items=3-9' } });
  is20Error(beyond, 416, 'TAXII_RANGE_NOT_SATISFIABLE');
  assert.equal(beyond.headers['content-range'], 'items */3');
});

// ---------------------------------------------------------------- get objects: bundles and ranges

test('Get Objects (TAXII 2.0 §3.7, §5.3): a STIX 2.0 bundle; an empty result is a bundle without objects', async () => {
  const empty = await objects20(SHARED);
  assert.equal(empty.statusCode, 200);
  const e = json(empty);
  assert.match(String(e.id), BUNDLE_ID);
  assert.deepEqual({ ...e, id: 'x' }, { type: 'bundle', id: 'x', spec_version: '2.0' });
  assert.equal(empty.headers['x-taxii-date-added-first'], undefined);
  await post20(SHARED, bundle([indicator20(1), indicator20(2)]));
  const r = await objects20(SHARED);
  const b = json(r);
  assert.equal(b.type, 'bundle');
  assert.equal(b.spec_version, '2.0');
  assert.match(String(b.id), BUNDLE_ID);
  assert.notEqual(b.id, json(await objects20(SHARED)).id, 'a new bundle id per response');
  assert.deepEqual(idsOf(r), ['001', '002']);
  assert.deepEqual(objectsOf(r)[0], indicator20(1), 'a stored 2.0 object is served as received');
  assert.equal(r.headers['accept-ranges'], 'items');
  assert.equal(r.headers['content-range'], undefined, '200: everything fits');
});

async function fiveObjects() {
  await post21(
    SHARED,
    [1, 2, 3, 4, 5].map((n) => indicator(n)),
  );
  const m = json(await s.request('GET', `${ROOT}/collections/shared/manifest/`)).objects as { date_added: string }[];
  return m.map((o) => o.date_added);
}

test('Range "items a-b" and "items=a-b": 206, the inclusive range, Content-Range items a-b/total (§3.4.1)', async () => {
  const added = await fiveObjects();
  for (const range of ['items 1-2', 'items=1-2']) {
    const r = await objects20(SHARED, { headers: { range } });
    assert.equal(r.statusCode, 206, range);
    assert.equal(r.headers['content-range'], 'items 1-2/5');
    assert.equal(r.headers['accept-ranges'], 'items');
    assert.deepEqual(idsOf(r), ['002', '003']);
    assert.equal(r.headers['x-taxii-date-added-first'], added[1], '§3.2: the first object of the response');
    assert.equal(r.headers['x-taxii-date-added-last'], added[2]);
  }
  const all = await objects20(SHARED, { headers: { range: 'items 0-4' } });
  assert.equal(all.statusCode, 206, 'a 206 even when the range holds everything');
  assert.equal(all.headers['content-range'], 'items 0-4/5');
});

test('Range: over-long, open-ended and suffix ranges are cut to what exists', async () => {
  await fiveObjects();
  const cases: [string, string, string[]][] = [
    ['items 3-99', 'items 3-4/5', ['004', '005']],
    ['items 2-', 'items 2-4/5', ['003', '004', '005']],
    ['items -2', 'items 3-4/5', ['004', '005']],
    ['items -40', 'items 0-4/5', ['001', '002', '003', '004', '005']],
  ];
  for (const [range, contentRange, ids] of cases) {
    const r = await objects20(SHARED, { headers: { range } });
    assert.equal(r.statusCode, 206, range);
    assert.equal(r.headers['content-range'], contentRange, range);
    assert.deepEqual(idsOf(r), ids, range);
  }
});

test('Range: a first item at or beyond the end is 416 with Content-Range items */total (§3.4.1)', async () => {
  await fiveObjects();
  for (const range of ['items 5-9', 'items=500-600', 'items 5-']) {
    const r = await objects20(SHARED, { headers: { range } });
    is20Error(r, 416, 'TAXII_RANGE_NOT_SATISFIABLE');
    assert.equal(r.headers['content-range'], 'items */5');
  }
  const empty = await objects20(PUBLIC, { headers: { range: 'items 0-9' } });
  is20Error(empty, 416);
  assert.equal(empty.headers['content-range'], 'items */0', 'nothing to range over');
});

test('Range: a malformed or foreign range is ignored (RFC 9110 §14.2): the whole answer, 200', async () => {
  await fiveObjects();
  for (const range of ['items 3-1', 'bytes=0-1', 'items=a-b', 'items 0-1,3-4', 'pages 0-1']) {
    const r = await objects20(SHARED, { headers: { range } });
    assert.equal(r.statusCode, 200, range);
    assert.equal(r.headers['content-range'], undefined, range);
    assert.equal(idsOf(r).length, 5, range);
  }
});

test('without Range, more than the page size: the first page as 206 with Content-Range (§3.4.1)', async () => {
  await post21(
    SHARED,
    Array.from({ length: 60 }, (_, i) => indicator(100 + i)),
  );
  const r = await objects20(SHARED);
  assert.equal(r.statusCode, 206);
  assert.equal(r.headers['content-range'], 'items 0-49/60', 'max_page_size is 50 in the test configuration');
  assert.equal(objectsOf(r).length, 50);
  const rest = await objects20(SHARED, { headers: { range: 'items 50-99' } });
  assert.equal(rest.headers['content-range'], 'items 50-59/60');
  const big = await objects20(SHARED, { headers: { range: 'items 0-999' } });
  assert.equal(big.headers['content-range'], 'items 0-49/60', 'a range MAY be answered shorter than asked');
});

test('paging by ranges through 120 objects returns each exactly once, in date_added order', async () => {
  await post21(
    SHARED,
    Array.from({ length: 120 }, (_, i) => indicator(200 + i)),
  );
  const seen: string[] = [];
  for (let first = 0; ; first += 25) {
    const r = await objects20(SHARED, { headers: { range: `items ${first}-${first + 24}` } });
    assert.equal(r.statusCode, 206);
    seen.push(...objectsOf(r).map((o) => String(o.id)));
    const total = Number(String(r.headers['content-range']).split('/')[1]);
    if (first + 25 >= total) break;
  }
  assert.deepEqual(
    seen,
    Array.from({ length: 120 }, (_, i) => indicator(200 + i).id),
  );
});

test('2.0 filters (§3.5): added_after, match[id], match[type], match[version]; malformed is 400', async () => {
  await post20(SHARED, bundle([indicator20(1, T1), indicator20(1, T2), indicator20(2)]));
  const added = json(await s.request('GET', `${ROOT}/collections/shared/manifest/?match[version]=all`)).objects as { date_added: string }[];
  assert.deepEqual(idsOf(await objects20(SHARED)), ['001', '002'], 'last by default');
  const all = objectsOf(await objects20(`${SHARED}?match[version]=all`));
  assert.deepEqual(
    all.map((o) => o.modified),
    [T1, T2, T1],
  );
  assert.deepEqual(
    objectsOf(await objects20(`${SHARED}?match[version]=first`)).map((o) => o.modified),
    [T1, T1],
  );
  assert.deepEqual(idsOf(await objects20(`${SHARED}?match[id]=${indicator20(2).id}`)), ['002']);
  assert.deepEqual(idsOf(await objects20(`${SHARED}?match[type]=malware`)), []);
  assert.deepEqual(idsOf(await objects20(`${SHARED}?added_after=${added[1].date_added}&match[version]=all`)), ['002']);
  assert.equal((await objects20(`${SHARED}?match[spec_version]=2.1`)).statusCode, 200, '2.0 has no match[spec_version]: ignored');
  for (const q of ['added_after=yesterday', 'match[version]=newest', 'match[id]=x', 'match[type]=a&match[type]=b'])
    is20Error(await objects20(`${SHARED}?${q}`), 400);
});

test('Get an Object (TAXII 2.0 §5.5): a bundle; match[version]; an unknown id is 404', async () => {
  await post20(SHARED, bundle([indicator20(1, T1), indicator20(1, T2), indicator20(2)]));
  const url = `${SHARED}${indicator20(1).id}/`;
  const r = await objects20(url);
  assert.equal(r.headers['content-type'], S20);
  assert.equal(json(r).type, 'bundle');
  assert.deepEqual(
    objectsOf(r).map((o) => o.modified),
    [T2],
  );
  assert.deepEqual(
    objectsOf(await objects20(`${url}?match[version]=all`)).map((o) => o.modified),
    [T1, T2],
  );
  assert.deepEqual(
    objectsOf(await objects20(`${url}?match[version]=${T1}`)).map((o) => o.modified),
    [T1],
  );
  const none = await objects20(`${url}?match[version]=2020-01-01T00:00:00.000Z`);
  assert.equal(none.statusCode, 200);
  assert.equal(json(none).objects, undefined, 'exists, filtered out: an empty bundle');
  is20Error(await objects20(`${SHARED}indicator--00000000-0000-4000-8000-999999999999/`), 404, 'TAXII_NOT_FOUND');
  is20Error(await objects20(`${SHARED}indicator--00000000-0000-4000-8000-999999999999/`, { headers: { range: 'items 0-1' } }), 404);
});

test('manifest (TAXII 2.0 §5.6): id, date_added, versions, media_types; ranges as for objects', async () => {
  await post20(SHARED, bundle([indicator20(1, T1), indicator20(1, T2), indicator20(2)]));
  const r = await get20(`${ROOT}/collections/shared/manifest/?match[version]=all`);
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], T20);
  assert.equal(r.headers['accept-ranges'], 'items');
  const entries = json(r).objects as { id: string; date_added: string; versions: string[]; media_types: string[] }[];
  assert.deepEqual(
    entries.map((e) => [e.id.slice(-3), e.versions, e.media_types]),
    [
      ['001', [T1], [S20]],
      ['001', [T2], [S20]],
      ['002', [T1], [S20]],
    ],
  );
  assert.equal(r.headers['x-taxii-date-added-first'], entries[0].date_added);
  assert.equal(r.headers['x-taxii-date-added-last'], entries[2].date_added);
  const ranged = await get20(`${ROOT}/collections/shared/manifest/`, { headers: { range: 'items 1-5' } });
  assert.equal(ranged.statusCode, 206);
  assert.equal(ranged.headers['content-range'], 'items 1-1/2');
  assert.deepEqual(json(await get20(`${ROOT}/collections/${C_PUBLIC}/manifest/`)), {});
});

// ---------------------------------------------------------------- add objects, status

test('Add Objects (TAXII 2.0 §5.4): a STIX 2.0 bundle in, 202 and a 2.0 status out; the status again at /status/', async () => {
  const bad = { ...indicator20(2), pattern: undefined };
  const r = await post20(SHARED, bundle([indicator20(1), bad, indicator20(3)]));
  assert.equal(r.statusCode, 202);
  assert.equal(r.headers['content-type'], T20);
  const status = json(r);
  assert.equal(status.status, 'complete');
  assert.deepEqual([status.total_count, status.success_count, status.failure_count, status.pending_count], [3, 2, 1, 0]);
  assert.deepEqual(status.successes, [indicator20(1).id, indicator20(3).id], '§4.3.1: successes are ids');
  const failures = status.failures as { id: string; message: string }[];
  assert.equal(failures[0].id, indicator20(2).id);
  assert.match(failures[0].message, /pattern/);
  assert.deepEqual(Object.keys(failures[0]).sort(), ['id', 'message']);
  assert.equal(status.pendings, undefined);
  const again = await get20(`${ROOT}/status/${status.id}/`);
  assert.equal(again.headers['content-type'], T20);
  assert.deepEqual(json(again), status);
  const as21 = json(await s.request('GET', `${ROOT}/status/${status.id}/`));
  assert.deepEqual(as21.successes, [
    { id: indicator20(1).id, version: T1 },
    { id: indicator20(3).id, version: T1 },
  ]);
  assert.deepEqual(idsOf(await objects20(SHARED)), ['001', '003'], 'stored');
});

test('Add Objects 2.0: not a bundle or an empty one is 422, bad JSON 400, other types 415, too big 413', async () => {
  is20Error(await post20(SHARED, { objects: [indicator20(1)] }), 422, 'TAXII_UNPROCESSABLE');
  is20Error(await post20(SHARED, { type: 'bundle', id: 'bundle--x' }), 422);
  is20Error(await post20(SHARED, bundle([])), 422);
  is20Error(await post20(SHARED, '{"type": "bundle", '), 400, 'TAXII_MALFORMED_BODY');
  for (const type of ['application/vnd.oasis.stix+json; version=2.1', 'application/vnd.oasis.taxii+json; version=2.0', 'application/json'])
    is20Error(await post20(SHARED, bundle([indicator20(1)]), { headers: { 'content-type': type } }), 415, 'TAXII_UNSUPPORTED_MEDIA_TYPE');
  const big = bundle(Array.from({ length: 800 }, (_, i) => indicator20(i)));
  is20Error(await post20(SHARED, big), 413, 'TAXII_PAYLOAD_TOO_LARGE');
  assert.equal(
    (await post20(SHARED, bundle([indicator20(1)]), { headers: { 'content-type': 'application/vnd.oasis.stix+json' } })).statusCode,
    202,
    'the bare STIX type is STIX 2.0 here',
  );
});

test('Add Objects 2.0: the Accept must take the 2.0 status (406 otherwise)', async () => {
  const r = await post20(SHARED, bundle([indicator20(1)]), { headers: { accept: T21 } });
  is20Error(r, 406, 'TAXII_NOT_ACCEPTABLE');
  assert.equal((await post20(SHARED, bundle([indicator20(1)]), { headers: { accept: '*/*' } })).headers['content-type'], T20);
});

test('media_types: a POST with objects of a STIX version the collection does not offer is refused whole (422)', async () => {
  const r = await post20(ONLY20, bundle([indicator20(1), indicator(2)]));
  is20Error(r, 422, 'TAXII_UNPROCESSABLE');
  assert.match(String(json(r).description), new RegExp(String(indicator(2).id)));
  assert.equal(json(await objects20(ONLY20)).objects, undefined, 'nothing stored');
  assert.equal((await post20(ONLY20, bundle([indicator20(1)]))).statusCode, 202, 'STIX 2.0 is offered');
  const via21 = await s.request('POST', ONLY21, { body: { objects: [indicator20(3)] } });
  assert.equal(via21.statusCode, 422, 'a 2.1-only collection takes no STIX 2.0, from any client');
  assert.equal((await s.request('POST', ONLY21, { body: { objects: [indicator(3)] } })).statusCode, 202);
});

// ---------------------------------------------------------------- conversion

test('2.1 POST → 2.0 GET: STIX 2.1 objects are served converted to 2.0', async () => {
  await post21(SHARED, [indicator(1)]);
  const [o] = objectsOf(await objects20(SHARED));
  assert.equal(o.id, indicator(1).id);
  assert.equal(o.spec_version, undefined);
  assert.equal(o.pattern_type, undefined);
  assert.deepEqual(o.labels, ['malicious-activity'], 'STIX 2.0 requires labels on indicators');
  assert.deepEqual(
    validate(o, { version: '2.0' }).issues.filter((i) => i.severity === 'error'),
    [],
  );
});

test('2.1 → 2.0: objects without a 2.0 form are left out and counted in X-Taxiway-Omitted', async () => {
  const ip = sco('ipv4-addr', 10, { value: '198.51.100.3' });
  const grouping = {
    type: 'grouping',
    spec_version: '2.1',
    id: `grouping--${uuid4(11)}`,
    created: T1,
    modified: T1,
    context: 'suspicious-activity',
    object_refs: [indicator(1).id],
  };
  const toSco = {
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--${uuid4(12)}`,
    created: T1,
    modified: T1,
    relationship_type: 'related-to',
    source_ref: indicator(1).id,
    target_ref: ip.id,
  };
  await post21(SHARED, [indicator(1), ip, grouping, toSco]);
  const r = await objects20(SHARED);
  assert.deepEqual(idsOf(r), ['001']);
  assert.equal(r.headers['x-taxiway-omitted'], '3', 'the SCO, the grouping, the relationship to an SCO');
  assert.equal(r.statusCode, 200, 'items are stored objects: 4 of 4');
  const ranged = await objects20(SHARED, { headers: { range: 'items 1-3' } });
  assert.equal(ranged.headers['content-range'], 'items 1-3/4', 'omitted items keep their positions');
  assert.equal(json(ranged).objects, undefined);
  const manifest = await get20(`${ROOT}/collections/shared/manifest/`);
  assert.equal((json(manifest).objects as unknown[]).length, 1, 'the manifest lists what Get Objects serves');
  assert.equal(manifest.headers['x-taxiway-omitted'], '3');
  assert.equal((await s.request('GET', SHARED)).headers['x-taxiway-omitted'], undefined, '2.1 clients get all four');
});

test('2.1 → 2.0: an observed-data is served with the SCOs its object_refs name folded into objects', async () => {
  const ip = sco('ipv4-addr', 20, { value: '198.51.100.7' });
  const flow = sco('network-traffic', 21, { dst_ref: ip.id, protocols: ['tcp'] });
  await post21(SHARED, [ip, flow, observedData21(22, [flow.id])]);
  const r = await objects20(SHARED);
  assert.equal(r.headers['x-taxiway-omitted'], '2', 'the standalone SCOs');
  const [od] = objectsOf(r);
  assert.equal(od.type, 'observed-data');
  assert.equal(od.object_refs, undefined);
  const container = od.objects as Record<string, Record<string, unknown>>;
  assert.deepEqual(
    Object.values(container)
      .map((o) => o.type)
      .sort(),
    ['ipv4-addr', 'network-traffic'],
  );
  const trafficKey = Object.keys(container).find((k) => container[k].type === 'network-traffic') as string;
  const ipKey = Object.keys(container).find((k) => container[k].type === 'ipv4-addr') as string;
  assert.equal(container[trafficKey].dst_ref, ipKey, 'references between observables are container keys (2.0 Part 3 §2)');
  assert.deepEqual(
    validate(od, { version: '2.0' }).issues.filter((i) => i.severity === 'error'),
    [],
  );
});

test('2.1 → 2.0: an object whose id is not a UUIDv4 is left out (2.0 would need a new id each time)', async () => {
  const v5 = { ...indicator(1), id: 'indicator--00000000-0000-5000-8000-000000000001' };
  await post21(SHARED, [v5, indicator(2)]);
  const r = await objects20(SHARED);
  assert.deepEqual(idsOf(r), ['002']);
  assert.equal(r.headers['x-taxiway-omitted'], '1');
});

test('a stored object that cannot be converted is left out, never a failed request', async () => {
  await s.storage.addObjects(C_SHARED, [
    { id: String(indicator(1).id), type: 'indicator', version: T1, specVersion: '2.1', raw: '"not an object"' },
  ]);
  await post21(SHARED, [indicator(2)]);
  const r = await objects20(SHARED);
  assert.equal(r.statusCode, 200);
  assert.deepEqual(idsOf(r), ['002']);
  assert.equal(r.headers['x-taxiway-omitted'], '1');
});

test('2.0 POST → 2.1 GET: served converted to STIX 2.1 by default; as stored with match[spec_version]=2.0', async () => {
  await post20(SHARED, bundle([indicator20(1)]));
  const r = await s.request('GET', SHARED);
  assert.equal(r.statusCode, 200);
  const [o] = objectsOf(r);
  assert.equal(o.spec_version, '2.1');
  assert.equal(o.pattern_type, 'stix');
  assert.deepEqual(o.indicator_types, ['malicious-activity']);
  assert.deepEqual(
    validate(o, { version: '2.1' }).issues.filter((i) => i.severity === 'error'),
    [],
  );
  assert.deepEqual(objectsOf(await s.request('GET', `${SHARED}?match[spec_version]=2.0`)), [indicator20(1)]);
  assert.equal(objectsOf(await s.request('GET', `${SHARED}${indicator20(1).id}/`))[0].spec_version, '2.1', 'get an object too');
  const manifest = json(await s.request('GET', `${ROOT}/collections/shared/manifest/`)).objects as { media_type: string }[];
  assert.equal(manifest[0].media_type, 'application/stix+json;version=2.0', 'the stored version, which the collection offers');
});

test('2.0 → 2.1: an observed-data keeps its observables as the deprecated 2.1 objects container (§4.14)', async () => {
  const od = observedData20(30, {
    0: { type: 'ipv4-addr', value: '198.51.100.7' },
    1: { type: 'network-traffic', dst_ref: '0', protocols: ['tcp'] },
    2: { type: 'file', name: 'a.exe', created: '2020-01-01T00:00:00Z' },
  });
  await post20(SHARED, bundle([od]));
  const [o] = objectsOf(await s.request('GET', SHARED));
  assert.equal(o.spec_version, '2.1');
  assert.equal(o.object_refs, undefined);
  assert.deepEqual(o.objects, {
    0: { type: 'ipv4-addr', value: '198.51.100.7' },
    1: { type: 'network-traffic', dst_ref: '0', protocols: ['tcp'] },
    2: { type: 'file', name: 'a.exe', ctime: '2020-01-01T00:00:00Z' },
  });
  assert.deepEqual(
    validate(o, { version: '2.1' }).issues.filter((i) => i.severity === 'error'),
    [],
  );
  assert.deepEqual(objectsOf(await objects20(SHARED)), [od], 'to 2.0 clients as stored');
});

test('2.0 → 2.1: when two container entries become one 2.1 object the 2.0 container is kept as it was', async () => {
  const same = { type: 'ipv4-addr', value: '198.51.100.9' };
  const od = observedData20(31, { 0: same, 1: { ...same } });
  await post20(SHARED, bundle([od]));
  const [o] = objectsOf(await s.request('GET', SHARED));
  assert.equal(o.spec_version, '2.1');
  assert.deepEqual(o.objects, od.objects);
  assert.deepEqual(
    validate(o, { version: '2.1' }).issues.filter((i) => i.severity === 'error'),
    [],
  );
});

test('a 2.0-only collection serves STIX 2.0 to 2.1 clients too (the latest version it offers)', async () => {
  await post20(ONLY20, bundle([indicator20(1)]));
  assert.deepEqual(objectsOf(await s.request('GET', ONLY20)), [indicator20(1)]);
});

// ---------------------------------------------------------------- no delete, no versions; access

test('TAXII 2.0 has no DELETE (405, Allow: GET, HEAD) and no versions endpoint (404)', async () => {
  await post20(SHARED, bundle([indicator20(1)]));
  const url = `${SHARED}${indicator20(1).id}/`;
  const del = await s.request('DELETE', url, { headers: { accept: T20 } });
  is20Error(del, 405, 'TAXII_METHOD_NOT_ALLOWED');
  assert.equal(del.headers.allow, 'GET, HEAD');
  assert.equal(idsOf(await objects20(SHARED)).length, 1, 'still there');
  is20Error(await get20(`${url}versions/`), 404, 'TAXII_NOT_FOUND');
  assert.equal((await s.request('GET', `${url}versions/`)).statusCode, 200, '2.1 clients have it');
});

test('access control is the same for 2.0 clients: read and write lists on every endpoint', async () => {
  await post20(SHARED, bundle([indicator20(1)]));
  const manifest = `${ROOT}/collections/shared/manifest/`;
  const object = `${SHARED}${indicator20(1).id}/`;
  // bob reads, cannot write.
  assert.equal((await objects20(SHARED, { user: 'bob' })).statusCode, 200);
  assert.equal((await get20(manifest, { user: 'bob' })).statusCode, 200);
  is20Error(await post20(SHARED, bundle([indicator20(2)]), { user: 'bob' }), 403, 'TAXII_FORBIDDEN');
  // carol writes, cannot read.
  assert.equal((await post20(SHARED, bundle([indicator20(3)]), { user: 'carol' })).statusCode, 202);
  for (const [url, get] of [
    [SHARED, objects20],
    [object, objects20],
    [manifest, get20],
  ] as const)
    is20Error(await get(url, { user: 'carol' }), 403, 'TAXII_FORBIDDEN');
  const carol = json(await get20(`${ROOT}/collections/shared/`, { user: 'carol' }));
  assert.deepEqual([carol.can_read, carol.can_write], [false, true]);
  // dave does neither: the collection does not exist for him.
  for (const [url, get] of [
    [`${ROOT}/collections/shared/`, get20],
    [SHARED, objects20],
    [object, objects20],
    [manifest, get20],
  ] as const)
    is20Error(await get(url, { user: 'dave' }), 404, 'TAXII_NOT_FOUND');
  is20Error(await post20(SHARED, bundle([indicator20(4)]), { user: 'dave' }), 404);
  assert.deepEqual(
    (json(await get20(`${ROOT}/collections/`, { user: 'dave' })).collections as { id: string }[]).map((c) => c.id),
    [C_PUBLIC, C_20],
  );
});

test('a status is visible to its requester and the collection readers, in either version', async () => {
  const posted = json(await post20(SHARED, bundle([indicator20(1)]), { user: 'carol' }));
  assert.equal((await get20(`${ROOT}/status/${posted.id}/`, { user: 'carol' })).statusCode, 200);
  assert.equal((await get20(`${ROOT}/status/${posted.id}/`, { user: 'bob' })).statusCode, 200);
  is20Error(await get20(`${ROOT}/status/${posted.id}/`, { user: 'dave' }), 404);
});

test('date headers (§3.2) are those of the range; HEAD answers as GET without a body', async () => {
  const added = await fiveObjects();
  const r = await s.request('HEAD', SHARED, { headers: { accept: S20, range: 'items 4-4' } });
  assert.equal(r.statusCode, 206);
  assert.equal(r.body, '');
  assert.equal(r.headers['content-range'], 'items 4-4/5');
  assert.equal(r.headers['x-taxii-date-added-first'], added[4]);
  assert.equal(r.headers['x-taxii-date-added-last'], added[4]);
});

test('/openapi.json describes the 2.0 discovery and the 2.0 media types of the shared endpoints', async () => {
  const doc = json(await s.request('GET', '/openapi.json', { user: null, headers: { accept: 'application/json' } })) as {
    paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
  };
  assert.ok(doc.paths['/taxii/'].get);
  const objects = doc.paths['/api1/collections/{collection}/objects/'].get;
  assert.ok(objects.responses['200'].content?.[S20]);
  assert.ok(objects.responses['206']);
  assert.ok(doc.paths['/api1/collections/'].get.responses['206']);
});
