/**
 * npm run bench: the TAXII 2.1 server on SQLite and on PostgreSQL.
 *  - Ingest over HTTP: POST envelopes of 100 and 1,000 valid STIX 2.1 indicators, with 1 and 4
 *    concurrent clients, objects/s until every status is complete (validation included); the
 *    clients run in another process (bench/ingest-client.ts), as real clients do. First the
 *    machine's floor: the same client against a bare Fastify route (no validation or storage),
 *    and the one-client 100-object case as a ratio of it. Then the same cases with
 *    `Prefer: respond-async`: answered pending once validated, the client polls its statuses at
 *    the end, and the figure still counts until every status is complete.
 *  - Read with autocannon in its own process (10 connections, 5 s each): GET objects/?limit=100
 *    with the default filters, with match[type], and with added_after in the middle of the
 *    collection — requests/s, p50 and p99 — at 100,000 and at 1,000,000 stored objects (--skip-large: 100,000 only), to show
 *    that the cost of a page does not grow with the collection; then the same page while one
 *    client POSTs 1,000-object bodies (SQLite's writes are on the writer thread, as served).
 * Options: --backend sqlite|postgres|both (default both), --skip-large, --ingest-only;
 * --medallion URL (with --medallion-auth user:password, default admin:Password0 as in medallion's
 * example config): the objects/?limit=100 URL of a running OASIS reference server (medallion),
 * measured after ours (one connection: see compareWithMedallion), and our figures as multiples.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import Fastify from 'fastify';
import pg from 'pg';
import { createServer } from '../packages/taxii-server/src/index.js';
import { PostgresStorage } from '../packages/taxii-server/src/storage/postgres/postgres-storage.js';
import { ThreadedSqliteStorage } from '../packages/taxii-server/src/storage/sqlite/threaded-sqlite-storage.js';
import type { IncomingObject, Storage } from '../packages/taxii-server/src/storage/storage.js';
import { type IngestJob, indicator } from './ingest-client.js';

const run = promisify(execFile);

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'both' },
    'skip-large': { type: 'boolean', default: false },
    'ingest-only': { type: 'boolean', default: false },
    corpus: { type: 'string' },
    objects: { type: 'string' },
    version: { type: 'string' },
    runs: { type: 'string' },
    medallion: { type: 'string' },
    'medallion-auth': { type: 'string' },
  },
});
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PG_URL = process.env.TAXIWAY_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const COLLECTION = '5b7d9f3e-1c2a-4e8b-9d6f-0a1b2c3d4e5f';
/** The ingest runs POST here, so that the read collection holds exactly 100,000 then 1,000,000. */
const INGEST_COLLECTION = '0c6f3a8e-7d41-4b2a-9e5f-6a7b8c9d0e1f';
const AUTH = `Basic ${Buffer.from('bench:bench-password').toString('base64')}`;
const TAXII = 'application/taxii+json;version=2.1';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const INGEST_RUNS = 3;

const stored = (o: Record<string, unknown>): IncomingObject => ({
  id: o.id as string,
  type: o.type as string,
  version: o.modified as string,
  specVersion: '2.1',
  raw: JSON.stringify(o),
});

/** Fills the collection to `total` objects straight through the storage (90 % indicators, 10 % malware). */
async function fill(storage: Storage, from: number, total: number): Promise<void> {
  for (let i = from; i < total; i += 2000) {
    const batch: IncomingObject[] = [];
    for (let j = i; j < Math.min(total, i + 2000); j++) {
      const o = indicator(j);
      if (j % 10 === 0) Object.assign(o, { type: 'malware', id: `malware--${randomUUID()}` });
      batch.push(stored(o));
    }
    await storage.addObjects(COLLECTION, batch);
  }
}

async function serve(storage: Storage): Promise<{ base: string; ingestBase: string; close: () => Promise<void> }> {
  const app = await createServer(
    {
      discovery: { title: 'bench', default: 'bench' },
      users: [{ username: 'bench', password: 'bench-password' }],
      api_roots: [
        {
          path: 'bench',
          title: 'bench',
          max_content_length: 100 * 1024 * 1024,
          collections: [
            { id: COLLECTION, title: 'bench', read: ['bench'], write: ['bench'] },
            { id: INGEST_COLLECTION, title: 'bench ingest', read: ['bench'], write: ['bench'] },
          ],
        },
      ],
      limits: { max_page_size: 1000 },
      cursor_secret: 'bench-cursor-secret-0123456789',
    },
    { storage },
  );
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    base: `${address}/bench/collections/${COLLECTION}`,
    ingestBase: `${address}/bench/collections/${INGEST_COLLECTION}`,
    close: () => app.close(),
  };
}

/** The middle value; sorts `values` in place (the range is printed from its ends). */
function median(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] as number;
}

/** POSTs from a separate process (bench/ingest-client.ts): objects/s until every status is complete. */
async function ingest(base: string, perRequest: number, clients: number, total: number, offset: number, async = false): Promise<number> {
  const job: IngestJob = { base, auth: AUTH, perRequest, clients, requests: Math.ceil(total / perRequest / clients), offset, async };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(root, 'bench', 'ingest-client.ts'), JSON.stringify(job)], {
    maxBuffer: 1 << 20,
  });
  const result = JSON.parse(stdout) as { objects: number; ms: number };
  return result.objects / (result.ms / 1000);
}

/**
 * autocannon (10 connections, 5 s) from its own process, as the ingest clients: in this one it
 * would parse every response on the server's event loop, and the figures would be its and ours.
 */
async function read(
  url: string,
  seconds = 5,
  connections = 10,
  auth = AUTH,
): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const cli = createRequire(import.meta.url).resolve('autocannon');
  const args = [cli, '-c', String(connections), '-d', String(seconds), '-j', '-H', `accept: ${TAXII}`, '-H', `authorization: ${auth}`, url];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 24 });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors };
}

async function middleDate(base: string, total: number): Promise<string> {
  // The date_added of the object in the middle: page with limit 1000 until half way (cheap: by cursor).
  let url = `${base}/manifest/?limit=1000`;
  let seen = 0;
  for (;;) {
    const r = await fetch(url, { headers: { accept: TAXII, authorization: AUTH } });
    const m = (await r.json()) as { objects?: Array<{ date_added: string }>; next?: string };
    const page = m.objects ?? [];
    seen += page.length;
    if (seen >= total / 2 || m.next === undefined) return page[page.length - 1].date_added;
    url = `${base}/manifest/?limit=1000&next=${encodeURIComponent(m.next)}`;
  }
}

async function benchBackend(
  name: string,
  make: () => Promise<{ storage: Storage; cleanup: () => Promise<void> }>,
  options: { readonly ingestOnly?: boolean } = {},
): Promise<void> {
  const { storage, cleanup } = await make();
  await storage.open();
  const { base, ingestBase, close } = await serve(storage);
  try {
    console.log(`\n${name}:`);
    // Warm-up: the first requests load the HTTP client and compile the server's paths.
    await ingest(ingestBase, 100, 1, 5000, 0);
    await ingest(ingestBase, 100, 1, 5000, 5000, true);
    let count = 10_000;
    let filled = 0;
    for (const [perRequest, clients, async] of [
      [100, 1, false],
      [100, 4, false],
      [1000, 1, false],
      [1000, 4, false],
      [100, 1, true],
      [100, 4, true],
      [1000, 1, true],
      [1000, 4, true],
    ] as const) {
      // Three runs of 30,000 objects, the median reported: a run lasts one to three seconds, and a
      // 2-core machine shared with the client process and the database varies by ±30 % between runs.
      const total = 30_000;
      const rates: number[] = [];
      for (let run = 0; run < INGEST_RUNS; run++) {
        rates.push(await ingest(ingestBase, perRequest, clients, total, count, async));
        count += total;
      }
      const rate = median(rates);
      const target = name.startsWith('SQLite') ? 20_000 : 10_000;
      console.log(
        `  ingest: POST ${String(perRequest).padStart(5)} objects × ${clients} client(s)${async ? ', Prefer: respond-async' : ''}: ${fmt(rate).padStart(7)} objects/s (median of ${INGEST_RUNS}; ${fmt(rates[0] as number)}–${fmt(rates[rates.length - 1] as number)}; validated, stored, status complete)${perRequest === 100 && clients === 1 ? `; ${(rate / floor).toFixed(2)} × the floor` : ''}  target > ${fmt(target)}/s: ${rate > target ? 'PASS' : 'below'}`,
      );
    }
    const sizes = options.ingestOnly || values['ingest-only'] ? [] : values['skip-large'] ? [100_000] : [100_000, 1_000_000];
    for (const size of sizes) {
      await fill(storage, filled, size);
      filled = size;
      const middle = await middleDate(base, size);
      // Warm-up, not reported: the first second compiles the read path.
      await read(`${base}/objects/?limit=100`, 1);
      for (const [label, query] of [
        ['limit=100', 'limit=100'],
        ['limit=100&match[type]=malware', 'limit=100&match%5Btype%5D=malware'],
        ['limit=100&added_after=<middle>', `limit=100&added_after=${encodeURIComponent(middle)}`],
      ] as const) {
        const r = await read(`${base}/objects/?${query}`);
        if (label === 'limit=100') ourReads.set(`${name} at ${fmt(size)} objects`, r.rps);
        const p99Target = name.startsWith('SQLite') && size === 1_000_000 ? `  p99 target < 20 ms: ${r.p99 < 20 ? 'PASS' : 'FAIL'}` : '';
        console.log(
          `  read at ${fmt(size).padStart(9)} objects: GET objects/?${label.padEnd(34)} ${fmt(r.rps).padStart(6)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(3)} ms${r.errors ? `  (${r.errors} errors)` : ''}${p99Target}`,
        );
      }
    }
    if (sizes.length > 0) {
      // Reads while a feed posts: one client POSTing 1,000-object bodies into the other collection
      // all through the read measurement (started first; it runs longer than autocannon's 5 s).
      const size = sizes[sizes.length - 1] as number;
      const posting = ingest(ingestBase, 1000, 1, 150_000, count);
      count += 150_000;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const r = await read(`${base}/objects/?limit=100`);
      const rate = await posting;
      console.log(
        `  read at ${fmt(size).padStart(9)} objects while 1 client POSTs 1,000-object bodies: ${fmt(r.rps).padStart(6)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(3)} ms${r.errors ? `  (${r.errors} errors)` : ''}  (ingest meanwhile ${fmt(rate)} objects/s)`,
      );
    }
  } finally {
    await close();
    await storage.close();
    await cleanup();
  }
}

/**
 * The machine's floor for the ingest cases: the same client and bodies against a bare Fastify
 * route that only parses the envelope and answers a status-sized 202 — no authentication,
 * validation or storage. What a POST costs here before Taxiway does anything; it moves with the
 * machine's hour as much as the figures below.
 */
async function ingestFloor(): Promise<number> {
  const app = Fastify();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.post('/floor/objects/', async (request, reply) => {
    const objects = (request.body as { objects: { id: string; modified: string }[] }).objects;
    const successes = objects.map((o) => ({ id: o.id, version: o.modified }));
    return reply
      .code(202)
      .send({ id: randomUUID(), status: 'complete', total_count: objects.length, success_count: objects.length, successes });
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const rates: number[] = [];
    for (let run = 0; run < INGEST_RUNS; run++) rates.push(await ingest(`${address}/floor`, 100, 1, 10_000, 0));
    const floor = median(rates);
    console.log(
      `\nFloor (bare Fastify: parse the envelope, answer 202; no auth, validation or storage), POST 100 objects × 1 client: ${fmt(floor)} objects/s (median of ${INGEST_RUNS})`,
    );
    return floor;
  } finally {
    await app.close();
  }
}

/** GET objects/?limit=100 with the default filters, requests/s, per backend and size: for the medallion ratio. */
const ourReads = new Map<string, number>();

/**
 * The OASIS reference server, when one runs (--medallion): the same page with one connection for
 * 10 s — it serves one request at a time (Python, one process), and ten connections only queue
 * work it goes on doing after autocannon has left — then our figures as multiples of it.
 */
async function compareWithMedallion(url: string, credentials: string): Promise<void> {
  const auth = `Basic ${Buffer.from(credentials).toString('base64')}`;
  await read(url, 1, 1, auth);
  const r = await read(url, 10, 1, auth);
  console.log(
    `\nmedallion (${url}): ${r.rps.toFixed(1)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${r.errors ? `  (${r.errors} errors)` : ''}`,
  );
  for (const [label, rps] of ourReads)
    console.log(
      `  ${label}: ${fmt(rps)} req/s = ${r.rps > 0 ? fmt(rps / r.rps) : '∞'} × medallion  target ≥ 20 ×: ${rps >= 20 * r.rps ? 'PASS' : 'below'}`,
    );
}

const backends = values.backend === 'both' ? ['sqlite', 'postgres'] : [values.backend];
console.log('TAXII 2.1 server (Fastify), loopback, Basic auth, 2-core machine');
const floor = await ingestFloor();
if (backends.includes('sqlite')) {
  const dir = join(root, '.bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `taxii-${process.pid}.db`);
  await benchBackend('SQLite (synchronous=NORMAL, the default)', async () => ({
    storage: new ThreadedSqliteStorage({ path }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  }));
  // synchronous=FULL: one fsync per commit; ingest only (reads do not sync).
  await benchBackend(
    'SQLite (synchronous=FULL)',
    async () => {
      mkdirSync(dir, { recursive: true });
      return {
        storage: new ThreadedSqliteStorage({ path, synchronous: 'FULL' }),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
    { ingestOnly: true },
  );
}
if (backends.includes('postgres')) {
  const schema = `taxiway_bench_${process.pid}`;
  await benchBackend('PostgreSQL', async () => ({
    storage: new PostgresStorage({ url: PG_URL, schema }),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  }));
}
if (values.medallion !== undefined) await compareWithMedallion(values.medallion, values['medallion-auth'] ?? 'admin:Password0');
