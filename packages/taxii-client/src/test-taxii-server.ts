/**
 * Our own TAXII 2.1 server for the client tests (not built), listening on 127.0.0.1 at a free
 * port. Storage: SQLite ':memory:' by default; TAXIWAY_TEST_STORAGE=postgres runs it over
 * PostgreSQL (TAXIWAY_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test) in a fresh
 * database made for the server and dropped when it closes. Only the server's public API is used.
 */
import { randomBytes } from 'node:crypto';
import { createServer, hashPassword, openStorage, type ServerConfig, type Storage } from '@taxiway/taxii-server';
import pg from 'pg';

export const C_SHARED = '11111111-1111-4111-8111-111111111111';
export const C_PUBLIC = '22222222-2222-4222-8222-222222222222';
export const C_WORK = '33333333-3333-4333-8333-333333333333';
export const C_SMALL = '44444444-4444-4444-8444-444444444444';
export const C_BULK = '55555555-5555-4555-8555-555555555555';

/** alice reads and writes everything; bob only reads `shared`; carol only writes it. */
export const PASSWORD = 'correct horse battery staple';
export const tokenOf = (user: string) => `${user}-token-0123456789abcdef`;
export const SMALL_MAX_CONTENT_LENGTH = 2000;

let hashed: Promise<string> | undefined;

export async function clientTestConfig(overrides: Partial<ServerConfig> = {}): Promise<ServerConfig> {
  hashed ??= hashPassword(PASSWORD, { N: 1024 });
  const password_hash = await hashed;
  const users = ['alice', 'bob', 'carol'];
  return {
    discovery: { title: 'Client test server', default: 'api1' },
    users: users.map((username) => ({ username, password_hash })),
    tokens: users.map((username) => ({ token: tokenOf(username), username })),
    api_roots: [
      {
        path: 'api1',
        title: 'API root one',
        max_content_length: 200_000,
        collections: [
          { id: C_SHARED, alias: 'shared', title: 'Shared', read: ['alice', 'bob'], write: ['alice', 'carol'] },
          { id: C_PUBLIC, title: 'Public', read: ['*'], write: ['alice'] },
          { id: C_WORK, alias: 'work', title: 'Work', read: ['alice'], write: ['alice'] },
        ],
      },
      {
        path: 'small',
        title: 'Small bodies',
        max_content_length: SMALL_MAX_CONTENT_LENGTH,
        collections: [{ id: C_SMALL, title: 'Small', read: ['alice'], write: ['alice'] }],
      },
      {
        path: 'feeds/bulk',
        title: 'Bulk',
        max_content_length: 10_000_000,
        collections: [{ id: C_BULK, title: 'Bulk', read: ['alice'], write: ['alice'] }],
      },
    ],
    limits: { max_page_size: 50 },
    cursor_secret: 'a test secret of enough length',
    ...overrides,
  };
}

export const TEST_PG_URL = process.env.TAXIWAY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const usePostgres = () => process.env.TAXIWAY_TEST_STORAGE === 'postgres';

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function postgresReachable(): Promise<boolean> {
  try {
    await admin(async () => undefined);
    return true;
  } catch {
    return false;
  }
}

/** The server's storage config names no schema: a database of its own keeps each test apart. */
async function scratchDatabase(): Promise<{ readonly url: string; drop(): Promise<void> }> {
  const name = `taxiway_client_${process.pid}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>/` */
  readonly baseUrl: string;
  readonly storage: Storage;
  close(): Promise<void>;
}

export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const database = usePostgres() ? await scratchDatabase() : undefined;
  const storage = await openStorage(database ? { driver: 'postgres', url: database.url } : { driver: 'sqlite', path: ':memory:' });
  await storage.open();
  const app = await createServer(await clientTestConfig(overrides), { storage, logger: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    baseUrl: `${address}/`,
    storage,
    close: async () => {
      await app.close();
      await storage.close();
      await database?.drop();
    },
  };
}

let counter = 0;

/** A valid STIX 2.1 indicator; `n` fixes its id, `modified` its version. */
export function indicator(n = ++counter, modified = '2024-01-01T00:00:00.000Z'): { type: string; id: string; [k: string]: unknown } {
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

/** A STIX 2.0 malware (no spec_version, labels). */
export function malware20(n: number): { type: string; id: string; [k: string]: unknown } {
  return {
    type: 'malware',
    id: `malware--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name: `malware ${n}`,
    labels: ['trojan'],
  };
}
