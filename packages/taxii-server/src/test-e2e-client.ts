/**
 * Helpers of the end-to-end tests (not built): servers over real HTTP (in this process or in a
 * child process) and a small TAXII client on fetch.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config.js';
import { TAXII_MEDIA_TYPE } from './media-type.js';
import { createServer } from './server.js';
import type { Storage } from './storage/storage.js';
import { C_SHARED, ROOT, testConfig, tokenOf } from './test-fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The test configuration with room for big envelopes and pages of 1000. */
export const E2E_OVERRIDES: Partial<ServerConfig> = {
  api_roots: [
    {
      path: 'api1',
      title: 'API root one',
      max_content_length: 50_000_000,
      collections: [{ id: C_SHARED, alias: 'shared', title: 'Shared', read: ['alice', 'bob'], write: ['alice', 'carol'] }],
    },
  ],
  limits: { max_page_size: 1000 },
};

export const OBJECTS_PATH = `${ROOT}/collections/shared/objects/`;
export const MANIFEST_PATH = `${ROOT}/collections/shared/manifest/`;

/** A valid STIX 2.1 indicator whose id encodes `tag` and `n` (unique per pair). */
export function e2eIndicator(tag: number, n: number): Record<string, unknown> {
  const hex = (tag * 1_000_000 + n).toString(16).padStart(12, '0');
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-${hex}`,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name: `indicator ${tag}/${n}`,
    pattern: `[ipv4-addr:value = '10.${tag % 256}.${(n >> 8) % 256}.${n % 256}']`,
    pattern_type: 'stix',
    valid_from: '2024-01-01T00:00:00Z',
  };
}

export interface StatusBody {
  id: string;
  status: 'pending' | 'complete';
  total_count: number;
  success_count: number;
  failure_count: number;
  pending_count: number;
}

/** A TAXII client of one base URL, authenticated as alice. */
export class Client {
  constructor(readonly base: string) {}

  async get(path: string): Promise<Response> {
    return fetch(`${this.base}${path}`, { headers: { accept: TAXII_MEDIA_TYPE, authorization: `Bearer ${tokenOf('alice')}` } });
  }

  async getJson<T>(path: string): Promise<T> {
    const r = await this.get(path);
    const text = await r.text();
    assert.equal(r.status, 200, `GET ${path}: ${text}`);
    return JSON.parse(text) as T;
  }

  async post(objects: readonly unknown[], path = OBJECTS_PATH): Promise<StatusBody> {
    const r = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { accept: TAXII_MEDIA_TYPE, 'content-type': TAXII_MEDIA_TYPE, authorization: `Bearer ${tokenOf('alice')}` },
      body: JSON.stringify({ objects }),
    });
    const text = await r.text();
    assert.equal(r.status, 202, text);
    return JSON.parse(text) as StatusBody;
  }

  status(id: string): Promise<StatusBody> {
    return this.getJson<StatusBody>(`${ROOT}/status/${id}/`);
  }

  /** Polls the status until it is complete (bounded by `tries`, not by a clock). */
  async waitComplete(id: string, tries = 2000): Promise<StatusBody> {
    for (let i = 0; ; i++) {
      const s = await this.status(id);
      if (s.status === 'complete' || i >= tries) return s;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

export interface ManifestRecord {
  id: string;
  date_added: string;
  version: string;
}

interface Envelope<T> {
  more: boolean;
  next?: string;
  objects?: T[];
}

const withNext = (path: string, next: string | undefined) => {
  if (next === undefined) return path;
  return `${path}${path.includes('?') ? '&' : '?'}next=${encodeURIComponent(next)}`;
};

/** One page of GET objects: its objects and the X-TAXII-Date-Added-First/Last headers. */
export async function objectsPage(
  client: Client,
  path: string,
  next?: string,
): Promise<Envelope<Record<string, unknown>> & { first?: string; last?: string }> {
  const r = await client.get(withNext(path, next));
  const text = await r.text();
  assert.equal(r.status, 200, text);
  const body = JSON.parse(text) as Envelope<Record<string, unknown>>;
  const first = r.headers.get('x-taxii-date-added-first') ?? undefined;
  const last = r.headers.get('x-taxii-date-added-last') ?? undefined;
  return { ...body, ...(first !== undefined ? { first } : {}), ...(last !== undefined ? { last } : {}) };
}

/**
 * Every object of GET objects, paging with `limit` and following `next`; checks that pages come in
 * strictly increasing date_added (headers) order. Returns the objects in order.
 */
export async function allObjects(client: Client, limit: number): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let next: string | undefined;
  let previousLast = '';
  for (;;) {
    const page = await objectsPage(client, `${OBJECTS_PATH}?limit=${limit}`, next);
    const objects = page.objects ?? [];
    assert.ok(objects.length <= limit);
    if (objects.length > 0) {
      assert.ok(page.first !== undefined && page.last !== undefined, 'date headers on a non-empty page');
      assert.ok(page.first > previousLast, `date_added went backwards between pages: ${page.first} after ${previousLast}`);
      assert.ok(objects.length === 1 ? page.first === page.last : page.first < page.last, 'first < last within a page');
      previousLast = page.last;
    }
    out.push(...objects);
    if (!page.more) return out;
    assert.ok(page.next, 'more without next');
    next = page.next;
  }
}

/** Every manifest record, paging with `limit` and `next`; checks date_added strictly increasing. */
export async function allManifest(client: Client, limit: number): Promise<ManifestRecord[]> {
  const out: ManifestRecord[] = [];
  let next: string | undefined;
  for (;;) {
    const page = await client.getJson<Envelope<ManifestRecord>>(withNext(`${MANIFEST_PATH}?limit=${limit}`, next));
    out.push(...(page.objects ?? []));
    if (!page.more) break;
    assert.ok(page.next, 'more without next');
    next = page.next;
  }
  assertIncreasing(out.map((r) => r.date_added));
  return out;
}

/** The wire timestamps are fixed-width (µs), so string order is time order. */
export function assertIncreasing(dates: readonly string[]): void {
  for (let i = 1; i < dates.length; i++)
    assert.ok(dates[i] > dates[i - 1], `date_added not strictly increasing at ${i}: ${dates[i - 1]} then ${dates[i]}`);
}

export function assertEachOnce(ids: readonly string[], expected: readonly string[]): void {
  const seen = new Set(ids);
  assert.equal(seen.size, ids.length, `${ids.length - seen.size} objects served more than once`);
  const missing = expected.filter((id) => !seen.has(id));
  assert.deepEqual(missing.slice(0, 5), [], `${missing.length} objects never served`);
  assert.equal(ids.length, expected.length);
}

/** A server of this process on 127.0.0.1, port 0, over `storage` (which the caller closes). */
export async function listen(storage: Storage): Promise<{ app: FastifyInstance; client: Client }> {
  // Server errors go to stderr: a 500 in these tests is then explained in the test output.
  const app = await createServer(await testConfig(E2E_OVERRIDES), { storage, logger: { level: 'error', stream: process.stderr } });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, client: new Client(address) };
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly client: Client;
  /** Resolves when the process has exited (with its signal, if any). */
  readonly exited: Promise<NodeJS.Signals | number | null>;
  stderr(): string;
}

/** Spawns test-e2e-server.ts; resolves once it listens. */
export function spawnServer(args: readonly string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'test-e2e-server.ts'), ...args], {
    cwd: here,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => {
    err += d;
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      const m = /listening (\S+)\n/.exec(out);
      if (m) {
        child.stdout.off('data', onData);
        resolve({ child, client: new Client(m[1]), exited, stderr: () => err });
      }
    };
    child.stdout.on('data', onData);
    child.on('error', reject);
    void exited.then((how) => reject(new Error(`server process ended (${how}) before listening: ${err}`)));
  });
}

/** SIGTERM, then waits for the exit. */
export async function stop(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
  await server.exited;
}
