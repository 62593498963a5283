/**
 * The whole-object rules of STIX 2.1 SDOs, SROs and meta objects (checks-sdo.ts): co-constraints,
 * the suggested relationship types, the canonical TLP markings and self-marking.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate } from '../validate.js';
import { TLP_1_0, TLP_2_0, TLP_2_0_EXTENSION } from './checks-sdo.js';
import { errors, IDENTITY, id, sdo21, T1, T2, warnings } from './test-helpers.js';

const drop = (o: Record<string, unknown>): Record<string, unknown> => {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
};

// ---------------------------------------------------------------------------------------------
// Location (§4.10)
// ---------------------------------------------------------------------------------------------

const location = (props: Record<string, unknown>) => drop(sdo21('location', props));

test('location: at least one of region, country, or latitude and longitude MUST be present (2.1 §4.10)', () => {
  assert.deepEqual(errors(location({ region: 'northern-america' })), []);
  assert.deepEqual(errors(location({ country: 'US' })), []);
  assert.deepEqual(errors(location({ latitude: 48.8566, longitude: 2.3522 })), []);
  assert.deepEqual(errors(location({ city: 'Paris', name: 'Paris' })), ['STIX_AT_LEAST_ONE@']);
});

test('location: latitude and longitude MUST come together (2.1 §4.10)', () => {
  assert.deepEqual(errors(location({ country: 'FR', latitude: 48.8 })), ['STIX_DEPENDENT_PROPERTY@latitude']);
  assert.deepEqual(errors(location({ country: 'FR', longitude: 2.3 })), ['STIX_DEPENDENT_PROPERTY@longitude']);
  assert.deepEqual(errors(location({ latitude: 48.8 })), ['STIX_DEPENDENT_PROPERTY@latitude']);
});

test('location: precision MUST come with latitude and longitude (2.1 §4.10)', () => {
  assert.deepEqual(errors(location({ latitude: 48.8, longitude: 2.3, precision: 100 })), []);
  assert.deepEqual(errors(location({ country: 'FR', precision: 10 })), ['STIX_DEPENDENT_PROPERTY@precision']);
  assert.deepEqual(errors(location({ country: 'FR', latitude: 1, precision: 10 })), [
    'STIX_DEPENDENT_PROPERTY@latitude',
    'STIX_DEPENDENT_PROPERTY@precision',
  ]);
  assert.deepEqual(errors(location({ latitude: 1, longitude: 1, precision: -1 })), ['STIX_OUT_OF_RANGE@precision']);
});

test('location: country SHOULD be an ISO 3166-1 alpha-2 code (best practice 277) (2.1 §4.10)', () => {
  assert.deepEqual(warnings(location({ country: 'TH' })), []);
  assert.deepEqual(warnings(location({ country: 'th' })), ['277:STIX_EXTERNAL_REGISTRY@country']);
  assert.deepEqual(warnings(location({ country: 'Thailand' })), ['277:STIX_EXTERNAL_REGISTRY@country']);
  assert.deepEqual(warnings(location({ country: 'th' }), '2.1', [212]), [], 'only when 277 runs');
});

// ---------------------------------------------------------------------------------------------
// Malware and malware analysis (§4.11, §4.12)
// ---------------------------------------------------------------------------------------------

test('malware: name MUST be present when is_family is true (2.1 §4.11)', () => {
  assert.deepEqual(errors(sdo21('malware', { is_family: true, name: 'Poison Ivy' })), []);
  assert.deepEqual(errors(sdo21('malware', { is_family: false })), []);
  assert.deepEqual(errors(sdo21('malware', { is_family: true })), ['STIX_DEPENDENT_PROPERTY@name']);
});

test('malware-analysis: one of result and analysis_sco_refs MUST be present (2.1 §4.12)', () => {
  assert.deepEqual(errors(sdo21('malware-analysis', { product: 'av', result: 'benign' })), []);
  assert.deepEqual(errors(sdo21('malware-analysis', { product: 'av', analysis_sco_refs: [id('file')] })), []);
  assert.deepEqual(errors(sdo21('malware-analysis', { product: 'av' })), ['STIX_AT_LEAST_ONE@']);
});

test('malware-analysis: product SHOULD be lower case with dashes (best practice 143) (2.1 §4.12)', () => {
  assert.deepEqual(warnings(sdo21('malware-analysis', { product: 'anonymized', result: 'benign' })), []);
  assert.deepEqual(warnings(sdo21('malware-analysis', { product: 'Some AV', result: 'benign' })), ['143:STIX_FORMAT@product']);
});

// ---------------------------------------------------------------------------------------------
// Observed data (§4.14)
// ---------------------------------------------------------------------------------------------

const observed = (props: Record<string, unknown>) =>
  drop(sdo21('observed-data', { first_observed: T1, last_observed: T2, number_observed: 1, ...props }));
const container = { 0: { type: 'ipv4-addr', value: '198.51.100.2' } };

test('observed-data: one of objects and object_refs MUST be present (2.1 §4.14)', () => {
  assert.deepEqual(errors(observed({ object_refs: [id('file')] })), []);
  assert.deepEqual(errors(observed({ objects: container })), []);
  assert.deepEqual(errors(observed({})), ['STIX_AT_LEAST_ONE@']);
});

test('observed-data: objects and object_refs MUST NOT both be present (2.1 §4.14)', () => {
  assert.deepEqual(errors(observed({ objects: container, object_refs: [id('ipv4-addr')] })), ['STIX_MUTUALLY_EXCLUSIVE@object_refs']);
});

test('observed-data: object_refs MUST contain at least one SCO reference (2.1 §4.14)', () => {
  assert.deepEqual(errors(observed({ object_refs: [id('relationship'), id('domain-name')] })), []);
  assert.deepEqual(errors(observed({ object_refs: [id('x-acme-sensor-record')] })), [], 'a custom type may be an SCO');
  assert.deepEqual(errors(observed({ object_refs: [id('relationship'), id('sighting')] })), ['STIX_REF_TARGET_TYPE@object_refs']);
});

// ---------------------------------------------------------------------------------------------
// Indicator (§4.7)
// ---------------------------------------------------------------------------------------------

const indicator = (props: Record<string, unknown>) =>
  drop(
    sdo21('indicator', {
      name: 'n',
      description: 'd',
      pattern: "[url:value = 'http://x.org']",
      pattern_type: 'stix',
      valid_from: T1,
      ...props,
    }),
  );

test('indicator: name and description SHOULD be given (best practice 303) (2.1 §4.7)', () => {
  assert.deepEqual(warnings(indicator({})), []);
  assert.deepEqual(warnings(indicator({ name: undefined })), ['303:STIX_RECOMMENDED_PROPERTY@']);
  assert.deepEqual(warnings(indicator({ description: undefined })), ['303:STIX_RECOMMENDED_PROPERTY@']);
  assert.deepEqual(warnings(indicator({ name: undefined, description: undefined })), ['303:STIX_RECOMMENDED_PROPERTY@']);
  assert.deepEqual(errors(indicator({ name: undefined, description: undefined })), [], 'a SHOULD, never an error');
});

test('indicator: best practice 303 becomes an error under strict', () => {
  const report = validate(indicator({ name: undefined }), { version: '2.1', strict: true });
  assert.deepEqual(
    report.issues.map((i) => `${i.severity}:${i.code}`),
    ['error:STIX_RECOMMENDED_PROPERTY'],
  );
});

// ---------------------------------------------------------------------------------------------
// External ids (§4.1, §4.19)
// ---------------------------------------------------------------------------------------------

test('attack-pattern: a CAPEC id MUST be written CAPEC-[id] (2.1 §4.1)', () => {
  const ap = (external_id: string) => sdo21('attack-pattern', { name: 'n', external_references: [{ source_name: 'capec', external_id }] });
  assert.deepEqual(errors(ap('CAPEC-163')), []);
  assert.deepEqual(errors(ap('163')), ['STIX_INVALID_STRING@external_references[0].external_id']);
  assert.deepEqual(errors(ap('capec-163')), ['STIX_INVALID_STRING@external_references[0].external_id']);
  assert.deepEqual(
    errors(sdo21('attack-pattern', { name: 'n', external_references: [{ source_name: 'capec', url: 'https://capec.mitre.org/' }] })),
    [],
    'no id given: nothing to check',
  );
});

test('vulnerability: a CVE id MUST be the exact CVE identifier (2.1 §4.19)', () => {
  const vuln = (external_id: string) =>
    sdo21('vulnerability', {
      name: 'n',
      external_references: [
        { source_name: 'capec', external_id: 'CAPEC-1' },
        { source_name: 'cve', external_id },
      ],
    });
  assert.deepEqual(errors(vuln('CVE-2016-1234')), []);
  assert.deepEqual(errors(vuln('CVE-2021-44228')), []);
  assert.deepEqual(errors(vuln('2016-1234')), ['STIX_INVALID_STRING@external_references[1].external_id']);
  assert.deepEqual(errors(vuln('CVE-16-1234')), ['STIX_INVALID_STRING@external_references[1].external_id']);
});

// ---------------------------------------------------------------------------------------------
// Relationship types (§5.1, best practice 202)
// ---------------------------------------------------------------------------------------------

const rel = (type: string, source: string, target: string) =>
  sdo21('relationship', { relationship_type: type, source_ref: id(source), target_ref: id(target) });

test('relationship: the relationship types each SDO section defines raise no warning (2.1 §4, best practice 202)', () => {
  const defined: Array<[string, string, string]> = [
    ['attack-pattern', 'delivers', 'malware'],
    ['attack-pattern', 'targets', 'vulnerability'],
    ['campaign', 'attributed-to', 'threat-actor'],
    ['campaign', 'compromises', 'infrastructure'],
    ['course-of-action', 'investigates', 'indicator'],
    ['course-of-action', 'remediates', 'vulnerability'],
    ['identity', 'located-at', 'location'],
    ['indicator', 'indicates', 'campaign'],
    ['indicator', 'based-on', 'observed-data'],
    ['infrastructure', 'consists-of', 'x509-certificate'],
    ['infrastructure', 'communicates-with', 'url'],
    ['intrusion-set', 'owns', 'infrastructure'],
    ['malware', 'exfiltrates-to', 'infrastructure'],
    ['malware', 'exfiltrate-to', 'infrastructure'],
    ['malware', 'drops', 'file'],
    ['malware', 'variant-of', 'malware'],
    ['malware-analysis', 'av-analysis-of', 'malware'],
    ['malware-analysis', 'analysis-of', 'malware'],
    ['malware-analysis', 'dynamic-analysis-of', 'malware'],
    ['threat-actor', 'impersonates', 'identity'],
    ['tool', 'targets', 'infrastructure'],
    ['tool', 'uses', 'infrastructure'],
    ['domain-name', 'resolves-to', 'ipv6-addr'],
    ['ipv4-addr', 'belongs-to', 'autonomous-system'],
  ];
  for (const [source, type, target] of defined) assert.deepEqual(warnings(rel(type, source, target)), [], `${source} ${type} ${target}`);
});

test('relationship: related-to joins any SDO or SCO; derived-from and duplicate-of join objects of one type (2.1 §3.7)', () => {
  assert.deepEqual(warnings(rel('related-to', 'malware', 'file')), []);
  assert.deepEqual(warnings(rel('derived-from', 'campaign', 'campaign')), []);
  assert.deepEqual(warnings(rel('duplicate-of', 'campaign', 'intrusion-set')), ['202:STIX_VOCABULARY@relationship_type']);
});

test('relationship: a type the source does not define is best practice 202 (2.1 §5.1)', () => {
  assert.deepEqual(warnings(rel('eats', 'intrusion-set', 'malware')), ['202:STIX_VOCABULARY@relationship_type']);
  assert.deepEqual(warnings(rel('uses', 'tool', 'attack-pattern')), ['202:STIX_VOCABULARY@relationship_type']);
  assert.deepEqual(warnings(rel('part-of', 'location', 'location')), ['202:STIX_VOCABULARY@relationship_type']);
  assert.deepEqual(warnings(rel('drops', 'file', 'malware')), ['202:STIX_VOCABULARY@relationship_type']);
});

test('relationship: a defined type towards a target it does not list is best practice 202 (2.1 §5.1)', () => {
  assert.deepEqual(warnings(rel('uses', 'intrusion-set', 'location')), ['202:STIX_VOCABULARY@relationship_type']);
  assert.deepEqual(warnings(rel('delivers', 'attack-pattern', 'tool')), ['202:STIX_VOCABULARY@relationship_type']);
});

test('relationship: relationships from or to custom types are not judged (best practice 202)', () => {
  assert.deepEqual(warnings(rel('detects', 'x-mitre-data-component', 'attack-pattern')), []);
  assert.deepEqual(warnings(rel('targets', 'attack-pattern', 'x-mitre-asset')), []);
});

test('relationship: best practice 202 runs only when enabled, and is never an error', () => {
  assert.deepEqual(warnings(rel('eats', 'intrusion-set', 'malware'), '2.1', [203]), []);
  assert.deepEqual(errors(rel('eats', 'intrusion-set', 'malware')), []);
});

// ---------------------------------------------------------------------------------------------
// Marking definitions (§7.2.1)
// ---------------------------------------------------------------------------------------------

const marking = (props: Record<string, unknown>) =>
  drop({ type: 'marking-definition', spec_version: '2.1', id: id('marking-definition'), created: '2016-08-01T00:00:00.000Z', ...props });

test('marking-definition: definition_type and definition MUST be present unless extensions is (2.1 §7.2.1)', () => {
  assert.deepEqual(errors(marking({ definition_type: 'statement', definition: { statement: 'c' } })), []);
  assert.deepEqual(errors(marking({})), ['STIX_AT_LEAST_ONE@']);
  assert.deepEqual(errors(marking({ definition_type: 'statement' })), ['STIX_DEPENDENT_PROPERTY@definition']);
  assert.deepEqual(errors(marking({ definition: { statement: 'c' } })), ['STIX_DEPENDENT_PROPERTY@definition_type']);
});

test('marking-definition: a custom definition_type needs a definition object (2.1 §7.2.1)', () => {
  assert.deepEqual(errors(marking({ definition_type: 'acme', definition: { level: 1 } })), []);
  assert.deepEqual(errors(marking({ definition_type: 'acme', definition: 'internal' })), ['STIX_WRONG_JSON_TYPE@definition']);
});

const tlpAmber = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  created: '2017-01-20T00:00:00.000Z',
  definition_type: 'tlp',
  name: 'TLP:AMBER',
  definition: { tlp: 'amber' },
};

test('marking-definition: the four TLP 1.0 markings, as printed, are valid (2.1 §7.2.1.4)', () => {
  for (const [markingId, { tlp, name }] of Object.entries(TLP_1_0)) {
    const o = { ...tlpAmber, id: markingId, name, definition: { tlp } };
    assert.deepEqual(errors(o), [], name);
    assert.deepEqual(warnings(o), [], name);
  }
  assert.deepEqual(errors({ ...tlpAmber, name: undefined }), [], 'the name may be left out');
});

test('marking-definition: a TLP 1.0 marking MUST carry its level, created date and name (2.1 §7.2.1.4)', () => {
  assert.deepEqual(errors({ ...tlpAmber, definition: { tlp: 'red' } }), ['STIX_INVALID_VALUE@definition']);
  assert.deepEqual(errors({ ...tlpAmber, created: '2017-01-20T00:00:00.001Z' }), ['STIX_INVALID_VALUE@created']);
  assert.deepEqual(errors({ ...tlpAmber, name: 'TLP:RED' }), ['STIX_INVALID_VALUE@name']);
  assert.deepEqual(errors({ ...tlpAmber, definition: { tlp: 'clear' } }), [
    'STIX_NOT_IN_ENUM@definition.tlp',
    'STIX_INVALID_VALUE@definition',
  ]);
  assert.deepEqual(errors({ ...tlpAmber, definition: {} }), ['STIX_MISSING_PROPERTY@definition.tlp', 'STIX_INVALID_VALUE@definition']);
  assert.deepEqual(errors({ ...tlpAmber, definition: undefined }), ['STIX_DEPENDENT_PROPERTY@definition']);
});

test('marking-definition: no other TLP marking may be created (2.1 §7.2.1.4)', () => {
  assert.deepEqual(errors({ ...tlpAmber, id: id('marking-definition') }), ['STIX_INVALID_VALUE@id']);
});

test('marking-definition: the TLP 1.0 ids are reserved for the TLP markings (2.1 §7.2.1.4)', () => {
  assert.deepEqual(errors({ ...tlpAmber, definition_type: 'statement', definition: { statement: 'amber' } }), [
    'STIX_INVALID_VALUE@definition_type',
  ]);
});

const tlp2 = (level: string, markingId: string) => ({
  type: 'marking-definition',
  spec_version: '2.1',
  id: markingId,
  created: '2022-10-01T00:00:00.000Z',
  name: `TLP:${level.toUpperCase()}`,
  extensions: { [TLP_2_0_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: level } },
});
const CLEAR = 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487';
const extPath = `extensions["${TLP_2_0_EXTENSION}"]`;

test('marking-definition: the five TLP 2.0 markings of the OASIS extension are valid', () => {
  for (const [markingId, level] of Object.entries(TLP_2_0)) assert.deepEqual(errors(tlp2(level, markingId)), [], level);
});

test('marking-definition: a TLP 2.0 marking uses the fixed id and name of its level (OASIS TLP 2.0 extension)', () => {
  assert.deepEqual(errors(tlp2('red', CLEAR)), ['STIX_INVALID_VALUE@id']);
  assert.deepEqual(errors(tlp2('clear', id('marking-definition'))), ['STIX_INVALID_VALUE@id']);
  assert.deepEqual(errors({ ...tlp2('clear', CLEAR), name: 'TLP:WHITE' }), ['STIX_INVALID_VALUE@name']);
  assert.deepEqual(errors({ ...tlp2('clear', CLEAR), name: undefined }), ['STIX_MISSING_PROPERTY@name']);
  assert.deepEqual(errors({ ...tlp2('clear', CLEAR), extensions: undefined }), ['STIX_AT_LEAST_ONE@', 'STIX_MISSING_PROPERTY@extensions']);
});

test('marking-definition: the TLP 2.0 extension holds extension_type property-extension and a TLP 2.0 level (OASIS TLP 2.0 extension)', () => {
  const withContent = (content: Record<string, unknown>) => ({ ...tlp2('clear', CLEAR), extensions: { [TLP_2_0_EXTENSION]: content } });
  assert.deepEqual(errors(withContent({ extension_type: 'property-extension', tlp_2_0: 'white' })), [
    `STIX_NOT_IN_ENUM@${extPath}.tlp_2_0`,
  ]);
  assert.deepEqual(errors(withContent({ extension_type: 'property-extension' })), [`STIX_MISSING_PROPERTY@${extPath}.tlp_2_0`]);
  assert.deepEqual(errors(withContent({ tlp_2_0: 'clear' })), [`STIX_MISSING_PROPERTY@${extPath}.extension_type`]);
  assert.deepEqual(errors(withContent({ extension_type: 'new-sdo', tlp_2_0: 'clear' })), [`STIX_INVALID_VALUE@${extPath}.extension_type`]);
  assert.deepEqual(errors(withContent({ extension_type: 'property-extension', tlp_2_0: 'clear', note: 'x' })), [
    `STIX_PROPERTY_NOT_ALLOWED@${extPath}.note`,
  ]);
});

test('marking-definition: must not mark itself (validator MUSTs object_marking_circular_refs, granular_markings_circular_refs)', () => {
  const other = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
  assert.deepEqual(errors({ ...tlpAmber, object_marking_refs: [other] }), []);
  assert.deepEqual(errors({ ...tlpAmber, object_marking_refs: [other, tlpAmber.id] }), ['STIX_CIRCULAR_MARKING@object_marking_refs[1]']);
  assert.deepEqual(errors({ ...tlpAmber, granular_markings: [{ marking_ref: tlpAmber.id, selectors: ['name'] }] }), [
    'STIX_CIRCULAR_MARKING@granular_markings[0].marking_ref',
  ]);
});

test('marking-definition: a bundle with TLP, statement and TLP 2.0 markings is valid', () => {
  const bundle = {
    type: 'bundle',
    id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
    objects: [
      tlpAmber,
      tlp2('amber+strict', 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003'),
      marking({ definition_type: 'statement', definition: { statement: 'Copyright 2019, Example Corp' } }),
      sdo21('campaign', { name: 'c', created_by_ref: IDENTITY, object_marking_refs: [tlpAmber.id] }),
    ],
  };
  assert.deepEqual(errors(bundle), []);
});

// ---------------------------------------------------------------------------------------------
// Extension definitions (§7.3)
// ---------------------------------------------------------------------------------------------

const extDef = (props: Record<string, unknown>) =>
  drop(
    sdo21('extension-definition', {
      created_by_ref: IDENTITY,
      name: 'Extension Foo 1a',
      description: 'This schema adds two properties to a STIX object at the toplevel',
      schema: 'https://www.example.com/schema-foo-1a/v1/',
      version: '1.2.1',
      extension_types: ['property-extension'],
      ...props,
    }),
  );

test('extension-definition: extension_properties MUST only be used with toplevel-property-extension (2.1 §7.3)', () => {
  assert.deepEqual(errors(extDef({ extension_types: ['toplevel-property-extension'], extension_properties: ['toxicity', 'rank'] })), []);
  assert.deepEqual(errors(extDef({ extension_types: ['new-sdo', 'toplevel-property-extension'], extension_properties: ['rank'] })), []);
  assert.deepEqual(errors(extDef({ extension_properties: ['rank'] })), ['STIX_PROPERTY_NOT_ALLOWED@extension_properties']);
});

test('extension-definition: a toplevel-property-extension SHOULD list extension_properties (best practice 306) (2.1 §7.3)', () => {
  assert.deepEqual(warnings(extDef({ extension_types: ['toplevel-property-extension'] })), [
    '306:STIX_RECOMMENDED_PROPERTY@extension_types',
  ]);
  assert.deepEqual(warnings(extDef({ extension_types: ['toplevel-property-extension'], extension_properties: ['rank'] })), []);
});

test('extension-definition: a description SHOULD be given (best practice 305) (2.1 §7.3)', () => {
  assert.deepEqual(warnings(extDef({ description: undefined })), ['305:STIX_RECOMMENDED_PROPERTY@']);
  assert.deepEqual(errors(extDef({ description: undefined })), []);
});

test('extension-definition: its declared top-level properties are not custom properties on the objects using it (2.1 §7.3)', () => {
  const def = extDef({ extension_types: ['toplevel-property-extension'], extension_properties: ['toxicity', 'rank'] });
  const indicatorWithRank = sdo21('indicator', {
    name: 'File hash for Poison Ivy variant',
    description: 'd',
    pattern: "[file:hashes.'SHA-256' = 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c']",
    pattern_type: 'stix',
    valid_from: T1,
    rank: 1,
    toxicity: 2,
    extensions: { [def.id as string]: { extension_type: 'toplevel-property-extension' } },
  });
  assert.deepEqual(warnings([def, indicatorWithRank]), []);
  assert.deepEqual(errors([def, indicatorWithRank]), []);
});
