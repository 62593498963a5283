/**
 * A TAXII server process for the e2e tests (not built): serves the test configuration on
 * 127.0.0.1, port 0, over SQLite (a file, writes on the writer thread, as `taxiway serve`) or
 * PostgreSQL (a schema), and prints `listening <base url>` once it accepts connections. Stops on
 * SIGTERM.
 *   node --import tsx test-e2e-server.ts sqlite <file> | postgres <schema> [pending_status_timeout_ms]
 */
import { createServer } from './server.js';
import { PostgresStorage } from './storage/postgres/postgres-storage.js';
import { ThreadedSqliteStorage } from './storage/sqlite/threaded-sqlite-storage.js';
import type { Storage } from './storage/storage.js';
import { E2E_OVERRIDES } from './test-e2e-client.js';
import { TEST_PG_URL, testConfig } from './test-fixtures.js';

const [kind, where, pendingTimeout] = process.argv.slice(2) as [string, string, string | undefined];
const limits = { ...E2E_OVERRIDES.limits, ...(pendingTimeout ? { pending_status_timeout_ms: Number(pendingTimeout) } : {}) };
const storage: Storage =
  kind === 'postgres'
    ? new PostgresStorage({ url: TEST_PG_URL, schema: where, pool: { max: 4 } })
    : new ThreadedSqliteStorage({ path: where });
await storage.open();
const app = await createServer(await testConfig({ ...E2E_OVERRIDES, limits }), {
  storage,
  logger: { level: 'error', stream: process.stderr },
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${address}\n`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => storage.close())
    .then(() => process.exit(0));
});
