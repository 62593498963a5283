/**
 * Ingest figures for the PostgreSQL backend (not a test; run by hand):
 *   node --import tsx test-ingest-bench.ts [url] [clients=4] [perClient=20000] [batch=500] [same|separate]
 * Spawns `clients` processes, each adding perClient ~450-byte indicators in batches of `batch`,
 * to one shared collection ("same": writers serialise on the collection lock) or to one collection
 * each ("separate"); prints objects/s over the wall-clock time of the whole run.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PostgresStorage } from './postgres-storage.js';

const [
  url = 'postgres://postgres@127.0.0.1:5432/test',
  clients = '4',
  perClient = '20000',
  batch = '500',
  mode = 'same',
  role,
  schemaArg,
  collArg,
] = process.argv.slice(2);

async function child(schema: string, collection: string): Promise<void> {
  const s = new PostgresStorage({ url, schema, pool: { max: 1 } });
  await s.open();
  for (let done = 0; done < Number(perClient); done += Number(batch)) {
    const objs = Array.from({ length: Number(batch) }, () => {
      const id = `indicator--${randomUUID()}`;
      const raw = JSON.stringify({
        type: 'indicator',
        spec_version: '2.1',
        id,
        created: '2024-01-01T00:00:00.000Z',
        modified: '2024-01-01T00:00:00.000Z',
        name: randomBytes(16).toString('hex'),
        pattern: `[ipv4-addr:value = '10.${done % 255}.0.1']`,
        pattern_type: 'stix',
        valid_from: '2024-01-01T00:00:00Z',
        description: randomBytes(100).toString('hex'),
      });
      return { id, type: 'indicator', version: '2024-01-01T00:00:00.000Z', specVersion: '2.1', raw };
    });
    await s.addObjects(collection, objs);
  }
  await s.close();
}

if (role === 'child') {
  await child(schemaArg as string, collArg as string);
} else {
  const schema = `taxiway_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await new PostgresStorage({ url, schema }).open().catch((e) => {
    throw e;
  });
  const shared = randomUUID();
  const start = performance.now();
  await Promise.all(
    Array.from(
      { length: Number(clients) },
      () =>
        new Promise<void>((resolve, reject) => {
          const p = spawn(
            process.execPath,
            [
              '--import',
              'tsx',
              fileURLToPath(import.meta.url),
              url,
              clients,
              perClient,
              batch,
              mode,
              'child',
              schema,
              mode === 'same' ? shared : randomUUID(),
            ],
            { stdio: 'inherit' },
          );
          p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`child exited ${code}`))));
        }),
    ),
  );
  const seconds = (performance.now() - start) / 1000;
  const total = Number(clients) * Number(perClient);
  console.log(
    `${clients} clients x ${perClient} objects, batch ${batch}, ${mode} collection: ${total} in ${seconds.toFixed(1)} s = ${Math.round(total / seconds)} objects/s`,
  );
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`DROP SCHEMA "${schema}" CASCADE`);
  await c.end();
}
