import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { boolArray, byteaArray, int8Array, textArray } from './binary-arrays.js';

const URL = process.env.TAXIWAY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

test('binary arrays: PostgreSQL reads back exactly the values sent (text, int8, bool, bytea; empty; edge values)', async () => {
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  try {
    const texts = ['', 'a', '{"x":"q\\"uote\\\\","y":[1,2]}', 'é ✓ 𝄞', 'NULL', '{}', ',', '"'];
    const ints = [
      0,
      1,
      -1,
      2 ** 32,
      -(2 ** 32) - 1,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      1_704_067_200_000_000,
      -86_400_000_000,
    ];
    const bools = [true, false, true];
    const bytes = [Buffer.alloc(0), Buffer.from([0, 255, 1]), Buffer.alloc(32, 7)];
    const r = await client.query(
      'SELECT $1::text[] AS t, $2::bigint[]::text[] AS i, $3::boolean[] AS b, $4::bytea[] AS y, $5::text[] AS e, cardinality($5::text[]) AS n',
      [textArray(texts), int8Array(ints), boolArray(bools), byteaArray(bytes), textArray([])],
    );
    const row = r.rows[0] as { t: string[]; i: string[]; b: boolean[]; y: Buffer[]; e: string[]; n: number };
    assert.deepEqual(row.t, texts);
    assert.deepEqual(row.i.map(Number), ints);
    assert.deepEqual(row.b, bools);
    assert.deepEqual(row.y, bytes);
    assert.deepEqual(row.e, []);
    assert.equal(row.n, 0);
  } finally {
    await client.end();
  }
});

test('binary arrays: a wrong element type is refused by PostgreSQL, an unsafe integer before sending', async () => {
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  try {
    await assert.rejects(client.query('SELECT $1::bigint[]', [textArray(['1'])]), /element type 25 \(text\) instead of expected 20/);
  } finally {
    await client.end();
  }
  assert.throws(() => int8Array([2 ** 53]), RangeError);
  assert.throws(() => int8Array([1.5]), RangeError);
});
