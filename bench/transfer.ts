/**
 * npm run bench: moving intelligence between servers.
 *  - pull: @taxiway/taxii-client iterating GET objects pages of 1,000 from a Taxiway server
 *    (SQLite, 100,000 stored objects; --skip-large: 20,000), objects/s — in TAXII 2.1 (limit /
 *    next) and in TAXII 2.0 (Range items, the server converting each object to STIX 2.0); then
 *    `taxiway pull --out FILE` end to end (CLI process, a bundle file written).
 *  - sync: `taxiway sync` between two local servers (SQLite → SQLite, and into a STIX 2.0-only
 *    collection, converting), objects/s for the whole copy: read, convert, write, statuses.
 * Servers run in this process; the clients (the CLI) in their own, as in real use.
 * Options: --skip-large, --objects N (the pull collection's size).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TaxiiClient } from '../packages/taxii-client/src/index.js';
import { createServer, SqliteStorage, type Storage } from '../packages/taxii-server/src/index.js';
import type { IncomingObject } from '../packages/taxii-server/src/storage/storage.js';
import { indicator } from './ingest-client.js';

const { values } = parseArgs({ options: { 'skip-large': { type: 'boolean' }, objects: { type: 'string' } }, strict: false });
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.bench', `transfer-${process.pid}`);
// The built CLI, as users run it (npm ci builds it).
const bin = join(root, 'packages', 'cli', 'dist', 'bin.js');
const PULL_OBJECTS = values.objects ? Number(values.objects) : values['skip-large'] ? 20_000 : 100_000;
const SYNC_OBJECTS = Math.min(PULL_OBJECTS, values['skip-large'] ? 10_000 : 50_000);
const SOURCE = '5b7d9f3e-1c2a-4e8b-9d6f-0a1b2c3d4e5f';
const MIRROR = '6c8e0a4f-2d3b-4f9c-8e7a-1b2c3d4e5f60';
const FMN = '7d9f1b50-3e4c-4a0d-9f8b-2c3d4e5f6071';
const USER = 'bench';
const PASSWORD = 'bench-password-12345';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function fill(storage: Storage, collection: string, total: number): Promise<void> {
  for (let i = 0; i < total; i += 2000) {
    const batch: IncomingObject[] = [];
    for (let j = i; j < Math.min(total, i + 2000); j++) {
      const o: Record<string, unknown> =
        j % 10 === 0
          ? {
              type: 'malware',
              spec_version: '2.1',
              id: `malware--${randomUUID()}`,
              created: '2024-01-01T00:00:00.000Z',
              modified: '2024-01-01T00:00:00.000Z',
              name: `family ${j}`,
              malware_types: ['trojan'],
              is_family: true,
            }
          : indicator(j);
      batch.push({ id: o.id as string, type: o.type as string, version: o.modified as string, specVersion: '2.1', raw: JSON.stringify(o) });
    }
    await storage.addObjects(collection, batch);
  }
}

async function serve(name: string, collections: readonly { id: string; media_types?: string[] }[]) {
  const storage = new SqliteStorage({ path: join(dir, `${name}.db`) });
  await storage.open();
  const app = await createServer(
    {
      discovery: { title: name, default: 'api1' },
      users: [{ username: USER, password: PASSWORD }],
      api_roots: [
        {
          path: 'api1',
          title: name,
          max_content_length: 10 * 1024 * 1024,
          collections: collections.map((c) => ({
            id: c.id,
            title: c.id,
            read: [USER],
            write: [USER],
            ...(c.media_types ? { media_types: c.media_types } : {}),
          })),
        },
      ],
      limits: { max_page_size: 1000 },
      cursor_secret: 'bench-cursor-secret-0123456789',
    },
    { storage },
  );
  const url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/`;
  return {
    url,
    storage,
    async close() {
      await app.close();
      await storage.close();
    },
  };
}

function cli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, TAXIWAY_USER: USER, TAXIWAY_PASSWORD: PASSWORD },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function pullWithClient(url: string, version: '2.0' | '2.1'): Promise<{ objects: number; seconds: number }> {
  const client = new TaxiiClient({ auth: { type: 'basic', username: USER, password: PASSWORD }, version });
  try {
    const apiRoot = await client.openApiRoot(`${url}api1/`);
    const collection = apiRoot.collection(SOURCE);
    const t0 = performance.now();
    let objects = 0;
    for await (const page of collection.objectPages({ limit: 1000 })) objects += page.objects.length;
    return { objects, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await client.close();
  }
}

mkdirSync(dir, { recursive: true });
console.log('Pull and sync between Taxiway servers (SQLite), loopback, 2-core machine');
const a = await serve('source', [{ id: SOURCE }, { id: MIRROR }]);
const b = await serve('destination', [{ id: MIRROR }, { id: FMN, media_types: ['application/stix+json;version=2.0'] }]);
try {
  await fill(a.storage, SOURCE, PULL_OBJECTS);
  await pullWithClient(a.url, '2.1'); // warm-up: the server compiles its paths, the client its
  for (const version of ['2.1', '2.0'] as const) {
    const r = await pullWithClient(a.url, version);
    const note = version === '2.0' ? 'Range items, each object converted to STIX 2.0 by the server' : 'limit/next';
    console.log(
      `  pull (taxii-client, TAXII ${version}, pages of 1,000, ${note}): ${fmt(r.objects)} objects in ${r.seconds.toFixed(2)} s = ${fmt(r.objects / r.seconds)} objects/s`,
    );
  }
  const out = join(dir, 'pulled.json');
  const t0 = performance.now();
  const pulled = await cli(['pull', `${a.url}api1/`, '--collection', SOURCE, '--limit', '1000', '--out', out, '--quiet']);
  const seconds = (performance.now() - t0) / 1000;
  if (pulled.code !== 0) throw new Error(pulled.stderr);
  console.log(
    `  taxiway pull --out FILE (process start included): ${fmt(PULL_OBJECTS)} objects, ${fmt(statSync(out).size / 1e6)} MB in ${seconds.toFixed(2)} s = ${fmt(PULL_OBJECTS / seconds)} objects/s`,
  );

  await fill(a.storage, MIRROR, SYNC_OBJECTS);
  for (const [label, target] of [
    ['SQLite → SQLite, STIX 2.1 → 2.1', MIRROR],
    ['SQLite → SQLite, STIX 2.1 → a 2.0-only collection (converted)', FMN],
  ] as const) {
    const state = join(dir, `state-${target}.json`);
    const t1 = performance.now();
    const synced = await cli(['sync', `${a.url}api1/${MIRROR}`, `${b.url}api1/${target}`, '--state', state, '--format', 'json', '--quiet']);
    const s = (performance.now() - t1) / 1000;
    if (synced.code !== 0) throw new Error(synced.stderr);
    const round = JSON.parse(synced.stdout) as { copied: number; failure_count: number };
    console.log(
      `  taxiway sync (${label}): ${fmt(round.copied)} objects in ${s.toFixed(2)} s = ${fmt(round.copied / s)} objects/s (process start included; ${round.failure_count} failures)`,
    );
  }
} finally {
  await a.close();
  await b.close();
  rmSync(dir, { recursive: true, force: true });
}
