import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Batch, batches, checkSizes } from './batches.js';

const obj = (n: number, pad = 0) => ({ type: 'indicator', id: `indicator--${n}`, x: 'é'.repeat(pad) });

async function split(objects: Iterable<unknown> | AsyncIterable<unknown>, limit: number, version: '2.0' | '2.1'): Promise<Batch[]> {
  const out: Batch[] = [];
  for await (const b of batches(objects, limit, version)) out.push(b);
  return out;
}

test('split: each 2.1 envelope is at most max_content_length octets (UTF-8), objects in order', async () => {
  const objects = Array.from({ length: 10 }, (_, i) => obj(i, 20));
  const one = Buffer.byteLength(JSON.stringify(objects[0]));
  const limit = '{"objects":[]}'.length + 3 * one + 2;
  const out = await split(objects, limit, '2.1');
  assert.deepEqual(
    out.map((b) => b.count),
    [3, 3, 3, 1],
  );
  for (const b of out) {
    assert.equal(Buffer.byteLength(b.body), b.size);
    assert.ok(b.size <= limit);
  }
  assert.deepEqual(
    out.flatMap((b) => (JSON.parse(b.body) as { objects: { id: string }[] }).objects.map((o) => o.id)),
    objects.map((o) => o.id),
  );
  assert.deepEqual(
    (await split(objects, limit - 1, '2.1')).map((b) => b.count),
    [2, 2, 2, 2, 2],
    'one octet less: three no longer fit',
  );
});

test('split: 2.0 bodies are STIX 2.0 bundles with a fresh id each', async () => {
  const out = await split([obj(1), obj(2)], 10_000, '2.0');
  assert.equal(out.length, 1);
  const bundle = JSON.parse(out[0].body) as Record<string, unknown>;
  assert.equal(bundle.type, 'bundle');
  assert.equal(bundle.spec_version, '2.0');
  assert.match(String(bundle.id), /^bundle--[0-9a-f-]{36}$/);
  assert.equal((bundle.objects as unknown[]).length, 2);
});

test('split: an async iterable is split as it is read', async () => {
  async function* gen() {
    for (let i = 0; i < 5; i++) yield obj(i);
  }
  assert.equal((await split(gen(), 70, '2.1')).length, 5);
});

test('split: an object too large alone is TAXII_OBJECT_TOO_LARGE naming its id; a non-object is TAXII_INVALID_ARGUMENT', async () => {
  await assert.rejects(split([obj(1), obj(2, 500)], 200, '2.1'), { code: 'TAXII_OBJECT_TOO_LARGE', objectId: 'indicator--2' });
  assert.throws(() => checkSizes([obj(1), obj(2, 500)], 200, '2.1'), { code: 'TAXII_OBJECT_TOO_LARGE', objectId: 'indicator--2' });
  assert.doesNotThrow(() => checkSizes([obj(1), obj(2)], 200, '2.1'));
  assert.throws(() => checkSizes([obj(1), 'text'], 200, '2.1'), { code: 'TAXII_INVALID_ARGUMENT' });
});
