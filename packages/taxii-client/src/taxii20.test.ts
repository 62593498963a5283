/**
 * The client against a fake TAXII 2.0 server written from TAXII 2.0 CS01 (test-fake-taxii20.ts):
 * discovery, negotiation, collections, Range paging and its edge cases, filters, manifest, add
 * with bundles, status polling, and what 2.0 does not have.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Page, TaxiiClient, TaxiiClientError, type TaxiiClientOptions } from './index.js';
import { type FakeObject, type FakeTaxii20, type FakeTaxii20Options, STIX20, startFakeTaxii20, TAXII20 } from './test-fake-taxii20.js';

const C1 = '91a7b528-80eb-42ed-a74d-c6fbd5a26116';
const C2 = '52892447-4d7e-4f70-b94d-d7f22742ff63';
const C3 = '64993447-4d7e-4f70-b94d-d7f33742ee63';

function indicator(n: number, modified = '2017-01-01T00:00:00.000Z'): FakeObject {
  return {
    type: 'indicator',
    id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: '2017-01-01T00:00:00.000Z',
    modified,
    labels: ['malicious-activity'],
    pattern: "[ipv4-addr:value = '10.0.0.1']",
    valid_from: '2017-01-01T00:00:00Z',
  };
}

function malware(n: number): FakeObject {
  return {
    type: 'malware',
    id: `malware--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: '2017-01-01T00:00:00.000Z',
    modified: '2017-01-01T00:00:00.000Z',
    name: `malware ${n}`,
    labels: ['trojan'],
  };
}

const many = (n: number) => Array.from({ length: n }, (_, i) => indicator(i + 1));

async function withFake(
  options: FakeTaxii20Options,
  run: (fake: FakeTaxii20, client: TaxiiClient) => Promise<void>,
  clientOptions: TaxiiClientOptions = {},
): Promise<void> {
  const fake = await startFakeTaxii20(options);
  const client = new TaxiiClient({ retry: { retries: 0 }, ...clientOptions });
  try {
    await run(fake, client);
  } finally {
    await client.close();
    await fake.close();
  }
}

async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<Page<T>[]> {
  const out: Page<T>[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

async function rejectsWith(promise: Promise<unknown>, code: string, status?: number): Promise<TaxiiClientError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TaxiiClientError, `expected a TaxiiClientError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (status !== undefined) assert.equal(error.status, status);
    return error;
  }
  assert.fail(`expected ${code}`);
}

const objectRequests = (fake: FakeTaxii20) => fake.requests.filter((r) => r.path.endsWith('/objects/') && r.method === 'GET');
const sizes = (pages: Page<unknown>[]) => pages.map((p) => p.objects.length);

test('discovery: a server URL tries /taxii2/, then /taxii/ in 2.0 (2.0 §4.1), api_roots absolute', async () => {
  await withFake({ collections: [] }, async (fake, client) => {
    const d = await client.discover(fake.baseUrl);
    assert.equal(d.version, '2.0');
    assert.equal(d.url, `${fake.baseUrl}taxii/`);
    assert.deepEqual(d.apiRoots, [fake.apiRootUrl]);
    assert.equal(d.defaultApiRoot, fake.apiRootUrl);
    assert.deepEqual(
      fake.requests.map((r) => [r.path, r.accept]),
      [
        ['/taxii2/', 'application/taxii+json;version=2.1'],
        ['/taxii/', TAXII20],
      ],
    );
    const root = await client.openApiRoot(fake.baseUrl);
    assert.equal(root.version, '2.0');
    assert.equal(root.url, fake.apiRootUrl);
    assert.equal(root.maxContentLength, 1_000_000);
  });
});

test('discovery: no default API root is TAXII_NO_DEFAULT_API_ROOT, naming the roots listed', async () => {
  await withFake({ collections: [], withDefault: false }, async (fake, client) => {
    const error = await rejectsWith(client.openApiRoot(fake.baseUrl), 'TAXII_NO_DEFAULT_API_ROOT');
    assert.match(error.message, /api1/);
  });
});

test('an API root URL: the 2.1 Accept gets 406, the 2.0 one the api-root (content negotiation)', async () => {
  await withFake({ collections: [] }, async (fake, client) => {
    const root = await client.openApiRoot(fake.apiRootUrl);
    assert.equal(root.version, '2.0');
    assert.deepEqual(root.resource.versions, ['taxii-2.0']);
    assert.deepEqual(
      fake.requests.map((r) => r.accept),
      ['application/taxii+json;version=2.1', TAXII20],
    );
  });
});

test('version forced to 2.0: asks in 2.0 only; forced to 2.1: the 406 is an HTTP error', async () => {
  await withFake(
    { collections: [] },
    async (fake, client) => {
      await client.openApiRoot(fake.apiRootUrl);
      assert.deepEqual(
        fake.requests.map((r) => r.accept),
        [TAXII20],
      );
    },
    { version: '2.0' },
  );
  await withFake(
    { collections: [] },
    async (fake, client) => {
      await rejectsWith(client.openApiRoot(fake.apiRootUrl), 'TAXII_HTTP_ERROR', 406);
    },
    { version: '2.1' },
  );
});

test('collections: a 206 to a request without Range is followed to the end (2.0 §3.4)', async () => {
  const collections = [C1, C2, C3].map((id, i) => ({ id, title: `c${i}` }));
  await withFake({ collections }, async (fake, client) => {
    const root = await client.openApiRoot(fake.apiRootUrl);
    const list = await root.collections();
    assert.deepEqual(
      list.map((c) => c.id),
      [C1, C2, C3],
    );
    const ranges = fake.requests.filter((r) => r.path === '/api1/collections/').map((r) => r.range);
    assert.deepEqual(ranges, [undefined, 'items=2-3']);
    const info = await root.collection(C1).info();
    assert.equal(info.can_read, true);
    await rejectsWith(root.collection('00000000-0000-4000-8000-000000000000').info(), 'TAXII_HTTP_ERROR', 404);
  });
});

test('paging: exact pages stop at the total, without asking past it', async () => {
  await withFake({ collections: [{ id: C1, title: 't', objects: many(10) }] }, async (fake, client) => {
    const root = await client.openApiRoot(fake.apiRootUrl);
    const pages = await collect(root.collection(C1).objectPages({ limit: 5 }));
    assert.deepEqual(sizes(pages), [5, 5]);
    assert.deepEqual(
      pages.map((p) => [p.more, p.total]),
      [
        [true, 10],
        [false, 10],
      ],
    );
    assert.ok(pages[0].dateAddedFirst && pages[0].dateAddedLast && pages[0].dateAddedFirst < pages[0].dateAddedLast);
    assert.deepEqual(
      objectRequests(fake).map((r) => [r.range, r.accept]),
      [
        ['items=0-4', STIX20],
        ['items=5-9', STIX20],
      ],
    );
  });
});

test('paging: a server that pages smaller than asked is followed from where it stopped', async () => {
  await withFake({ collections: [{ id: C1, title: 't', objects: many(10), paging: { maxPageSize: 3 } }] }, async (fake, client) => {
    const root = await client.openApiRoot(fake.apiRootUrl);
    const ids: string[] = [];
    for await (const o of root.collection(C1).objects({ limit: 5 })) ids.push(o.id);
    assert.deepEqual(
      ids,
      many(10).map((o) => o.id),
    );
    assert.deepEqual(
      objectRequests(fake).map((r) => r.range),
      ['items=0-4', 'items=3-7', 'items=6-10', 'items=9-13'],
    );
  });
});

test('paging: total unknown — a short page is the end; a full last page ends with the 416', async () => {
  await withFake({ collections: [{ id: C1, title: 't', objects: many(12), paging: { total: 'unknown' } }] }, async (fake, client) => {
    const root = await client.openApiRoot(fake.apiRootUrl);
    const pages = await collect(root.collection(C1).objectPages({ limit: 5 }));
    assert.deepEqual(sizes(pages), [5, 5, 2]);
    assert.equal(pages[2].more, false);
    assert.equal(pages[0].total, undefined);
    assert.equal(objectRequests(fake).length, 3);
  });
  await withFake({ collections: [{ id: C1, title: 't', objects: many(10), paging: { total: 'unknown' } }] }, async (fake, client) => {
    const root = await client.openApiRoot(fake.apiRootUrl);
    const pages = await collect(root.collection(C1).objectPages({ limit: 5 }));
    assert.deepEqual(sizes(pages), [5, 5, 0]);
    assert.deepEqual(
      pages.map((p) => p.more),
      [true, true, false],
    );
    assert.equal(pages[2].total, 10, 'the 416 states the total');
    assert.deepEqual(
      objectRequests(fake).map((r) => r.range),
      ['items=0-4', 'items=5-9', 'items=10-14'],
    );
  });
});

test('paging: an empty collection — a 416 at item 0, or a 200 with an empty bundle — is one empty page', async () => {
  await withFake({ collections: [{ id: C1, title: 't', objects: [] }] }, async (fake, client) => {
    const root = await client.openApiRoot(fake.apiRootUrl);
    const pages = await collect(root.collection(C1).objectPages());
    assert.deepEqual(
      pages.map((p) => [p.objects.length, p.more, p.total]),
      [[0, false, 0]],
    );
    assert.equal(objectRequests(fake)[0].range, 'items=0-99');
  });
  await withFake({ collections: [{ id: C1, title: 't', objects: [], paging: { ignoreRange: true } }] }, async (fake, client) => {
    const root = await client.openApiRoot(fake.apiRootUrl);
    const pages = await collect(root.collection(C1).objectPages());
    assert.deepEqual(
      pages.map((p) => [p.objects.length, p.more]),
      [[0, false]],
    );
  });
});

test('paging: a server that ignores Range answers 200 with everything: one page, one request', async () => {
  await withFake({ collections: [{ id: C1, title: 't', objects: many(12), paging: { ignoreRange: true } }] }, async (fake, client) => {
    const root = await client.openApiRoot(fake.apiRootUrl);
    const pages = await collect(root.collection(C1).objectPages({ limit: 5 }));
    assert.deepEqual(sizes(pages), [12]);
    assert.equal(pages[0].more, false);
    assert.equal(objectRequests(fake).length, 1);
  });
});

test('paging: a malformed or contradicting Content-Range is TAXII_PROTOCOL', async () => {
  for (const contentRange of ['items 0-4', 'bytes 0-4/10', 'items 0-9/10', 'items 2-6/10', 'items */10']) {
    await withFake({ collections: [{ id: C1, title: 't', objects: many(10), paging: { contentRange } }] }, async (fake, client) => {
      const root = await client.openApiRoot(fake.apiRootUrl);
      const error = await rejectsWith(collect(root.collection(C1).objectPages({ limit: 5 })), 'TAXII_PROTOCOL');
      assert.equal(error.status, 206, contentRange);
    });
  }
});

test('paging: a server that takes only `items a-b` (the 2.0 text) gets it after one 400', async () => {
  await withFake({ collections: [{ id: C1, title: 't', objects: many(7), paging: { rangeSyntax: 'space' } }] }, async (fake, client) => {
    const root = await client.openApiRoot(fake.apiRootUrl);
    const pages = await collect(root.collection(C1).objectPages({ limit: 5 }));
    assert.deepEqual(sizes(pages), [5, 2]);
    assert.deepEqual(
      objectRequests(fake).map((r) => r.range),
      ['items=0-4', 'items 0-4', 'items 5-9'],
    );
    await collect(root.collection(C1).objectPages({ limit: 5 }));
    assert.deepEqual(
      objectRequests(fake)
        .slice(3)
        .map((r) => r.range),
      ['items 0-4', 'items 5-9'],
      'the API root remembers the syntax that worked',
    );
  });
  await withFake({ collections: [{ id: C1, title: 't', objects: many(7), paging: { rangeSyntax: 'equals' } }] }, async (fake, client) => {
    const root = await client.openApiRoot(fake.apiRootUrl);
    assert.deepEqual(sizes(await collect(root.collection(C1).objectPages({ limit: 5 }))), [5, 2]);
    assert.equal(objectRequests(fake).length, 2, 'the RFC 7233 form works at once');
  });
});

test('filters: added_after, match[id], match[type], match[version] reach a 2.0 server', async () => {
  const objects = [indicator(1), indicator(1, '2018-01-01T00:00:00.000Z'), malware(2), indicator(3)];
  await withFake({ collections: [{ id: C1, title: 't', objects }] }, async (fake, client) => {
    const c = (await client.openApiRoot(fake.apiRootUrl)).collection(C1);
    const ids = async (filters: Parameters<typeof c.objects>[0]) => {
      const out: string[] = [];
      for await (const o of c.objects(filters)) out.push(`${o.id.slice(0, 3)}${String(o.modified).slice(0, 4)}`);
      return out;
    };
    assert.deepEqual(await ids({ match: { type: 'malware' } }), ['mal2017']);
    assert.deepEqual(await ids({ match: { id: [indicator(1).id, indicator(3).id] } }), ['ind2018', 'ind2017']);
    assert.deepEqual(await ids({ match: { id: indicator(1).id, version: 'all' } }), ['ind2017', 'ind2018']);
    assert.deepEqual(await ids({ match: { id: indicator(1).id, version: 'first' } }), ['ind2017']);
    const first = (await collect(c.objectPages({ limit: 1 })))[0];
    assert.deepEqual(await ids({ addedAfter: first.dateAddedLast }), ['mal2017', 'ind2017']);
    const sent = objectRequests(fake).map((r) => r.query.toString());
    assert.ok(sent.includes('match%5Btype%5D=malware'));
  });
});

test('filters: match[spec_version] on 2.0 is TAXII_UNSUPPORTED before any request', async () => {
  await withFake({ collections: [{ id: C1, title: 't', objects: many(2) }] }, async (fake, client) => {
    const c = (await client.openApiRoot(fake.apiRootUrl)).collection(C1);
    const before = fake.requests.length;
    await rejectsWith(collect(c.objectPages({ match: { specVersion: '2.1' } })), 'TAXII_UNSUPPORTED');
    assert.equal(fake.requests.length, before);
  });
});

test('object by id: every version asked for; an unknown id is HTTP 404', async () => {
  const objects = [indicator(1), indicator(1, '2018-01-01T00:00:00.000Z')];
  await withFake({ collections: [{ id: C1, title: 't', objects }] }, async (fake, client) => {
    const c = (await client.openApiRoot(fake.apiRootUrl)).collection(C1);
    assert.deepEqual(
      (await c.getObject(indicator(1).id)).map((o) => o.modified),
      ['2018-01-01T00:00:00.000Z'],
    );
    assert.equal((await c.getObject(indicator(1).id, { match: { version: 'all' } })).length, 2);
    await rejectsWith(c.getObject(indicator(9).id), 'TAXII_HTTP_ERROR', 404);
  });
});

test('2.0 has no versions endpoint and no DELETE: TAXII_UNSUPPORTED, nothing sent', async () => {
  await withFake({ collections: [{ id: C1, title: 't', objects: many(1) }] }, async (fake, client) => {
    const c = (await client.openApiRoot(fake.apiRootUrl)).collection(C1);
    const before = fake.requests.length;
    await rejectsWith(c.objectVersions(indicator(1).id), 'TAXII_UNSUPPORTED');
    await rejectsWith(c.deleteObject(indicator(1).id), 'TAXII_UNSUPPORTED');
    assert.equal(fake.requests.length, before);
  });
});

test('manifest: 2.0 entries (versions, media_types) paged by Range', async () => {
  const objects = [indicator(1), indicator(1, '2018-01-01T00:00:00.000Z'), indicator(2), indicator(3)];
  await withFake({ collections: [{ id: C1, title: 't', objects }] }, async (fake, client) => {
    const c = (await client.openApiRoot(fake.apiRootUrl)).collection(C1);
    const pages = await collect(c.manifestPages({ limit: 2 }));
    assert.deepEqual(sizes(pages), [2, 1]);
    const first = pages[0].objects[0];
    assert.ok('versions' in first);
    assert.deepEqual(first.versions, ['2018-01-01T00:00:00.000Z', '2017-01-01T00:00:00.000Z']);
    assert.equal(fake.requests.filter((r) => r.path.endsWith('/manifest/'))[0].accept, TAXII20);
  });
});

test('add: bundles (STIX 2.0 media type) split to max_content_length, statuses summed', async () => {
  const objects = many(12);
  const one = Buffer.byteLength(JSON.stringify(objects[0]));
  const maxContentLength = 120 + 3 * (one + 1);
  await withFake({ collections: [{ id: C1, title: 't' }], maxContentLength }, async (fake, client) => {
    const c = (await client.openApiRoot(fake.apiRootUrl)).collection(C1);
    const result = await c.addObjects(objects);
    const posts = fake.requests.filter((r) => r.method === 'POST');
    assert.ok(posts.length >= 4, `${posts.length} POSTs`);
    assert.equal(result.requests, posts.length);
    for (const p of posts) {
      assert.equal(p.contentType, STIX20);
      assert.equal(p.accept, TAXII20);
      assert.ok(p.bodyLength <= maxContentLength);
    }
    assert.equal(result.totalCount, 12);
    assert.equal(result.successCount, 12);
    assert.deepEqual(
      result.successes.map((s) => s.id),
      objects.map((o) => o.id),
    );
    assert.equal(result.statuses[0].raw.successes?.[0], objects[0].id, 'the raw 2.0 status lists bare ids');
    assert.deepEqual(
      fake.stored(C1).map((o) => o.id),
      objects.map((o) => o.id),
    );
  });
});

test('add: one object larger than max_content_length is TAXII_OBJECT_TOO_LARGE, nothing sent', async () => {
  const big = { ...indicator(2), description: 'x'.repeat(2000) };
  await withFake({ collections: [{ id: C1, title: 't' }], maxContentLength: 1500 }, async (fake, client) => {
    const c = (await client.openApiRoot(fake.apiRootUrl)).collection(C1);
    const error = await rejectsWith(c.addObjects([indicator(1), big]), 'TAXII_OBJECT_TOO_LARGE');
    assert.equal(error.objectId, big.id);
    assert.equal(fake.requests.filter((r) => r.method === 'POST').length, 0);
  });
});

test('add + wait: a pending status is polled until complete; waitForStatus gives up with TAXII_STATUS_TIMEOUT', async () => {
  await withFake({ collections: [{ id: C1, title: 't' }], pendingPolls: 2 }, async (fake, client) => {
    const root = await client.openApiRoot(fake.apiRootUrl);
    const result = await root.collection(C1).addObjects(many(3), { wait: { intervalMs: 10 } });
    assert.equal(result.statuses[0].status, 'complete');
    assert.equal(result.successCount, 3);
    assert.equal(result.pendingCount, 0);
    assert.equal(fake.requests.filter((r) => r.path.startsWith('/api1/status/')).length, 3);
  });
  await withFake({ collections: [{ id: C1, title: 't' }], pendingPolls: 1000 }, async (fake, client) => {
    const root = await client.openApiRoot(fake.apiRootUrl);
    const result = await root.collection(C1).addObjects(many(2));
    assert.equal(result.statuses[0].status, 'pending');
    assert.deepEqual(
      result.pendings.map((p) => p.id),
      many(2).map((o) => o.id),
    );
    await rejectsWith(root.waitForStatus(result.statuses[0], { timeoutMs: 100, intervalMs: 10 }), 'TAXII_STATUS_TIMEOUT');
  });
});

test('auth: Basic is sent; wrong credentials are HTTP 401, the secret in no message', async () => {
  const basic = { username: 'alice', password: 's3cret-pass' };
  await withFake(
    { collections: [{ id: C1, title: 't', objects: many(1) }], basic },
    async (fake, client) => {
      const root = await client.openApiRoot(fake.apiRootUrl);
      assert.equal((await root.collections()).length, 1);
    },
    { auth: { type: 'basic', ...basic } },
  );
  await withFake(
    { collections: [], basic },
    async (fake, client) => {
      const error = await rejectsWith(client.openApiRoot(fake.apiRootUrl), 'TAXII_HTTP_ERROR', 401);
      const encoded = Buffer.from('alice:wrong-pass').toString('base64');
      assert.ok(!error.message.includes('wrong-pass') && !error.message.includes(encoded));
      assert.ok(!JSON.stringify(error).includes(encoded));
      assert.equal(error.taxiiError?.title, 'Unauthorized');
    },
    { auth: { type: 'basic', username: 'alice', password: 'wrong-pass' } },
  );
});

test('a collection the caller cannot read answers 403: TAXII_HTTP_ERROR with the error resource', async () => {
  await withFake({ collections: [{ id: C1, title: 't', canRead: false }] }, async (fake, client) => {
    const c = (await client.openApiRoot(fake.apiRootUrl)).collection(C1);
    const error = await rejectsWith(collect(c.objectPages()), 'TAXII_HTTP_ERROR', 403);
    assert.equal(error.taxiiError?.http_status, '403');
  });
});
