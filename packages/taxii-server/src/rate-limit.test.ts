import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateConfig } from './config.js';
import { ROOT, testConfig, testServer } from './test-fixtures.js';

const TAXII_20_ERROR = 'application/vnd.oasis.taxii+json; version=2.0';

test('limits.rate_limit: past max requests in the window a user gets 429, a TAXII error with Retry-After; other users are counted apart', async () => {
  const server = await testServer({ limits: { rate_limit: { max: 3, window_ms: 60_000 } } });
  try {
    for (let i = 0; i < 3; i++) {
      const ok = await server.request('GET', `${ROOT}/collections/`);
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.headers['x-ratelimit-limit'], '3');
      assert.equal(ok.headers['x-ratelimit-remaining'], String(2 - i));
    }
    const refused = await server.request('GET', `${ROOT}/collections/`);
    assert.equal(refused.statusCode, 429);
    assert.match(String(refused.headers['content-type']), /^application\/taxii\+json/);
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${refused.headers['retry-after']}`);
    const body = refused.json() as { title: string; description: string; http_status: string };
    assert.equal(body.title, 'Too many requests');
    assert.equal(body.http_status, '429');
    assert.match(body.description, /more than 3 requests in 60 s/);
    // Any TAXII endpoint counts, and writes are refused alike, nothing stored.
    const post = await server.request('POST', `${ROOT}/collections/11111111-1111-4111-8111-111111111111/objects/`, {
      body: { objects: [] },
    });
    assert.equal(post.statusCode, 429);
    // bob has a budget of his own.
    assert.equal((await server.request('GET', `${ROOT}/collections/`, { user: 'bob' })).statusCode, 200);
    // A TAXII 2.0 client gets the error in 2.0.
    const old = await server.request('GET', '/taxii/', { headers: { accept: 'application/vnd.oasis.taxii+json; version=2.0' } });
    assert.equal(old.statusCode, 429);
    assert.equal(old.headers['content-type'], TAXII_20_ERROR);
    // Outside the TAXII tree: not limited.
    assert.equal((await server.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  } finally {
    await server.close();
  }
});

test('without limits.rate_limit there is no limit and no rate-limit header', async () => {
  const server = await testServer();
  try {
    for (let i = 0; i < 5; i++) {
      const ok = await server.request('GET', `${ROOT}/collections/`);
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.headers['x-ratelimit-limit'], undefined);
    }
  } finally {
    await server.close();
  }
});

test('limits.rate_limit and limits.auth_failures are checked: both members, whole numbers, window of at least 1 s', async () => {
  for (const [rate, message] of [
    [{ max: 10 }, /limits\.rate_limit\.window_ms/],
    [{ max: 0, window_ms: 1000 }, /limits\.rate_limit\.max/],
    [{ max: 10, window_ms: 10 }, /limits\.rate_limit\.window_ms/],
    [{ max: 10, window_ms: 1000, burst: 2 }, /burst/],
  ] as const) {
    const config = await testConfig({ limits: { rate_limit: rate as never } });
    assert.throws(() => validateConfig(config), message);
  }
  const config = await testConfig({ limits: { rate_limit: { max: 10, window_ms: 1000 } } });
  assert.equal(validateConfig(config).limits?.rate_limit?.max, 10);
  const failures = await testConfig({ limits: { auth_failures: { max: 0, window_ms: 1000 } } });
  assert.throws(() => validateConfig(failures), /limits\.auth_failures\.max/);
});

test('the OpenAPI document lists 429 on the TAXII endpoints when limits.rate_limit is set, and not otherwise', async () => {
  for (const rate of [{ max: 5, window_ms: 1000 }, undefined]) {
    const server = await testServer(rate ? { limits: { rate_limit: rate } } : {});
    try {
      const doc = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      };
      assert.equal('429' in (doc.paths['/taxii2/']?.get?.responses ?? {}), rate !== undefined);
      assert.equal('429' in (doc.paths[`${ROOT}/collections/`]?.get?.responses ?? {}), rate !== undefined);
      assert.equal('429' in (doc.paths['/healthz']?.get?.responses ?? {}), false);
    } finally {
      await server.close();
    }
  }
});

test('limits.auth_failures: past max wrong credentials an address gets 429 with Retry-After, its credentials unchecked; requests without credentials do not count', async () => {
  const server = await testServer({ limits: { auth_failures: { max: 2, window_ms: 60_000 } } });
  const wrong = { user: null, headers: { authorization: `Basic ${Buffer.from('alice:wrong').toString('base64')}` } } as const;
  try {
    // Warm the cache of alice's good credentials first: a client already in is not locked out.
    assert.equal((await server.request('GET', `${ROOT}/collections/`)).statusCode, 200);
    for (let i = 0; i < 3; i++) assert.equal((await server.request('GET', `${ROOT}/collections/`, { user: null })).statusCode, 401);
    assert.equal((await server.request('GET', `${ROOT}/collections/`, wrong)).statusCode, 401);
    assert.equal((await server.request('GET', `${ROOT}/collections/`, wrong)).statusCode, 401);
    const refused = await server.request('GET', `${ROOT}/collections/`, wrong);
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.match((refused.json() as { description: string }).description, /too many failed authentications/);
    // Right credentials not seen before are not checked either, from this address…
    const bob = await server.request('GET', `${ROOT}/collections/`, {
      user: null,
      headers: { authorization: `Basic ${Buffer.from('bob:correct horse battery staple').toString('base64')}` },
    });
    assert.equal(bob.statusCode, 429);
    // …while alice's, verified before, still pass.
    assert.equal((await server.request('GET', `${ROOT}/collections/`)).statusCode, 200);
    // Another address is not affected.
    const elsewhere = await server.app.inject({
      method: 'GET',
      url: '/taxii2/',
      remoteAddress: '192.0.2.10',
      headers: { accept: 'application/taxii+json;version=2.1', authorization: wrong.headers.authorization },
    });
    assert.equal(elsewhere.statusCode, 401);
  } finally {
    await server.close();
  }
});
