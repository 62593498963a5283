/**
 * STIX 2.1 meta objects (§7): language-content, marking-definition (statement, tlp, extension
 * markings) and extension-definition, property by property. The canonical TLP objects, the
 * definition rules and self-marking are tested in checks-sdo.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate } from '../validate.js';
import { registry21 } from './registry.js';
import { errors, IDENTITY, id, sdo21, T1, warnings } from './test-helpers.js';

const drop = (o: Record<string, unknown>): Record<string, unknown> => {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
};

function statement(props: Record<string, unknown> = {}): Record<string, unknown> {
  return drop({
    type: 'marking-definition',
    spec_version: '2.1',
    id: id('marking-definition'),
    created: '2016-08-01T00:00:00.000Z',
    definition_type: 'statement',
    definition: { statement: 'Copyright 2019, Example Corp' },
    ...props,
  });
}

function languageContent(props: Record<string, unknown> = {}): Record<string, unknown> {
  return drop(
    sdo21('language-content', {
      object_ref: id('campaign'),
      object_modified: '2017-02-08T21:31:22.007Z',
      contents: { de: { name: 'Bank Angriff', description: 'Weitere Informationen über Banküberfall' }, fr: { name: 'Attaque Bank' } },
      ...props,
    }),
  );
}

function extensionDefinition(props: Record<string, unknown> = {}): Record<string, unknown> {
  return drop(
    sdo21('extension-definition', {
      created_by_ref: IDENTITY,
      name: 'Extension Foo 1',
      description: 'This schema adds two properties to a STIX object',
      schema: 'https://www.example.com/schema-foo-1/v1/',
      version: '1.2.1',
      extension_types: ['property-extension'],
      ...props,
    }),
  );
}

test('the three meta objects of §7 are defined, as meta objects', () => {
  const meta = [...registry21.types.values()].filter((d) => d.category === 'meta').map((d) => d.type);
  assert.deepEqual(meta.sort(), ['extension-definition', 'language-content', 'marking-definition']);
});

test('marking-definition: a statement marking is valid (2.1 §7.2.1.3)', () => {
  assert.deepEqual(errors(statement()), []);
  assert.deepEqual(warnings(statement()), []);
  assert.deepEqual(errors(statement({ name: 'Example Corp copyright', created_by_ref: IDENTITY })), []);
});

test('marking-definition: type, spec_version, id and created are required (2.1 §7.2.1)', () => {
  for (const name of ['spec_version', 'id', 'created'])
    assert.deepEqual(errors(statement({ [name]: undefined })), [`STIX_MISSING_PROPERTY@${name}`], name);
  assert.deepEqual(errors(statement({ spec_version: '2.0' })), ['STIX_NOT_IN_ENUM@spec_version']);
});

test('marking-definition: created is precise to the millisecond (2.1 §3.2)', () => {
  assert.deepEqual(errors(statement({ created: '2016-08-01T00:00:00Z' })), ['STIX_TIMESTAMP_PRECISION@created']);
});

test('marking-definition: not versioned — modified, revoked, labels, confidence, lang and defanged do not apply (2.1 §7.2.1)', () => {
  for (const [name, value] of Object.entries({ modified: T1, revoked: false, labels: ['x'], confidence: 50, lang: 'en', defanged: false }))
    assert.deepEqual(errors(statement({ [name]: value })), [`STIX_PROPERTY_NOT_ALLOWED@${name}`], name);
});

test('marking-definition: the reserved names are not allowed (2.1 §3.8)', () => {
  assert.deepEqual(errors(statement({ action: 'share' })), ['STIX_RESERVED_PROPERTY@action']);
});

test('marking-definition: created_by_ref → identity, object_marking_refs → marking-definition, external_references, granular_markings (2.1 §7.2.1)', () => {
  const other = id('marking-definition');
  assert.deepEqual(
    errors(
      statement({
        external_references: [{ source_name: 'acme', url: 'https://acme.example/terms' }],
        object_marking_refs: [other],
        granular_markings: [{ marking_ref: other, selectors: ['definition.statement'] }],
      }),
    ),
    [],
  );
  assert.deepEqual(errors(statement({ created_by_ref: id('tool'), object_marking_refs: [id('identity')] })), [
    'STIX_REF_TARGET_TYPE@created_by_ref',
    'STIX_REF_TARGET_TYPE@object_marking_refs[0]',
  ]);
});

test('marking-definition: definition_type comes from statement and tlp (best practice 201) (2.1 §7.2.1)', () => {
  assert.deepEqual(errors(statement({ definition_type: 'acme', definition: { level: 2 } })), []);
  assert.deepEqual(warnings(statement({ definition_type: 'acme', definition: { level: 2 } })), ['201:STIX_VOCABULARY@definition_type']);
  assert.deepEqual(errors(statement({ definition_type: 7 })), ['STIX_WRONG_JSON_TYPE@definition_type']);
});

test('marking-definition: a statement definition has a statement and nothing else (2.1 §7.2.1.3)', () => {
  assert.deepEqual(errors(statement({ definition: {} })), ['STIX_MISSING_PROPERTY@definition.statement']);
  assert.deepEqual(errors(statement({ definition: { statement: 'c', tlp: 'red' } })), ['STIX_PROPERTY_NOT_ALLOWED@definition.tlp']);
  assert.deepEqual(errors(statement({ definition: 'Copyright' })), ['STIX_WRONG_JSON_TYPE@definition']);
});

test('marking-definition: an extension may define the marking instead (2.1 §7.2.1, §7.3)', () => {
  const ext = id('extension-definition');
  const o = statement({
    definition_type: undefined,
    definition: undefined,
    extensions: { [ext]: { extension_type: 'property-extension', level: 'x' } },
  });
  assert.deepEqual(errors(o), []);
});

test('language-content: a translation is valid (2.1 §7.1)', () => {
  assert.deepEqual(errors(languageContent()), []);
  assert.deepEqual(warnings(languageContent()), []);
  assert.deepEqual(
    errors(languageContent({ object_modified: undefined, contents: { fr: { goals: ["Voler de l'argent en banque", ''] } } })),
    [],
  );
});

test('language-content: object_ref and contents are required; object_ref may be any STIX object (2.1 §7.1)', () => {
  assert.deepEqual(errors(languageContent({ contents: undefined })), ['STIX_MISSING_PROPERTY@contents']);
  assert.deepEqual(errors(languageContent({ object_ref: undefined })), ['STIX_MISSING_PROPERTY@object_ref']);
  assert.deepEqual(errors(languageContent({ object_ref: id('relationship') })), []);
  assert.deepEqual(errors(languageContent({ object_ref: id('bundle') })), ['STIX_REF_TARGET_TYPE@object_ref']);
});

test('language-content: contents keys are RFC 5646 tags (validator MUST language_contents) (2.1 §7.1)', () => {
  assert.deepEqual(errors(languageContent({ contents: { 'zh-Hans': { name: 'x' }, 'de-CH': { name: 'y' } } })), []);
  assert.deepEqual(errors(languageContent({ contents: { german: { name: 'x' } } })), ['STIX_INVALID_LANGUAGE@contents.german']);
});

test('language-content: inner keys are property names (validator MUST language_contents) (2.1 §7.1)', () => {
  assert.deepEqual(errors(languageContent({ contents: { de: { Name: 'x' } } })), ['STIX_INVALID_DICTIONARY_KEY@contents.de.Name']);
  assert.deepEqual(errors(languageContent({ contents: { de: 'Bank Angriff' } })), ['STIX_WRONG_JSON_TYPE@contents.de']);
  assert.deepEqual(errors(languageContent({ contents: {} })), ['STIX_EMPTY_DICTIONARY@contents']);
  assert.deepEqual(errors(languageContent({ contents: { de: {} } })), ['STIX_EMPTY_DICTIONARY@contents.de']);
});

test('language-content: object_modified is a timestamp (2.1 §7.1)', () => {
  assert.deepEqual(errors(languageContent({ object_modified: 'last week' })), ['STIX_INVALID_TIMESTAMP@object_modified']);
});

test('language-content: lang and defanged do not apply (2.1 §7.1)', () => {
  assert.deepEqual(errors(languageContent({ lang: 'en' })), ['STIX_PROPERTY_NOT_ALLOWED@lang']);
  assert.deepEqual(errors(languageContent({ defanged: true })), ['STIX_PROPERTY_NOT_ALLOWED@defanged']);
});

test('extension-definition: a definition is valid (2.1 §7.3)', () => {
  assert.deepEqual(errors(extensionDefinition()), []);
  assert.deepEqual(warnings(extensionDefinition()), []);
});

test('extension-definition: created_by_ref, name, schema, version and extension_types are required (2.1 §7.3)', () => {
  for (const name of ['created_by_ref', 'name', 'schema', 'version', 'extension_types'])
    assert.deepEqual(errors(extensionDefinition({ [name]: undefined })), [`STIX_MISSING_PROPERTY@${name}`], name);
  assert.deepEqual(errors(extensionDefinition({ created_by_ref: id('tool') })), ['STIX_REF_TARGET_TYPE@created_by_ref']);
});

test('extension-definition: extension_types come from the closed extension-type-enum (2.1 §7.3, §10.5)', () => {
  assert.deepEqual(errors(extensionDefinition({ extension_types: ['new-sdo', 'new-sco', 'new-sro', 'property-extension'] })), []);
  assert.deepEqual(errors(extensionDefinition({ extension_types: ['new-thing'] })), ['STIX_NOT_IN_ENUM@extension_types[0]']);
  assert.deepEqual(errors(extensionDefinition({ extension_types: [] })), ['STIX_EMPTY_LIST@extension_types']);
});

test('extension-definition: extension_properties are property names (2.1 §7.3.2)', () => {
  const toplevel = { extension_types: ['toplevel-property-extension'] };
  assert.deepEqual(errors(extensionDefinition({ ...toplevel, extension_properties: ['toxicity', 'rank'] })), []);
  assert.deepEqual(errors(extensionDefinition({ ...toplevel, extension_properties: ['Rank', 'xy'] })), [
    'STIX_INVALID_PROPERTY_NAME@extension_properties[0]',
    'STIX_INVALID_PROPERTY_NAME@extension_properties[1]',
  ]);
});

test('extension-definition: confidence, lang, defanged and extensions do not apply (2.1 §7.3)', () => {
  const ext = id('extension-definition');
  for (const [name, value] of Object.entries({
    confidence: 50,
    lang: 'en',
    defanged: false,
    extensions: { [ext]: { extension_type: 'property-extension' } },
  }))
    assert.deepEqual(errors(extensionDefinition({ [name]: value })), [`STIX_PROPERTY_NOT_ALLOWED@${name}`], name);
});

test('extension-definition: the optional common properties revoked, labels, external_references, markings (2.1 §7.3)', () => {
  assert.deepEqual(
    errors(
      extensionDefinition({
        revoked: false,
        labels: ['x'],
        external_references: [{ source_name: 'docs', url: 'https://www.example.com/doc', hashes: { 'SHA-256': 'a'.repeat(64) } }],
        object_marking_refs: [id('marking-definition')],
      }),
    ),
    [],
  );
});

test('extension content: properties an extension-definition defines are not custom properties (no 101), names still checked (§7.3)', () => {
  const ext = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
  const sdo = (content: Record<string, unknown>) => ({
    type: 'campaign',
    spec_version: '2.1',
    id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    created: '2016-04-06T20:03:00.000Z',
    modified: '2016-04-06T20:03:00.000Z',
    name: 'Green Group Attacks Against Finance',
    extensions: { [ext]: { extension_type: 'property-extension', ...content } },
  });
  assert.deepEqual(validate(sdo({ rank: 5 }), { version: '2.1' }).issues, []);
  assert.deepEqual(
    validate(sdo({ 'Bad Name': 5 }), { version: '2.1' }).issues.map((i) => i.code),
    ['STIX_INVALID_PROPERTY_NAME'],
  );
});
