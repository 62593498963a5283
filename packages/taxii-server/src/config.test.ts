import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { applyEnvironment, checkCollectionConfig, loadConfig, type ServerConfig, validateConfig } from './config.js';
import { ConfigError } from './errors.js';

const dir = await mkdtemp(join(tmpdir(), 'taxiway-config-'));
after(() => rm(dir, { recursive: true, force: true }));

const minimal = {
  discovery: { title: 'T' },
  users: [{ username: 'u', password: 'pw' }],
  api_roots: [
    {
      path: 'r',
      title: 'R',
      max_content_length: 1000,
      collections: [{ id: '11111111-1111-4111-8111-111111111111', title: 'C', read: ['u'], write: ['*'] }],
    },
  ],
};

const issuePaths = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.issues.map((i) => i.path);
  }
  assert.fail('no ConfigError');
};

test('a minimal configuration is valid', () => {
  assert.equal(validateConfig(minimal).discovery.title, 'T');
});

test('every problem is reported with its path', () => {
  const paths = issuePaths(() =>
    validateConfig({
      discovery: { default: 'nope' },
      users: [{ username: 'u' }, { username: 'u', password_hash: 'plain' }],
      tokens: [{ token: 'short', username: 'ghost' }],
      api_roots: [
        {
          path: '/bad/',
          title: 'R',
          max_content_length: 0,
          collections: [
            { id: 'not-a-uuid', title: 'C', read: ['ghost'], write: [] },
            { id: '11111111-1111-4111-8111-111111111111', title: 'C', alias: 'a', read: [], write: [], colour: 'red' },
            { id: '11111111-1111-4111-8111-111111111111', title: 'C', alias: 'a', read: [], write: [] },
          ],
        },
      ],
      limits: { max_page_size: 0 },
      storage: { driver: 'mongo' },
      extra: true,
    }),
  );
  for (const p of [
    'discovery.title',
    'discovery.default',
    'users[0]',
    'users[1].username',
    'users[1].password_hash',
    'tokens[0].username',
    'tokens[0].token',
    'api_roots[0].path',
    'api_roots[0].max_content_length',
    'api_roots[0].collections[0].id',
    'api_roots[0].collections[0].read[0]',
    'api_roots[0].collections[1].colour',
    'api_roots[0].collections[2].id',
    'api_roots[0].collections[2].alias',
    'limits.max_page_size',
    'storage.driver',
    'extra',
  ])
    assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
});

test('api_roots must not be empty and must not use reserved paths', () => {
  assert.deepEqual(
    issuePaths(() => validateConfig({ ...minimal, api_roots: [] })),
    ['api_roots'],
  );
  assert.deepEqual(
    issuePaths(() => validateConfig({ ...minimal, api_roots: [{ ...minimal.api_roots[0], path: 'taxii2' }] })),
    ['api_roots[0].path'],
  );
});

test('the TAXII 2.0 discovery path "taxii" is reserved too (TAXII 2.0 §7.3: /taxii/)', () => {
  assert.deepEqual(
    issuePaths(() => validateConfig({ ...minimal, api_roots: [{ ...minimal.api_roots[0], path: 'taxii' }] })),
    ['api_roots[0].path'],
  );
  assert.doesNotThrow(() => validateConfig({ ...minimal, api_roots: [{ ...minimal.api_roots[0], path: 'taxii-feeds' }] }));
});

const withMediaTypes = (media_types: unknown) => ({
  ...minimal,
  api_roots: [{ ...minimal.api_roots[0], collections: [{ ...minimal.api_roots[0].collections[0], media_types }] }],
});

test('media_types: STIX 2.1 and 2.0 media types, in TAXII 2.1 or 2.0 spelling, are accepted', () => {
  for (const list of [
    ['application/vnd.oasis.stix+json; version=2.0'],
    ['application/vnd.oasis.stix+json;version=2.0', 'application/stix+json;version=2.1'],
    ['application/stix+json; version=2.0'],
    ['application/stix+json'],
  ])
    assert.doesNotThrow(() => validateConfig(withMediaTypes(list)), list.join());
});

test('media_types: anything else is an issue at its index', () => {
  assert.deepEqual(
    issuePaths(() =>
      validateConfig(
        withMediaTypes(['application/stix+json;version=2.1', 'application/json', 'application/vnd.oasis.stix+json; version=2.1']),
      ),
    ),
    ['api_roots[0].collections[0].media_types[1]', 'api_roots[0].collections[0].media_types[2]'],
  );
  assert.deepEqual(
    issuePaths(() => validateConfig(withMediaTypes([]))),
    ['api_roots[0].collections[0].media_types'],
  );
});

test('loadConfig reads YAML and JSON; relative paths are relative to the file', async () => {
  const yaml = join(dir, 'c.yaml');
  await writeFile(
    yaml,
    `discovery: { title: T }
users: [{ username: u, password: pw }]
api_roots:
  - path: r
    title: R
    max_content_length: 1000
    collections: []
storage: { driver: sqlite, path: data/t.db }
`,
  );
  const config = await loadConfig(yaml, {});
  assert.deepEqual(config.storage, { driver: 'sqlite', path: join(dir, 'data/t.db') });
  const jsonPath = join(dir, 'c.json');
  await writeFile(jsonPath, JSON.stringify(minimal));
  assert.equal((await loadConfig(jsonPath, {})).api_roots[0].path, 'r');
});

test('loadConfig: unreadable and malformed files are ConfigErrors naming the file', async () => {
  await assert.rejects(
    loadConfig(join(dir, 'missing.yaml'), {}),
    (e: unknown) => e instanceof ConfigError && e.file?.endsWith('missing.yaml') === true,
  );
  const bad = join(dir, 'bad.json');
  await writeFile(bad, '{');
  await assert.rejects(loadConfig(bad, {}), (e: unknown) => e instanceof ConfigError && /not well-formed JSON/.test(e.message));
  const invalid = join(dir, 'invalid.yaml');
  await writeFile(invalid, 'discovery: 3\n');
  await assert.rejects(loadConfig(invalid, {}), (e: unknown) => e instanceof ConfigError && e.message.startsWith(invalid));
});

test('environment overrides: TAXIWAY_HOST, TAXIWAY_PORT, TAXIWAY_DATABASE_URL, TAXIWAY_SQLITE_PATH', () => {
  const c = validateConfig(minimal) as ServerConfig;
  const env = applyEnvironment(c, { TAXIWAY_HOST: '0.0.0.0', TAXIWAY_PORT: '9000', TAXIWAY_SQLITE_PATH: '/tmp/x.db' });
  assert.deepEqual(env.listen, { host: '0.0.0.0', port: 9000 });
  assert.deepEqual(env.storage, { driver: 'sqlite', path: '/tmp/x.db' });
  const pg = applyEnvironment(c, { TAXIWAY_DATABASE_URL: 'postgres://u@h/db', TAXIWAY_SQLITE_PATH: '/tmp/x.db' });
  assert.deepEqual(pg.storage, { driver: 'postgres', url: 'postgres://u@h/db' });
  assert.deepEqual(
    issuePaths(() => applyEnvironment(c, { TAXIWAY_PORT: 'eighty' })),
    ['env.TAXIWAY_PORT'],
  );
});

test('admins: every name must be a configured user', () => {
  assert.deepEqual(validateConfig({ ...minimal, admins: ['u'] }).admins, ['u']);
  assert.doesNotThrow(() => validateConfig({ ...minimal, admins: [] }));
  assert.deepEqual(
    issuePaths(() => validateConfig({ ...minimal, admins: ['u', 'ghost', '*', 3] })),
    ['admins[3]', 'admins[1]', 'admins[2]'],
  );
  assert.deepEqual(
    issuePaths(() => validateConfig({ ...minimal, admins: 'u' })),
    ['admins'],
  );
});

test('the admin API path "admin" is reserved for API roots', () => {
  assert.deepEqual(
    issuePaths(() => validateConfig({ ...minimal, api_roots: [{ ...minimal.api_roots[0], path: 'admin/feeds' }] })),
    ['api_roots[0].path'],
  );
  assert.doesNotThrow(() => validateConfig({ ...minimal, api_roots: [{ ...minimal.api_roots[0], path: 'administration' }] }));
});

test('limits.pending_status_timeout_ms: an integer from 1 s to 7 days', () => {
  assert.equal(validateConfig({ ...minimal, limits: { pending_status_timeout_ms: 1000 } }).limits?.pending_status_timeout_ms, 1000);
  for (const bad of [999, 604_800_001, 1.5, '600000'])
    assert.deepEqual(
      issuePaths(() => validateConfig({ ...minimal, limits: { pending_status_timeout_ms: bad } })),
      ['limits.pending_status_timeout_ms'],
    );
});

test('checkCollectionConfig: the rules of a collection entry, issue paths relative to it', () => {
  const users = new Set(['u']);
  const ok = checkCollectionConfig({ id: '22222222-2222-4222-8222-222222222222', title: 'C', read: ['u'], write: ['*'] }, users);
  assert.deepEqual(ok.issues, []);
  assert.equal(ok.collection?.title, 'C');
  const bad = checkCollectionConfig({ id: 'nope', read: ['ghost'], write: [], alias: 'a b', media_types: ['text/plain'], x: 1 }, users);
  assert.equal(bad.collection, undefined);
  assert.deepEqual(bad.issues.map((i) => i.path).sort(), ['alias', 'id', 'media_types[0]', 'read[0]', 'title', 'x']);
  assert.deepEqual(
    checkCollectionConfig('C', users).issues.map((i) => i.path),
    [''],
  );
});
