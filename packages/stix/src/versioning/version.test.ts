import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundle } from '../create/bundle.js';
import { create, createUntyped } from '../create/create.js';
import { at, stixError, T0 } from '../create/test-clock.js';
import { isVersionable, newVersion, revoke, versionKey } from './version.js';

const now = at(T0);
const T1 = '2024-03-01T11:00:00.000Z';
const ME = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';
const OTHER = 'identity--0b6a4e3e-7e1f-4a26-9a0e-3b1c2d4e5f60';
const pattern = "[ipv4-addr:value = '198.51.100.3']";
const ind21 = () => create('indicator', { pattern, pattern_type: 'stix', valid_from: T0, created_by_ref: ME, name: 'a' }, { now });
const ind20 = () =>
  create('indicator', { labels: ['malicious-activity'], pattern, valid_from: T0, created_by_ref: ME, name: 'a' }, { version: '2.0', now });
const versions = [
  ['2.1', ind21],
  ['2.0', ind20],
] as const;

for (const [v, make] of versions) {
  test(`${v}: a new version keeps id, type, created and created_by_ref and gets a later modified (§3.6 / Part 1 §3.4)`, () => {
    const old = make();
    const next = newVersion(old, { name: 'b' }, { now: at(T1) });
    assert.equal(next.id, old.id);
    assert.equal(next.created, old.created);
    assert.equal(next.created_by_ref, ME);
    assert.equal(next.modified, T1);
    assert.equal(next.name, 'b');
    assert.equal('spec_version' in next, v === '2.1');
    assert.ok(Object.isFrozen(next));
    assert.equal(old.name, 'a');
  });

  test(`${v}: modified is strictly later even when the clock is not (bumped by 1 ms)`, () => {
    const old = make();
    const same = newVersion(old, { name: 'b' }, { now });
    assert.equal(same.modified, '2024-03-01T10:00:00.001Z');
    const earlier = newVersion(same, { name: 'c' }, { now: at('2020-01-01T00:00:00.000Z') });
    assert.equal(earlier.modified, '2024-03-01T10:00:00.002Z');
  });

  test(`${v}: a given modified must be later than the previous one (STIX_MODIFIED_NOT_LATER)`, () => {
    const old = make();
    assert.equal(newVersion(old, { modified: T1 }).modified, T1);
    assert.throws(() => newVersion(old, { modified: T0 }), stixError('STIX_MODIFIED_NOT_LATER'));
    assert.throws(() => newVersion(old, { modified: '2023-01-01T00:00:00.000Z' }), stixError('STIX_MODIFIED_NOT_LATER'));
  });

  for (const [name, value] of [
    ['id', 'indicator--7f9b1d3f-5b7d-4f1b-93f5-9b1d3f5b7d9f'],
    ['type', 'malware'],
    ['created', '2024-02-01T00:00:00.000Z'],
    ['created_by_ref', OTHER],
  ] as const) {
    test(`${v}: ${name} cannot change between versions (STIX_UNMODIFIABLE_PROPERTY); the same value is fine`, () => {
      const old = make();
      assert.equal(newVersion(old, { [name]: old[name] } as never, { now: at(T1) })[name], old[name]);
      assert.throws(
        () => newVersion(old, { [name]: value } as never, { now: at(T1) }),
        (e: Error & { code?: string }) => e.code === 'STIX_UNMODIFIABLE_PROPERTY' && e.message.includes(name),
      );
    });
  }

  test(`${v}: created_by_ref can be neither removed nor added`, () => {
    assert.throws(() => newVersion(make(), { created_by_ref: null }, { now: at(T1) }), stixError('STIX_UNMODIFIABLE_PROPERTY'));
    const anonymous = newVersion(make(), { name: 'x' }, { now: at(T1) });
    const { created_by_ref: _, ...rest } = anonymous;
    assert.throws(
      () => newVersion(rest as typeof anonymous, { created_by_ref: ME }, { now: at(T1), version: v }),
      stixError('STIX_UNMODIFIABLE_PROPERTY'),
    );
  });

  test(`${v}: null or undefined removes a property; new properties are added`, () => {
    const old = make();
    const a = newVersion(old, { name: null, description: 'd' }, { now: at(T1) });
    assert.equal('name' in a, false);
    assert.equal(a.description, 'd');
    const b = newVersion(a, { description: undefined }, { now: at(T1) });
    assert.equal('description' in b, false);
  });

  test(`${v}: the new version is validated (removing a required property is STIX_INVALID)`, () => {
    assert.throws(() => newVersion(make(), { pattern: null }, { now: at(T1) }), stixError('STIX_INVALID', ['STIX_MISSING_PROPERTY']));
  });

  test(`${v}: revocation is permanent (STIX_REVOKED)`, () => {
    const revoked = revoke(make(), { now: at(T1) });
    assert.equal(revoked.revoked, true);
    assert.equal(revoked.modified, T1);
    assert.throws(() => newVersion(revoked, { name: 'again' }), stixError('STIX_REVOKED'));
    assert.throws(() => revoke(revoked), stixError('STIX_REVOKED'));
    assert.equal(newVersion(make(), { revoked: false }, { now: at(T1) }).revoked, false);
  });

  test(`${v}: marking definitions are not versioned (STIX_NOT_VERSIONABLE)`, () => {
    const m = create('marking-definition', { definition_type: 'statement', definition: { statement: 's' } }, { version: v as '2.1', now });
    assert.equal(isVersionable(m), false);
    assert.throws(() => newVersion(m, { definition: { statement: 't' } }), stixError('STIX_NOT_VERSIONABLE'));
    assert.throws(() => revoke(m), stixError('STIX_NOT_VERSIONABLE'));
    assert.equal(isVersionable(make()), true);
  });

  test(`${v}: bundles are not versioned`, () => {
    assert.throws(() => newVersion(bundle([make()], { version: v as '2.1' }), {}), stixError('STIX_NOT_VERSIONABLE'));
  });

  test(`${v}: custom objects are versioned when they have created and modified`, () => {
    const c = create('x-acme-widget', { name: 'w' }, { version: v as '2.1', now });
    assert.equal(newVersion(c, { name: 'v' }, { now: at(T1) }).modified, T1);
    assert.throws(
      () => newVersion({ type: 'x-acme-widget', id: c.id, name: 'w' }, { name: 'v' }, { version: v }),
      stixError('STIX_NOT_VERSIONABLE'),
    );
  });
}

test('2.1: an SCO gets changes under the same id; its ID contributing properties cannot change (§2.9)', () => {
  const ip = create('ipv4-addr', { value: '198.51.100.3' });
  assert.equal(isVersionable(ip), true);
  const mac = 'mac-addr--65cfcf98-8a6e-5a1b-8f61-379ac4f92d00';
  const next = newVersion(ip, { resolves_to_refs: [mac] });
  assert.equal(next.id, ip.id);
  assert.deepEqual(next.resolves_to_refs, [mac]);
  assert.equal('modified' in next, false);
  assert.ok(Object.isFrozen(next));
  assert.deepEqual(newVersion(next, { resolves_to_refs: null }), ip);
  assert.throws(() => newVersion(ip, { value: '198.51.100.4' }), stixError('STIX_UNMODIFIABLE_PROPERTY'));
  assert.throws(() => newVersion(ip, { id: 'ipv4-addr--ff000000-77cd-5a82-a950-b5bc3caf07c4' }), stixError('STIX_UNMODIFIABLE_PROPERTY'));
  assert.throws(() => revoke(ip), stixError('STIX_NOT_VERSIONABLE'));
  // A UUIDv4 id is not derived from the properties: they may be filled in.
  const account = create('user-account', { display_name: 'J Doe' });
  assert.equal(newVersion(account, { user_id: '1001' }).user_id, '1001');
  // The result is validated like create() (and typed: resolves_to_refs takes mac-addr ids only).
  // @ts-expect-error an indicator is not a mac-addr
  assert.throws(() => newVersion(ip, { resolves_to_refs: ['indicator--7f9b1d3f-5b7d-4f1b-93f5-9b1d3f5b7d9f'] }), stixError('STIX_INVALID'));
});

test('2.1: language-content and extension-definition are versioned; SROs too', () => {
  const lc = createUntyped(
    'language-content',
    { object_ref: 'indicator--7f9b1d3f-5b7d-4f1b-93f5-9b1d3f5b7d9f', contents: { de: { name: 'b' } } },
    { now },
  );
  assert.equal(isVersionable(lc), true);
  const rel = create(
    'relationship',
    {
      relationship_type: 'indicates',
      source_ref: 'indicator--7f9b1d3f-5b7d-4f1b-93f5-9b1d3f5b7d9f',
      target_ref: 'malware--8a0c2e4a-6c8e-4a2c-a4a6-0c2e4a6c8e0a',
    },
    { now },
  );
  assert.equal(newVersion(rel, { description: 'd' }, { now: at(T1) }).description, 'd');
});

test('2.1: the bump works on a previous modified finer than a millisecond', () => {
  const old = create('tool', { name: 't', created: '2024-03-01T10:00:00.000Z', modified: '2024-03-01T10:00:00.000999Z' }, { now });
  assert.equal(newVersion(old, { name: 'u' }, { now }).modified, '2024-03-01T10:00:00.001Z');
});

test('custom types with ID-contributing properties keep them between versions', () => {
  const c = create('x-acme-widget', { name: 'w', serial: 'S1' }, { now });
  const options = { contributingProperties: ['serial'], now: at(T1) };
  assert.equal(newVersion(c, { name: 'v' }, options).serial, 'S1');
  assert.throws(() => newVersion(c, { serial: 'S2' }, options), stixError('STIX_UNMODIFIABLE_PROPERTY'));
});

test('versionKey: id and modified tell versions apart', () => {
  const a = ind21();
  const b = newVersion(a, { name: 'b' }, { now: at(T1) });
  assert.notEqual(versionKey(a), versionKey(b));
  assert.equal(versionKey(a), `${a.id}@${a.modified}`);
  assert.equal(versionKey(create('ipv4-addr', { value: '198.51.100.3' })), 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
});

test('isVersionable: non-objects are not', () => {
  assert.equal(isVersionable(null), false);
  assert.equal(isVersionable([]), false);
  assert.equal(isVersionable({ type: 'indicator' }), false);
});
