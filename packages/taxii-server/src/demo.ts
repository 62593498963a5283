/**
 * `taxiway serve --demo`: a server that runs with nothing configured — SQLite in
 * ./taxiway-demo.db, API root `demo`, a user `demo` whose password is generated at each start and
 * shown once.
 */
import { randomBytes } from 'node:crypto';
import type { ServerConfig } from './config.js';
import { hashPassword } from './password.js';

export interface DemoOptions {
  /** Default ./taxiway-demo.db. */
  readonly databasePath?: string;
  readonly host?: string;
  readonly port?: number;
}

export interface Demo {
  readonly config: ServerConfig;
  readonly username: string;
  /** Generated now; only its hash is in the config. */
  readonly password: string;
  /** What to tell the user once the server listens at `baseUrl` (e.g. http://127.0.0.1:8080). */
  banner(baseUrl: string): string;
}

/** Fixed ids, so that a restarted demo finds its collections in the same database file. */
export const DEMO_COLLECTIONS = {
  intel: 'a1b2c3d4-0001-4000-8000-000000000001',
  public: 'a1b2c3d4-0002-4000-8000-000000000002',
} as const;

export async function createDemo(options: DemoOptions = {}): Promise<Demo> {
  const username = 'demo';
  const password = randomBytes(12).toString('base64url');
  const config: ServerConfig = {
    listen: { host: options.host ?? '127.0.0.1', port: options.port ?? 8080 },
    discovery: { title: 'Taxiway demo TAXII server', description: 'A TAXII 2.1 server for trying things out', default: 'demo' },
    users: [{ username, password_hash: await hashPassword(password) }],
    api_roots: [
      {
        path: 'demo',
        title: 'Demo API root',
        max_content_length: 10 * 1024 * 1024,
        collections: [
          {
            id: DEMO_COLLECTIONS.intel,
            alias: 'intel',
            title: 'Demo intelligence',
            description: 'read and write as demo',
            read: [username],
            write: [username],
          },
          {
            id: DEMO_COLLECTIONS.public,
            alias: 'public',
            title: 'Public feed',
            description: 'readable by every authenticated user',
            read: ['*'],
            write: [username],
          },
        ],
      },
    ],
    storage: { driver: 'sqlite', path: options.databasePath ?? './taxiway-demo.db' },
  };
  return {
    config,
    username,
    password,
    banner: (baseUrl: string) => {
      const accept = "-H 'Accept: application/taxii+json;version=2.1'";
      return [
        'Taxiway demo TAXII 2.1 server',
        `  discovery:  ${baseUrl}/taxii2/`,
        `  user:       ${username}`,
        `  password:   ${password}   (generated for this run; shown only now)`,
        `  database:   ${options.databasePath ?? './taxiway-demo.db'}`,
        '',
        'Try:',
        `  curl -u ${username}:${password} ${accept} ${baseUrl}/taxii2/`,
        `  curl -u ${username}:${password} ${accept} ${baseUrl}/demo/collections/intel/objects/`,
        '',
      ].join('\n');
    },
  };
}
