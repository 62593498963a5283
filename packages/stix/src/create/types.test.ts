/**
 * Compile-time shapes of create(). The `@ts-expect-error` lines are checked by
 * `npx tsc -p packages/stix/src/create/tsconfig.test.json` (the test runner does not type-check):
 * if one of them compiled, tsc would report the directive as unused. At run time each refused
 * call is also refused by validation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { v20, v21 } from '../index.js';
import { bundle } from './bundle.js';
import { create } from './create.js';
import { createFactory } from './factory.js';
import { at, stixError, T0 } from './test-clock.js';

const now = at(T0);
const pattern = "[ipv4-addr:value = '198.51.100.3']";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_: T): void => {};

test('types: a 2.1 indicator needs pattern_type and valid_from; the result is v21.Indicator', () => {
  const ok = create('indicator', { pattern, pattern_type: 'stix', valid_from: T0 }, { now });
  expectType<Equal<typeof ok, v21.Indicator>>(true);
  // @ts-expect-error pattern_type and valid_from are missing
  assert.throws(() => create('indicator', { pattern }, { now }), stixError('STIX_INVALID'));
});

test('types: a 2.0 indicator needs labels, and takes no pattern_type; the result is v20.Indicator', () => {
  const ok = create('indicator', { labels: ['malicious-activity'], pattern, valid_from: T0 }, { version: '2.0', now });
  expectType<Equal<typeof ok, v20.Indicator>>(true);
  // @ts-expect-error labels is missing in 2.0
  assert.throws(() => create('indicator', { pattern, valid_from: T0 }, { version: '2.0', now }), stixError('STIX_INVALID'));
});

test('types: unknown properties and types are compile errors (x_ custom properties are fine)', () => {
  assert.ok(create('malware', { name: 'm', is_family: true, x_acme_score: 3 }, { now }));
  // @ts-expect-error a family malware must be named (2.1 §4.11)
  assert.throws(() => create('malware', { is_family: true }, { now }), stixError('STIX_INVALID'));
  // @ts-expect-error no such type
  assert.throws(() => create('widget', {}, { now }), stixError('STIX_UNKNOWN_TYPE'));
  const grouping = { context: 'x', object_refs: ['indicator--7f9b1d3f-5b7d-4f1b-93f5-9b1d3f5b7d9f'] } as const;
  // @ts-expect-error a 2.1-only type in 2.0
  assert.throws(() => create('grouping', grouping, { version: '2.0', now }), stixError('STIX_UNKNOWN_TYPE'));
  // @ts-expect-error 2.0 observables are not top-level objects
  assert.throws(() => create('ipv4-addr', { value: '198.51.100.3' }, { version: '2.0' }), stixError('STIX_UNKNOWN_TYPE'));
});

test('types: generated properties are optional; SCOs and markings have their own shapes', () => {
  const ip = create('ipv4-addr', { value: '198.51.100.3' });
  expectType<Equal<typeof ip, v21.Ipv4Addr>>(true);
  const marking = create('marking-definition', { definition_type: 'statement', definition: { statement: 's' } }, { now });
  expectType<Equal<typeof marking, v21.MarkingDefinition>>(true);
  const custom = create('x-acme-widget', { anything: 1 }, { now });
  assert.equal(custom.type, 'x-acme-widget');
});

test('types: a factory is typed by its version', () => {
  const f20 = createFactory({ version: '2.0', now });
  const t = f20.create('tool', { labels: ['remote-access'], name: 'rat' });
  expectType<Equal<typeof t, v20.Tool>>(true);
  // @ts-expect-error tool_types is 2.1; labels is required in 2.0
  assert.throws(() => f20.create('tool', { name: 'rat', tool_types: ['remote-access'] }), stixError('STIX_INVALID'));
  const b = bundle([t], { version: '2.0' });
  expectType<Equal<typeof b, v20.Bundle20>>(true);
});

test('types: properties a factory has defaults for become optional', () => {
  const ext = { name: 'e', schema: 'https://example.com/s', version: '1.0', extension_types: ['property-extension'] } as const;
  const mine = createFactory({ created_by_ref: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff', now });
  assert.equal(mine.create('extension-definition', ext).created_by_ref, 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff');
  const plain = createFactory({ now });
  // @ts-expect-error extension-definition needs created_by_ref (2.1 §7.3) and this factory has no default
  assert.throws(() => plain.create('extension-definition', ext), stixError('STIX_INVALID'));
});

test('types: timestamp properties take a Date too; it becomes a STIX timestamp', () => {
  const ind = create('indicator', { pattern, pattern_type: 'stix', valid_from: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) }, { now });
  assert.equal(ind.valid_from, '2024-01-02T03:04:05.006Z');
  // @ts-expect-error a name is a string, not a Date (at run time every Date becomes a timestamp)
  const named = create('malware', { name: new Date(0), is_family: true }, { now });
  assert.equal(named.name, '1970-01-01T00:00:00.000Z');
});
