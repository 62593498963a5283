import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateConfig } from './config.js';
import { createDemo } from './demo.js';
import { createServer } from './server.js';
import { MemoryStorage } from './test-memory-storage.js';

test('createDemo: a valid config, API root demo, a generated password that works, a banner with a curl line', async () => {
  const a = await createDemo();
  const b = await createDemo();
  assert.notEqual(a.password, b.password, 'generated per run');
  assert.ok(a.password.length >= 16);
  const config = validateConfig(a.config);
  assert.deepEqual(config.storage, { driver: 'sqlite', path: './taxiway-demo.db' });
  assert.equal(config.api_roots[0].path, 'demo');
  assert.doesNotMatch(JSON.stringify(config), new RegExp(a.password), 'only the hash is in the config');
  const banner = a.banner('http://127.0.0.1:8080');
  assert.match(banner, /http:\/\/127\.0\.0\.1:8080\/taxii2\//);
  assert.match(
    banner,
    new RegExp(`curl -u demo:${a.password} -H 'Accept: application/taxii\\+json;version=2.1' http://127.0.0.1:8080/taxii2/`),
  );

  const app = await createServer(a.config, { storage: new MemoryStorage() });
  const auth = `Basic ${Buffer.from(`demo:${a.password}`).toString('base64')}`;
  const r = await app.inject({
    method: 'GET',
    url: '/demo/collections/',
    headers: { authorization: auth, accept: 'application/taxii+json;version=2.1' },
  });
  assert.equal(r.statusCode, 200);
  assert.deepEqual(
    JSON.parse(r.body).collections.map((c: { alias: string }) => c.alias),
    ['intel', 'public'],
  );
  await app.close();
});
