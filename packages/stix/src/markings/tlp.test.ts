/**
 * TLP markings: the fixed TLP 1.0 objects (2.0 Part 1 §4.1.3, 2.1 §7.2.1.4), the TLP 2.0 objects
 * of the OASIS extension, tlpLevel and mostRestrictiveTlp.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate } from '../validate.js';
import {
  addMarkings,
  mostRestrictiveTlp,
  TLP_AMBER_V20,
  TLP_AMBER_V21,
  TLP_GREEN_V20,
  TLP_GREEN_V21,
  TLP_MARKING_IDS,
  TLP_RED_V20,
  TLP_RED_V21,
  TLP_WHITE_V20,
  TLP_WHITE_V21,
  TLP2_AMBER,
  TLP2_AMBER_STRICT,
  TLP2_CLEAR,
  TLP2_EXTENSION_DEFINITION,
  TLP2_EXTENSION_ID,
  TLP2_GREEN,
  TLP2_RED,
  tlpLevel,
} from './index.js';

// The ids as printed in 2.1 §7.2.1.4 and in the OASIS TLP 2.0 extension schema.
const WHITE = 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9';
const GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
const RED = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';
const CLEAR2 = 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487';
const GREEN2 = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
const AMBER2 = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
const STRICT2 = 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003';
const RED2 = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';

const issuesOf = (o: unknown, version: '2.0' | '2.1') => validate(o, { version }).issues.map((i) => `${i.severity} ${i.code}@${i.path}`);

const indicator21 = Object.freeze({
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: '2016-04-06T20:03:48.000Z',
  modified: '2016-04-06T20:03:48.000Z',
  name: 'Poison Ivy Malware',
  description: 'This file is part of Poison Ivy',
  indicator_types: ['malicious-activity'],
  pattern: "[file:hashes.'SHA-256' = '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877']",
  pattern_type: 'stix',
  valid_from: '2016-01-01T00:00:00Z',
  external_references: [{ source_name: 'capec', external_id: 'CAPEC-163', url: 'https://capec.mitre.org/data/definitions/163.html' }],
});

const indicator20 = Object.freeze({
  type: 'indicator',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: '2016-04-06T20:03:48.000Z',
  modified: '2016-04-06T20:03:48.000Z',
  labels: ['malicious-activity'],
  name: 'Poison Ivy Malware',
  pattern: "[file:hashes.'SHA-256' = '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877']",
  valid_from: '2016-01-01T00:00:00Z',
});

test('the four TLP 1.0 markings as STIX 2.1 objects are valid and as printed (2.1 §7.2.1.4)', () => {
  const all = [TLP_WHITE_V21, TLP_GREEN_V21, TLP_AMBER_V21, TLP_RED_V21];
  assert.deepEqual(
    all.map((m) => m.id),
    [WHITE, GREEN, AMBER, RED],
  );
  for (const m of all) {
    assert.deepEqual(issuesOf(m, '2.1'), [], m.id);
    assert.equal(m.created, '2017-01-20T00:00:00.000Z');
    assert.equal(m.spec_version, '2.1');
    assert.equal(m.name, `TLP:${m.definition.tlp.toUpperCase()}`);
    assert.ok(Object.isFrozen(m) && Object.isFrozen(m.definition));
  }
  assert.deepEqual(TLP_GREEN_V21, {
    type: 'marking-definition',
    spec_version: '2.1',
    id: GREEN,
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    name: 'TLP:GREEN',
    definition: { tlp: 'green' },
  });
});

test('the four TLP 1.0 markings as STIX 2.0 objects are valid: no spec_version, no name (2.0 Part 1 §4.1.3)', () => {
  const all = [TLP_WHITE_V20, TLP_GREEN_V20, TLP_AMBER_V20, TLP_RED_V20];
  assert.deepEqual(
    all.map((m) => m.id),
    [WHITE, GREEN, AMBER, RED],
  );
  for (const m of all) {
    assert.deepEqual(issuesOf(m, '2.0'), [], m.id);
    assert.deepEqual(Object.keys(m), ['type', 'id', 'created', 'definition_type', 'definition']);
  }
  // A TLP marking with another id is not allowed: the validator says so, and these are not it.
  assert.notDeepEqual(issuesOf({ ...TLP_RED_V20, id: 'marking-definition--9c0a2f4e-8e8f-4c3e-a1d2-3b4c5d6e7f80' }, '2.0'), []);
});

test('the five TLP 2.0 markings of the OASIS extension are valid 2.1 objects', () => {
  const all = [TLP2_CLEAR, TLP2_GREEN, TLP2_AMBER, TLP2_AMBER_STRICT, TLP2_RED];
  assert.deepEqual(
    all.map((m) => m.id),
    [CLEAR2, GREEN2, AMBER2, STRICT2, RED2],
  );
  for (const m of all) {
    // No warning either: tlp_2_0 is defined by the extension, not a custom property.
    assert.deepEqual(issuesOf(m, '2.1'), [], m.id);
    assert.equal(m.created, '2022-10-01T00:00:00.000Z');
  }
  assert.deepEqual(TLP2_AMBER_STRICT, {
    type: 'marking-definition',
    spec_version: '2.1',
    id: STRICT2,
    created: '2022-10-01T00:00:00.000Z',
    name: 'TLP:AMBER+STRICT',
    extensions: {
      'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { extension_type: 'property-extension', tlp_2_0: 'amber+strict' },
    },
  });
});

test('the TLP 2.0 extension definition is a valid 2.1 extension-definition', () => {
  assert.equal(TLP2_EXTENSION_DEFINITION.id, TLP2_EXTENSION_ID);
  assert.equal(TLP2_EXTENSION_ID, 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d');
  assert.deepEqual(
    issuesOf(TLP2_EXTENSION_DEFINITION, '2.1').filter((i) => i.startsWith('error')),
    [],
  );
  assert.deepEqual(TLP2_EXTENSION_DEFINITION.extension_types, ['property-extension']);
});

test('TLP_MARKING_IDS lists the fixed ids by version and level', () => {
  assert.deepEqual(TLP_MARKING_IDS['1.0'], { white: WHITE, green: GREEN, amber: AMBER, red: RED });
  assert.deepEqual(TLP_MARKING_IDS['2.0'], { clear: CLEAR2, green: GREEN2, amber: AMBER2, 'amber+strict': STRICT2, red: RED2 });
});

test('tlpLevel: the fixed ids of both TLP versions, without their definitions', () => {
  assert.deepEqual(tlpLevel(AMBER), { level: 'amber', version: '1.0', id: AMBER });
  assert.deepEqual(tlpLevel(STRICT2), { level: 'amber+strict', version: '2.0', id: STRICT2 });
  assert.deepEqual(tlpLevel(TLP_WHITE_V20), { level: 'white', version: '1.0', id: WHITE });
  assert.deepEqual(tlpLevel(TLP2_CLEAR), { level: 'clear', version: '2.0', id: CLEAR2 });
  assert.equal(tlpLevel('marking-definition--089a6ecb-cc15-43cc-9494-767639779123'), undefined);
});

const CUSTOM = 'marking-definition--7c5b2c11-4a4d-4e0b-9d0e-0f6b2b6f7a11';

test('tlpLevel: custom definitions that say tlp (definition_type tlp, or the TLP 2.0 extension)', () => {
  assert.deepEqual(tlpLevel({ id: CUSTOM, definition_type: 'tlp', definition: { tlp: 'red' } }), {
    level: 'red',
    version: '1.0',
    id: CUSTOM,
  });
  assert.deepEqual(
    tlpLevel({ id: CUSTOM, extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: 'amber+strict' } } }),
    {
      level: 'amber+strict',
      version: '2.0',
      id: CUSTOM,
    },
  );
  // Real feeds write TLP 2.0 levels into 1.0-style definitions (cti-python-stix2#569).
  assert.deepEqual(tlpLevel({ id: CUSTOM, definition_type: 'tlp', definition: { tlp: 'TLP:CLEAR' } }), {
    level: 'clear',
    version: '2.0',
    id: CUSTOM,
  });
  assert.equal(tlpLevel({ id: CUSTOM, definition_type: 'statement', definition: { statement: 'red' } }), undefined);
  assert.equal(tlpLevel({ id: CUSTOM, definition_type: 'tlp', definition: { tlp: 'purple' } }), undefined);
});

test('mostRestrictiveTlp: RED > AMBER+STRICT > AMBER > GREEN > CLEAR/WHITE over the object markings', () => {
  const order = [RED, RED2, STRICT2, AMBER, AMBER2, GREEN, GREEN2, WHITE, CLEAR2];
  // The least restrictive first, so the answer is never simply the first marking.
  const expected = ['red', 'red', 'amber+strict', 'amber', 'amber', 'green', 'green', 'clear', 'clear'];
  for (let i = 0; i < order.length; i++) {
    const marked = addMarkings(indicator21, [...order.slice(i)].reverse());
    assert.equal(mostRestrictiveTlp(marked)?.level, expected[i], order[i]);
  }
  assert.deepEqual(mostRestrictiveTlp(addMarkings(indicator21, [GREEN, STRICT2, AMBER])), {
    level: 'amber+strict',
    version: '2.0',
    id: STRICT2,
  });
  assert.deepEqual(
    mostRestrictiveTlp(addMarkings(indicator21, [AMBER, AMBER2])),
    { level: 'amber', version: '1.0', id: AMBER },
    'a tie: the first wins',
  );
});

test('mostRestrictiveTlp: undefined when no TLP marking applies', () => {
  assert.equal(mostRestrictiveTlp(indicator21), undefined);
  assert.equal(mostRestrictiveTlp(addMarkings(indicator20, CUSTOM)), undefined);
});

test('mostRestrictiveTlp on a 2.0 object (2.0 Part 1 §4.1.3)', () => {
  assert.deepEqual(mostRestrictiveTlp(addMarkings(addMarkings(indicator20, GREEN), RED, 'pattern')), {
    level: 'red',
    version: '1.0',
    id: RED,
  });
  assert.deepEqual(mostRestrictiveTlp(addMarkings(addMarkings(indicator20, GREEN), RED, 'pattern'), { includeGranular: false }), {
    level: 'green',
    version: '1.0',
    id: GREEN,
  });
});

test('mostRestrictiveTlp: granular markings count by default; includeGranular false leaves them out', () => {
  const marked = addMarkings(addMarkings(indicator21, GREEN2), RED2, 'external_references.[0].url');
  assert.equal(mostRestrictiveTlp(marked)?.level, 'red');
  assert.equal(mostRestrictiveTlp(marked, { includeGranular: false })?.level, 'green');
});

test('mostRestrictiveTlp with selectors: markings on that content, its ancestors, its descendants and the object', () => {
  const marked = addMarkings(
    addMarkings(addMarkings(indicator21, GREEN2), AMBER2, 'external_references'),
    RED2,
    'external_references.[0].url',
  );
  assert.equal(mostRestrictiveTlp(marked, { selectors: 'name' })?.level, 'green');
  assert.equal(mostRestrictiveTlp(marked, { selectors: 'external_references.[0].source_name' })?.level, 'amber');
  assert.equal(mostRestrictiveTlp(marked, { selectors: 'external_references' })?.level, 'red');
  assert.equal(mostRestrictiveTlp(marked, { selectors: ['name', 'external_references.[0].url'] })?.level, 'red');
});

test('mostRestrictiveTlp: custom TLP marking definitions, as a list or a lookup function', () => {
  const custom = { id: CUSTOM, type: 'marking-definition', definition_type: 'tlp', definition: { tlp: 'red' } };
  const marked = addMarkings(indicator21, [GREEN, CUSTOM]);
  assert.equal(mostRestrictiveTlp(marked)?.level, 'green', 'without its definition the custom marking is unknown');
  assert.deepEqual(mostRestrictiveTlp(marked, { markingDefinitions: [custom] }), { level: 'red', version: '1.0', id: CUSTOM });
  assert.deepEqual(mostRestrictiveTlp(marked, { markingDefinitions: (id) => (id === CUSTOM ? custom : undefined) })?.level, 'red');
  // The fixed ids win over whatever a definition passed in says.
  assert.equal(mostRestrictiveTlp(addMarkings(indicator21, GREEN), { markingDefinitions: [{ ...custom, id: GREEN }] })?.level, 'green');
});
