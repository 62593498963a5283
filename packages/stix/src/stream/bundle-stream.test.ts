import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import fc from 'fast-check';
import { StixError } from '../errors.js';
import { type BundleEnvelope, parseBundleStream } from './bundle-stream.js';

async function collect(chunks: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>) {
  const objects: unknown[] = [];
  const it = parseBundleStream(chunks);
  for (;;) {
    const r = await it.next();
    if (r.done) return { objects, envelope: r.value as BundleEnvelope };
    objects.push(r.value);
  }
}

const enc = new TextEncoder();
const tricky = {
  type: 'bundle',
  id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
  objects: [
    { type: 'note', content: 'quote " backslash \\ brace } bracket ] and émoji 🚀 and ünïcödé', n: [1, 2.5, -3e2, true, false, null] },
    { type: 'x', nested: { a: [{ b: '\\"' }], c: '\\' } },
  ],
  x_after: 'tail',
};

test('stream: objects of a bundle are yielded in order, other properties become the envelope', async () => {
  const { objects, envelope } = await collect([JSON.stringify(tricky)]);
  assert.deepEqual(objects, tricky.objects);
  assert.deepEqual(envelope, { properties: { type: 'bundle', id: tricky.id, x_after: 'tail' }, shape: 'bundle', objectCount: 2 });
});

test('stream: any split of the bytes gives the same result as JSON.parse', async () => {
  const bytes = enc.encode(JSON.stringify(tricky, null, 1));
  const whole = await collect([bytes]);
  const ones = await collect([...bytes].map((b) => Uint8Array.of(b)));
  assert.deepEqual(ones, whole);
  for (let k = 1; k < bytes.length; k++) {
    const split = await collect([bytes.subarray(0, k), bytes.subarray(k)]);
    assert.deepEqual(split.objects, tricky.objects, `split at ${k}`);
  }
});

test('stream: string chunks, BOM, and objects before the other keys', async () => {
  const text = `\ufeff{"objects": [{"type": "a"}], "type": "bundle", "id": "bundle--1"}`;
  const { objects, envelope } = await collect([text.slice(0, 7), text.slice(7)]);
  assert.deepEqual(objects, [{ type: 'a' }]);
  assert.equal(envelope.properties.id, 'bundle--1');
});

test('stream: a single object that is not a bundle is the one object (2.0 observed-data objects dict included)', async () => {
  const od = { type: 'observed-data', objects: { '0': { type: 'file', name: 'a' } } };
  const { objects, envelope } = await collect([JSON.stringify(od)]);
  assert.deepEqual(objects, [od]);
  assert.equal(envelope.shape, 'object');
});

test('stream: a top-level array yields its elements; empty objects array yields nothing', async () => {
  assert.deepEqual((await collect(['[{"type":"a"},{"type":"b"}]'])).objects, [{ type: 'a' }, { type: 'b' }]);
  const empty = await collect(['{"type":"bundle","id":"bundle--1","objects":[]}']);
  assert.deepEqual(empty.objects, []);
  assert.equal(empty.envelope.shape, 'bundle');
});

async function rejects(chunks: string[], code: string) {
  await assert.rejects(collect(chunks), (e: unknown) => e instanceof StixError && e.code === code);
}

test('stream: malformed input is a STIX_JSON_SYNTAX error with an offset', async () => {
  await rejects(['{"type":"bundle","objects":[{"type":"a"}'], 'STIX_JSON_SYNTAX');
  await rejects(['{"type":"bundle"} x'], 'STIX_JSON_SYNTAX');
  await rejects(['{"objects":[{"type":"a",}]}'], 'STIX_JSON_SYNTAX');
  await rejects(['{"type" "bundle"}'], 'STIX_JSON_SYNTAX');
  await rejects([''], 'STIX_JSON_SYNTAX');
  await assert.rejects(collect(['{"objects":[{"a":1} {"b":2}]}']), (e: unknown) => e instanceof StixError && e.offset === 20);
});

test('stream: JSON that is not a bundle, object or array is a STIX_STREAM_SHAPE error', async () => {
  await rejects(['42'], 'STIX_STREAM_SHAPE');
  await rejects(['{"type":"bundle","objects":{"a":1}}'], 'STIX_STREAM_SHAPE');
});

test('stream: 20,000 objects from a Readable in 64 KiB chunks', async () => {
  const objects = Array.from({ length: 20_000 }, (_, i) => ({ type: 'indicator', id: `indicator--${i}`, name: `n${i} "q" ü` }));
  const bytes = Buffer.from(JSON.stringify({ type: 'bundle', id: 'bundle--1', objects }));
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 65536) chunks.push(bytes.subarray(i, i + 65536));
  const result = await collect(Readable.from(chunks));
  assert.equal(result.envelope.objectCount, 20_000);
  assert.deepEqual(result.objects, objects);
});

test('stream: property — random JSON arrays split at random points parse like JSON.parse', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 8 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      async (values, cuts) => {
        const bytes = enc.encode(JSON.stringify({ type: 'bundle', objects: values }));
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let last = 0;
        for (const p of points) {
          chunks.push(bytes.subarray(last, p));
          last = p;
        }
        chunks.push(bytes.subarray(last));
        const { objects } = await collect(chunks);
        assert.deepEqual(objects, JSON.parse(JSON.stringify(values)));
      },
    ),
    { numRuns: 200 },
  );
});
