import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors, IDENTITY, id, sdo21, T1, warnings } from './test-helpers.js';

const tlpAmber = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  created: '2017-01-20T00:00:00.000Z',
  definition_type: 'tlp',
  name: 'TLP:AMBER',
  definition: { tlp: 'amber' },
};

test('marking-definition: the TLP 1.0 markings are the canonical objects (2.1 §7.2.1.4)', () => {
  assert.deepEqual(errors(tlpAmber), []);
  assert.deepEqual(errors({ ...tlpAmber, definition: { tlp: 'red' } }), ['STIX_INVALID_VALUE@definition']);
  assert.deepEqual(errors({ ...tlpAmber, created: T1 }), ['STIX_INVALID_VALUE@created']);
  assert.deepEqual(errors({ ...tlpAmber, id: id('marking-definition') }), ['STIX_INVALID_VALUE@id']);
  assert.deepEqual(errors({ ...tlpAmber, definition: { tlp: 'clear' } }), [
    'STIX_NOT_IN_ENUM@definition.tlp',
    'STIX_INVALID_VALUE@definition',
  ]);
});

test('marking-definition: statement markings need a statement (2.1 §7.2.1.3)', () => {
  const statement = {
    type: 'marking-definition',
    spec_version: '2.1',
    id: id('marking-definition'),
    created: T1,
    definition_type: 'statement',
    definition: { statement: 'Copyright 2024' },
  };
  assert.deepEqual(errors(statement), []);
  assert.deepEqual(errors({ ...statement, definition: {} }), ['STIX_MISSING_PROPERTY@definition.statement']);
  assert.deepEqual(errors({ ...statement, definition: undefined }), ['STIX_DEPENDENT_PROPERTY@definition']);
  assert.deepEqual(warnings({ ...statement, definition_type: 'acme', definition: { a: 1 } }), ['201:STIX_VOCABULARY@definition_type']);
});

test('marking-definition: TLP 2.0 through the OASIS extension, with its fixed ids', () => {
  const clear = {
    type: 'marking-definition',
    spec_version: '2.1',
    id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
    created: '2022-10-01T00:00:00.000Z',
    name: 'TLP:CLEAR',
    extensions: {
      'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'clear' },
    },
  };
  assert.deepEqual(errors(clear), []);
  assert.deepEqual(errors({ ...clear, id: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1' }), ['STIX_INVALID_VALUE@id']);
  assert.deepEqual(errors({ ...clear, extensions: undefined }), ['STIX_AT_LEAST_ONE@definition_type']);
});

test('marking-definition: must not mark itself (validator MUSTs object_marking_circular_refs, granular_markings_circular_refs)', () => {
  assert.deepEqual(errors({ ...tlpAmber, object_marking_refs: [tlpAmber.id] }), ['STIX_CIRCULAR_MARKING@object_marking_refs[0]']);
  assert.deepEqual(errors({ ...tlpAmber, granular_markings: [{ marking_ref: tlpAmber.id, selectors: ['name'] }] }), [
    'STIX_CIRCULAR_MARKING@granular_markings[0].marking_ref',
  ]);
});

test('language-content: contents keyed by RFC 5646 tags, then property names (validator MUST language_contents)', () => {
  const lc = (contents: unknown) => sdo21('language-content', { object_ref: id('campaign'), object_modified: T1, contents });
  assert.deepEqual(errors(lc({ de: { name: 'Bank Angriff', description: 'Weitere Informationen' } })), []);
  assert.deepEqual(errors(lc({ german: { name: 'x' } })), ['STIX_INVALID_LANGUAGE@contents.german']);
  assert.deepEqual(errors(lc({ de: { Name: 'x' } })), ['STIX_INVALID_DICTIONARY_KEY@contents.de.Name']);
  assert.deepEqual(errors(sdo21('language-content', { object_ref: id('campaign') })), ['STIX_MISSING_PROPERTY@contents']);
});

test('extension-definition: created_by_ref, name, schema, version, extension_types required (2.1 §7.3)', () => {
  const ext = (props: Record<string, unknown> = {}) =>
    sdo21('extension-definition', {
      created_by_ref: IDENTITY,
      name: 'e',
      description: 'd',
      schema: 'https://x.org/s.json',
      version: '1.0',
      extension_types: ['property-extension'],
      ...props,
    });
  assert.deepEqual(errors(ext()), []);
  assert.deepEqual(errors(ext({ created_by_ref: undefined })), ['STIX_MISSING_PROPERTY@created_by_ref']);
  assert.deepEqual(errors(ext({ extension_types: ['new-thing'] })), ['STIX_NOT_IN_ENUM@extension_types[0]']);
  assert.deepEqual(errors(ext({ extension_properties: ['x_a'] })), ['STIX_PROPERTY_NOT_ALLOWED@extension_properties']);
  assert.deepEqual(errors(ext({ extension_types: ['toplevel-property-extension'], extension_properties: ['x_a'] })), []);
  assert.deepEqual(warnings(ext({ extension_types: ['toplevel-property-extension'] })), ['306:STIX_RECOMMENDED_PROPERTY@extension_types']);
  assert.deepEqual(warnings(ext({ description: undefined })), ['305:STIX_RECOMMENDED_PROPERTY@']);
});
