import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors, IDENTITY, id, sdo21, T1, T2, warnings } from './test-helpers.js';

test('common: modified must not be earlier than created (2.1 §3.2)', () => {
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', modified: T2 })), []);
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', created: T2, modified: T1 })), ['STIX_TIMESTAMP_ORDER@modified']);
});

test('common: spec_version is required and must be 2.1 (2.1 §3.2)', () => {
  const { spec_version: _s, ...noVersion } = sdo21('campaign', { name: 'c' });
  assert.deepEqual(errors(noVersion), ['STIX_MISSING_PROPERTY@spec_version']);
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', spec_version: '2.0' })), ['STIX_NOT_IN_ENUM@spec_version']);
});

test('common: id type part must equal the type (2.1 §2.9)', () => {
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', id: id('tool') })), ['STIX_ID_TYPE_MISMATCH@id']);
});

test('common: created_by_ref points at an identity; object_marking_refs at marking-definitions (2.1 §3.2)', () => {
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', created_by_ref: IDENTITY })), []);
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', created_by_ref: id('tool') })), ['STIX_REF_TARGET_TYPE@created_by_ref']);
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', object_marking_refs: [id('identity')] })), [
    'STIX_REF_TARGET_TYPE@object_marking_refs[0]',
  ]);
});

test('common: confidence is an integer from 0 to 100 (2.1 §3.2)', () => {
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', confidence: 100 })), []);
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', confidence: 101 })), ['STIX_OUT_OF_RANGE@confidence']);
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', confidence: 5.5 })), ['STIX_WRONG_JSON_TYPE@confidence']);
});

test('common: lang is an RFC 5646 tag (validator MUST language)', () => {
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', lang: 'en-US' })), []);
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', lang: 'english' })), ['STIX_INVALID_LANGUAGE@lang']);
});

test('common: external references need source_name and one of description, url, external_id (2.1 §2.5)', () => {
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', external_references: [{ source_name: 'capec', external_id: 'CAPEC-163' }] })), []);
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', external_references: [{ source_name: 'capec' }] })), [
    'STIX_AT_LEAST_ONE@external_references[0]',
  ]);
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', external_references: [{ url: 'https://x.org' }] })), [
    'STIX_MISSING_PROPERTY@external_references[0].source_name',
  ]);
});

test('common: granular markings need exactly one of marking_ref and lang, and selectors that resolve (2.1 §7.2.3)', () => {
  const ok = { selectors: ['description'], marking_ref: id('marking-definition') };
  assert.deepEqual(
    errors(sdo21('campaign', { name: 'c', description: 'd', granular_markings: [ok, { selectors: ['name'], lang: 'fr' }] })),
    [],
  );
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', description: 'd', granular_markings: [{ selectors: ['description'] }] })), [
    'STIX_AT_LEAST_ONE@granular_markings[0]',
  ]);
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', description: 'd', granular_markings: [{ ...ok, lang: 'fr' }] })), [
    'STIX_MUTUALLY_EXCLUSIVE@granular_markings[0].lang',
  ]);
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', granular_markings: [ok] })), [
    'STIX_INVALID_SELECTOR@granular_markings[0].selectors[0]',
  ]);
});

test('common: lists must not be empty (2.1 §2.8)', () => {
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', aliases: [] })), ['STIX_EMPTY_LIST@aliases']);
});

test('common: extensions keyed by extension-definition id; toplevel extension properties are not custom (2.1 §7.3)', () => {
  const def = id('extension-definition');
  const o = sdo21('campaign', { name: 'c', x_score: 3, extensions: { [def]: { extension_type: 'toplevel-property-extension' } } });
  assert.deepEqual(errors(o), []);
  assert.deepEqual(warnings(o), []);
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', extensions: { [def]: { extension_type: 'new-thing' } } })), [
    `STIX_NOT_IN_ENUM@extensions["${def}"].extension_type`,
  ]);
  assert.deepEqual(errors(sdo21('campaign', { name: 'c', extensions: {} })), ['STIX_EMPTY_DICTIONARY@extensions']);
});

test('attack-pattern, campaign, course-of-action, intrusion-set, tool, vulnerability, incident: name is required (2.1 §4)', () => {
  for (const type of [
    'attack-pattern',
    'campaign',
    'course-of-action',
    'intrusion-set',
    'tool',
    'vulnerability',
    'incident',
    'identity',
    'infrastructure',
    'threat-actor',
  ]) {
    assert.deepEqual(errors(sdo21(type, { name: 'n' })), [], type);
    assert.deepEqual(errors(sdo21(type)), ['STIX_MISSING_PROPERTY@name'], type);
  }
});

test('course-of-action: action is reserved (2.1 §4.3)', () => {
  assert.deepEqual(errors(sdo21('course-of-action', { name: 'n', action: 'x' })), ['STIX_RESERVED_PROPERTY@action']);
});

test('first_seen / last_seen: last_seen not earlier than first_seen (2.1 §4.2, §4.8, §4.9, §4.11, §4.17)', () => {
  for (const type of ['campaign', 'intrusion-set', 'threat-actor', 'infrastructure']) {
    assert.deepEqual(errors(sdo21(type, { name: 'n', first_seen: T1, last_seen: T1 })), [], type);
    assert.deepEqual(errors(sdo21(type, { name: 'n', first_seen: T2, last_seen: T1 })), ['STIX_TIMESTAMP_ORDER@last_seen'], type);
  }
});

test('grouping: context and object_refs are required (2.1 §4.4)', () => {
  assert.deepEqual(errors(sdo21('grouping', { context: 'suspicious-activity', object_refs: [id('indicator')] })), []);
  assert.deepEqual(errors(sdo21('grouping', { object_refs: [id('indicator')] })), ['STIX_MISSING_PROPERTY@context']);
  assert.deepEqual(warnings(sdo21('grouping', { context: 'Things', object_refs: [id('indicator')] })), [
    '225:STIX_VOCABULARY@context',
    '111:STIX_FORMAT@context',
  ]);
});

const indicator = (props: Record<string, unknown> = {}) =>
  sdo21('indicator', {
    name: 'i',
    description: 'd',
    pattern: "[url:value = 'http://x.org']",
    pattern_type: 'stix',
    valid_from: T1,
    ...props,
  });

test('indicator: pattern, pattern_type and valid_from are required (2.1 §4.7)', () => {
  assert.deepEqual(errors(indicator()), []);
  assert.deepEqual(errors(indicator({ pattern_type: undefined })), ['STIX_MISSING_PROPERTY@pattern_type']);
});

test('indicator: valid_until must be later than valid_from (2.1 §4.7)', () => {
  assert.deepEqual(errors(indicator({ valid_until: T2 })), []);
  assert.deepEqual(errors(indicator({ valid_until: T1 })), ['STIX_TIMESTAMP_ORDER@valid_until']);
});

test('indicator: name and description are recommended (best practice 303); pattern_type from pattern-type-ov (245)', () => {
  assert.deepEqual(warnings(indicator()), []);
  assert.deepEqual(warnings(indicator({ name: undefined })), ['303:STIX_RECOMMENDED_PROPERTY@']);
  assert.deepEqual(warnings(indicator({ pattern_type: 'kql' })), ['245:STIX_VOCABULARY@pattern_type']);
});

test('location: region, country, or latitude with longitude (2.1 §4.10)', () => {
  assert.deepEqual(errors(sdo21('location', { region: 'northern-america' })), []);
  assert.deepEqual(errors(sdo21('location', { latitude: 48.8, longitude: 2.3, precision: 1000 })), []);
  assert.deepEqual(errors(sdo21('location', { city: 'Paris' })), ['STIX_AT_LEAST_ONE@']);
  assert.deepEqual(errors(sdo21('location', { country: 'FR', latitude: 48.8 })), ['STIX_DEPENDENT_PROPERTY@latitude']);
  assert.deepEqual(errors(sdo21('location', { country: 'FR', precision: 10 })), [
    'STIX_DEPENDENT_PROPERTY@precision',
    'STIX_DEPENDENT_PROPERTY@precision',
  ]);
  assert.deepEqual(errors(sdo21('location', { latitude: 91, longitude: 0 })), ['STIX_OUT_OF_RANGE@latitude']);
  assert.deepEqual(warnings(sdo21('location', { country: 'fr' })), ['277:STIX_EXTERNAL_REGISTRY@country']);
});

test('malware: is_family is required; name is required when is_family is true (2.1 §4.11)', () => {
  assert.deepEqual(errors(sdo21('malware', { is_family: false })), []);
  assert.deepEqual(errors(sdo21('malware', { is_family: true, name: 'n' })), []);
  assert.deepEqual(errors(sdo21('malware', { is_family: true })), ['STIX_DEPENDENT_PROPERTY@name']);
  assert.deepEqual(errors(sdo21('malware', { name: 'n' })), ['STIX_MISSING_PROPERTY@is_family']);
  assert.deepEqual(errors(sdo21('malware', { is_family: false, sample_refs: [id('url')] })), ['STIX_REF_TARGET_TYPE@sample_refs[0]']);
  assert.deepEqual(warnings(sdo21('malware', { is_family: false, malware_types: ['malware'] })), ['216:STIX_VOCABULARY@malware_types[0]']);
});

test('malware-analysis: product, and result or analysis_sco_refs (2.1 §4.12)', () => {
  assert.deepEqual(errors(sdo21('malware-analysis', { product: 'av', result: 'malicious' })), []);
  assert.deepEqual(errors(sdo21('malware-analysis', { product: 'av' })), ['STIX_AT_LEAST_ONE@']);
  assert.deepEqual(errors(sdo21('malware-analysis', { product: 'av', result: 'benign', host_vm_ref: id('file') })), [
    'STIX_REF_TARGET_TYPE@host_vm_ref',
  ]);
  assert.deepEqual(warnings(sdo21('malware-analysis', { product: 'Some AV', result: 'benign' })), ['143:STIX_FORMAT@product']);
});

test('note and opinion: object_refs required; opinion is a closed enumeration (2.1 §4.13, §4.15)', () => {
  assert.deepEqual(errors(sdo21('note', { content: 'c', object_refs: [id('campaign')] })), []);
  assert.deepEqual(errors(sdo21('note', { content: 'c' })), ['STIX_MISSING_PROPERTY@object_refs']);
  assert.deepEqual(errors(sdo21('opinion', { opinion: 'agree', object_refs: [id('campaign')] })), []);
  assert.deepEqual(errors(sdo21('opinion', { opinion: 'maybe', object_refs: [id('campaign')] })), ['STIX_NOT_IN_ENUM@opinion']);
});

test('observed-data: exactly one of object_refs and objects; number_observed 1..999,999,999; refs to SCOs or SROs (2.1 §4.14)', () => {
  const base = { first_observed: T1, last_observed: T2, number_observed: 1 };
  assert.deepEqual(errors(sdo21('observed-data', { ...base, object_refs: [id('ipv4-addr'), id('relationship')] })), []);
  assert.deepEqual(errors(sdo21('observed-data', base)), ['STIX_AT_LEAST_ONE@']);
  assert.deepEqual(
    errors(sdo21('observed-data', { ...base, object_refs: [id('ipv4-addr')], objects: { 0: { type: 'ipv4-addr', value: '1.2.3.4' } } })),
    ['STIX_MUTUALLY_EXCLUSIVE@object_refs'],
  );
  assert.deepEqual(errors(sdo21('observed-data', { ...base, number_observed: 0, object_refs: [id('file')] })), [
    'STIX_OUT_OF_RANGE@number_observed',
  ]);
  assert.deepEqual(errors(sdo21('observed-data', { ...base, object_refs: [id('indicator')] })), ['STIX_REF_TARGET_TYPE@object_refs[0]']);
  assert.deepEqual(errors(sdo21('observed-data', { ...base, last_observed: '2015-01-01T00:00:00Z', object_refs: [id('file')] })), [
    'STIX_TIMESTAMP_ORDER@last_observed',
  ]);
  assert.deepEqual(warnings(sdo21('observed-data', { ...base, objects: { 0: { type: 'ipv4-addr', value: '1.2.3.4' } } })), [
    '304:STIX_DEPRECATED@objects',
  ]);
});

test('report: name, published and object_refs required (2.1 §4.16)', () => {
  assert.deepEqual(errors(sdo21('report', { name: 'r', published: T1, object_refs: [id('campaign')] })), []);
  assert.deepEqual(errors(sdo21('report', { name: 'r', object_refs: [id('campaign')] })), ['STIX_MISSING_PROPERTY@published']);
});

test('threat-actor and identity vocabularies are best practices (2.1 §10)', () => {
  assert.deepEqual(
    warnings(sdo21('threat-actor', { name: 'n', threat_actor_types: ['spy'], roles: ['agent'], sophistication: 'expert' })),
    [],
  );
  assert.deepEqual(warnings(sdo21('threat-actor', { name: 'n', sophistication: 'elite' })), ['221:STIX_VOCABULARY@sophistication']);
  assert.deepEqual(warnings(sdo21('identity', { name: 'n', identity_class: 'nation' })), ['213:STIX_VOCABULARY@identity_class']);
});

test('relationship: source_ref and target_ref are SDOs or SCOs; stop_time later than start_time (2.1 §5.1)', () => {
  const rel = (props: Record<string, unknown>) =>
    sdo21('relationship', { relationship_type: 'uses', source_ref: id('intrusion-set'), target_ref: id('malware'), ...props });
  assert.deepEqual(errors(rel({})), []);
  assert.deepEqual(errors(rel({ target_ref: id('marking-definition') })), ['STIX_REF_TARGET_TYPE@target_ref']);
  assert.deepEqual(errors(rel({ start_time: T2, stop_time: T1 })), ['STIX_TIMESTAMP_ORDER@stop_time']);
  assert.deepEqual(errors(rel({ relationship_type: 'Uses' })), ['STIX_INVALID_STRING@relationship_type']);
});

test('relationship: unsuggested relationship types are best practice 202', () => {
  const rel = (type: string, source: string, target: string) =>
    sdo21('relationship', { relationship_type: type, source_ref: id(source), target_ref: id(target) });
  assert.deepEqual(warnings(rel('uses', 'intrusion-set', 'malware')), []);
  assert.deepEqual(warnings(rel('related-to', 'intrusion-set', 'location')), []);
  assert.deepEqual(warnings(rel('eats', 'intrusion-set', 'malware')), ['202:STIX_VOCABULARY@relationship_type']);
  assert.deepEqual(warnings(rel('uses', 'intrusion-set', 'location')), ['202:STIX_VOCABULARY@relationship_type']);
});

test('sighting: sighting_of_ref is an SDO; where_sighted_refs identities or locations; count range (2.1 §5.2)', () => {
  const s = (props: Record<string, unknown>) => sdo21('sighting', { sighting_of_ref: id('indicator'), ...props });
  assert.deepEqual(errors(s({ where_sighted_refs: [id('identity'), id('location')], count: 0 })), []);
  assert.deepEqual(errors(s({ sighting_of_ref: id('relationship') })), ['STIX_REF_TARGET_TYPE@sighting_of_ref']);
  assert.deepEqual(errors(s({ where_sighted_refs: [id('campaign')] })), ['STIX_REF_TARGET_TYPE@where_sighted_refs[0]']);
  assert.deepEqual(errors(s({ count: 1_000_000_000 })), ['STIX_OUT_OF_RANGE@count']);
  assert.deepEqual(errors(s({ first_seen: T2, last_seen: T1 })), ['STIX_TIMESTAMP_ORDER@last_seen']);
});
