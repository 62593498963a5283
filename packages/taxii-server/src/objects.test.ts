import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { parseMicros } from './storage/storage.js';
import { indicator, indicator20, json, ROOT, type TestServer, testServer } from './test-fixtures.js';

const OBJECTS = `${ROOT}/collections/shared/objects/`;
const MANIFEST = `${ROOT}/collections/shared/manifest/`;
const T1 = '2024-01-01T00:00:00.000Z';
const T2 = '2024-02-01T00:00:00.000Z';
const T3 = '2024-03-01T00:00:00.000Z';
const TIMESTAMP_US = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

let s: TestServer;
beforeEach(async () => {
  s = await testServer();
});
afterEach(() => s.close());

async function post(objects: unknown[], url = OBJECTS) {
  const r = await s.request('POST', url, { body: { objects } });
  assert.equal(r.statusCode, 202, r.body);
  return json(r) as Record<string, unknown> & {
    id: string;
    status: string;
    total_count: number;
    success_count: number;
    failure_count: number;
    pending_count: number;
    failures?: { id: string; message: string }[];
  };
}

const ids = (r: { body: string }) =>
  (JSON.parse(r.body).objects ?? []).map((o: { id: string; modified?: string }) => `${o.id.slice(-2)}@${o.modified?.slice(5, 7)}`);

test('POST valid and invalid objects: 202, counts, failures with messages, the rest stored (§5.5)', async () => {
  const bad = { ...indicator(2), pattern: undefined };
  const status = await post([indicator(1), bad, { type: 'indicator', id: 'indicator--nope' }, 42, indicator(3)]);
  assert.equal(status.status, 'complete');
  assert.deepEqual([status.total_count, status.success_count, status.failure_count, status.pending_count], [5, 2, 3, 0]);
  assert.match(String(status.request_timestamp), TIMESTAMP_US);
  assert.equal(status.failures?.[0].id, indicator(2).id);
  assert.match(status.failures?.[0].message ?? '', /pattern/);
  assert.equal(status.pendings, undefined, 'empty lists are omitted (§2)');
  const r = await s.request('GET', OBJECTS);
  assert.deepEqual(ids(r), ['01@01', '03@01']);
});

test('re-POSTing identical objects is no error (idempotent); a changed object with the same version fails', async () => {
  await post([indicator(1), indicator(2)]);
  const again = await post([indicator(1), indicator(2)]);
  assert.deepEqual([again.success_count, again.failure_count], [2, 0]);
  const changed = await post([{ ...indicator(1), name: 'changed' }]);
  assert.equal(changed.failure_count, 1);
  assert.equal(json(await s.request('GET', OBJECTS)).objects?.length, 2);
});

test('objects are stored and served as received (whitespace, number spelling); re-sent compacted they are duplicates', async () => {
  const o = { ...indicator(1), confidence: 50 };
  const received = JSON.stringify(o, null, 2).replace('"confidence": 50', '"confidence": 5.0e1');
  const first = await s.request('POST', OBJECTS, { body: `{ "objects" : [\n${received}\n] }` });
  assert.equal(first.statusCode, 202, first.body);
  assert.equal((json(first) as { success_count?: number }).success_count, 1);
  const page = await s.request('GET', OBJECTS);
  assert.ok(page.body.includes(received), 'the object text served is the text received');
  assert.deepEqual(json(page).objects?.[0], o);
  const again = await post([o]);
  assert.deepEqual([again.success_count, again.failure_count], [1, 0], 'the same content compacted: a duplicate, not a conflict');
  const changed = await post([{ ...o, confidence: 51 }]);
  assert.equal(changed.failure_count, 1);
});

test('status (§4.3): the POST status is found again at /status/{id}/; unknown ids are 404', async () => {
  const status = await post([indicator(1)]);
  const r = await s.request('GET', `${ROOT}/status/${status.id}/`);
  assert.equal(r.statusCode, 200);
  assert.deepEqual(json(r), status);
  assert.equal((await s.request('GET', `${ROOT}/status/00000000-0000-4000-8000-000000000000/`)).statusCode, 404);
  assert.equal((await s.request('GET', `/feeds/two/status/${status.id}/`)).statusCode, 404, 'another API root does not have it');
});

const ASYNC = { prefer: 'respond-async' };

/** The status at /status/{id}/ once complete (polled). */
async function completed(id: string) {
  let status = json(await s.request('GET', `${ROOT}/status/${id}/`));
  for (let i = 0; i < 200 && status.status !== 'complete'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    status = json(await s.request('GET', `${ROOT}/status/${id}/`));
  }
  return status;
}

test('Prefer: respond-async: 202 pending once validated, Preference-Applied; then complete and stored', async () => {
  const bad = { ...indicator(2), pattern: undefined };
  const r = await s.request('POST', OBJECTS, { body: { objects: [indicator(1), bad, indicator(3)] }, headers: ASYNC });
  assert.equal(r.statusCode, 202, r.body);
  assert.equal(r.headers['preference-applied'], 'respond-async');
  const first = json(r);
  assert.equal(first.status, 'pending');
  assert.deepEqual([first.total_count, first.success_count, first.failure_count, first.pending_count], [3, 0, 1, 2]);
  assert.match(first.failures[0].message, /pattern/, 'validation failures are known at once');
  const done = await completed(first.id);
  assert.deepEqual([done.status, done.success_count, done.failure_count, done.pending_count], ['complete', 2, 1, 0]);
  assert.deepEqual(ids(await s.request('GET', OBJECTS)), ['01@01', '03@01']);
  // Without the preference (or with another one), the answer comes after the write, complete.
  const sync = await s.request('POST', OBJECTS, { body: { objects: [indicator(4)] }, headers: { prefer: 'return=minimal' } });
  assert.equal(json(sync).status, 'complete');
  assert.equal(sync.headers['preference-applied'], undefined);
});

test('respond-async: the status is served while the write waits, to its requester and readers only; a failed write is reported', async () => {
  const storage = s.storage as { writeObjects: (...args: never[]) => Promise<unknown> };
  const original = storage.writeObjects.bind(storage);
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  storage.writeObjects = async (...args: never[]) => {
    await gate;
    return original(...args);
  };
  const first = json(await s.request('POST', OBJECTS, { body: { objects: [indicator(1)] }, headers: ASYNC }));
  const url = `${ROOT}/status/${first.id}/`;
  assert.equal(json(await s.request('GET', url)).status, 'pending', 'from memory, before the write');
  assert.equal(json(await s.request('GET', url, { user: 'bob' })).status, 'pending', 'a reader of the collection sees it');
  assert.equal((await s.request('GET', url, { user: 'dave' })).statusCode, 404, 'anyone else does not');
  assert.equal((await s.request('GET', `/feeds/two/status/${first.id}/`)).statusCode, 404, 'nor does another API root');
  release();
  assert.equal((await completed(first.id)).success_count, 1);

  storage.writeObjects = async () => {
    throw new Error('disk full');
  };
  const failed = json(await s.request('POST', OBJECTS, { body: { objects: [indicator(2)] }, headers: ASYNC }));
  const status = await completed(failed.id);
  assert.deepEqual([status.success_count, status.failure_count], [0, 1]);
  assert.match(status.failures[0].message, /not stored/);
  storage.writeObjects = original;
  assert.deepEqual(ids(await s.request('GET', OBJECTS)), ['01@01']);
});

test('a large POST is stored in chunks: pending at first, complete at the end, others served meanwhile', async () => {
  const objects = Array.from({ length: 1200 }, (_, i) => indicator(10_000 + i));
  const r = await s.app.inject({
    method: 'POST',
    url: `${ROOT}/collections/${'22222222-2222-4222-8222-222222222222'}/objects/`,
    headers: {
      authorization: 'Bearer alice-token-0123456789abcdef',
      accept: 'application/taxii+json;version=2.1',
      'content-type': 'application/taxii+json;version=2.1',
    },
    payload: JSON.stringify({ objects }),
  });
  // The public collection's API root allows 200 kB: use a bigger root for this test.
  assert.ok(r.statusCode === 413 || r.statusCode === 202);
  const big = await testServer({
    api_roots: [
      {
        path: 'api1',
        title: 'R',
        max_content_length: 10_000_000,
        collections: [{ id: '11111111-1111-4111-8111-111111111111', alias: 'shared', title: 'S', read: ['alice'], write: ['alice'] }],
      },
    ],
  });
  try {
    const posted = await big.request('POST', OBJECTS, { body: { objects } });
    assert.equal(posted.statusCode, 202);
    const first = json(posted);
    assert.equal(first.status, 'pending');
    assert.equal(first.total_count, 1200);
    assert.equal((await big.request('GET', '/taxii2/')).statusCode, 200, 'served while storing');
    let status = first;
    for (let i = 0; i < 200 && status.status !== 'complete'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      status = json(await big.request('GET', `${ROOT}/status/${first.id}/`));
    }
    assert.equal(status.status, 'complete');
    assert.deepEqual([status.success_count, status.failure_count, status.pending_count], [1200, 0, 0]);
    const page = json(await big.request('GET', `${OBJECTS}?limit=5`));
    assert.equal(page.more, true);
  } finally {
    await big.close();
  }
});

test('GET objects (§5.4): envelope sorted by date_added, date headers with microseconds; empty collection → {more:false}', async () => {
  const empty = await s.request('GET', OBJECTS);
  assert.equal(empty.statusCode, 200);
  assert.deepEqual(json(empty), { more: false });
  assert.equal(empty.headers['x-taxii-date-added-first'], undefined);
  await post([indicator(1), indicator(2), indicator(3)]);
  const r = await s.request('GET', OBJECTS);
  assert.deepEqual(ids(r), ['01@01', '02@01', '03@01']);
  const first = String(r.headers['x-taxii-date-added-first']);
  const last = String(r.headers['x-taxii-date-added-last']);
  assert.match(first, TIMESTAMP_US);
  assert.match(last, TIMESTAMP_US);
  assert.ok((parseMicros(first) ?? 0) < (parseMicros(last) ?? 0));
});

test('match[type], match[id], match[spec_version] and the spec_version default (§3.4.1)', async () => {
  const malware = {
    type: 'malware',
    spec_version: '2.1',
    id: 'malware--00000000-0000-4000-8000-000000000099',
    created: T1,
    modified: T1,
    name: 'm',
    is_family: false,
  };
  await post([indicator(1), indicator(2), malware, indicator20(5)]);
  assert.deepEqual(ids(await s.request('GET', `${OBJECTS}?match[type]=malware`)), ['99@01']);
  assert.deepEqual(ids(await s.request('GET', `${OBJECTS}?match[type]=malware,indicator&match[id]=${indicator(2).id}`)), ['02@01']);
  assert.deepEqual(ids(await s.request('GET', `${OBJECTS}?match[spec_version]=2.0`)), ['05@01']);
  // The same id and version in 2.0 and 2.1: by default only the latest spec version.
  await post([indicator(5)]);
  const dflt = json(await s.request('GET', `${OBJECTS}?match[id]=${indicator(5).id}`)).objects ?? [];
  assert.deepEqual(
    dflt.map((o) => o.spec_version),
    ['2.1'],
  );
  const both = json(await s.request('GET', `${OBJECTS}?match[id]=${indicator(5).id}&match[spec_version]=2.0,2.1`)).objects ?? [];
  assert.equal(both.length, 2);
});

test('match[version]: last by default, first, all, timestamps, combinations (§3.4.1)', async () => {
  await post([indicator(1, T1), indicator(1, T2), indicator(1, T3), indicator(2, T1)]);
  assert.deepEqual(ids(await s.request('GET', OBJECTS)), ['01@03', '02@01']);
  assert.deepEqual(ids(await s.request('GET', `${OBJECTS}?match[version]=first`)), ['01@01', '02@01']);
  assert.deepEqual((await s.request('GET', `${OBJECTS}?match[version]=all`)).body.match(/"modified"/g)?.length, 4);
  assert.deepEqual(ids(await s.request('GET', `${OBJECTS}?match[version]=${T2}`)), ['01@02']);
  assert.deepEqual(ids(await s.request('GET', `${OBJECTS}?match[version]=first,last&match[id]=${indicator(1).id}`)), ['01@01', '01@03']);
});

test('added_after: only objects added strictly after (§3.4.1)', async () => {
  await post([indicator(1)]);
  const r = await s.request('GET', OBJECTS);
  const last = String(r.headers['x-taxii-date-added-last']);
  await post([indicator(2)]);
  assert.deepEqual(ids(await s.request('GET', `${OBJECTS}?added_after=${last}`)), ['02@01']);
});

test('limit is honoured and capped by max_page_size; more and next (§3.5)', async () => {
  await post(Array.from({ length: 60 }, (_, i) => indicator(100 + i)));
  const small = json(await s.request('GET', `${OBJECTS}?limit=7`));
  assert.equal(small.objects?.length, 7);
  assert.equal(small.more, true);
  assert.equal(typeof small.next, 'string');
  const capped = json(await s.request('GET', `${OBJECTS}?limit=1000`));
  assert.equal(capped.objects?.length, 50, 'server cap');
  assert.equal(capped.more, true);
  const all = json(await s.request('GET', `${OBJECTS}?limit=60`));
  assert.equal(all.more, true, '60 > cap 50');
});

test('paging with next while objects are added never repeats or skips an object', async () => {
  await post(Array.from({ length: 25 }, (_, i) => indicator(200 + i)));
  const seen: string[] = [];
  let next: string | undefined;
  let added = 0;
  for (let pageNo = 0; pageNo < 50; pageNo++) {
    const r = json(await s.request('GET', `${OBJECTS}?match[type]=indicator&limit=4${next ? `&next=${encodeURIComponent(next)}` : ''}`));
    for (const o of r.objects ?? []) seen.push(String(o.id));
    // Another client adds objects between pages.
    if (added < 10) {
      await post([indicator(300 + added), indicator(300 + added + 50)]);
      added++;
    }
    if (!r.more) break;
    next = String(r.next);
  }
  const expected = [...Array.from({ length: 25 }, (_, i) => 200 + i), ...Array.from({ length: 10 }, (_, i) => [300 + i, 350 + i]).flat()];
  assert.equal(new Set(seen).size, seen.length, 'no repeats');
  assert.deepEqual([...seen].sort(), expected.map((n) => indicator(n).id as string).sort(), 'no skips');
});

test('a tampered next, or one replayed with other filters or on another endpoint, is 400', async () => {
  await post(Array.from({ length: 5 }, (_, i) => indicator(400 + i)));
  const next = String(json(await s.request('GET', `${OBJECTS}?match[type]=indicator&limit=2`)).next);
  assert.equal((await s.request('GET', `${OBJECTS}?match[type]=indicator&limit=2&next=${next}`)).statusCode, 200);
  assert.equal((await s.request('GET', `${OBJECTS}?match[type]=indicator&limit=3&next=${next}`)).statusCode, 200, 'limit may change');
  const [body, mac] = next.split('.');
  const tampered = `${body.slice(0, -2)}${body.slice(-2) === 'fQ' ? 'fA' : 'fQ'}.${mac}`;
  for (const url of [
    `${OBJECTS}?match[type]=indicator&next=${tampered}`,
    `${OBJECTS}?match[type]=malware&next=${next}`,
    `${OBJECTS}?next=${next}`,
    `${MANIFEST}?match[type]=indicator&next=${next}`,
    `${ROOT}/collections/22222222-2222-4222-8222-222222222222/objects/?match[type]=indicator&next=${next}`,
  ]) {
    const r = await s.request('GET', url);
    assert.equal(r.statusCode, 400, url);
    assert.equal(json(r).error_code, 'TAXII_INVALID_CURSOR');
  }
});

test('manifest (§5.3): one record per version with date_added (µs), version, media_type; filters on the source object', async () => {
  await post([indicator(1, T1), indicator(1, T2), indicator20(3)]);
  const r = await s.request('GET', `${MANIFEST}?match[version]=all`);
  const m = json(r);
  assert.equal(m.more, false);
  const records = m.objects as { id: string; date_added: string; version: string; media_type: string }[];
  assert.deepEqual(
    records.map((o) => [o.id.slice(-2), o.version, o.media_type]),
    [
      ['01', T1, 'application/stix+json;version=2.1'],
      ['01', T2, 'application/stix+json;version=2.1'],
      ['03', T1, 'application/stix+json;version=2.0'],
    ],
  );
  for (const o of records) assert.match(o.date_added, TIMESTAMP_US);
  assert.equal(r.headers['x-taxii-date-added-first'], records[0].date_added);
  assert.equal(r.headers['x-taxii-date-added-last'], records[2].date_added);
  assert.equal((json(await s.request('GET', `${MANIFEST}?match[type]=malware`)).objects ?? []).length, 0);
  const paged = json(await s.request('GET', `${MANIFEST}?match[version]=all&limit=2`));
  assert.equal(paged.more, true);
  const rest = json(await s.request('GET', `${MANIFEST}?match[version]=all&limit=2&next=${paged.next}`));
  assert.deepEqual(
    (rest.objects as { id: string }[]).map((o) => o.id.slice(-2)),
    ['03'],
  );
});

test('get an object (§5.6): an envelope, several versions with match[version]=all, 404 for unknown ids', async () => {
  await post([indicator(1, T1), indicator(1, T2), indicator(2)]);
  const url = `${OBJECTS}${indicator(1).id}/`;
  const r = await s.request('GET', url);
  assert.deepEqual(ids(r), ['01@02']);
  assert.match(String(r.headers['x-taxii-date-added-first']), TIMESTAMP_US);
  assert.deepEqual(ids(await s.request('GET', `${url}?match[version]=all`)), ['01@01', '01@02']);
  assert.deepEqual(ids(await s.request('GET', `${url}?match[version]=${T1}`)), ['01@01']);
  const paged = json(await s.request('GET', `${url}?match[version]=all&limit=1`));
  assert.equal(paged.more, true);
  assert.deepEqual(ids({ body: JSON.stringify(json(await s.request('GET', `${url}?match[version]=all&limit=1&next=${paged.next}`))) }), [
    '01@02',
  ]);
  assert.equal((await s.request('GET', `${OBJECTS}indicator--00000000-0000-4000-8000-999999999999/`)).statusCode, 404);
  assert.equal(
    (await s.request('GET', `${url}?match[version]=2020-01-01T00:00:00Z`)).statusCode,
    200,
    'exists, filtered out: empty envelope',
  );
});

test('versions (§5.8): version strings ascending, match[spec_version], paging, 404 for unknown', async () => {
  await post([indicator(1, T1), indicator(1, T3), indicator(1, T2)]);
  const url = `${OBJECTS}${indicator(1).id}/versions/`;
  const r = await s.request('GET', url);
  assert.deepEqual(json(r), { more: false, versions: [T1, T3, T2] }, 'in date_added order');
  assert.match(String(r.headers['x-taxii-date-added-last']), TIMESTAMP_US);
  const page = json(await s.request('GET', `${url}?limit=2`));
  assert.deepEqual([page.more, page.versions], [true, [T1, T3]]);
  assert.deepEqual(json(await s.request('GET', `${url}?limit=2&next=${page.next}`)).versions, [T2]);
  assert.deepEqual(json(await s.request('GET', `${url}?match[spec_version]=2.0`)), { more: false });
  assert.equal((await s.request('GET', `${OBJECTS}indicator--00000000-0000-4000-8000-999999999999/versions/`)).statusCode, 404);
});

test('DELETE (§5.7): 200 without body; then 404 by id and gone from objects and manifest', async () => {
  await post([indicator(1, T1), indicator(1, T2), indicator(2)]);
  const url = `${OBJECTS}${indicator(1).id}/`;
  const r = await s.request('DELETE', url);
  assert.equal(r.statusCode, 200);
  assert.equal(r.body, '');
  assert.equal((await s.request('GET', url)).statusCode, 404);
  assert.deepEqual(ids(await s.request('GET', `${OBJECTS}?match[version]=all`)), ['02@01']);
  assert.equal((json(await s.request('GET', `${MANIFEST}?match[version]=all`)).objects ?? []).length, 1);
  assert.equal((await s.request('DELETE', url)).statusCode, 404, 'nothing left to delete');
});

test('DELETE with match[version] removes only those versions', async () => {
  await post([indicator(1, T1), indicator(1, T2), indicator(1, T3)]);
  const url = `${OBJECTS}${indicator(1).id}/`;
  assert.equal((await s.request('DELETE', `${url}?match[version]=${T2}`)).statusCode, 200);
  assert.deepEqual(ids(await s.request('GET', `${url}?match[version]=all`)), ['01@01', '01@03']);
  assert.equal((await s.request('DELETE', `${url}?match[version]=first`)).statusCode, 200);
  assert.deepEqual(ids(await s.request('GET', `${url}?match[version]=all`)), ['01@03']);
  assert.equal((await s.request('DELETE', `${url}?match[version]=bogus`)).statusCode, 400);
});
