import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StixError } from '../errors.js';
import { create, createUntyped } from './create.js';
import { at, stixError, T0 } from './test-clock.js';

const V4 = /^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const now = at(T0);
const pattern = "[ipv4-addr:value = '198.51.100.3']";
const indicator21 = { pattern, pattern_type: 'stix', valid_from: '2024-01-01T00:00:00Z' } as const;
const indicator20 = { labels: ['malicious-activity'], pattern, valid_from: '2024-01-01T00:00:00Z' } as const;

test('2.1: every object carries spec_version 2.1 (§3.1), SDO, SCO and meta alike', () => {
  assert.equal(create('indicator', indicator21, { now }).spec_version, '2.1');
  assert.equal(create('ipv4-addr', { value: '198.51.100.3' }).spec_version, '2.1');
  assert.equal(create('marking-definition', { definition_type: 'statement', definition: { statement: 'x' } }, { now }).spec_version, '2.1');
});

test('2.0: objects carry no spec_version (Part 1 §3.1: a bundle property only)', () => {
  const o = create('indicator', indicator20, { version: '2.0', now });
  assert.equal('spec_version' in o, false);
  assert.throws(
    () => create('indicator', { ...indicator20, spec_version: '2.0' } as never, { version: '2.0', now }),
    stixError('STIX_INVALID', ['STIX_SPEC_VERSION']),
  );
});

test('ids: SDOs, SROs and meta objects get type--UUIDv4 (2.1 §2.7, 2.0 Part 1 §2.9)', () => {
  const a = create('indicator', indicator21, { now });
  const b = create('indicator', indicator21, { now });
  assert.match(a.id, V4);
  assert.ok(a.id.startsWith('indicator--'));
  assert.notEqual(a.id, b.id);
  assert.match(create('malware', { labels: ['trojan'], name: 'x' }, { version: '2.0', now }).id, V4);
  const rel = create(
    'relationship',
    { relationship_type: 'indicates', source_ref: a.id, target_ref: 'malware--8a0c2e4a-6c8e-4a2c-a4a6-0c2e4a6c8e0a' },
    { now },
  );
  assert.match(rel.id, /^relationship--/);
});

test('ids: SCOs get the deterministic UUIDv5 of their ID-contributing properties (2.1 §2.9), four vectors', () => {
  assert.equal(create('ipv4-addr', { value: '198.51.100.3' }).id, 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
  assert.equal(create('domain-name', { value: 'example.com' }).id, 'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7');
  assert.equal(create('email-addr', { value: 'john@example.com' }).id, 'email-addr--7165e2a9-671f-585d-b1e1-ca59c671d934');
  assert.equal(
    create('user-account', { account_login: 'jdoe', account_type: 'unix', user_id: '1001' }).id,
    'user-account--f94d689e-707d-58c3-b803-c720bb6ed096',
  );
});

test('ids: an SCO without contributing properties, or a process, gets a UUIDv4', () => {
  assert.match(create('process', { pid: 42 }).id, V4);
  assert.match(create('user-account', { display_name: 'nobody' }).id, V4);
});

test('ids: a given id is kept', () => {
  const id = 'indicator--7f9b1d3f-5b7d-4f1b-93f5-9b1d3f5b7d9f';
  assert.equal(create('indicator', { ...indicator21, id }, { now }).id, id);
});

test('timestamps: created and modified are the clock time at millisecond precision, equal on the first version', () => {
  const o = create('indicator', indicator21, { now: at('2024-03-01T10:00:00.123Z') });
  assert.equal(o.created, '2024-03-01T10:00:00.123Z');
  assert.equal(o.modified, o.created);
  const real = create('indicator', indicator20, { version: '2.0' });
  assert.match(real.created, MS);
  assert.match(real.modified, MS);
});

test('timestamps: modified defaults to a given created (2.1 §3.6: the first version has created = modified)', () => {
  const o = create('indicator', { ...indicator21, created: '2020-01-01T00:00:00.000Z' }, { now });
  assert.equal(o.modified, '2020-01-01T00:00:00.000Z');
  const o20 = create('indicator', { ...indicator20, created: '2020-01-01T00:00:00.000Z' }, { version: '2.0', now });
  assert.equal(o20.modified, '2020-01-01T00:00:00.000Z');
});

test('timestamps: modified must not be earlier than created (2.1 §3.2, 2.0 Part 1 §3.1)', () => {
  const late = { created: '2020-01-02T00:00:00.000Z', modified: '2020-01-02T00:00:00.000Z' };
  assert.equal(create('indicator', { ...indicator21, ...late }, { now }).modified, late.modified);
  const early = { created: '2020-01-02T00:00:00.000Z', modified: '2020-01-01T00:00:00.000Z' };
  assert.throws(() => create('indicator', { ...indicator21, ...early }, { now }), stixError('STIX_INVALID', ['STIX_TIMESTAMP_ORDER']));
  assert.throws(
    () => create('indicator', { ...indicator20, ...early }, { version: '2.0', now }),
    stixError('STIX_INVALID', ['STIX_TIMESTAMP_ORDER']),
  );
});

test('timestamps: 2.0 created must have exactly millisecond precision, 2.1 at least', () => {
  const micro = '2020-01-01T00:00:00.123456Z';
  assert.equal(create('indicator', { ...indicator21, created: micro }, { now }).created, micro);
  assert.throws(
    () => create('indicator', { ...indicator20, created: micro }, { version: '2.0', now }),
    stixError('STIX_INVALID', ['STIX_TIMESTAMP_PRECISION']),
  );
});

test('timestamps: Date values become STIX timestamps', () => {
  const o = create('indicator', { ...indicator21, valid_from: new Date(Date.UTC(2024, 0, 2)) as unknown as string }, { now });
  assert.equal(o.valid_from, '2024-01-02T00:00:00.000Z');
});

test('marking-definition has created but no modified (2.1 §7.2.1, 2.0 Part 1 §4.1)', () => {
  const m21 = create('marking-definition', { definition_type: 'statement', definition: { statement: 'Copyright Acme' } }, { now });
  assert.equal(m21.created, T0);
  assert.equal('modified' in m21, false);
  const m20 = create(
    'marking-definition',
    { definition_type: 'statement', definition: { statement: 'Copyright Acme' } },
    { version: '2.0', now },
  );
  assert.equal(m20.created, T0);
  assert.equal('modified' in m20, false);
});

test('2.1 SCOs have no created or modified (§6)', () => {
  const o = create('url', { value: 'https://example.com/' }, { now });
  assert.equal('created' in o, false);
  assert.equal('modified' in o, false);
});

test('validation: required properties (2.1 §4.7 indicator) — every missing one is listed with its path', () => {
  assert.equal(create('indicator', indicator21, { now }).pattern, pattern);
  assert.throws(
    () => create('indicator', { pattern } as never, { now }),
    (error: StixError) => {
      assert.equal(error.code, 'STIX_INVALID');
      assert.deepEqual(
        error.issues.map((i) => [i.code, i.path]),
        [
          ['STIX_MISSING_PROPERTY', 'pattern_type'],
          ['STIX_MISSING_PROPERTY', 'valid_from'],
        ],
      );
      assert.match(error.message, /pattern_type/);
      return true;
    },
  );
});

test('validation: required properties (2.0 Part 2 indicator needs labels)', () => {
  assert.deepEqual(create('indicator', indicator20, { version: '2.0', now }).labels, ['malicious-activity']);
  assert.throws(
    () => create('indicator', { pattern, valid_from: T0 } as never, { version: '2.0', now }),
    stixError('STIX_INVALID', ['STIX_MISSING_PROPERTY']),
  );
});

test('validation: type in the properties must be the type asked for', () => {
  assert.equal(create('indicator', { ...indicator21, type: 'indicator' }, { now }).type, 'indicator');
  assert.throws(() => create('indicator', { ...indicator21, type: 'malware' } as never, { now }), stixError('STIX_INVALID'));
});

test('strict: best-practice findings refuse the object too', () => {
  assert.ok(create('indicator', indicator21, { now }));
  assert.throws(() => create('indicator', indicator21, { now, strict: true }), stixError('STIX_INVALID'));
  assert.ok(
    create('indicator', { ...indicator21, name: 'n', description: 'd', indicator_types: ['malicious-activity'] }, { now, strict: true }),
  );
});

test('unknown types: STIX_UNKNOWN_TYPE, 2.1-only types in 2.0 too', () => {
  assert.throws(() => createUntyped('widget', {}, { now }), stixError('STIX_UNKNOWN_TYPE'));
  assert.throws(
    () =>
      createUntyped(
        'grouping',
        { context: 'suspicious-activity', object_refs: ['indicator--7f9b1d3f-5b7d-4f1b-93f5-9b1d3f5b7d9f'] },
        { version: '2.0', now },
      ),
    stixError('STIX_UNKNOWN_TYPE'),
  );
  assert.throws(() => createUntyped('bundle', {}), stixError('STIX_UNKNOWN_TYPE'));
  assert.equal(
    createUntyped('grouping', { context: 'suspicious-activity', object_refs: ['indicator--7f9b1d3f-5b7d-4f1b-93f5-9b1d3f5b7d9f'] }, { now })
      .type,
    'grouping',
  );
});

test('2.0: observables are not top-level objects (Part 4): refused, they go in observed-data objects', () => {
  assert.throws(
    () => createUntyped('ipv4-addr', { value: '198.51.100.3' }, { version: '2.0' }),
    (e: StixError) => e.code === 'STIX_UNKNOWN_TYPE' && /observed-data/.test(e.message),
  );
  const od = create(
    'observed-data',
    {
      first_observed: T0,
      last_observed: T0,
      number_observed: 1,
      objects: { '0': { type: 'ipv4-addr', value: '198.51.100.3' } },
    },
    { version: '2.0', now },
  );
  assert.equal(od.objects['0'].type, 'ipv4-addr');
});

test('custom types: x- types are built in both versions; other names need allowCustom', () => {
  const c21 = create('x-acme-widget', { name: 'w', x_acme_size: 3 }, { now });
  assert.equal(c21.spec_version, '2.1');
  assert.equal(c21.created, T0);
  assert.match(c21.id, /^x-acme-widget--/);
  const c20 = create('x-acme-widget', { name: 'w' }, { version: '2.0', now });
  assert.equal(c20.modified, T0);
  assert.equal(createUntyped('acme-widget', { name: 'w' }, { now, allowCustom: true }).type, 'acme-widget');
  assert.throws(() => createUntyped('acme-widget', { name: 'w' }, { now }), stixError('STIX_UNKNOWN_TYPE'));
});

test('custom observables (2.1): no created/modified, id from the given contributing properties', () => {
  const a = create('x-acme-thing', { value: 'v' }, { observable: true, contributingProperties: ['value'] });
  const b = create('x-acme-thing', { value: 'v' }, { observable: true, contributingProperties: ['value'] });
  assert.equal(a.id, b.id);
  assert.equal('created' in a, false);
});

test('results are plain, deeply frozen JSON, and do not share the input', () => {
  const refs = [{ source_name: 'acme', external_id: 'A-1' }];
  const o = create(
    'indicator',
    { ...indicator21, external_references: refs, kill_chain_phases: [{ kill_chain_name: 'k', phase_name: 'p' }] },
    { now },
  );
  assert.ok(Object.isFrozen(o));
  assert.ok(Object.isFrozen(o.external_references));
  assert.ok(Object.isFrozen(o.external_references?.[0]));
  refs[0].external_id = 'changed';
  assert.equal(o.external_references?.[0].external_id, 'A-1');
  assert.deepEqual(JSON.parse(JSON.stringify(o)), o);
  assert.equal(Object.getPrototypeOf(o), Object.prototype);
});

test('values JSON cannot hold are refused (STIX_INPUT_TYPE); undefined members are dropped', () => {
  assert.equal('description' in create('indicator', { ...indicator21, description: undefined }, { now }), false);
  assert.throws(() => create('indicator', { ...indicator21, x_acme_f: () => 1 }, { now }), stixError('STIX_INPUT_TYPE'));
  assert.throws(() => create('indicator', { ...indicator21, x_acme_n: Number.NaN }, { now }), stixError('STIX_INPUT_TYPE'));
  assert.throws(() => create('indicator', { ...indicator21, x_acme_m: new Map() }, { now }), stixError('STIX_INPUT_TYPE'));
});
