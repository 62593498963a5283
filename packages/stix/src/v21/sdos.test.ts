/**
 * STIX 2.1 SDOs (§4): every property of every type, its type, whether it is required, the
 * objects a reference may point at, and the open vocabularies. Co-constraints (several properties
 * at once) are tested in checks-sdo.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registry21 } from './registry.js';
import { errors, IDENTITY, id, sdo21, T1, T2, warnings } from './test-helpers.js';

/** A valid instance of each SDO, with its required properties only. */
const base: Record<string, () => Record<string, unknown>> = {
  'attack-pattern': () => sdo21('attack-pattern', { name: 'Spear Phishing' }),
  campaign: () => sdo21('campaign', { name: 'Green Group Attacks' }),
  'course-of-action': () => sdo21('course-of-action', { name: 'Block port 80' }),
  grouping: () => sdo21('grouping', { context: 'suspicious-activity', object_refs: [id('indicator')] }),
  identity: () => sdo21('identity', { name: 'ACME Widget, Inc.' }),
  incident: () => sdo21('incident', { name: 'Incident 43' }),
  indicator: () =>
    sdo21('indicator', {
      name: 'Poison Ivy Malware',
      description: 'This file is part of Poison Ivy',
      pattern: "[file:hashes.'SHA-256' = '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877']",
      pattern_type: 'stix',
      valid_from: T1,
    }),
  infrastructure: () => sdo21('infrastructure', { name: 'Poison Ivy C2' }),
  'intrusion-set': () => sdo21('intrusion-set', { name: 'Bobcat Breakin' }),
  location: () => sdo21('location', { region: 'northern-america' }),
  malware: () => sdo21('malware', { name: 'Cryptolocker', is_family: false }),
  'malware-analysis': () => sdo21('malware-analysis', { product: 'microsoft', result: 'malicious' }),
  note: () => sdo21('note', { content: 'Seen on a forum', object_refs: [id('campaign')] }),
  'observed-data': () =>
    sdo21('observed-data', { first_observed: T1, last_observed: T2, number_observed: 50, object_refs: [id('ipv4-addr')] }),
  opinion: () => sdo21('opinion', { opinion: 'strongly-disagree', object_refs: [id('relationship')] }),
  report: () => sdo21('report', { name: 'The Black Vine Group', published: T1, object_refs: [id('campaign')] }),
  'threat-actor': () => sdo21('threat-actor', { name: 'Evil Org' }),
  tool: () => sdo21('tool', { name: 'VNC' }),
  vulnerability: () => sdo21('vulnerability', { name: 'CVE-2016-1234' }),
};

/** The object of `type` with `props` changed (undefined removes). */
function with_(type: string, props: Record<string, unknown>): Record<string, unknown> {
  const o = { ...base[type](), ...props };
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

const REQUIRED: Record<string, string[]> = {
  'attack-pattern': ['name'],
  campaign: ['name'],
  'course-of-action': ['name'],
  grouping: ['context', 'object_refs'],
  identity: ['name'],
  incident: ['name'],
  indicator: ['pattern', 'pattern_type', 'valid_from'],
  infrastructure: ['name'],
  'intrusion-set': ['name'],
  location: [],
  malware: ['is_family'],
  'malware-analysis': ['product'],
  note: ['content', 'object_refs'],
  'observed-data': ['first_observed', 'last_observed', 'number_observed'],
  opinion: ['opinion', 'object_refs'],
  report: ['name', 'published', 'object_refs'],
  'threat-actor': ['name'],
  tool: ['name'],
  vulnerability: ['name'],
};

test('all 19 SDOs of §4 are defined, as SDOs', () => {
  const sdos = [...registry21.types.values()].filter((d) => d.category === 'sdo').map((d) => d.type);
  assert.deepEqual(sdos.sort(), Object.keys(base).sort());
});

test('every SDO: a minimal instance with its required properties is valid, without best-practice findings (2.1 §4)', () => {
  for (const type of Object.keys(base)) {
    assert.deepEqual(errors(base[type]()), [], type);
    assert.deepEqual(warnings(base[type]()), [], type);
  }
});

test('every SDO: each required property is required (2.1 §4)', () => {
  for (const [type, names] of Object.entries(REQUIRED))
    for (const name of names)
      assert.deepEqual(errors(with_(type, { [name]: undefined })), [`STIX_MISSING_PROPERTY@${name}`], `${type} ${name}`);
});

test('every SDO: the common required properties type, spec_version, id, created, modified (2.1 §3.2)', () => {
  for (const type of Object.keys(base))
    for (const name of ['spec_version', 'created', 'modified'])
      assert.deepEqual(errors(with_(type, { [name]: undefined })), [`STIX_MISSING_PROPERTY@${name}`], `${type} ${name}`);
});

test('every SDO: modified must not be earlier than created (2.1 §3.2)', () => {
  assert.deepEqual(errors(with_('campaign', { modified: T2 })), []);
  assert.deepEqual(errors(with_('campaign', { created: T2, modified: T1 })), ['STIX_TIMESTAMP_ORDER@modified']);
});

test('every SDO: created and modified are precise to the millisecond (2.1 §3.2)', () => {
  assert.deepEqual(errors(with_('tool', { created: '2016-04-06T20:03:00Z', modified: '2016-04-06T20:03:00Z' })), [
    'STIX_TIMESTAMP_PRECISION@created',
    'STIX_TIMESTAMP_PRECISION@modified',
  ]);
});

test('every SDO: spec_version must be 2.1 (2.1 §3.2)', () => {
  assert.deepEqual(errors(with_('campaign', { spec_version: '2.0' })), ['STIX_NOT_IN_ENUM@spec_version']);
});

test('every SDO: the id type part must equal the type (2.1 §2.9)', () => {
  assert.deepEqual(errors(with_('campaign', { id: id('tool') })), ['STIX_ID_TYPE_MISMATCH@id']);
});

test('every SDO: created_by_ref points at an identity, object_marking_refs at marking-definitions (2.1 §3.2)', () => {
  assert.deepEqual(errors(with_('campaign', { created_by_ref: IDENTITY })), []);
  assert.deepEqual(errors(with_('campaign', { created_by_ref: id('tool') })), ['STIX_REF_TARGET_TYPE@created_by_ref']);
  assert.deepEqual(errors(with_('campaign', { object_marking_refs: [id('identity')] })), ['STIX_REF_TARGET_TYPE@object_marking_refs[0]']);
});

test('every SDO: confidence is an integer from 0 to 100 (2.1 §3.2)', () => {
  assert.deepEqual(errors(with_('campaign', { confidence: 0 })), []);
  assert.deepEqual(errors(with_('campaign', { confidence: 101 })), ['STIX_OUT_OF_RANGE@confidence']);
  assert.deepEqual(errors(with_('campaign', { confidence: 5.5 })), ['STIX_WRONG_JSON_TYPE@confidence']);
});

test('every SDO: lang is an RFC 5646 tag (validator MUST language)', () => {
  assert.deepEqual(errors(with_('campaign', { lang: 'en-US' })), []);
  assert.deepEqual(errors(with_('campaign', { lang: 'english' })), ['STIX_INVALID_LANGUAGE@lang']);
});

test('every SDO: revoked is a boolean and labels a list of strings (2.1 §3.2)', () => {
  assert.deepEqual(errors(with_('campaign', { revoked: true, labels: ['a'] })), []);
  assert.deepEqual(errors(with_('campaign', { revoked: 'yes', labels: [1] })), [
    'STIX_WRONG_JSON_TYPE@revoked',
    'STIX_WRONG_JSON_TYPE@labels[0]',
  ]);
});

test('every SDO: external references need source_name and one of description, url, external_id (2.1 §2.5)', () => {
  assert.deepEqual(errors(with_('campaign', { external_references: [{ source_name: 'veris', external_id: '0001AA7F' }] })), []);
  assert.deepEqual(errors(with_('campaign', { external_references: [{ source_name: 'veris' }] })), [
    'STIX_AT_LEAST_ONE@external_references[0]',
  ]);
  assert.deepEqual(errors(with_('campaign', { external_references: [{ url: 'https://x.org' }] })), [
    'STIX_MISSING_PROPERTY@external_references[0].source_name',
  ]);
});

test('every SDO: granular markings need exactly one of marking_ref and lang, and selectors that resolve (2.1 §7.2.3)', () => {
  const ok = { selectors: ['description'], marking_ref: id('marking-definition') };
  assert.deepEqual(errors(with_('campaign', { description: 'd', granular_markings: [ok, { selectors: ['name'], lang: 'fr' }] })), []);
  assert.deepEqual(errors(with_('campaign', { description: 'd', granular_markings: [{ selectors: ['description'] }] })), [
    'STIX_AT_LEAST_ONE@granular_markings[0]',
  ]);
  assert.deepEqual(errors(with_('campaign', { description: 'd', granular_markings: [{ ...ok, lang: 'fr' }] })), [
    'STIX_MUTUALLY_EXCLUSIVE@granular_markings[0].lang',
  ]);
  assert.deepEqual(errors(with_('campaign', { granular_markings: [ok] })), ['STIX_INVALID_SELECTOR@granular_markings[0].selectors[0]']);
});

test('every SDO: lists must not be empty (2.1 §2.12)', () => {
  assert.deepEqual(errors(with_('campaign', { aliases: [] })), ['STIX_EMPTY_LIST@aliases']);
  assert.deepEqual(errors(with_('report', { object_refs: [] })), ['STIX_EMPTY_LIST@object_refs']);
});

test('every SDO: extensions are keyed by extension-definition ids; toplevel extension properties are not custom (2.1 §7.3)', () => {
  const def = id('extension-definition');
  const o = with_('campaign', { x_score: 3, extensions: { [def]: { extension_type: 'toplevel-property-extension' } } });
  assert.deepEqual(errors(o), []);
  assert.deepEqual(warnings(o), []);
  assert.deepEqual(errors(with_('campaign', { extensions: { [def]: { extension_type: 'new-thing' } } })), [
    `STIX_NOT_IN_ENUM@extensions["${def}"].extension_type`,
  ]);
  assert.deepEqual(errors(with_('campaign', { extensions: {} })), ['STIX_EMPTY_DICTIONARY@extensions']);
});

test('every SDO: the reserved names severity, username, phone_number and action must not be present (2.1 §3.8)', () => {
  for (const type of Object.keys(base))
    for (const name of ['severity', 'username', 'phone_number', 'action'])
      assert.deepEqual(errors(with_(type, { [name]: 'x' })), [`STIX_RESERVED_PROPERTY@${name}`], `${type} ${name}`);
});

test('every SDO: defanged does not apply to SDOs (2.1 §4, "Not Applicable Common Properties")', () => {
  for (const type of Object.keys(base))
    assert.deepEqual(errors(with_(type, { defanged: true })), ['STIX_PROPERTY_NOT_ALLOWED@defanged'], type);
});

test('every SDO: custom properties are accepted, with the x_ naming best practice (2.1 §11.1)', () => {
  assert.deepEqual(errors(with_('tool', { x_acme_rank: 1, rank: 2 })), []);
  assert.deepEqual(warnings(with_('tool', { x_acme_rank: 1, rank: 2 })), ['101:STIX_CUSTOM_PREFIX@rank']);
  assert.deepEqual(errors(with_('tool', { 'Bad Name': 1 })), ['STIX_INVALID_PROPERTY_NAME@["Bad Name"]']);
});

test('attack-pattern: aliases and kill_chain_phases (2.1 §4.1)', () => {
  const kcp = { kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'reconnaissance' };
  assert.deepEqual(errors(with_('attack-pattern', { aliases: ['a'], kill_chain_phases: [kcp], description: 'd' })), []);
  assert.deepEqual(errors(with_('attack-pattern', { kill_chain_phases: [{ kill_chain_name: 'x' }] })), [
    'STIX_MISSING_PROPERTY@kill_chain_phases[0].phase_name',
  ]);
  assert.deepEqual(warnings(with_('attack-pattern', { kill_chain_phases: [{ ...kcp, phase_name: 'Recon Phase' }] })), [
    '121:STIX_FORMAT@kill_chain_phases[0].phase_name',
  ]);
});

test('campaign: aliases, first_seen, last_seen, objective (2.1 §4.2)', () => {
  assert.deepEqual(errors(with_('campaign', { aliases: ['g'], first_seen: T1, last_seen: T2, objective: 'o' })), []);
  assert.deepEqual(errors(with_('campaign', { first_seen: 'yesterday', objective: 3 })), [
    'STIX_INVALID_TIMESTAMP@first_seen',
    'STIX_WRONG_JSON_TYPE@objective',
  ]);
});

test('first_seen / last_seen: last_seen not earlier than first_seen (2.1 §4.2, §4.8, §4.9, §4.11, §4.17)', () => {
  for (const type of ['campaign', 'intrusion-set', 'threat-actor', 'infrastructure', 'malware']) {
    assert.deepEqual(errors(with_(type, { first_seen: T1, last_seen: T1 })), [], type);
    assert.deepEqual(errors(with_(type, { first_seen: T2, last_seen: T1 })), ['STIX_TIMESTAMP_ORDER@last_seen'], type);
  }
});

test('course-of-action: action is reserved (2.1 §4.3)', () => {
  assert.deepEqual(errors(with_('course-of-action', { description: 'd' })), []);
  assert.deepEqual(errors(with_('course-of-action', { action: 'x' })), ['STIX_RESERVED_PROPERTY@action']);
});

test('grouping: name is optional, context from grouping-context-ov (225), object_refs any STIX object (2.1 §4.4)', () => {
  assert.deepEqual(errors(with_('grouping', { name: 'g', object_refs: [id('file'), id('relationship'), id('x-acme-thing')] })), []);
  assert.deepEqual(errors(with_('grouping', { object_refs: [id('bundle')] })), ['STIX_REF_TARGET_TYPE@object_refs[0]']);
  assert.deepEqual(warnings(with_('grouping', { context: 'Things' })), ['225:STIX_VOCABULARY@context', '111:STIX_FORMAT@context']);
});

test('identity: roles, identity_class (213), sectors (215), contact_information (2.1 §4.5)', () => {
  const ok = { roles: ['CEO'], identity_class: 'organization', sectors: ['financial-services'], contact_information: 'x' };
  assert.deepEqual(errors(with_('identity', ok)), []);
  assert.deepEqual(warnings(with_('identity', ok)), []);
  assert.deepEqual(warnings(with_('identity', { identity_class: 'nation', sectors: ['banking'] })), [
    '213:STIX_VOCABULARY@identity_class',
    '215:STIX_VOCABULARY@sectors[0]',
  ]);
  assert.deepEqual(errors(with_('identity', { sectors: 'energy' })), ['STIX_WRONG_JSON_TYPE@sectors']);
});

test('incident: name and description; a stub (2.1 §4.6)', () => {
  assert.deepEqual(errors(with_('incident', { description: 'This incident addresses APT 28' })), []);
});

test('indicator: indicator_types (214), pattern_type (245), pattern_version, kill_chain_phases (2.1 §4.7)', () => {
  assert.deepEqual(errors(with_('indicator', { indicator_types: ['malicious-activity'], pattern_version: '2.1' })), []);
  assert.deepEqual(warnings(with_('indicator', { indicator_types: ['bad'], pattern_type: 'kql' })), [
    '245:STIX_VOCABULARY@pattern_type',
    '214:STIX_VOCABULARY@indicator_types[0]',
  ]);
  assert.deepEqual(errors(with_('indicator', { valid_from: '2016-13-01T00:00:00Z' })), ['STIX_INVALID_TIMESTAMP@valid_from']);
});

test('indicator: pattern is a string here; its syntax is checked by the pattern package (2.1 §4.7)', () => {
  assert.deepEqual(errors(with_('indicator', { pattern: 'alert tcp any any', pattern_type: 'snort' })), []);
  assert.deepEqual(errors(with_('indicator', { pattern: ['[a:b = 1]'] })), ['STIX_WRONG_JSON_TYPE@pattern']);
});

test('indicator: valid_until must be later than valid_from (2.1 §4.7)', () => {
  assert.deepEqual(errors(with_('indicator', { valid_until: T2 })), []);
  assert.deepEqual(errors(with_('indicator', { valid_until: T1 })), ['STIX_TIMESTAMP_ORDER@valid_until']);
});

test('infrastructure: infrastructure_types from infrastructure-type-ov (227) (2.1 §4.8)', () => {
  assert.deepEqual(warnings(with_('infrastructure', { infrastructure_types: ['command-and-control', 'workstation'] })), []);
  assert.deepEqual(warnings(with_('infrastructure', { infrastructure_types: ['cloud'] })), ['227:STIX_VOCABULARY@infrastructure_types[0]']);
});

test('intrusion-set: goals, resource_level (212), primary and secondary motivations (211) (2.1 §4.9)', () => {
  const ok = { goals: ['steal'], resource_level: 'government', primary_motivation: 'ideology', secondary_motivations: ['revenge'] };
  assert.deepEqual(errors(with_('intrusion-set', ok)), []);
  assert.deepEqual(warnings(with_('intrusion-set', ok)), []);
  assert.deepEqual(warnings(with_('intrusion-set', { resource_level: 'state', secondary_motivations: ['money'] })), [
    '212:STIX_VOCABULARY@resource_level',
    '211:STIX_VOCABULARY@secondary_motivations[0]',
  ]);
});

test('location: latitude -90..90, longitude -180..180, precision in meters, region from region-ov (223) (2.1 §4.10)', () => {
  assert.deepEqual(errors(with_('location', { latitude: -90, longitude: 180, precision: 1000 })), []);
  assert.deepEqual(errors(with_('location', { latitude: 90.5, longitude: 0 })), ['STIX_OUT_OF_RANGE@latitude']);
  assert.deepEqual(errors(with_('location', { latitude: 0, longitude: -180.1 })), ['STIX_OUT_OF_RANGE@longitude']);
  assert.deepEqual(errors(with_('location', { latitude: '48.8566', longitude: '2.3522' })), [
    'STIX_WRONG_JSON_TYPE@latitude',
    'STIX_WRONG_JSON_TYPE@longitude',
  ]);
  assert.deepEqual(warnings(with_('location', { region: 'europa' })), ['223:STIX_VOCABULARY@region']);
  const address = { country: 'TH', administrative_area: 'Tak', city: 'Mae Sot', street_address: '1 Road', postal_code: '63170' };
  assert.deepEqual(errors(with_('location', address)), []);
});

test('malware: every property with its type and vocabulary (2.1 §4.11)', () => {
  const ok = {
    malware_types: ['ransomware'],
    aliases: ['CL'],
    operating_system_refs: [id('software')],
    architecture_execution_envs: ['x86'],
    implementation_languages: ['c++'],
    capabilities: ['anti-vm'],
    sample_refs: [id('file'), id('artifact')],
  };
  assert.deepEqual(errors(with_('malware', ok)), []);
  assert.deepEqual(warnings(with_('malware', ok)), []);
  assert.deepEqual(errors(with_('malware', { is_family: 'no' })), ['STIX_WRONG_JSON_TYPE@is_family']);
  assert.deepEqual(
    warnings(
      with_('malware', {
        malware_types: ['bad'],
        architecture_execution_envs: ['z80'],
        implementation_languages: ['cobol'],
        capabilities: ['flies'],
      }),
    ),
    [
      '216:STIX_VOCABULARY@malware_types[0]',
      '230:STIX_VOCABULARY@architecture_execution_envs[0]',
      '226:STIX_VOCABULARY@implementation_languages[0]',
      '228:STIX_VOCABULARY@capabilities[0]',
    ],
  );
});

test('malware: operating_system_refs point at software, sample_refs at file or artifact (2.1 §4.11)', () => {
  assert.deepEqual(errors(with_('malware', { operating_system_refs: [id('file')], sample_refs: [id('url')] })), [
    'STIX_REF_TARGET_TYPE@operating_system_refs[0]',
    'STIX_REF_TARGET_TYPE@sample_refs[0]',
  ]);
});

test('malware-analysis: every property with its type (2.1 §4.12)', () => {
  const ok = {
    version: '1.0',
    host_vm_ref: id('software'),
    operating_system_ref: id('software'),
    installed_software_refs: [id('software')],
    configuration_version: 'full',
    modules: ['dridex'],
    analysis_engine_version: '5.1.0',
    analysis_definition_version: '053514-0062',
    submitted: T1,
    analysis_started: T2,
    analysis_ended: T1, // the specification does not order these
    result_name: 'Trojan:Win32/X',
    analysis_sco_refs: [id('file'), id('x-acme-sample')],
    sample_ref: id('network-traffic'),
  };
  assert.deepEqual(errors(with_('malware-analysis', ok)), []);
  assert.deepEqual(warnings(with_('malware-analysis', { result: 'infected' })), ['231:STIX_VOCABULARY@result']);
});

test('malware-analysis: host_vm_ref, operating_system_ref, installed_software_refs → software; sample_ref → file, network-traffic or artifact; analysis_sco_refs → SCOs (2.1 §4.12)', () => {
  assert.deepEqual(
    errors(
      with_('malware-analysis', {
        host_vm_ref: id('file'),
        operating_system_ref: id('identity'),
        installed_software_refs: [id('tool')],
        sample_ref: id('malware'),
        analysis_sco_refs: [id('malware')],
      }),
    ),
    [
      'STIX_REF_TARGET_TYPE@host_vm_ref',
      'STIX_REF_TARGET_TYPE@operating_system_ref',
      'STIX_REF_TARGET_TYPE@installed_software_refs[0]',
      'STIX_REF_TARGET_TYPE@sample_ref',
      'STIX_REF_TARGET_TYPE@analysis_sco_refs[0]',
    ],
  );
});

test('note: abstract, authors, object_refs to any STIX object (2.1 §4.13)', () => {
  assert.deepEqual(
    errors(with_('note', { abstract: 'a', authors: ['John Doe'], object_refs: [id('marking-definition'), id('note')] })),
    [],
  );
  assert.deepEqual(errors(with_('note', { authors: 'John Doe' })), ['STIX_WRONG_JSON_TYPE@authors']);
});

test('observed-data: number_observed is an integer from 1 to 999,999,999 (2.1 §4.14)', () => {
  assert.deepEqual(errors(with_('observed-data', { number_observed: 999_999_999 })), []);
  assert.deepEqual(errors(with_('observed-data', { number_observed: 0 })), ['STIX_OUT_OF_RANGE@number_observed']);
  assert.deepEqual(errors(with_('observed-data', { number_observed: 1_000_000_000 })), ['STIX_OUT_OF_RANGE@number_observed']);
  assert.deepEqual(errors(with_('observed-data', { number_observed: 1.5 })), ['STIX_WRONG_JSON_TYPE@number_observed']);
});

test('observed-data: last_observed must not be earlier than first_observed (2.1 §4.14)', () => {
  assert.deepEqual(errors(with_('observed-data', { last_observed: T1 })), []);
  assert.deepEqual(errors(with_('observed-data', { first_observed: T2, last_observed: T1 })), ['STIX_TIMESTAMP_ORDER@last_observed']);
});

test('observed-data: object_refs point at SCOs or SROs only (2.1 §4.14)', () => {
  assert.deepEqual(errors(with_('observed-data', { object_refs: [id('ipv4-addr'), id('relationship'), id('x-acme-sensor')] })), []);
  assert.deepEqual(errors(with_('observed-data', { object_refs: [id('file'), id('indicator'), id('marking-definition')] })), [
    'STIX_REF_TARGET_TYPE@object_refs[1]',
    'STIX_REF_TARGET_TYPE@object_refs[2]',
  ]);
});

test('observed-data: objects is deprecated (best practice 304) and a non-empty dictionary of observables (2.1 §2.13, §4.14)', () => {
  const container = { 0: { type: 'ipv4-addr', value: '198.51.100.2' }, 1: { type: 'network-traffic', dst_ref: '0' } };
  const o = with_('observed-data', { object_refs: undefined, objects: container });
  assert.deepEqual(errors(o), []);
  assert.deepEqual(warnings(o), ['304:STIX_DEPRECATED@objects']);
  assert.deepEqual(errors(with_('observed-data', { object_refs: undefined, objects: {} })), ['STIX_EMPTY_DICTIONARY@objects']);
  assert.deepEqual(errors(with_('observed-data', { object_refs: undefined, objects: [container[0]] })), ['STIX_WRONG_JSON_TYPE@objects']);
  assert.deepEqual(errors(with_('observed-data', { object_refs: undefined, objects: { 0: { value: 'x' }, 1: 'y' } })), [
    'STIX_MISSING_PROPERTY@objects["0"].type',
    'STIX_WRONG_JSON_TYPE@objects["1"]',
  ]);
});

test('opinion: opinion is a closed enumeration (opinion-enum); explanation, authors (2.1 §4.15)', () => {
  for (const value of ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'])
    assert.deepEqual(errors(with_('opinion', { opinion: value, explanation: 'e', authors: ['a'] })), [], value);
  assert.deepEqual(errors(with_('opinion', { opinion: 'maybe' })), ['STIX_NOT_IN_ENUM@opinion']);
  assert.deepEqual(errors(with_('opinion', { opinion: 3 })), ['STIX_WRONG_JSON_TYPE@opinion']);
});

test('report: report_types from report-type-ov (218), published a timestamp (2.1 §4.16)', () => {
  assert.deepEqual(warnings(with_('report', { report_types: ['campaign', 'threat-report'] })), []);
  assert.deepEqual(warnings(with_('report', { report_types: ['blog'] })), ['218:STIX_VOCABULARY@report_types[0]']);
  assert.deepEqual(errors(with_('report', { published: 2016 })), ['STIX_WRONG_JSON_TYPE@published']);
});

test('threat-actor: every property with its vocabulary (2.1 §4.17)', () => {
  const ok = {
    threat_actor_types: ['crime-syndicate'],
    aliases: ['Syndicate 1'],
    roles: ['director'],
    goals: ['Steal bank money'],
    sophistication: 'advanced',
    resource_level: 'team',
    primary_motivation: 'organizational-gain',
    secondary_motivations: ['dominance'],
    personal_motivations: ['personal-gain'],
  };
  assert.deepEqual(errors(with_('threat-actor', ok)), []);
  assert.deepEqual(warnings(with_('threat-actor', ok)), []);
  assert.deepEqual(
    warnings(
      with_('threat-actor', { threat_actor_types: ['apt'], roles: ['boss'], sophistication: 'elite', personal_motivations: ['fun'] }),
    ),
    [
      '219:STIX_VOCABULARY@threat_actor_types[0]',
      '220:STIX_VOCABULARY@roles[0]',
      '221:STIX_VOCABULARY@sophistication',
      '211:STIX_VOCABULARY@personal_motivations[0]',
    ],
  );
});

test('tool: tool_types from tool-type-ov (222), aliases, kill_chain_phases, tool_version (2.1 §4.18)', () => {
  assert.deepEqual(warnings(with_('tool', { tool_types: ['remote-access'], aliases: ['v'], tool_version: '1.0' })), []);
  assert.deepEqual(warnings(with_('tool', { tool_types: ['rmm'] })), ['222:STIX_VOCABULARY@tool_types[0]']);
});

test('vulnerability: name and description (2.1 §4.19)', () => {
  assert.deepEqual(errors(with_('vulnerability', { description: 'The (1) TLS...' })), []);
  assert.deepEqual(errors(with_('vulnerability', { name: ['CVE'] })), ['STIX_WRONG_JSON_TYPE@name']);
});

test('vocabularies: the values Errata 01 added are accepted (2.1 Errata 01 §1.3.1)', () => {
  assert.deepEqual(warnings(with_('malware', { implementation_languages: ['rust'] })), []);
  assert.deepEqual(warnings(with_('identity', { sectors: ['legal'] })), []);
  assert.deepEqual(warnings(with_('report', { report_types: ['incident'] })), []);
  assert.deepEqual(warnings(with_('threat-actor', { threat_actor_types: ['private-sector'] })), []);
});
