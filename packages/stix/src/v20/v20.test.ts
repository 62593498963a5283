import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors, id, sdo20, T1, T2, warnings } from '../v21/test-helpers.js';
import { validate } from '../validate.js';

const e = (o: unknown) => errors(o, '2.0');
const w = (o: unknown) => warnings(o, '2.0');

test('2.0 common: created/modified have exactly millisecond precision (Part 1 §3.2)', () => {
  assert.deepEqual(e(sdo20('campaign', { name: 'c' })), []);
  assert.deepEqual(e(sdo20('campaign', { name: 'c', modified: '2016-04-06T20:03:00.0001Z' })), ['STIX_TIMESTAMP_PRECISION@modified']);
  assert.deepEqual(e(sdo20('campaign', { name: 'c', created: '2016-04-06T20:03:00Z' })), ['STIX_TIMESTAMP_PRECISION@created']);
});

test('2.0 common: ids use UUIDv4 (Part 1 §2.7)', () => {
  assert.deepEqual(e(sdo20('campaign', { name: 'c', id: 'campaign--8e2e2d2b-17d4-5cbf-938f-98ee46b3cd3f' })), ['STIX_UUID_VERSION@id']);
});

test('2.0 common: objects carry no spec_version; 2.1-only properties are reserved (Part 1 §3, §5)', () => {
  assert.deepEqual(e(sdo20('campaign', { name: 'c', spec_version: '2.0' })), ['STIX_SPEC_VERSION@spec_version']);
  assert.deepEqual(e(sdo20('campaign', { name: 'c', confidence: 50 })), ['STIX_RESERVED_PROPERTY@confidence']);
});

test('2.0 bundle: spec_version "2.0" is required (Part 1 §5)', () => {
  const bundle = { type: 'bundle', id: id('bundle'), spec_version: '2.0', objects: [sdo20('campaign', { name: 'c' })] };
  assert.equal(validate(bundle).valid, true);
  assert.equal(validate(bundle).version, '2.0');
  const { spec_version: _s, ...noVersion } = bundle;
  assert.deepEqual(
    validate(noVersion, { version: '2.0', bestPractices: false }).issues.map((i) => `${i.code}@${i.path}`),
    ['STIX_MISSING_PROPERTY@spec_version'],
  );
});

test('2.0 granular markings: marking_ref and selectors required; selectors resolve (Part 1 §4.3)', () => {
  const mk = id('marking-definition');
  assert.deepEqual(e(sdo20('campaign', { name: 'c', granular_markings: [{ marking_ref: mk, selectors: ['name'] }] })), []);
  assert.deepEqual(e(sdo20('campaign', { name: 'c', granular_markings: [{ selectors: ['name'] }] })), [
    'STIX_MISSING_PROPERTY@granular_markings[0].marking_ref',
  ]);
  assert.deepEqual(e(sdo20('campaign', { name: 'c', granular_markings: [{ marking_ref: mk, selectors: ['description'] }] })), [
    'STIX_INVALID_SELECTOR@granular_markings[0].selectors[0]',
  ]);
});

test('2.0 SDOs: labels required on indicator, malware, report, threat-actor, tool (Part 2 §2)', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['indicator', { pattern: "[file:name = 'a']", valid_from: T1 }],
    ['malware', { name: 'm' }],
    ['report', { name: 'r', published: T1, object_refs: [id('campaign')] }],
    ['threat-actor', { name: 't' }],
    ['tool', { name: 't' }],
  ];
  for (const [type, props] of cases) {
    assert.deepEqual(e(sdo20(type, { labels: ['x'], ...props })), [], type);
    assert.deepEqual(e(sdo20(type, props)), ['STIX_MISSING_PROPERTY@labels'], type);
  }
  assert.deepEqual(w(sdo20('malware', { name: 'm', labels: ['ransomware'] })), []);
  assert.deepEqual(w(sdo20('malware', { name: 'm', labels: ['malware'] })), ['216:STIX_VOCABULARY@labels[0]']);
});

test('2.0 identity: identity_class is required (Part 2 §2.4)', () => {
  assert.deepEqual(e(sdo20('identity', { name: 'n', identity_class: 'organization' })), []);
  assert.deepEqual(e(sdo20('identity', { name: 'n' })), ['STIX_MISSING_PROPERTY@identity_class']);
});

test('2.0 indicator: valid_until later than valid_from (Part 2 §2.5)', () => {
  assert.deepEqual(e(sdo20('indicator', { labels: ['benign'], pattern: "[file:name = 'p']", valid_from: T2, valid_until: T1 })), [
    'STIX_TIMESTAMP_ORDER@valid_until',
  ]);
});

test('2.0 sighting: where_sighted_refs are identities (Part 2 §3.2)', () => {
  assert.deepEqual(e(sdo20('sighting', { sighting_of_ref: id('indicator'), where_sighted_refs: [id('identity')] })), []);
  assert.deepEqual(e(sdo20('sighting', { sighting_of_ref: id('indicator'), where_sighted_refs: [id('location')] })), [
    'STIX_REF_TARGET_TYPE@where_sighted_refs[0]',
  ]);
});

test('2.0 marking-definition: TLP canonical ids; no self-marking (Part 1 §4.1)', () => {
  const white = {
    type: 'marking-definition',
    id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    definition: { tlp: 'white' },
  };
  assert.deepEqual(e(white), []);
  assert.deepEqual(e({ ...white, definition: { tlp: 'green' } }), ['STIX_INVALID_VALUE@definition']);
  assert.deepEqual(e({ ...white, object_marking_refs: [white.id] }), ['STIX_CIRCULAR_MARKING@object_marking_refs']);
});

const od = (objects: Record<string, unknown>) =>
  sdo20('observed-data', { first_observed: T1, last_observed: T1, number_observed: 1, objects });

test('2.0 observed-data: objects container with observables checked by type (Part 3 §2, Part 4)', () => {
  assert.deepEqual(e(od({ 0: { type: 'ipv4-addr', value: '198.51.100.3' } })), []);
  assert.deepEqual(e(od({ 0: { type: 'ipv4-addr' } })), ['STIX_MISSING_PROPERTY@objects["0"].value']);
  assert.deepEqual(e(od({})), ['STIX_EMPTY_DICTIONARY@objects']);
  assert.deepEqual(e(sdo20('observed-data', { first_observed: T1, last_observed: T1, number_observed: 1 })), [
    'STIX_MISSING_PROPERTY@objects',
  ]);
});

test('2.0 observables: references resolve inside the container and point at allowed types (validator MUST observable_object_references)', () => {
  const ok = { 0: { type: 'ipv4-addr', value: '198.51.100.3' }, 1: { type: 'network-traffic', dst_ref: '0', protocols: ['tcp'] } };
  assert.deepEqual(e(od(ok)), []);
  assert.deepEqual(e(od({ ...ok, 1: { type: 'network-traffic', dst_ref: '5', protocols: ['tcp'] } })), [
    'STIX_UNRESOLVED_REF@objects["1"].dst_ref',
  ]);
  assert.deepEqual(e(od({ 0: { type: 'file', name: 'a' }, 1: { type: 'network-traffic', dst_ref: '0', protocols: ['tcp'] } })), [
    'STIX_REF_TARGET_TYPE@objects["1"].dst_ref',
  ]);
});

test('2.0 observables: 2.0 property names (file created/accessed, process binary_ref, user-account user_id required)', () => {
  assert.deepEqual(e(od({ 0: { type: 'file', name: 'a', created: T1, accessed: T1 } })), []);
  assert.deepEqual(e(od({ 0: { type: 'user-account', account_login: 'jdoe' } })), ['STIX_MISSING_PROPERTY@objects["0"].user_id']);
  assert.deepEqual(e(od({ 0: { type: 'file', name: 'a.exe' }, 1: { type: 'process', pid: 1, binary_ref: '0' } })), []);
  assert.deepEqual(e(od({ 0: { type: 'file', name: 'a', encryption_algorithm: 'RSA' } })), [
    'STIX_DEPENDENT_PROPERTY@objects["0"].encryption_algorithm',
  ]);
});

test('2.0 observables: keys "0", "1", … are best practice 141; custom observables follow the custom policy', () => {
  assert.deepEqual(w(od({ a: { type: 'mutex', name: 'm' } })), ['141:STIX_FORMAT@objects.a']);
  assert.deepEqual(w(od({ 0: { type: 'x-acme-thing', size: 3 } })), ['101:STIX_CUSTOM_PREFIX@objects["0"].size']);
  assert.deepEqual(
    validate(od({ 0: { type: 'x-acme-thing' } }), { version: '2.0', strictTypes: true, bestPractices: false }).issues.map((i) => i.code),
    ['STIX_UNKNOWN_TYPE'],
  );
});

test('2.0 observables: predefined extensions; archive-ext version is 2.0 only', () => {
  assert.deepEqual(
    e(
      od({
        0: { type: 'file', name: 'a.zip', extensions: { 'archive-ext': { contains_refs: ['1'], version: '5.0' } } },
        1: { type: 'file', name: 'b' },
      }),
    ),
    [],
  );
  assert.deepEqual(e(od({ 0: { type: 'file', name: 'a.zip', extensions: { 'archive-ext': {} } } })), [
    'STIX_MISSING_PROPERTY@objects["0"].extensions["archive-ext"].contains_refs',
  ]);
});
