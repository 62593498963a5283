/**
 * Child of the crash test (sqlite.test.ts): adds batches of `size` objects to the store at `path`
 * in a loop, printing each batch number once its addObjects has committed, until it is killed.
 */
import { randomUUID } from 'node:crypto';
import { SqliteStorage } from './sqlite-storage.js';

const [path, size] = [process.argv[2], Number(process.argv[3])];
const storage = new SqliteStorage({ path });
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
