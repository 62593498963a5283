import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ContextOptions, ValidationContext } from '../validation/context.js';
import { hashes } from './dictionary.js';
import { enumeration, identifier, integer, list, string, targetTypes, timestamp, vocabulary } from './kinds.js';
import { atLeastOne, dependsOn, exactlyOne, mutuallyExclusive, ObjectSpec, required, timestampOrder } from './object-spec.js';

const base: ContextOptions = {
  version: '2.1',
  customTypes: 'warn',
  customProperties: 'warn',
  bestPractices: new Set([101, 102, 111, 216, 241]),
  strict: false,
  enforceRefs: false,
};

function run(spec: ObjectSpec, value: unknown, options: Partial<ContextOptions> = {}) {
  const ctx = new ValidationContext({ ...base, ...options });
  spec.check(value, ctx);
  return ctx.issues.map((i) => `${i.severity}:${i.code}@${i.path}`);
}

const thing = new ObjectSpec('thing', {
  name: required(string()),
  count: integer({ min: 0, max: 10 }),
  kind: enumeration(['a', 'b']),
  tags: list(string()),
  owner_ref: identifier(targetTypes('identity')),
  first: timestamp(),
  last: timestamp(),
  sort: vocabulary('malware-type-ov', ['trojan', 'worm'], 216),
  hashes: hashes(),
}).with(timestampOrder('last', 'first', true));

test('object spec: a conforming object has no issues', () => {
  assert.deepEqual(
    run(thing, { name: 'x', count: 3, kind: 'a', tags: ['t'], owner_ref: 'identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', sort: 'worm' }),
    [],
  );
});

test('object spec: required, JSON types, ranges, enums and empty lists are errors with paths', () => {
  assert.deepEqual(run(thing, { count: 11, kind: 'c', tags: [], owner_ref: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }), [
    'error:STIX_OUT_OF_RANGE@count',
    'error:STIX_NOT_IN_ENUM@kind',
    'error:STIX_EMPTY_LIST@tags',
    'error:STIX_REF_TARGET_TYPE@owner_ref',
    'error:STIX_MISSING_PROPERTY@name',
  ]);
  assert.deepEqual(run(thing, { name: 1, tags: ['a', 2] }), ['error:STIX_WRONG_JSON_TYPE@name', 'error:STIX_WRONG_JSON_TYPE@tags[1]']);
  assert.deepEqual(run(thing, []), ['error:STIX_WRONG_JSON_TYPE@']);
});

test('object spec: timestamp order with equality allowed', () => {
  assert.deepEqual(run(thing, { name: 'x', first: '2016-01-01T00:00:00Z', last: '2016-01-01T00:00:00.000Z' }), []);
  assert.deepEqual(run(thing, { name: 'x', first: '2016-01-02T00:00:00Z', last: '2016-01-01T00:00:00Z' }), [
    'error:STIX_TIMESTAMP_ORDER@last',
  ]);
});

test('object spec: open vocabulary values outside the list are best-practice warnings with the check number', () => {
  const ctx = new ValidationContext(base);
  thing.check({ name: 'x', sort: 'Remote Access' }, ctx);
  assert.deepEqual(
    ctx.issues.map((i) => [i.severity, i.code, i.check?.number]),
    [
      ['warning', 'STIX_VOCABULARY', 216],
      ['warning', 'STIX_FORMAT', 111],
    ],
  );
  assert.deepEqual(run(thing, { name: 'x', sort: 'Remote Access' }, { bestPractices: new Set() }), []);
  assert.deepEqual(run(thing, { name: 'x', sort: 'rootkit' }, { strict: true }), ['error:STIX_VOCABULARY@sort']);
});

test('object spec: custom properties follow the naming rule (MUST) and the x_ prefix (SHOULD 101)', () => {
  assert.deepEqual(run(thing, { name: 'x', x_acme_score: 1 }), []);
  assert.deepEqual(run(thing, { name: 'x', score: 1 }), ['warning:STIX_CUSTOM_PREFIX@score']);
  assert.deepEqual(run(thing, { name: 'x', 'Bad-Name': 1 }), ['error:STIX_INVALID_PROPERTY_NAME@["Bad-Name"]']);
  assert.deepEqual(run(thing, { name: 'x', x_acme_score: 1 }, { customProperties: 'error' }), ['error:STIX_CUSTOM_PROPERTY@x_acme_score']);
  assert.deepEqual(run(thing, { name: 'x', score: 1 }, { customProperties: 'allow' }), []);
  assert.deepEqual(run(thing, { name: 'x', x_score: 1 }, { bestPractices: new Set([102]) }), []);
  assert.deepEqual(run(thing, { name: 'x', score: 1 }, { bestPractices: new Set([102]) }), ['warning:STIX_CUSTOM_PREFIX@score']);
});

test('object spec: hashes check the digest form of listed algorithms (2.1 §2.6)', () => {
  const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
  assert.deepEqual(run(thing, { name: 'x', hashes: { MD5: md5, 'SHA-256': 'a'.repeat(64) } }), []);
  assert.deepEqual(run(thing, { name: 'x', hashes: { MD5: 'xyz' } }), ['error:STIX_INVALID_HASH@hashes.MD5']);
  assert.deepEqual(run(thing, { name: 'x', hashes: { md5 } }), ['warning:STIX_VOCABULARY@hashes.md5']);
  assert.deepEqual(run(thing, { name: 'x', hashes: {} }), ['error:STIX_EMPTY_DICTIONARY@hashes']);
});

const pair = new ObjectSpec('pair', { a: string(), b: string(), c: string() });

test('constraints: at least one, mutually exclusive, exactly one, depends on', () => {
  const one = pair.extend('one', {}, undefined, atLeastOne('a', 'b'));
  assert.deepEqual(run(one, { a: 'x' }), []);
  assert.deepEqual(run(one, { c: 'x' }), ['error:STIX_AT_LEAST_ONE@']);
  const excl = pair.extend('excl', {}, undefined, mutuallyExclusive('a', 'b'));
  assert.deepEqual(run(excl, { a: 'x' }), []);
  assert.deepEqual(run(excl, { a: 'x', b: 'y' }), ['error:STIX_MUTUALLY_EXCLUSIVE@b']);
  const exact = pair.extend('exact', {}, undefined, exactlyOne('a', 'b'));
  assert.deepEqual(run(exact, { b: 'x' }), []);
  assert.deepEqual(run(exact, {}), ['error:STIX_AT_LEAST_ONE@']);
  const dep = pair.extend('dep', {}, undefined, dependsOn('a', 'c'));
  assert.deepEqual(run(dep, { a: 'x', c: 'y' }), []);
  assert.deepEqual(run(dep, { a: 'x' }), ['error:STIX_DEPENDENT_PROPERTY@a']);
});

test('object spec: closed structures reject unknown properties; reserved names are errors', () => {
  const closed = new ObjectSpec('closed', { a: string() }, { unknownProperties: 'forbid', reserved: ['action'] });
  assert.deepEqual(run(closed, { a: 'x' }), []);
  assert.deepEqual(run(closed, { z_z_z: 1 }), ['error:STIX_PROPERTY_NOT_ALLOWED@z_z_z']);
  assert.deepEqual(run(closed, { action: 1 }), ['error:STIX_RESERVED_PROPERTY@action']);
});
