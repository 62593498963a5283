/**
 * Test helpers for the TAXII commands: Taxiway servers started in this process on random ports
 * (SQLite in memory, or PostgreSQL in a fresh schema dropped afterwards), and the CLI run as a
 * child process without blocking this process's event loop (the servers answer it).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoId } from '@taxiway/stix';
import { createServer, PostgresStorage, type ServerConfig, SqliteStorage, type Storage } from '@taxiway/taxii-server';
import pg from 'pg';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin.ts');
export const PG_URL = process.env.TAXIWAY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `taxiway ARGS…` in a child process; env adds to (or, with undefined, removes from) ours. */
export function taxiway(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; input?: string; cwd?: string } = {},
): Promise<CliResult> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    TAXIWAY_USER: undefined,
    TAXIWAY_PASSWORD: undefined,
    TAXIWAY_TOKEN: undefined,
  };
  Object.assign(env, options.env ?? {});
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', bin, ...args], { env: env as NodeJS.ProcessEnv, cwd: options.cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export interface CollectionSpec {
  readonly id: string;
  readonly title: string;
  readonly media_types?: readonly string[];
  readonly read?: readonly string[];
  readonly write?: readonly string[];
}

export interface TestServer {
  readonly url: string;
  readonly user: string;
  readonly password: string;
  readonly storage: Storage;
  close(): Promise<void>;
}

export async function startServer(options: {
  readonly backend: 'sqlite' | 'postgres';
  readonly user: string;
  readonly password: string;
  readonly root: string;
  readonly collections: readonly CollectionSpec[];
  readonly maxContentLength?: number;
}): Promise<TestServer> {
  const schema = `taxiway_cli_${randomUUID().replaceAll('-', '')}`;
  const storage: Storage =
    options.backend === 'postgres' ? new PostgresStorage({ url: PG_URL, schema }) : new SqliteStorage({ path: ':memory:' });
  await storage.open();
  const config: ServerConfig = {
    discovery: { title: `test ${options.backend}`, default: options.root },
    users: [{ username: options.user, password: options.password }],
    api_roots: [
      {
        path: options.root,
        title: `root ${options.root}`,
        max_content_length: options.maxContentLength ?? 10 * 1024 * 1024,
        collections: options.collections.map((c) => ({
          id: c.id,
          title: c.title,
          read: c.read ?? [options.user],
          write: c.write ?? [options.user],
          ...(c.media_types ? { media_types: c.media_types } : {}),
        })),
      },
    ],
    cursor_secret: 'test-cursor-secret-0123456789',
  };
  const app = await createServer(config, { storage });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: `${address}/`,
    user: options.user,
    password: options.password,
    storage,
    async close() {
      await app.close();
      await storage.close();
      if (options.backend === 'postgres') {
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    },
  };
}

/** A small 2.1 bundle: an indicator, a malware, a relationship between them, an SCO, observed-data. */
export function sampleObjects(n = 1): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString();
    const indicator = `indicator--${randomUUID()}`;
    const malware = `malware--${randomUUID()}`;
    // SCO ids as 2.1 makes them (UUIDv5 of the value): they survive a trip through 2.0.
    const ip = scoId('ipv4-addr', { value: `10.0.${i >> 8}.${i & 255}` });
    out.push(
      {
        type: 'indicator',
        spec_version: '2.1',
        id: indicator,
        created: t,
        modified: t,
        name: `C2 ${i}`,
        indicator_types: ['malicious-activity'],
        pattern: `[ipv4-addr:value = '10.0.${i >> 8}.${i & 255}']`,
        pattern_type: 'stix',
        valid_from: t,
      },
      {
        type: 'malware',
        spec_version: '2.1',
        id: malware,
        created: t,
        modified: t,
        name: `Family ${i}`,
        malware_types: ['trojan'],
        is_family: true,
      },
      {
        type: 'relationship',
        spec_version: '2.1',
        id: `relationship--${randomUUID()}`,
        created: t,
        modified: t,
        relationship_type: 'indicates',
        source_ref: indicator,
        target_ref: malware,
      },
      { type: 'ipv4-addr', spec_version: '2.1', id: ip, value: `10.0.${i >> 8}.${i & 255}` },
      {
        type: 'observed-data',
        spec_version: '2.1',
        id: `observed-data--${randomUUID()}`,
        created: t,
        modified: t,
        first_observed: t,
        last_observed: t,
        number_observed: 1,
        object_refs: [ip],
      },
    );
  }
  return out;
}
