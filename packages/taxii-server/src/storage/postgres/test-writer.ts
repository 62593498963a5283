/**
 * A separate writer process for postgres.test.ts: opens its own PostgresStorage (so open()
 * races with the other writer's), adds `count` objects to one collection in batches of 1..maxBatch,
 * then prints the ids it added, one a line.
 *   node --import tsx test-writer.ts <url> <schema> <collection> <count> <maxBatch> <tag>
 */
import { randomUUID } from 'node:crypto';
import { PostgresStorage } from './postgres-storage.js';

const [url, schema, collection, count, maxBatch, tag] = process.argv.slice(2) as [string, string, string, string, string, string];
const storage = new PostgresStorage({ url, schema, pool: { max: 2 } });
await storage.open();
const ids: string[] = [];
let left = Number(count);
let n = 0;
while (left > 0) {
  const size = Math.min(left, 1 + Math.floor(Math.random() * Number(maxBatch)));
  const batch = Array.from({ length: size }, () => {
    const id = `indicator--${randomUUID()}`;
    const raw = JSON.stringify({
      type: 'indicator',
      spec_version: '2.1',
      id,
      created: '2020-01-01T00:00:00Z',
      modified: '2020-01-01T00:00:00Z',
      name: `${tag}-${n++}`,
    });
    return { id, type: 'indicator', version: '2020-01-01T00:00:00Z', specVersion: '2.1', raw };
  });
  const result = await storage.addObjects(collection, batch);
  if (result.added.length !== size) throw new Error(`expected ${size} added, got ${result.added.length}`);
  ids.push(...batch.map((o) => o.id));
  left -= size;
}
await storage.close();
process.stdout.write(`${ids.join('\n')}\n`);
