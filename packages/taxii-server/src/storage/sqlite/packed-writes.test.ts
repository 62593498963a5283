import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AddResult, ObjectWrite } from '../storage.js';
import { packResults, packWrites, unpackResults, unpackWrites } from './packed-writes.js';

const objects = [
  { id: 'indicator--1', type: 'indicator', version: '2024-01-01T00:00:00.000Z', specVersion: '2.1', raw: '{"a":"é\\u0000 ☃ 𝄞"}' },
  // No version (the storage assigns one), an empty raw, and characters no JSON text would hold.
  { id: 'x-odd--\u0000\n', type: '', version: undefined, specVersion: '2.0', raw: '' },
];

test('writes survive packing: every field, an absent version, any character, the status', () => {
  const writes: ObjectWrite[] = [
    { objects, status: { id: 's1', final: true } },
    { objects: [] },
    { objects: [objects[0] as ObjectWrite['objects'][number]] },
  ];
  const packed = packWrites(writes);
  assert.equal(packed.length, 3);
  assert.equal(typeof packed[0]?.objects.text, 'string');
  assert.deepEqual(unpackWrites(structuredClone(packed)), writes);
});

test('an object identity is not sent (the writer derives it from raw)', () => {
  const [write] = unpackWrites(packWrites([{ objects: [{ ...(objects[0] as ObjectWrite['objects'][number]), identity: 'x' }] }]));
  assert.equal(write?.objects[0]?.identity, undefined);
  assert.equal(write?.objects[0]?.raw, objects[0]?.raw);
});

test('results survive packing: the three lists of each write, messages present or absent', () => {
  const results: AddResult[] = [
    {
      added: [{ id: 'a--1', version: 'v1' }],
      duplicates: [{ id: 'a--2', version: 'v2' }],
      conflicts: [{ id: '', version: '', message: 'not a JSON object' }],
    },
    { added: [], duplicates: [], conflicts: [] },
    { added: [{ id: 'a--3', version: 'v3', message: '' }], duplicates: [], conflicts: [] },
  ];
  assert.deepEqual(unpackResults(structuredClone(packResults(results))), results);
});

test('a truncated packing is an error, not objects made of the wrong fields', () => {
  const [packed] = packWrites([{ objects }]);
  assert.ok(packed);
  const truncated = { objects: { text: packed.objects.text, lengths: packed.objects.lengths.subarray(0, 7) } };
  assert.throws(() => unpackWrites([truncated]), /read past the last field/);
  const absentId = { objects: { text: 'x', lengths: Int32Array.of(-1, 1, -1, 0, 0) } };
  assert.throws(() => unpackWrites([absentId]), /required field is absent/);
});
