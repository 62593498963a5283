/**
 * Storage bench: ingest rate and page-read latency of any `Storage` backend.
 *
 *   benchStorage(storage, { objects: 1_000_000, batch: 1000, clients: 4 })
 *
 * Ingest: `clients` concurrent writers each call addObjects with `batch` new objects (5 types,
 * one version each, plus every 10th object a second version of an earlier id) until `objects`
 * are stored. Reads: getObjects limit 100 at the start, the middle and the end of the
 * collection (positioned with `after`, as a client following `next` would be), with the default
 * match[version]=last and with match[type]=indicator; p50/p99 over `reads` calls each.
 *
 * Run directly for SQLite: node --import tsx packages/taxii-server/bench/storage-bench.ts [objects] [batch] [clients]
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IncomingObject, Micros, ObjectQuery, Storage } from '../src/storage/storage.js';

export interface StorageBenchOptions {
  readonly objects: number;
  readonly batch: number;
  readonly clients: number;
  /** Page reads per position and query; default 200. */
  readonly reads?: number;
}

export interface Latency {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface StorageBenchResult {
  readonly objects: number;
  readonly ingestSeconds: number;
  readonly ingestObjectsPerSecond: number;
  /** position → query → latency of one page of 100. */
  readonly pages: Readonly<Record<'start' | 'middle' | 'end', Readonly<Record<'last' | 'type', Latency>>>>;
}

const TYPES = ['indicator', 'malware', 'attack-pattern', 'relationship', 'sighting'];

function makeObject(n: number, reuse: string | undefined): IncomingObject {
  const type = TYPES[n % TYPES.length];
  const id = reuse ?? `${type}--${randomUUID()}`;
  const version = reuse ? '2024-06-01T00:00:00.000Z' : '2024-01-01T00:00:00.000Z';
  const raw = JSON.stringify({
    type,
    spec_version: '2.1',
    id,
    created: '2024-01-01T00:00:00.000Z',
    modified: version,
    name: `object ${n}`,
    description: 'x'.repeat(200),
  });
  return { id, type: reuse ? id.slice(0, id.indexOf('--')) : type, version, specVersion: '2.1', raw };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function latency(storage: Storage, collection: string, query: ObjectQuery, reads: number): Promise<Latency> {
  const times: number[] = [];
  for (let i = 0; i < reads; i++) {
    const t0 = performance.now();
    await storage.getObjects(collection, query);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) };
}

export async function benchStorage(storage: Storage, opts: StorageBenchOptions): Promise<StorageBenchResult> {
  const collection = randomUUID();
  const reads = opts.reads ?? 200;
  let next = 0;
  const recent: string[] = [];
  /** Wall-clock µs taken before the batch that crosses the half / the last batch: cursors into the middle and end. */
  let middle: Micros | undefined;
  let end: Micros | undefined;
  const t0 = performance.now();
  const client = async () => {
    while (next < opts.objects) {
      const start = next;
      const count = Math.min(opts.batch, opts.objects - start);
      next += count;
      if (middle === undefined && start + count >= opts.objects / 2) middle = Date.now() * 1000;
      if (start + count >= opts.objects) end = Date.now() * 1000;
      const batch: IncomingObject[] = [];
      for (let i = start; i < start + count; i++) {
        const reuse = i % 10 === 9 && recent.length > 0 ? recent[(i * 7919) % recent.length] : undefined;
        const o = makeObject(i, reuse);
        if (!reuse && recent.length < 10_000) recent.push(o.id);
        batch.push(o);
      }
      await storage.addObjects(collection, batch);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.clients) }, client));
  const ingestSeconds = (performance.now() - t0) / 1000;

  const positions = { start: undefined, middle, end } as const;
  const pages = {} as Record<'start' | 'middle' | 'end', Record<'last' | 'type', Latency>>;
  for (const [name, after] of Object.entries(positions) as ['start' | 'middle' | 'end', Micros | undefined][]) {
    pages[name] = {
      last: await latency(storage, collection, { limit: 100, after }, reads),
      type: await latency(storage, collection, { limit: 100, after, types: ['indicator'] }, reads),
    };
  }
  return { objects: opts.objects, ingestSeconds, ingestObjectsPerSecond: opts.objects / ingestSeconds, pages };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [objects = 100_000, batch = 1000, clients = 4] = process.argv.slice(2).map(Number);
  const { SqliteStorage } = await import('../src/storage/sqlite/sqlite-storage.js');
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-bench-'));
  const storage = new SqliteStorage({ path: join(dir, 'bench.db') });
  try {
    await storage.open();
    const result = await benchStorage(storage, { objects, batch, clients });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  }
}
