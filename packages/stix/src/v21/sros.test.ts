/**
 * STIX 2.1 SROs (§5): relationship and sighting, property by property. The suggested relationship
 * types (best practice 202) are tested in checks-sdo.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors, id, sdo21, T1, T2, warnings } from './test-helpers.js';

function relationship(props: Record<string, unknown> = {}): Record<string, unknown> {
  const o: Record<string, unknown> = sdo21('relationship', {
    relationship_type: 'uses',
    source_ref: id('intrusion-set'),
    target_ref: id('malware'),
    ...props,
  });
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

function sighting(props: Record<string, unknown> = {}): Record<string, unknown> {
  const o: Record<string, unknown> = sdo21('sighting', { sighting_of_ref: id('indicator'), ...props });
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

test('relationship: a minimal relationship is valid (2.1 §5.1)', () => {
  assert.deepEqual(errors(relationship()), []);
  assert.deepEqual(warnings(relationship()), []);
  assert.deepEqual(errors(relationship({ description: 'd', start_time: T1, stop_time: T2 })), []);
});

test('relationship: relationship_type, source_ref and target_ref are required (2.1 §5.1)', () => {
  for (const name of ['relationship_type', 'source_ref', 'target_ref'])
    assert.deepEqual(errors(relationship({ [name]: undefined })), [`STIX_MISSING_PROPERTY@${name}`], name);
});

test('relationship: relationship_type is ASCII a-z, 0-9 and hyphen (2.1 §5.1)', () => {
  assert.deepEqual(errors(relationship({ relationship_type: 'delivered-by-2' })), []);
  assert.deepEqual(errors(relationship({ relationship_type: 'Uses' })), ['STIX_INVALID_STRING@relationship_type']);
  assert.deepEqual(errors(relationship({ relationship_type: 'related_to' })), ['STIX_INVALID_STRING@relationship_type']);
  assert.deepEqual(errors(relationship({ relationship_type: 'über' })), ['STIX_INVALID_STRING@relationship_type']);
});

test('relationship: source_ref and target_ref are SDOs or SCOs, custom types included (2.1 §5.1)', () => {
  assert.deepEqual(
    errors(relationship({ relationship_type: 'consists-of', source_ref: id('infrastructure'), target_ref: id('ipv4-addr') })),
    [],
  );
  assert.deepEqual(errors(relationship({ relationship_type: 'detects', source_ref: id('x-mitre-data-component') })), []);
});

test('relationship: source_ref and target_ref cannot be an SRO, bundle, language-content or marking-definition (2.1 §5.1)', () => {
  for (const type of ['relationship', 'sighting', 'bundle', 'language-content', 'marking-definition', 'extension-definition']) {
    assert.deepEqual(errors(relationship({ target_ref: id(type) })), ['STIX_REF_TARGET_TYPE@target_ref'], type);
    assert.deepEqual(errors(relationship({ source_ref: id(type) })), ['STIX_REF_TARGET_TYPE@source_ref'], type);
  }
});

test('relationship: source_ref must be an identifier (2.1 §2.9)', () => {
  assert.deepEqual(errors(relationship({ source_ref: 'intrusion-set--1' })), ['STIX_INVALID_IDENTIFIER@source_ref']);
});

test('relationship: stop_time must be later than start_time (2.1 §5.1)', () => {
  assert.deepEqual(errors(relationship({ start_time: T1, stop_time: T2 })), []);
  assert.deepEqual(errors(relationship({ start_time: T1, stop_time: T1 })), ['STIX_TIMESTAMP_ORDER@stop_time']);
  assert.deepEqual(errors(relationship({ start_time: T2, stop_time: T1 })), ['STIX_TIMESTAMP_ORDER@stop_time']);
});

test('relationship: the reserved names and defanged are not allowed (2.1 §3.8, §5.1)', () => {
  assert.deepEqual(errors(relationship({ severity: 'high' })), ['STIX_RESERVED_PROPERTY@severity']);
  assert.deepEqual(errors(relationship({ defanged: false })), ['STIX_PROPERTY_NOT_ALLOWED@defanged']);
});

test('sighting: a minimal sighting is valid; sighting_of_ref is required (2.1 §5.2)', () => {
  assert.deepEqual(errors(sighting()), []);
  assert.deepEqual(warnings(sighting()), []);
  assert.deepEqual(errors(sighting({ sighting_of_ref: undefined })), ['STIX_MISSING_PROPERTY@sighting_of_ref']);
});

test('sighting: every property with its type (2.1 §5.2)', () => {
  const ok = {
    description: 'seen',
    first_seen: '2015-12-21T19:00:00Z',
    last_seen: '2015-12-21T19:00:00Z',
    count: 50,
    observed_data_refs: [id('observed-data')],
    where_sighted_refs: [id('identity'), id('location')],
    summary: true,
  };
  assert.deepEqual(errors(sighting(ok)), []);
  assert.deepEqual(errors(sighting({ count: '5', summary: 'false' })), ['STIX_WRONG_JSON_TYPE@count', 'STIX_WRONG_JSON_TYPE@summary']);
});

test('sighting: sighting_of_ref MUST reference an SDO (custom objects accepted) (2.1 §5.2)', () => {
  assert.deepEqual(errors(sighting({ sighting_of_ref: id('malware') })), []);
  assert.deepEqual(errors(sighting({ sighting_of_ref: id('x-acme-campaign') })), []);
  for (const type of ['relationship', 'file', 'marking-definition'])
    assert.deepEqual(errors(sighting({ sighting_of_ref: id(type) })), ['STIX_REF_TARGET_TYPE@sighting_of_ref'], type);
});

test('sighting: observed_data_refs reference only observed-data; where_sighted_refs only identity or location (2.1 §5.2)', () => {
  assert.deepEqual(errors(sighting({ observed_data_refs: [id('indicator')] })), ['STIX_REF_TARGET_TYPE@observed_data_refs[0]']);
  assert.deepEqual(errors(sighting({ where_sighted_refs: [id('identity'), id('campaign')] })), [
    'STIX_REF_TARGET_TYPE@where_sighted_refs[1]',
  ]);
});

test('sighting: count is an integer from 0 to 999,999,999 (2.1 §5.2)', () => {
  assert.deepEqual(errors(sighting({ count: 0 })), []);
  assert.deepEqual(errors(sighting({ count: 999_999_999 })), []);
  assert.deepEqual(errors(sighting({ count: -1 })), ['STIX_OUT_OF_RANGE@count']);
  assert.deepEqual(errors(sighting({ count: 1_000_000_000 })), ['STIX_OUT_OF_RANGE@count']);
});

test('sighting: last_seen must not be earlier than first_seen (2.1 §5.2)', () => {
  assert.deepEqual(errors(sighting({ first_seen: T1, last_seen: T1 })), []);
  assert.deepEqual(errors(sighting({ first_seen: T2, last_seen: T1 })), ['STIX_TIMESTAMP_ORDER@last_seen']);
});

test('sighting: lists must not be empty (2.1 §2.12)', () => {
  assert.deepEqual(errors(sighting({ where_sighted_refs: [] })), ['STIX_EMPTY_LIST@where_sighted_refs']);
});
