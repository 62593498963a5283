/**
 * taxiway discover / collections / push / pull / sync against Taxiway servers started in this
 * process (SQLite in memory), the CLI run as a child process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sampleObjects, startServer, type TestServer, taxiway } from './test-taxii-servers.js';

const COLLECTION = '6f0b9a36-1c2a-4e8b-9d6f-0a1b2c3d4e5f';
const MIRROR = '7a1c0b47-2d3b-4f9c-8e7a-1b2c3d4e5f60';
const ONLY_20 = '8b2d1c58-3e4c-4a0d-9f8b-2c3d4e5f6071';
const ASYNC_PUSHES = '9c3e2d69-4f5d-4b1e-8a9c-3d4e5f607182';
const dir = mkdtempSync(join(tmpdir(), 'taxiway-cli-taxii-'));
let server: TestServer;

before(async () => {
  server = await startServer({
    backend: 'sqlite',
    user: 'alice',
    password: 'alice-secret-password',
    root: 'api1',
    // Small enough that the pushes below need several requests.
    maxContentLength: 6000,
    collections: [
      { id: COLLECTION, title: 'Indicators' },
      { id: MIRROR, title: 'Mirror' },
      { id: ONLY_20, title: 'STIX 2.0 only', media_types: ['application/stix+json;version=2.0'] },
      { id: ASYNC_PUSHES, title: 'push --async' },
    ],
  });
});
after(async () => server.close());

const auth = () => ({ TAXIWAY_USER: server.user, TAXIWAY_PASSWORD: server.password });
const apiRoot = () => `${server.url}api1/`;

function bundleFile(name: string, objects: readonly unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects }));
  return path;
}

test('discover prints the discovery and each API root; collections lists what the user can see', async () => {
  const d = await taxiway(['discover', server.url], { env: auth() });
  assert.equal(d.code, 0, d.stderr);
  assert.match(d.stdout, /TAXII 2\.1/);
  assert.match(d.stdout, /api1\/ +root api1 +versions: application\/taxii\+json;version=2\.1 +max_content_length: 6000/);
  const c = await taxiway(['collections', server.url, '--format', 'json'], { env: auth() });
  assert.equal(c.code, 0, c.stderr);
  const listed = JSON.parse(c.stdout) as { collections: { id: string; can_write: boolean }[] };
  assert.deepEqual(listed.collections.map((x) => x.id).sort(), [COLLECTION, MIRROR, ONLY_20, ASYNC_PUSHES].sort());
});

test('without credentials: exit 2 with the HTTP status and a hint; the password never appears in output', async () => {
  const r = await taxiway(['collections', apiRoot()]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /401/);
  assert.match(r.stderr, /TAXIWAY_PASSWORD/);
  const wrong = await taxiway(['collections', apiRoot(), '--user', 'alice'], { env: { TAXIWAY_PASSWORD: 'not-the-password-42' } });
  assert.equal(wrong.code, 2);
  assert.doesNotMatch(wrong.stderr + wrong.stdout, /not-the-password-42/);
});

test('credentials from the client config file, chosen by the longest URL prefix', async () => {
  const config = join(dir, 'client.yaml');
  writeFileSync(
    config,
    `servers:\n  - { url: "${server.url}", username: alice, password: wrong-password-000 }\n  - { url: "${apiRoot()}", username: alice, password: ${server.password} }\n`,
  );
  const r = await taxiway(['collections', apiRoot(), '--client-config', config]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Indicators/);
});

test('push validates first: one invalid object and nothing is sent (exit 1); --skip-invalid sends the rest', async () => {
  const good = sampleObjects(1);
  const bad = { type: 'indicator', spec_version: '2.1', id: 'indicator--not-a-uuid', created: 'yesterday' };
  const file = bundleFile('mixed.json', [...good, bad]);
  const refused = await taxiway(['push', apiRoot(), '--collection', MIRROR, file], { env: auth() });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /invalid indicator--not-a-uuid/);
  assert.match(refused.stderr, /nothing sent/);
  const pulled = await taxiway(['pull', apiRoot(), '--collection', MIRROR, '--quiet'], { env: auth() });
  assert.equal(pulled.code, 0, pulled.stderr);
  assert.equal((JSON.parse(pulled.stdout) as { objects?: unknown[] }).objects, undefined, 'the collection is still empty');
  const skipped = await taxiway(['push', apiRoot(), '--collection', MIRROR, file, '--skip-invalid', '--format', 'json', '--quiet'], {
    env: auth(),
  });
  assert.equal(skipped.code, 1, 'an invalid object makes the exit code 1 even when the rest is stored');
  const summary = JSON.parse(skipped.stdout) as { invalid: number; success_count: number; failure_count: number };
  assert.deepEqual([summary.invalid, summary.success_count, summary.failure_count], [1, good.length, 0]);
});

test('push --async (Prefer: respond-async, statuses checked at the end): exit 0, every object stored, none left pending', async () => {
  const objects = sampleObjects(4);
  const file = bundleFile('async.json', objects);
  const pushed = await taxiway(['push', apiRoot(), '--collection', ASYNC_PUSHES, file, '--async', '--format', 'json'], { env: auth() });
  assert.equal(pushed.code, 0, pushed.stderr);
  const summary = JSON.parse(pushed.stdout) as { success_count: number; pending_count: number; sent: number };
  assert.deepEqual([summary.sent, summary.success_count, summary.pending_count], [objects.length, objects.length, 0]);
});

test('push splits into requests that fit max_content_length; pull returns the same objects as one bundle, or a page per file', async () => {
  const objects = sampleObjects(6);
  const file = bundleFile('six.json', objects);
  const pushed = await taxiway(['push', apiRoot(), '--collection', COLLECTION, file, '--format', 'json'], { env: auth() });
  assert.equal(pushed.code, 0, pushed.stderr);
  const summary = JSON.parse(pushed.stdout) as { requests: number; success_count: number; sent: number };
  assert.equal(summary.sent, objects.length);
  assert.equal(summary.success_count, objects.length);
  assert.ok(summary.requests > 1, `split into ${summary.requests} requests`);

  const out = join(dir, 'pulled.json.gz');
  const pulled = await taxiway(['pull', apiRoot(), '--collection', COLLECTION, '--limit', '7', '--out', out, '--format', 'json'], {
    env: auth(),
  });
  assert.equal(pulled.code, 0, pulled.stderr);
  const info = JSON.parse(pulled.stdout) as { objects: number; pages: number; date_added_last: string };
  assert.equal(info.objects, objects.length);
  assert.equal(info.pages, Math.ceil(objects.length / 7));
  const { gunzipSync } = await import('node:zlib');
  const got = JSON.parse(gunzipSync(readFileSync(out)).toString()) as { type: string; objects: { id: string }[] };
  assert.equal(got.type, 'bundle');
  assert.deepEqual(got.objects.map((o) => o.id).sort(), objects.map((o) => o.id as string).sort());
  assert.ok(!readdirSync(dir).some((f) => f.endsWith('.partial')), 'no temporary file left');

  const pages = join(dir, 'pages');
  const paged = await taxiway(
    ['pull', apiRoot(), '--collection', COLLECTION, '--limit', '10', '--out', `${pages}/`, '--match', 'type=indicator,malware'],
    {
      env: auth(),
    },
  );
  assert.equal(paged.code, 0, paged.stderr);
  assert.deepEqual(readdirSync(pages).sort(), ['page-000001.json', 'page-000002.json']);
  assert.match(paged.stderr, /page 1: 10 objects/, 'a plain line per page when stderr is not a terminal');
  const types = readdirSync(pages).flatMap((f) =>
    (JSON.parse(readFileSync(join(pages, f), 'utf8')) as { objects: { type: string }[] }).objects.map((o) => o.type),
  );
  assert.equal(types.length, 12);
  assert.ok(types.every((t) => t === 'indicator' || t === 'malware'));

  const later = await taxiway(['pull', apiRoot(), '--collection', COLLECTION, '--added-after', info.date_added_last, '--quiet'], {
    env: auth(),
  });
  assert.equal(later.code, 0, later.stderr);
  assert.equal((JSON.parse(later.stdout) as { objects?: unknown[] }).objects, undefined, 'nothing added after the last one');
});

test('sync copies what is new, resumes from its state file, and converts into a STIX 2.0-only collection', async () => {
  const first = sampleObjects(2);
  assert.equal(
    (await taxiway(['push', apiRoot(), '--collection', MIRROR, bundleFile('s1.json', first), '--quiet'], { env: auth() })).code,
    0,
  );
  const state = join(dir, 'sync-state.json');
  const source = `${apiRoot()}${MIRROR}`;
  const target = `${apiRoot()}collections/${ONLY_20}/`;
  const run = () =>
    taxiway(
      ['sync', source, target, '--state', state, '--format', 'json', '--source-user', 'alice', '--dest-user', 'alice', '--limit', '4'],
      { env: { TAXIWAY_PASSWORD: server.password } },
    );
  const one = await run();
  assert.equal(one.code, 0, one.stderr);
  const r1 = JSON.parse(one.stdout) as { copied: number; converted: number; stix_version: string; last_date_added: string };
  assert.equal(r1.stix_version, '2.0');
  // The 2.1 SCOs fold into their observed-data: fewer objects arrive than left (the converter's report).
  assert.ok(r1.converted >= 1 && r1.copied > 0);
  const saved = JSON.parse(readFileSync(state, 'utf8')) as { pairs: Record<string, { lastDateAdded: string }> };
  assert.equal(Object.values(saved.pairs)[0]?.lastDateAdded, r1.last_date_added);

  const two = await run();
  assert.equal(two.code, 0, two.stderr);
  assert.equal((JSON.parse(two.stdout) as { copied: number }).copied, 0, 'nothing new: nothing copied');

  const more = sampleObjects(1);
  assert.equal(
    (await taxiway(['push', apiRoot(), '--collection', MIRROR, bundleFile('s2.json', more), '--quiet'], { env: auth() })).code,
    0,
  );
  const three = await run();
  assert.equal(three.code, 0, three.stderr);
  const r3 = JSON.parse(three.stdout) as { copied: number; converted: number };
  assert.ok(r3.copied > 0 && r3.copied < more.length + 1, `only the new ones (${r3.copied})`);

  const pulled = await taxiway(['pull', apiRoot(), '--collection', ONLY_20, '--quiet'], { env: auth() });
  const objects = (JSON.parse(pulled.stdout) as { objects: { id: string; spec_version?: string; type: string }[] }).objects;
  const ids = new Set(objects.map((o) => o.id));
  for (const o of [...first, ...more]) if (o.type !== 'ipv4-addr') assert.ok(ids.has(o.id as string), `${o.type} ${o.id} arrived`);
  assert.ok(
    objects.every((o) => o.spec_version === undefined || o.spec_version === '2.0'),
    'stored as STIX 2.0',
  );
});

test('sync: a usage error for a URL without a collection; a bad --watch interval', async () => {
  const r = await taxiway(['sync', 'http://127.0.0.1:1/', `${apiRoot()}${MIRROR}`], { env: auth() });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /API_ROOT_URL\/COLLECTION/);
  const w = await taxiway(['sync', `${apiRoot()}${MIRROR}`, `${apiRoot()}${COLLECTION}`, '--watch', 'soon'], { env: auth() });
  assert.equal(w.code, 2);
  assert.match(w.stderr, /--watch/);
});

test('sync --watch keeps polling (new objects arrive in a later round) and stops cleanly on SIGINT', async () => {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const watched = '9c3e2d69-4f5d-4b1e-8a9c-3d4e5f607182';
  const copy = '0d4f3e7a-5a6e-4c2f-9bad-4e5f60718293';
  const local = await startServer({
    backend: 'sqlite',
    user: 'alice',
    password: 'alice-secret-password',
    root: 'w',
    collections: [
      { id: watched, title: 'Watched' },
      { id: copy, title: 'Copy' },
    ],
  });
  try {
    const root = `${local.url}w/`;
    const env = { ...process.env, TAXIWAY_USER: 'alice', TAXIWAY_PASSWORD: 'alice-secret-password' };
    const bin = fileURLToPath(new URL('../bin.ts', import.meta.url));
    const state = join(dir, 'watch-state.json');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        bin,
        'sync',
        `${root}${watched}`,
        `${root}${copy}`,
        '--watch',
        '1s',
        '--state',
        state,
        '--format',
        'json',
        '--quiet',
      ],
      { env },
    );
    // One listener for the whole run: a stream in flowing mode drops what no listener takes.
    const rounds: { copied: number }[] = [];
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        rounds.push(JSON.parse(buffered.slice(0, nl)) as { copied: number });
        buffered = buffered.slice(nl + 1);
      }
    });
    const roundsSeen = async (n: number) => {
      for (let waited = 0; rounds.length < n; waited += 50) {
        if (waited > 30_000) throw new Error(`only ${rounds.length} rounds`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await roundsSeen(1);
    assert.equal(rounds[0]?.copied, 0, 'an empty source: nothing to copy');
    const objects = sampleObjects(1);
    const pushed = await taxiway(['push', root, '--collection', watched, bundleFile('watch.json', objects), '--quiet'], {
      env: { TAXIWAY_USER: 'alice', TAXIWAY_PASSWORD: 'alice-secret-password' },
    });
    assert.equal(pushed.code, 0, pushed.stderr);
    const before = rounds.length;
    for (let i = 0; i < 5 && !rounds.slice(before).some((r) => r.copied > 0); i++) await roundsSeen(rounds.length + 1);
    assert.ok(
      rounds.some((r) => r.copied === objects.length),
      `a later round copied the new objects: ${JSON.stringify(rounds)}`,
    );
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGINT');
    assert.equal(await exit, 0);
    const saved = JSON.parse(readFileSync(state, 'utf8')) as { pairs: Record<string, { copied: number }> };
    assert.equal(Object.values(saved.pairs)[0]?.copied, objects.length);
  } finally {
    await local.close();
  }
});
