/**
 * Shared fixtures of the server tests (not built). Set TAXIWAY_TEST_STORAGE=sqlite to run them over
 * SqliteStorage (':memory:'), =sqlite-file over ThreadedSqliteStorage (the server's store: a file
 * in a fresh directory, removed when it is closed), or =postgres over PostgresStorage
 * (TAXIWAY_TEST_PG_URL; each storage gets a fresh schema, dropped when it is closed).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { ServerConfig } from './config.js';
import { TAXII_MEDIA_TYPE } from './media-type.js';
import { hashPassword } from './password.js';
import { createServer } from './server.js';
import { PostgresStorage } from './storage/postgres/postgres-storage.js';
import { SqliteStorage } from './storage/sqlite/sqlite-storage.js';
import { ThreadedSqliteStorage } from './storage/sqlite/threaded-sqlite-storage.js';
import type { Storage } from './storage/storage.js';
import { MemoryStorage } from './test-memory-storage.js';

export const C_SHARED = '11111111-1111-4111-8111-111111111111';
export const C_PUBLIC = '22222222-2222-4222-8222-222222222222';
export const C_SECRET = '33333333-3333-4333-8333-333333333333';
export const ROOT = '/api1';

/** alice reads and writes `shared`; bob only reads it; carol only writes it; dave has neither. */
export const USERS = ['alice', 'bob', 'carol', 'dave'] as const;
export type User = (typeof USERS)[number];
export const tokenOf = (user: User) => `${user}-token-0123456789abcdef`;
export const PASSWORD = 'correct horse battery staple';

let passwordHash: Promise<string> | undefined;

export async function testConfig(overrides: Partial<ServerConfig> = {}): Promise<ServerConfig> {
  passwordHash ??= hashPassword(PASSWORD, { N: 1024 });
  const hash = await passwordHash;
  return {
    discovery: { title: 'Test server', description: 'for tests', contact: 'ops@example.com', default: 'api1' },
    users: USERS.map((username) => ({ username, password_hash: hash })),
    tokens: USERS.map((username) => ({ token: tokenOf(username), username })),
    api_roots: [
      {
        path: 'api1',
        title: 'API root one',
        max_content_length: 200_000,
        collections: [
          { id: C_SHARED, alias: 'shared', title: 'Shared', read: ['alice', 'bob'], write: ['alice', 'carol'] },
          { id: C_PUBLIC, title: 'Public', read: ['*'], write: ['alice'] },
          { id: C_SECRET, title: 'Secret', read: ['alice'], write: ['alice'] },
        ],
      },
      { path: 'feeds/two', title: 'API root two', max_content_length: 1000, collections: [] },
    ],
    limits: { max_page_size: 50 },
    cursor_secret: 'a test secret of enough length',
    ...overrides,
  };
}

export const TEST_PG_URL = process.env.TAXIWAY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema no other test (or run) uses. */
export const freshSchema = (tag = 'e2e') => `taxiway_${tag}_${process.pid}_${randomBytes(6).toString('hex')}`;

export async function dropSchema(schema: string, url = TEST_PG_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Whether PostgreSQL answers at `url` (tests over it skip when it does not). */
export async function postgresReachable(url = TEST_PG_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A PostgresStorage on a fresh schema that close() drops. */
export class ScratchPostgresStorage extends PostgresStorage {
  readonly schema: string;
  constructor(schema = freshSchema()) {
    super({ url: TEST_PG_URL, schema, pool: { max: 4 } });
    this.schema = schema;
  }
  override async close(): Promise<void> {
    await super.close();
    await dropSchema(this.schema);
  }
}

/** A ThreadedSqliteStorage on a file in a fresh directory that close() removes. */
export class ScratchSqliteStorage extends ThreadedSqliteStorage {
  readonly dir: string;
  constructor(dir = mkdtempSync(join(tmpdir(), 'taxiway-e2e-'))) {
    super({ path: join(dir, 'taxii.db') });
    this.dir = dir;
  }
  override async close(): Promise<void> {
    await super.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function testStorage(): Storage & { open(): Promise<void> } {
  const kind = process.env.TAXIWAY_TEST_STORAGE;
  if (kind === 'postgres') return new ScratchPostgresStorage();
  if (kind === 'sqlite-file') return new ScratchSqliteStorage();
  return kind === 'sqlite' ? new SqliteStorage({ path: ':memory:' }) : new MemoryStorage();
}

export interface TestServer {
  readonly app: FastifyInstance;
  readonly storage: Storage;
  request(
    method: InjectOptions['method'],
    url: string,
    options?: { user?: User | null; headers?: Record<string, string>; body?: unknown },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function testServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const storage = testStorage();
  await storage.open();
  const app = await createServer(await testConfig(overrides), { storage, logger: false });
  return {
    app,
    storage,
    request: (method, url, options = {}) => {
      const user = options.user === undefined ? 'alice' : options.user;
      const headers: Record<string, string> = { accept: TAXII_MEDIA_TYPE };
      if (user) headers.authorization = `Bearer ${tokenOf(user)}`;
      if (options.body !== undefined) headers['content-type'] = TAXII_MEDIA_TYPE;
      Object.assign(headers, options.headers);
      for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
      const payload =
        options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      return app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
    },
    close: async () => {
      await app.close();
      await storage.close();
    },
  };
}

let counter = 0;

/** A valid STIX 2.1 indicator; `n` fixes its id, `modified` its version. */
export function indicator(n = ++counter, modified = '2024-01-01T00:00:00.000Z'): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: '2024-01-01T00:00:00.000Z',
    modified,
    name: `indicator ${n}`,
    pattern: "[ipv4-addr:value = '10.0.0.1']",
    pattern_type: 'stix',
    valid_from: '2024-01-01T00:00:00Z',
  };
}

/** The same indicator as STIX 2.0 (no spec_version, labels). */
export function indicator20(n: number, modified = '2024-01-01T00:00:00.000Z'): Record<string, unknown> {
  const { spec_version: _s, name: _n, pattern_type: _p, ...rest } = indicator(n, modified);
  return { ...rest, labels: ['malicious-activity'] };
}

export const json = (r: LightMyRequestResponse) => JSON.parse(r.body) as Record<string, unknown> & { objects?: Record<string, unknown>[] };
