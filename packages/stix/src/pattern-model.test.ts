import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PathStep } from '@taxiway/pattern';
import { patternObjectModel } from './pattern-model.js';

/** `hashes.'SHA-256'` → steps; `[*]` / `[0]` as index steps. */
function steps(path: string): PathStep[] {
  const out: PathStep[] = [];
  for (const part of path.match(/\[[^\]]+\]|[^.[\]]+/g) ?? []) {
    if (part.startsWith('[')) {
      const inner = part.slice(1, -1);
      out.push({ kind: 'index', index: inner === '*' ? '*' : Number(inner) });
    } else out.push({ kind: 'property', name: part.replace(/^'|'$/g, '') });
  }
  return out;
}
const resolve = (type: string, path: string, version: '2.0' | '2.1' = '2.1') => patternObjectModel.resolvePath(type, steps(path), version);

test('pattern model: the SCO types of each version', () => {
  assert.equal(patternObjectModel.typeKnown('file', '2.1'), true);
  assert.equal(patternObjectModel.typeKnown('file', '2.0'), true);
  assert.equal(patternObjectModel.typeKnown('indicator', '2.1'), false);
  assert.equal(patternObjectModel.typeKnown('x-acme', '2.1'), false);
});

test('pattern model: properties, dictionaries, extensions and their value types (2.1 §6)', () => {
  assert.deepEqual(resolve('file', 'name'), { known: true, valueType: 'string' });
  assert.deepEqual(resolve('file', "hashes.'SHA-256'"), { known: true, valueType: 'string' });
  assert.deepEqual(resolve('file', 'size'), { known: true, valueType: 'integer' });
  assert.deepEqual(resolve('file', 'ctime'), { known: true, valueType: 'timestamp' });
  assert.deepEqual(resolve('file', "extensions.'windows-pebinary-ext'.sections[*].entropy"), { known: true, valueType: 'float' });
  assert.deepEqual(resolve('network-traffic', 'protocols[*]'), { known: true, valueType: 'string' });
  assert.deepEqual(resolve('file', 'foo'), { known: false, unknownAt: 0 });
  assert.deepEqual(resolve('file', "extensions.'bogus-ext'.x"), { known: false, unknownAt: 1 });
  assert.deepEqual(resolve('file', 'name.length'), { known: false, unknownAt: 1 });
  // Custom content is not checked below its name.
  assert.deepEqual(resolve('file', 'x_acme_score'), { known: true });
  assert.deepEqual(resolve('file', "extensions.'x-acme-ext'.anything"), { known: true });
});

test('pattern model: references continue in the referenced type when it is fixed', () => {
  assert.deepEqual(resolve('email-message', 'from_ref.value'), { known: true, valueType: 'string' });
  assert.deepEqual(resolve('process', 'image_ref.name'), { known: true, valueType: 'string' });
  assert.deepEqual(resolve('process', 'image_ref.nonsense'), { known: false, unknownAt: 1 });
  assert.deepEqual(resolve('email-message', 'from_ref'), { known: true, valueType: 'reference' });
  // dst_ref may be an ipv4-addr, ipv6-addr, mac-addr or domain-name: the rest cannot be checked.
  assert.deepEqual(resolve('network-traffic', 'dst_ref.value'), { known: true });
});

test('pattern model: the versions differ where the specifications do (2.0 Part 4 vs 2.1 §6)', () => {
  assert.deepEqual(resolve('file', 'created', '2.0'), { known: true, valueType: 'timestamp' });
  assert.deepEqual(resolve('file', 'created', '2.1'), { known: false, unknownAt: 0 });
  assert.deepEqual(resolve('process', 'name', '2.0'), { known: true, valueType: 'string' });
  assert.deepEqual(resolve('process', 'name', '2.1'), { known: false, unknownAt: 0 });
});
