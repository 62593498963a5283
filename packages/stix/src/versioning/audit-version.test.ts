/**
 * Audit: versioning edge cases (2.0 Part 1 §3.4, 2.1 §3.6): modified precision, versions within
 * one millisecond, given modified values, revocation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUntyped } from '../create/create.js';
import { at, stixError } from '../create/test-clock.js';
import { validate } from '../validate.js';
import { newVersion, revoke, versionKey } from './version.js';

const T = '2016-04-06T20:03:00.000Z';
const campaign21 = Object.freeze({
  type: 'campaign',
  spec_version: '2.1',
  id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: T,
  modified: '2016-04-06T20:03:00.123456Z',
  name: 'c',
});
const campaign20 = Object.freeze({
  type: 'campaign',
  id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: T,
  modified: '2016-04-06T20:03:00.123Z',
  name: 'c',
});

test('audit: a microsecond modified and a clock in the same millisecond give a later modified (2.1 §3.6)', () => {
  const v = newVersion(campaign21, { name: 'd' }, { now: at('2016-04-06T20:03:00.123Z') });
  assert.equal(v.modified, '2016-04-06T20:03:00.124Z');
  const w = newVersion(campaign21, { name: 'd' }, { now: at('2010-01-01T00:00:00.000Z') });
  assert.equal(w.modified, '2016-04-06T20:03:00.124Z');
});

test('audit: versions made within one millisecond all have distinct modified values', () => {
  const clock = at('2020-01-01T00:00:00.000Z');
  let v = createUntyped('campaign', { name: 'c' }, { now: clock });
  const keys = new Set([versionKey(v as never)]);
  for (let i = 0; i < 5; i++) {
    v = newVersion(v, { name: `c${i}` }, { now: clock });
    keys.add(versionKey(v as never));
  }
  assert.equal(keys.size, 6);
});

test('audit: 2.0 new versions keep exactly-millisecond modified (2.0 Part 1 §3.2)', () => {
  const v = newVersion(campaign20, { name: 'd' }, { now: at('2016-04-06T20:03:00.123Z') });
  assert.equal(v.modified, '2016-04-06T20:03:00.124Z');
  assert.deepEqual(validate(v, { version: '2.0', bestPractices: false }).issues, []);
  assert.throws(() => newVersion(campaign20, { modified: '2016-04-06T20:03:01.123456Z' }), stixError('STIX_INVALID'));
});

test('audit: a modified given as a Date must also be later than the previous one', () => {
  // 2.0 Part 1 §3.4 / 2.1 §3.6: the new modified MUST be later than the previous version's.
  assert.throws(
    () => newVersion(campaign20, { modified: new Date('2016-04-06T20:03:00.100Z') as unknown as string }),
    stixError('STIX_MODIFIED_NOT_LATER'),
  );
  assert.throws(
    () => newVersion(campaign20, { modified: new Date('2016-04-06T20:03:00.123Z') as unknown as string }),
    stixError('STIX_MODIFIED_NOT_LATER'),
  );
  const ok = newVersion(campaign20, { modified: new Date('2016-04-06T20:03:00.200Z') as unknown as string });
  assert.equal(ok.modified, '2016-04-06T20:03:00.200Z');
});

test('audit: revoked is permanent; revoking twice and un-revoking throw STIX_REVOKED', () => {
  const r = revoke(campaign21, { now: at('2017-01-01T00:00:00.000Z') });
  assert.equal((r as Record<string, unknown>).revoked, true);
  assert.throws(() => revoke(r), stixError('STIX_REVOKED'));
  assert.throws(() => newVersion(r, { revoked: false } as never), stixError('STIX_REVOKED'));
});

test('audit: id, type, created and created_by_ref cannot change; removing created is a change', () => {
  assert.throws(() => newVersion(campaign21, { created: '2016-04-06T20:03:00.001Z' }), stixError('STIX_UNMODIFIABLE_PROPERTY'));
  assert.throws(() => newVersion(campaign21, { created: null } as never), stixError('STIX_UNMODIFIABLE_PROPERTY'));
  assert.throws(
    () => newVersion(campaign21, { created_by_ref: 'identity--311b2d2d-f010-4473-83ec-1edf84858f4c' } as never),
    stixError('STIX_UNMODIFIABLE_PROPERTY'),
  );
});

test('audit: a 2.1 SCO keeps its id; its ID contributing properties are locked', () => {
  const ip = createUntyped('ipv4-addr', { value: '198.51.100.3' });
  const v = newVersion(ip, { resolves_to_refs: ['mac-addr--08900593-0265-52fc-93c0-5b4a942f5887'] } as never);
  assert.equal(v.id, ip.id);
  assert.throws(() => newVersion(ip, { value: '198.51.100.4' } as never), stixError('STIX_UNMODIFIABLE_PROPERTY'));
  assert.throws(() => revoke(ip), stixError('STIX_NOT_VERSIONABLE'));
});
