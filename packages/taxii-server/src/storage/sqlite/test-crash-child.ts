/**
 * Child of the crash test (sqlite.test.ts): adds batches of `size` objects to the store at `path`
 * in a loop, printing each batch number once its addObjects has committed, until it is killed.
 * With `threaded`, through ThreadedSqliteStorage (the server's: the commit on the writer thread).
 */
import { randomUUID } from 'node:crypto';
import type { Storage } from '../storage.js';
import { SqliteStorage } from './sqlite-storage.js';
import { ThreadedSqliteStorage } from './threaded-sqlite-storage.js';

const [path, size, kind] = [process.argv[2], Number(process.argv[3]), process.argv[4]];
const storage: Storage = kind === 'threaded' ? new ThreadedSqliteStorage({ path }) : new SqliteStorage({ path });
await storage.open();
for (let batch = 0; ; batch++) {
  const objects = Array.from({ length: size }, (_, i) => {
    const id = `indicator--${randomUUID()}`;
    const raw = JSON.stringify({ type: 'indicator', spec_version: '2.1', id, created: '2024-01-01T00:00:00.000Z', batch, i });
    return { id, type: 'indicator', version: '2024-01-01T00:00:00.000Z', specVersion: '2.1', raw };
  });
  await storage.addObjects('crash-collection', objects);
  process.stdout.write(`${batch}\n`);
}
