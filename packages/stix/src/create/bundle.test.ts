import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { parseBundleStream } from '../stream/bundle-stream.js';
import { validate } from '../validate.js';
import { bundle, createBundleWriter, type WritableSink } from './bundle.js';
import { create } from './create.js';
import { serialize } from './serialize.js';
import { at, stixError, T0 } from './test-clock.js';

const now = at(T0);
const BUNDLE_ID = 'bundle--0d5f5c3c-6a0d-4c2e-9c0d-5f5c3c6a0d4c';
const tool21 = () => create('tool', { name: 'rat' }, { now });
const tool20 = () => create('tool', { labels: ['remote-access'], name: 'rat' }, { version: '2.0', now });

test('bundle (2.1 §8): type, id and objects, no spec_version; valid and frozen', () => {
  const b = bundle([tool21(), create('ipv4-addr', { value: '198.51.100.3' })]);
  assert.deepEqual(Object.keys(b), ['type', 'id', 'objects']);
  assert.match(b.id, /^bundle--[0-9a-f-]{36}$/);
  assert.ok(Object.isFrozen(b) && Object.isFrozen(b.objects));
  assert.equal(validate(b, { version: '2.1', bestPractices: false }).valid, true);
  assert.equal(validate({ ...b, spec_version: '2.1' }, { version: '2.1', bestPractices: false }).valid, false);
});

test('bundle (2.0 Part 1 §5): spec_version 2.0 is required on the bundle', () => {
  const b = bundle([tool20()], { version: '2.0' });
  assert.equal(b.spec_version, '2.0');
  assert.equal(validate(b, { version: '2.0', bestPractices: false }).valid, true);
  const { spec_version: _, ...without } = b;
  assert.equal(validate(without, { version: '2.0', bestPractices: false }).valid, false);
});

test('bundle: no objects means no objects property (an empty list is not allowed)', () => {
  const b = bundle([]);
  assert.equal('objects' in b, false);
  assert.equal(validate(b, { version: '2.1', bestPractices: false }).valid, true);
});

test('bundle writer: the same text as serialize(bundle(…)), compact and pretty, both versions', async () => {
  for (const [version, make] of [
    ['2.1', tool21],
    ['2.0', tool20],
  ] as const) {
    const objects = [make(), make(), make()];
    for (const pretty of [false, true, 4] as const) {
      let text = '';
      const writer = createBundleWriter(
        (chunk) => {
          text += chunk;
        },
        { version, pretty, id: BUNDLE_ID },
      );
      for (const o of objects) await writer.write(o);
      await writer.close();
      assert.equal(text, serialize(bundle(objects, { version: version as '2.1', id: BUNDLE_ID }), { pretty }));
      assert.equal(writer.count, 3);
    }
  }
});

test('bundle writer: an empty bundle has no objects property', async () => {
  let text = '';
  const writer = createBundleWriter(
    (chunk) => {
      text += chunk;
    },
    { id: BUNDLE_ID, pretty: true },
  );
  await writer.close();
  assert.equal(text, serialize(bundle([], { id: BUNDLE_ID }), { pretty: true }));
});

test('bundle writer: the output parses back with parseBundleStream', async () => {
  const chunks: string[] = [];
  const writer = createBundleWriter((chunk) => {
    chunks.push(chunk);
  });
  const written = Array.from({ length: 50 }, (_, i) => create('ipv4-addr', { value: `198.51.100.${i}` }));
  for (const o of written) await writer.write(o);
  await writer.close();
  const read: unknown[] = [];
  for await (const o of parseBundleStream(chunks)) read.push(o);
  assert.deepEqual(read, written);
  assert.equal(validate(chunks.join(''), { bestPractices: false }).valid, true);
});

test('bundle writer: writing after close is STIX_WRITER_CLOSED; close twice is harmless', async () => {
  const writer = createBundleWriter(() => {});
  await writer.write(tool21());
  await writer.close();
  await writer.close();
  await assert.rejects(writer.write(tool21()), stixError('STIX_WRITER_CLOSED'));
});

/** A Writable stand-in that refuses more after `highWater` chunks until drained. */
class SlowSink extends EventEmitter implements WritableSink {
  chunks: string[] = [];
  pending = 0;
  ended = false;
  constructor(readonly highWater: number) {
    super();
  }
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return ++this.pending < this.highWater;
  }
  drain(): void {
    this.pending = 0;
    this.emit('drain');
  }
  end(callback?: () => void): void {
    this.ended = true;
    callback?.();
  }
}

test('bundle writer: write() waits for drain when a Writable says it is full, and close() ends it', async () => {
  const sink = new SlowSink(2);
  const writer = createBundleWriter(sink);
  await writer.write(tool21());
  let settled = false;
  const second = writer.write(tool21()).then(() => {
    settled = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(settled, false);
  sink.drain();
  await second;
  assert.equal(settled, true);
  await writer.close();
  assert.equal(sink.ended, true);
  assert.equal(JSON.parse(sink.chunks.join('')).objects.length, 2);
});

test('bundle writer: end: false leaves the Writable open; a sink error rejects the write', async () => {
  const sink = new SlowSink(1);
  const writer = createBundleWriter(sink, { end: false });
  const pending = writer.write(tool21());
  sink.emit('error', new Error('disk full'));
  await assert.rejects(pending, /disk full/);
  const open = new SlowSink(100);
  const w2 = createBundleWriter(open, { end: false });
  await w2.close();
  assert.equal(open.ended, false);
});

test('bundle writer: an async function sink is awaited; many objects stream through without being kept', async () => {
  let bytes = 0;
  let objects = 0;
  const writer = createBundleWriter(async (chunk) => {
    bytes += chunk.length;
  });
  const o = create('ipv4-addr', { value: '198.51.100.3' });
  for (let i = 0; i < 100_000; i++) {
    await writer.write(o);
    objects++;
  }
  await writer.close();
  assert.equal(writer.count, objects);
  assert.ok(bytes > 100_000 * JSON.stringify(o).length);
});

test('bundle writer: a real Node stream (PassThrough with a small buffer) gets the whole bundle, backpressure respected', async () => {
  const stream = new PassThrough({ highWaterMark: 256 });
  const received: Buffer[] = [];
  const reading = (async () => {
    for await (const chunk of stream) received.push(chunk as Buffer);
  })();
  const writer = createBundleWriter(stream, { id: BUNDLE_ID });
  const objects = Array.from({ length: 200 }, (_, i) => create('ipv4-addr', { value: `10.0.${i >> 8}.${i & 255}` }));
  for (const o of objects) await writer.write(o);
  await writer.close();
  await reading;
  assert.equal(Buffer.concat(received).toString('utf8'), serialize(bundle(objects, { id: BUNDLE_ID })));
});
