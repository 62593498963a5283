/**
 * The admin API (plugins/admin.ts) over a real storage: SQLite by default, PostgreSQL through
 * e2e-postgres-admin.test.ts (TAXIWAY_TEST_STORAGE=postgres, a fresh schema per server).
 * alice is the admin; bob, carol and dave are not.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { ApiRootConfig, ServerConfig } from './config.js';
import { ConfigError } from './errors.js';
import { TAXII_MEDIA_TYPE } from './media-type.js';
import { createServer } from './server.js';
import { COLLECTION_DELETED_MESSAGE } from './storage/storage.js';
import {
  C_PUBLIC,
  C_SHARED,
  indicator,
  json,
  ROOT,
  type TestServer,
  testConfig,
  testServer,
  testStorage,
  tokenOf,
  type User,
} from './test-fixtures.js';

process.env.TAXIWAY_TEST_STORAGE ??= 'sqlite';

let s: TestServer;
before(async () => {
  s = await testServer({ admins: ['alice'] });
});
after(() => s.close());

interface AdminOptions {
  readonly user?: User | null;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly server?: TestServer;
}

function admin(method: 'GET' | 'PUT' | 'DELETE' | 'POST', path: string, options: AdminOptions = {}): Promise<LightMyRequestResponse> {
  const user = options.user === undefined ? 'alice' : options.user;
  const headers: Record<string, string> = {};
  if (user) headers.authorization = `Bearer ${tokenOf(user)}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  Object.assign(headers, options.headers);
  const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return (options.server ?? s).app.inject({ method, url: `/admin${path}`, headers, ...(payload !== undefined ? { payload } : {}) });
}

const collectionUrl = (id: string, root = 'api1') => `/api-roots/${root}/collections/${id}/`;

/** A JSON error of the admin API: status, code, and never a TAXII resource or HTML. */
function isAdminError(r: LightMyRequestResponse, status: number, code: string): { code: string; message: string; issues?: unknown[] } {
  assert.equal(r.statusCode, status, r.body);
  assert.match(String(r.headers['content-type']), /^application\/json/);
  const body = JSON.parse(r.body) as { error: { code: string; message: string; issues?: unknown[] } };
  assert.equal(body.error.code, code, r.body);
  assert.equal(typeof body.error.message, 'string');
  return body.error;
}

const fresh = (over: Record<string, unknown> = {}) => ({ title: 'Made at run time', read: ['bob'], write: ['carol'], ...over });

test('admin: GET /admin/api-roots/ lists the paths of the configured API roots', async () => {
  const r = await admin('GET', '/api-roots/');
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(json(r), { api_roots: ['api1', 'feeds/two'] });
});

test('admin: GET collections lists every collection with its read / write lists, media_types and source', async () => {
  const r = await admin('GET', '/api-roots/api1/collections/');
  assert.equal(r.statusCode, 200, r.body);
  const collections = json(r).collections as Record<string, unknown>[];
  const shared = collections.find((c) => c.id === C_SHARED);
  assert.deepEqual(shared, {
    id: C_SHARED,
    title: 'Shared',
    alias: 'shared',
    read: ['alice', 'bob'],
    write: ['alice', 'carol'],
    media_types: ['application/stix+json;version=2.1', 'application/stix+json;version=2.0'],
    source: 'config',
  });
  // Every collection, also those the admin could not read through TAXII.
  assert.ok(
    collections.some((c) => c.id === C_PUBLIC),
    'the public collection too',
  );
  assert.deepEqual(json(await admin('GET', '/api-roots/feeds/two/collections/')), { collections: [] });
});

test('admin: PUT creates a collection (201): visible to its readers and writers in TAXII, usable for POST and GET objects', async () => {
  const id = randomUUID();
  const created = await admin('PUT', collectionUrl(id), { body: fresh({ alias: `made-${id.slice(0, 8)}` }) });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.headers.location, `/admin/api-roots/api1/collections/${id}/`);
  assert.deepEqual(json(created), {
    id,
    title: 'Made at run time',
    alias: `made-${id.slice(0, 8)}`,
    read: ['bob'],
    write: ['carol'],
    media_types: ['application/stix+json;version=2.1', 'application/stix+json;version=2.0'],
    source: 'api',
  });
  assert.equal(json(await admin('GET', collectionUrl(id))).source, 'api');

  const listed = (who: User) => s.request('GET', `${ROOT}/collections/`, { user: who });
  const ids = async (who: User) => ((json(await listed(who)).collections ?? []) as { id: string }[]).map((c) => c.id);
  assert.ok((await ids('bob')).includes(id), 'a reader sees it');
  assert.ok((await ids('carol')).includes(id), 'a writer sees it');
  assert.ok(!(await ids('dave')).includes(id), 'others do not');
  assert.equal((await s.request('GET', `${ROOT}/collections/${id}/`, { user: 'dave' })).statusCode, 404);

  const o = indicator();
  const posted = await s.request('POST', `${ROOT}/collections/${id}/objects/`, { user: 'carol', body: { objects: [o] } });
  assert.equal(posted.statusCode, 202, posted.body);
  assert.equal(json(posted).success_count, 1);
  const got = await s.request('GET', `${ROOT}/collections/${id}/objects/`, { user: 'bob' });
  assert.equal(got.statusCode, 200, got.body);
  assert.deepEqual(
    json(got).objects?.map((x) => x.id),
    [o.id],
  );
  assert.equal((await s.request('POST', `${ROOT}/collections/${id}/objects/`, { user: 'bob', body: { objects: [o] } })).statusCode, 403);
});

test('admin: PUT replaces an existing collection (200); the new read / write lists apply to the next request', async () => {
  const id = randomUUID();
  assert.equal((await admin('PUT', collectionUrl(id), { body: fresh() })).statusCode, 201);
  assert.equal((await s.request('GET', `${ROOT}/collections/${id}/`, { user: 'bob' })).statusCode, 200);
  const replaced = await admin('PUT', collectionUrl(id), { body: fresh({ title: 'Renamed', read: ['dave'], write: [] }) });
  assert.equal(replaced.statusCode, 200, replaced.body);
  assert.equal(json(replaced).title, 'Renamed');
  assert.equal((await s.request('GET', `${ROOT}/collections/${id}/`, { user: 'bob' })).statusCode, 404, 'bob lost read');
  const dave = await s.request('GET', `${ROOT}/collections/${id}/`, { user: 'dave' });
  assert.equal(dave.statusCode, 200, dave.body);
  assert.deepEqual([json(dave).title, json(dave).can_read, json(dave).can_write], ['Renamed', true, false]);
  assert.equal(
    (await s.request('POST', `${ROOT}/collections/${id}/objects/`, { user: 'carol', body: { objects: [indicator()] } })).statusCode,
    404,
    'carol lost write (and so the collection)',
  );
});

test('admin: what GET answers can be PUT back unchanged (200)', async () => {
  const id = randomUUID();
  await admin('PUT', collectionUrl(id), { body: fresh({ description: 'round trip', media_types: ['application/stix+json;version=2.1'] }) });
  const got = json(await admin('GET', collectionUrl(id)));
  const again = await admin('PUT', collectionUrl(id), { body: got });
  assert.equal(again.statusCode, 200, again.body);
  assert.deepEqual(json(again), got);
});

test('admin: DELETE removes the collection and its objects (204); TAXII answers 404; created again, it is empty', async () => {
  const id = randomUUID();
  await admin('PUT', collectionUrl(id), { body: fresh({ read: ['alice'], write: ['alice'] }) });
  const objects = `${ROOT}/collections/${id}/objects/`;
  assert.equal((await s.request('POST', objects, { body: { objects: [indicator(), indicator()] } })).statusCode, 202);
  const last = (await s.request('GET', objects)).headers['x-taxii-date-added-last'];

  const deleted = await admin('DELETE', collectionUrl(id));
  assert.equal(deleted.statusCode, 204, deleted.body);
  assert.equal(deleted.body, '');
  assert.equal((await s.request('GET', `${ROOT}/collections/${id}/`)).statusCode, 404);
  assert.equal((await s.request('GET', objects)).statusCode, 404);
  assert.equal((await s.request('POST', objects, { body: { objects: [indicator()] } })).statusCode, 404);
  isAdminError(await admin('GET', collectionUrl(id)), 404, 'TAXII_NOT_FOUND');
  isAdminError(await admin('DELETE', collectionUrl(id)), 404, 'TAXII_NOT_FOUND');

  await admin('PUT', collectionUrl(id), { body: fresh({ read: ['alice'], write: ['alice'] }) });
  const empty = await s.request('GET', objects);
  assert.equal(empty.statusCode, 200, empty.body);
  assert.equal(json(empty).objects, undefined, 'no object of the deleted collection');
  assert.equal((await s.request('POST', objects, { body: { objects: [indicator()] } })).statusCode, 202);
  const first = (await s.request('GET', objects)).headers['x-taxii-date-added-first'];
  assert.ok(String(first) > String(last), `date_added keeps increasing: ${first} after ${last}`);
});

test('admin: a collection of the configuration file cannot be changed or deleted (409), only read', async () => {
  for (const r of [
    await admin('PUT', collectionUrl(C_SHARED), { body: fresh() }),
    await admin('PUT', collectionUrl(C_SHARED), { body: { nonsense: true } }),
    await admin('DELETE', collectionUrl(C_PUBLIC)),
  ]) {
    const error = isAdminError(r, 409, 'ADMIN_CONFIG_COLLECTION');
    assert.match(error.message, /defined in the configuration/);
  }
  assert.equal(json(await s.request('GET', `${ROOT}/collections/${C_SHARED}/`)).title, 'Shared', 'unchanged');
  const got = await admin('GET', collectionUrl(C_SHARED));
  assert.equal(got.statusCode, 200);
  assert.equal(json(got).source, 'config');
});

test('admin: users not listed in admins get 403, whether by token or password; no credentials 401', async () => {
  for (const user of ['bob', 'carol', 'dave'] as const) {
    isAdminError(await admin('GET', '/api-roots/', { user }), 403, 'TAXII_FORBIDDEN');
    isAdminError(await admin('PUT', collectionUrl(randomUUID()), { user, body: fresh() }), 403, 'TAXII_FORBIDDEN');
  }
  const basic = (user: string) => ({ authorization: `Basic ${Buffer.from(`${user}:correct horse battery staple`).toString('base64')}` });
  assert.equal((await admin('GET', '/api-roots/', { user: null, headers: basic('alice') })).statusCode, 200);
  isAdminError(await admin('GET', '/api-roots/', { user: null, headers: basic('bob') }), 403, 'TAXII_FORBIDDEN');
  const anonymous = await admin('GET', '/api-roots/', { user: null });
  isAdminError(anonymous, 401, 'TAXII_UNAUTHORIZED');
  assert.ok(anonymous.headers['www-authenticate'], 'WWW-Authenticate on a 401');
  isAdminError(
    await admin('GET', '/api-roots/', { user: null, headers: { authorization: 'Bearer not-a-token-0123456789' } }),
    401,
    'TAXII_UNAUTHORIZED',
  );
});

test('admin: without admins in the configuration, every /admin/ URL answers 404 (absent)', async () => {
  const plain = await testServer();
  try {
    for (const [method, path, user] of [
      ['GET', '/api-roots/', 'alice'],
      ['GET', '/api-roots/', null],
      ['GET', '/api-roots/api1/collections/', 'alice'],
      ['PUT', collectionUrl(randomUUID()), 'alice'],
      ['DELETE', collectionUrl(C_SHARED), 'alice'],
      ['GET', '/nothing/here/', 'bob'],
    ] as const) {
      const body = method === 'PUT' ? fresh() : undefined;
      isAdminError(await admin(method, path, { user, server: plain, ...(body ? { body } : {}) }), 404, 'TAXII_NOT_FOUND');
    }
  } finally {
    await plain.close();
  }
});

test('admin: invalid bodies are 400 with the JSON path of every problem (the rules of the configuration)', async () => {
  const id = randomUUID();
  const paths = (r: LightMyRequestResponse) =>
    (isAdminError(r, 400, 'ADMIN_INVALID_COLLECTION').issues as { path: string }[]).map((i) => i.path).sort();
  assert.deepEqual(
    paths(
      await admin('PUT', collectionUrl(id), {
        body: { read: ['bob', 'ghost'], write: 'carol', media_types: ['application/stix+json;version=2.1', 'text/plain'], colour: 'red' },
      }),
    ),
    ['colour', 'media_types[1]', 'read[1]', 'title', 'write'],
  );
  assert.deepEqual(paths(await admin('PUT', collectionUrl(id), { body: fresh({ alias: 'not an alias' }) })), ['alias']);
  assert.deepEqual(paths(await admin('PUT', collectionUrl(id), { body: fresh({ alias: randomUUID() }) })), ['alias']);
  assert.deepEqual(paths(await admin('PUT', collectionUrl(id), { body: fresh({ media_types: [] }) })), ['media_types']);
  assert.deepEqual(paths(await admin('PUT', collectionUrl(id), { body: fresh({ id: randomUUID() }) })), ['id'], 'another id than the URL');
  assert.deepEqual(paths(await admin('PUT', collectionUrl(id), { body: fresh({ source: 'config' }) })), ['source']);
  assert.deepEqual(paths(await admin('PUT', collectionUrl('not-a-uuid'), { body: fresh() })), ['id'], 'the id must be a UUIDv4');
  assert.deepEqual(
    paths(await admin('PUT', collectionUrl(id.toUpperCase()), { body: fresh() })),
    ['id'],
    'a lowercase one (TAXII 2.1 §5.2.1)',
  );
  assert.deepEqual(paths(await admin('PUT', collectionUrl(id), { body: [fresh()] })), ['']);
  isAdminError(await admin('PUT', collectionUrl(id), { body: '{"title": ' }), 400, 'TAXII_MALFORMED_BODY');
  isAdminError(await admin('PUT', collectionUrl(id)), 400, 'TAXII_MALFORMED_BODY');
  isAdminError(
    await admin('PUT', collectionUrl(id), { body: JSON.stringify(fresh()), headers: { 'content-type': 'text/plain' } }),
    415,
    'TAXII_UNSUPPORTED_MEDIA_TYPE',
  );
  isAdminError(await admin('GET', collectionUrl(id)), 404, 'TAXII_NOT_FOUND');
  // The same body, valid: created.
  assert.equal((await admin('PUT', collectionUrl(id), { body: fresh({ read: ['*'] }) })).statusCode, 201);
});

test('admin: an alias is unique per API root (409); another API root may use it; it is free again once its collection is deleted', async () => {
  const [a, b] = [randomUUID(), randomUUID()];
  const alias = `alias-${a.slice(0, 8)}`;
  assert.equal((await admin('PUT', collectionUrl(a), { body: fresh({ alias }) })).statusCode, 201);
  assert.match(
    isAdminError(await admin('PUT', collectionUrl(b), { body: fresh({ alias }) }), 409, 'ADMIN_ALIAS_TAKEN').message,
    new RegExp(a),
  );
  isAdminError(await admin('PUT', collectionUrl(b), { body: fresh({ alias: 'shared' }) }), 409, 'ADMIN_ALIAS_TAKEN');
  assert.equal((await admin('PUT', collectionUrl(a), { body: fresh({ alias, title: 'same alias, same collection' }) })).statusCode, 200);
  assert.equal((await admin('PUT', collectionUrl(b, 'feeds/two'), { body: fresh({ alias }) })).statusCode, 201, 'another API root');
  assert.equal((await admin('DELETE', collectionUrl(a))).statusCode, 204);
  assert.equal((await admin('PUT', collectionUrl(b), { body: fresh({ alias }) })).statusCode, 201);
  assert.equal(json(await s.request('GET', `/api1/collections/${alias}/`, { user: 'bob' })).id, b, 'TAXII finds it by alias');
});

test('admin: unknown API roots, collections and URLs are 404, other methods 405 with Allow; all JSON', async () => {
  isAdminError(await admin('GET', '/api-roots/nope/collections/'), 404, 'TAXII_NOT_FOUND');
  isAdminError(await admin('PUT', collectionUrl(randomUUID(), 'nope'), { body: fresh() }), 404, 'TAXII_NOT_FOUND');
  isAdminError(await admin('GET', collectionUrl(randomUUID())), 404, 'TAXII_NOT_FOUND');
  isAdminError(await admin('GET', collectionUrl('shared')), 404, 'TAXII_NOT_FOUND');
  isAdminError(await admin('GET', '/'), 404, 'TAXII_NOT_FOUND');
  isAdminError(await admin('GET', '/api-roots'), 404, 'TAXII_NOT_FOUND');
  const post = await admin('POST', collectionUrl(randomUUID()), { body: fresh() });
  isAdminError(post, 405, 'TAXII_METHOD_NOT_ALLOWED');
  assert.equal(post.headers.allow, 'GET, PUT, DELETE, HEAD');
  isAdminError(await admin('DELETE', '/api-roots/api1/collections/'), 405, 'TAXII_METHOD_NOT_ALLOWED');
});

test('admin: /openapi.json documents the admin paths', async () => {
  const paths = json(await s.app.inject({ method: 'GET', url: '/openapi.json' })).paths as Record<string, Record<string, unknown>>;
  assert.ok(paths['/admin/api-roots/']?.get, 'GET /admin/api-roots/');
  const one = paths['/admin/api-roots/api1/collections/{id}/'];
  assert.ok(one?.get && one.put && one.delete, 'GET, PUT, DELETE of a collection');
  assert.ok(paths['/admin/api-roots/feeds/two/collections/']?.get, 'a nested API root path');
});

test('admin: DELETE while a large POST is stored: the chunks after it store nothing, its status completes with them as failures', async () => {
  const storage = testStorage();
  await storage.open();
  // The delete lands between two chunks: after the first is stored, before the second.
  let chunks = 0;
  let stored!: () => void;
  let deleted!: () => void;
  const firstStored = new Promise<void>((resolve) => {
    stored = resolve;
  });
  const afterDelete = new Promise<void>((resolve) => {
    deleted = resolve;
  });
  const writeObjects = storage.writeObjects.bind(storage);
  storage.writeObjects = async (collectionId, writes) => {
    if (++chunks === 2) await afterDelete;
    const results = await writeObjects(collectionId, writes);
    if (chunks === 1) stored();
    return results;
  };
  const config = await testConfig({ admins: ['alice'] });
  const [api1, ...others] = config.api_roots as [ApiRootConfig, ...ApiRootConfig[]];
  const app = await createServer({ ...config, api_roots: [{ ...api1, max_content_length: 4_000_000 }, ...others] }, { storage });
  try {
    const server = { app } as TestServer;
    const id = randomUUID();
    const body = fresh({ read: ['alice'], write: ['alice'] });
    assert.equal((await admin('PUT', collectionUrl(id), { server, body })).statusCode, 201);
    const objects = Array.from({ length: 2500 }, (_, i) => indicator(50_000 + i));
    const posted = await app.inject({
      method: 'POST',
      url: `${ROOT}/collections/${id}/objects/`,
      headers: { authorization: `Bearer ${tokenOf('alice')}`, accept: TAXII_MEDIA_TYPE, 'content-type': TAXII_MEDIA_TYPE },
      payload: JSON.stringify({ objects }),
    });
    assert.equal(posted.statusCode, 202, posted.body);
    const statusId = String(json(posted).id);
    await firstStored;
    assert.equal((await admin('DELETE', collectionUrl(id), { server })).statusCode, 204);
    deleted();
    let status = await storage.getStatus(statusId);
    for (let i = 0; i < 200 && status?.status !== 'complete'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = await storage.getStatus(statusId);
    }
    assert.equal(status?.status, 'complete', 'the final chunk completes the status');
    assert.equal(status?.successes.length, 1000, 'the chunk stored before the delete');
    assert.equal(status?.failures.length, 1500);
    assert.ok(status?.failures.every((f) => f.message === COLLECTION_DELETED_MESSAGE));
    assert.deepEqual(status?.pendings, []);
    // Created again, the collection holds none of them.
    assert.equal((await admin('PUT', collectionUrl(id), { server, body })).statusCode, 201);
    assert.equal((await storage.getObjects(id, { versions: [{ kind: 'all' }], limit: 10 })).items.length, 0);
  } finally {
    await app.close();
    await storage.close();
  }
});

test('start: a configured alias that a collection made over the admin API holds stops the start (TAXII_CONFIG_ALIAS_TAKEN)', async () => {
  const storage = testStorage();
  await storage.open();
  const config = await testConfig({ admins: ['alice'] });
  const [api1, ...others] = config.api_roots as [ApiRootConfig, ...ApiRootConfig[]];
  /** The configuration with these aliases for its collections of api1. */
  const withAliases = (aliases: Record<string, string | undefined>): ServerConfig => ({
    ...config,
    api_roots: [
      {
        ...api1,
        collections: api1.collections.map(({ alias: _alias, ...c }) => {
          const alias = c.id in aliases ? aliases[c.id] : _alias;
          return alias === undefined ? c : { ...c, alias };
        }),
      },
      ...others,
    ],
  });
  try {
    const first = await createServer(config, { storage });
    const other = randomUUID();
    assert.equal(
      (await admin('PUT', collectionUrl(other), { server: { app: first } as TestServer, body: fresh({ alias: 'intel' }) })).statusCode,
      201,
    );
    await first.close();

    // C_PUBLIC (api_roots[0].collections[1]) now declares the alias.
    const clashing = withAliases({ [C_PUBLIC]: 'intel' });
    await assert.rejects(createServer(clashing, { storage }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.code, 'TAXII_CONFIG_ALIAS_TAKEN');
      assert.deepEqual(
        e.issues.map((i) => i.path),
        ['api_roots[0].collections[1].alias'],
      );
      for (const part of ['"api1"', '"intel"', C_PUBLIC, other]) assert.ok(e.message.includes(part), `${part} in ${e.message}`);
      return true;
    });
    assert.equal((await storage.getCollection('api1', 'intel'))?.id, other, 'nothing changed');
    assert.equal((await storage.getCollection('api1', C_PUBLIC))?.alias, undefined);

    // Once the other collection lets the alias go, the same configuration starts and takes it.
    assert.equal(await storage.deleteCollection('api1', other), true);
    const second = await createServer(clashing, { storage });
    await second.close();
    assert.equal((await storage.getCollection('api1', 'intel'))?.id, C_PUBLIC);
    // An alias the file moves between its own collections is no clash (a swap of two aliases).
    const third = await createServer(withAliases({ [C_SHARED]: 'intel', [C_PUBLIC]: 'shared' }), { storage });
    await third.close();
    assert.equal((await storage.getCollection('api1', 'intel'))?.id, C_SHARED);
    assert.equal((await storage.getCollection('api1', 'shared'))?.id, C_PUBLIC);
  } finally {
    await storage.close();
  }
});
