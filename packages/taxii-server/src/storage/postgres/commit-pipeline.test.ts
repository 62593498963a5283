import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { queryPipelined, queryThenCommit } from './commit-pipeline.js';

const URL = process.env.TAXIWAY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `taxiway_test_commit_${process.pid}_${randomBytes(4).toString('hex')}`;
const table = `"${schema}".items`;

/** A second connection: what it sees is what the first one committed. */
let observer: pg.Client;

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  return client;
}

async function visible(name: string): Promise<boolean> {
  const r = await observer.query(`SELECT 1 FROM ${table} WHERE name = $1`, [name]);
  return r.rowCount === 1;
}

before(async () => {
  observer = await connect();
  await observer.query(`CREATE SCHEMA "${schema}"`);
  await observer.query(`CREATE TABLE ${table} (name text PRIMARY KEY, payload bytea)`);
});

after(async () => {
  await observer.query(`DROP SCHEMA "${schema}" CASCADE`);
  await observer.end();
});

test('queryThenCommit: the statement runs (binary parameters too), its result is returned, and the transaction is committed', async () => {
  const client = await connect();
  const notices: string[] = [];
  client.on('notice', (n) => notices.push(n.message ?? ''));
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${table} (name) VALUES ('before')`);
    const result = await queryThenCommit<{ name: string; size: number }>(
      client,
      `INSERT INTO ${table} (name, payload) VALUES ($1, $2) RETURNING name, octet_length(payload) AS size`,
      ['committed', Buffer.from([0, 1, 2, 255])],
    );
    assert.deepEqual(result.rows, [{ name: 'committed', size: 4 }]);
    // Committed: another connection sees both rows, and this one is outside any transaction.
    assert.equal(await visible('before'), true);
    assert.equal(await visible('committed'), true);
    await client.query('ROLLBACK');
    assert.ok(
      notices.some((m) => m.includes('no transaction in progress')),
      `expected the ROLLBACK to find no transaction: ${notices}`,
    );
  } finally {
    await client.end();
  }
});

test('queryThenCommit: a failing statement rejects with its error, COMMIT is not run, and the rollback leaves nothing', async () => {
  const client = await connect();
  try {
    await client.query(`INSERT INTO ${table} (name) VALUES ('taken')`);
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${table} (name) VALUES ('uncommitted')`);
    await assert.rejects(queryThenCommit(client, `INSERT INTO ${table} (name) VALUES ($1)`, ['taken']), { code: '23505' });
    // Still in the transaction, aborted: PostgreSQL skipped the COMMIT after the failure.
    await assert.rejects(client.query('SELECT 1'), { code: '25P02' });
    await client.query('ROLLBACK');
    assert.equal(await visible('uncommitted'), false);
    // The connection is usable again.
    assert.deepEqual((await client.query('SELECT 2 AS n')).rows, [{ n: 2 }]);
  } finally {
    await client.end();
  }
});

test('queryThenCommit: a parameter that cannot be encoded rejects before anything runs, and commits nothing', async () => {
  const client = await connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${table} (name) VALUES ('pending')`);
    const unencodable = {
      toPostgres(): string {
        throw new Error('cannot encode this value');
      },
    };
    await assert.rejects(queryThenCommit(client, `INSERT INTO ${table} (name) VALUES ($1)`, [unencodable]), /cannot encode this value/);
    // The transaction is open and not committed: the other connection does not see its row.
    assert.equal(await visible('pending'), false);
    assert.deepEqual((await client.query(`SELECT count(*)::int AS n FROM ${table} WHERE name = 'pending'`)).rows, [{ n: 1 }]);
    await client.query('ROLLBACK');
    assert.equal(await visible('pending'), false);
  } finally {
    await client.end();
  }
});

test('queryPipelined: `before` and the statement run in one implicit transaction, committed at the Sync; a named statement is parsed once', async () => {
  const client = await connect();
  try {
    for (const n of [1, 2]) {
      const result = await queryPipelined<{ name: string }>(client, {
        before: `INSERT INTO ${table} (name) VALUES ('first ${n}')`,
        text: `INSERT INTO ${table} (name) SELECT $1 WHERE EXISTS (SELECT 1 FROM ${table} WHERE name = $2) RETURNING name`,
        values: [`second ${n}`, `first ${n}`],
        name: 'pipelined_insert',
      });
      // The statement's own snapshot shows what `before` did.
      assert.deepEqual(result.rows, [{ name: `second ${n}` }]);
      assert.equal(await visible(`first ${n}`), true);
      assert.equal(await visible(`second ${n}`), true);
    }
    const prepared = await client.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = 'pipelined_insert'`);
    assert.deepEqual(prepared.rows, [{ n: 1 }]);
  } finally {
    await client.end();
  }
});

test('queryPipelined: when the statement fails, `before` is rolled back with it; when a value cannot be encoded, nothing runs', async () => {
  const client = await connect();
  try {
    await client.query(`INSERT INTO ${table} (name) VALUES ('kept')`);
    await assert.rejects(
      queryPipelined(client, {
        before: `INSERT INTO ${table} (name) VALUES ('undone')`,
        text: `INSERT INTO ${table} (name) VALUES ($1)`,
        values: ['kept'],
      }),
      { code: '23505' },
    );
    assert.equal(await visible('undone'), false);
    const unencodable = {
      toPostgres(): string {
        throw new Error('cannot encode this value');
      },
    };
    await assert.rejects(
      queryPipelined(client, {
        before: `INSERT INTO ${table} (name) VALUES ('not run')`,
        text: `INSERT INTO ${table} (name) VALUES ($1)`,
        values: [unencodable],
      }),
      /cannot encode this value/,
    );
    assert.equal(await visible('not run'), false);
    // Outside any transaction, usable.
    assert.deepEqual((await client.query('SELECT 2 AS n')).rows, [{ n: 2 }]);
  } finally {
    await client.end();
  }
});
