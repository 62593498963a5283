import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { C_SECRET, indicator, json, ROOT, type TestServer, testServer, type User } from './test-fixtures.js';

const C = `${ROOT}/collections/shared`;
let s: TestServer;
beforeEach(async () => {
  s = await testServer();
  const r = await s.request('POST', `${C}/objects/`, { body: { objects: [indicator(1), indicator(2)] } });
  assert.equal(r.statusCode, 202);
});
afterEach(() => s.close());

const status = async (user: User, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
  (await s.request(method, url, { user, body })).statusCode;
const ID = indicator(1).id as string;

test('read endpoints (manifest, objects, object, versions): readers 200, write-only 403, neither 404 (§5.2 can_read)', async () => {
  for (const url of [`${C}/manifest/`, `${C}/objects/`, `${C}/objects/${ID}/`, `${C}/objects/${ID}/versions/`]) {
    assert.equal(await status('alice', 'GET', url), 200, url);
    assert.equal(await status('bob', 'GET', url), 200, url);
    assert.equal(await status('carol', 'GET', url), 403, url);
    assert.equal(await status('dave', 'GET', url), 404, url);
  }
});

test('the collection resource: visible to readers and writers, 404 to others', async () => {
  assert.equal(await status('bob', 'GET', `${C}/`), 200);
  assert.equal(await status('carol', 'GET', `${C}/`), 200);
  assert.equal(await status('dave', 'GET', `${C}/`), 404);
  const daves = json(await s.request('GET', `${ROOT}/collections/`, { user: 'dave' })).collections as { id: string }[];
  assert.ok(!daves.some((c) => c.id === '11111111-1111-4111-8111-111111111111'), 'absent from the list');
  assert.equal(await status('bob', 'GET', `${ROOT}/collections/${C_SECRET}/`), 404);
});

test('POST: writers 202, read-only 403, neither 404 (§5.2 can_write) — refused before the body is read', async () => {
  const body = { objects: [indicator(3)] };
  assert.equal(await status('carol', 'POST', `${C}/objects/`, body), 202);
  assert.equal(await status('bob', 'POST', `${C}/objects/`, body), 403);
  assert.equal(await status('dave', 'POST', `${C}/objects/`, body), 404);
  // An oversized or wrongly typed body from someone who may not write is still 403, not 413/415.
  const r = await s.request('POST', `${C}/objects/`, { user: 'bob', body: 'x'.repeat(300_000), headers: { 'content-type': 'text/plain' } });
  assert.equal(r.statusCode, 403);
});

test('DELETE follows §5.7: read+write 200; read only 403; write only 403; neither 404', async () => {
  const url = `${C}/objects/${ID}/`;
  assert.equal(await status('bob', 'DELETE', url), 403);
  assert.equal(await status('carol', 'DELETE', url), 403);
  assert.equal(await status('dave', 'DELETE', url), 404);
  assert.equal(await status('alice', 'DELETE', url), 200);
});

test('statuses: visible to their requester and to readers of the collection, 404 to anyone else', async () => {
  const mine = json(await s.request('POST', `${C}/objects/`, { user: 'carol', body: { objects: [indicator(4)] } }));
  const url = `${ROOT}/status/${mine.id}/`;
  assert.equal(await status('carol', 'GET', url), 200, 'requester (write-only)');
  assert.equal(await status('alice', 'GET', url), 200, 'reader');
  assert.equal(await status('bob', 'GET', url), 200, 'reader');
  assert.equal(await status('dave', 'GET', url), 404);
  const alices = json(await s.request('POST', `${C}/objects/`, { user: 'alice', body: { objects: [indicator(5)] } }));
  assert.equal(await status('carol', 'GET', `${ROOT}/status/${alices.id}/`), 404, "a writer does not see others' statuses");
  const secret = json(
    await s.request('POST', `${ROOT}/collections/${C_SECRET}/objects/`, { user: 'alice', body: { objects: [indicator(6)] } }),
  );
  assert.equal(await status('bob', 'GET', `${ROOT}/status/${secret.id}/`), 404);
});

test('every authenticated user ("*") reads the public collection; only alice writes it', async () => {
  const url = `${ROOT}/collections/22222222-2222-4222-8222-222222222222/objects/`;
  assert.equal(await status('dave', 'GET', url), 200);
  assert.equal(await status('dave', 'POST', url, { objects: [indicator(7)] }), 403);
  assert.equal(await status('alice', 'POST', url, { objects: [indicator(7)] }), 202);
});
