import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundle } from './bundle.js';
import { create } from './create.js';
import { serialize } from './serialize.js';
import { at, T0 } from './test-clock.js';

const now = at(T0);

test('serialize: type, spec_version, id, created, modified lead, the rest keeps insertion order', () => {
  const text = serialize({ name: 'n', modified: T0, id: 'tool--1', zeta: 1, type: 'tool', created: T0, spec_version: '2.1', alpha: 2 });
  assert.equal(
    text,
    `{"type":"tool","spec_version":"2.1","id":"tool--1","created":"${T0}","modified":"${T0}","name":"n","zeta":1,"alpha":2}`,
  );
});

test('serialize: sortKeys sorts the rest and every nested object, the lead keys still first', () => {
  const text = serialize({ zeta: { b: 1, a: [{ d: 1, c: 2 }] }, type: 't', alpha: 1, id: 't--1' }, { sortKeys: true });
  assert.equal(text, '{"type":"t","id":"t--1","alpha":1,"zeta":{"a":[{"c":2,"d":1}],"b":1}}');
});

test('serialize: nested objects keep their order without sortKeys', () => {
  assert.equal(serialize({ type: 't', hashes: { 'SHA-256': 'a', MD5: 'b' } }), '{"type":"t","hashes":{"SHA-256":"a","MD5":"b"}}');
});

test('serialize: a list of objects is a JSON array, each object ordered', () => {
  assert.equal(serialize([{ id: 'a--1', type: 'a' }, { type: 'b' }]), '[{"type":"a","id":"a--1"},{"type":"b"}]');
});

test('serialize: a bundle and its objects are ordered; 2.0 spec_version after type', () => {
  const b = { objects: [{ id: 'x--1', type: 'x' }], id: 'bundle--1', spec_version: '2.0', type: 'bundle' };
  assert.equal(serialize(b), '{"type":"bundle","spec_version":"2.0","id":"bundle--1","objects":[{"type":"x","id":"x--1"}]}');
});

test('serialize: pretty is a 2-space indent, or a number of spaces', () => {
  assert.equal(serialize({ type: 't', a: [1] }, { pretty: true }), '{\n  "type": "t",\n  "a": [\n    1\n  ]\n}');
  assert.equal(serialize({ type: 't' }, { pretty: 4 }), '{\n    "type": "t"\n}');
  assert.equal(serialize({ type: 't' }, { pretty: false }), '{"type":"t"}');
});

test('serialize: the same content gives the same bytes whatever its key order', () => {
  const o = create('indicator', { pattern: "[url:value = 'x']", pattern_type: 'stix', valid_from: T0, name: 'n' }, { now });
  const shuffled = Object.fromEntries(Object.entries(o).reverse());
  assert.equal(serialize(shuffled, { sortKeys: true }), serialize(o, { sortKeys: true }));
  assert.equal(serialize(o), JSON.stringify(o));
  const b = bundle([o], { id: 'bundle--0d5f5c3c-6a0d-4c2e-9c0d-5f5c3c6a0d4c' });
  assert.equal(serialize(b), serialize(JSON.parse(serialize(b))));
});
