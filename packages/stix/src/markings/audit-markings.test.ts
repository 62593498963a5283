/**
 * Audit: data markings against 2.0 Part 1 §4 / 2.1 §7.2 and python-stix2's documented semantics
 * of `inherited` / `descendants`. Fixtures written from the specification text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StixError } from '../errors.js';
import { validate } from '../validate.js';
import {
  addMarkings,
  clearMarkings,
  getMarkings,
  isMarked,
  mostRestrictiveTlp,
  removeMarkings,
  setMarkings,
  statementMarking,
  TLP_AMBER_V20,
  TLP_GREEN_V21,
  TLP_RED_V20,
  TLP_RED_V21,
  TLP_WHITE_V20,
  TLP_WHITE_V21,
  TLP2_AMBER_STRICT,
  TLP2_CLEAR,
  TLP2_EXTENSION_DEFINITION,
  TLP2_GREEN,
  TLP2_RED,
  tlpLevel,
} from './index.js';

const GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
const RED = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';
const T = '2016-02-14T00:00:00.000Z';

const code = (c: string) => (e: unknown) => e instanceof StixError && e.code === c;
const errors = (o: unknown, version: '2.0' | '2.1') =>
  validate(o, { version, bestPractices: false }).issues.filter((i) => i.severity === 'error');

const campaign21 = Object.freeze({
  type: 'campaign',
  spec_version: '2.1',
  id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: T,
  modified: T,
  name: 'Green Group Attacks',
  names: ['a'],
  external_references: [
    { source_name: 'a', url: 'https://example.com/a' },
    { source_name: 'b', url: 'https://example.com/b' },
  ],
});
const campaign20 = Object.freeze({
  type: 'campaign',
  id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: T,
  modified: T,
  name: 'Green Group Attacks',
  external_references: [{ source_name: 'a', url: 'https://example.com/a' }],
});

test('audit: list-index selectors resolve, out-of-range ones do not (2.1 §7.2.3.1)', () => {
  const m = addMarkings(campaign21, RED, 'external_references.[1].url');
  assert.deepEqual(errors(m, '2.1'), []);
  assert.deepEqual(getMarkings(m, 'external_references.[1].url'), [RED]);
  assert.deepEqual(getMarkings(m, 'external_references.[0].url'), []);
  assert.throws(() => addMarkings(campaign21, RED, 'external_references.[2].url'), code('STIX_MARKING_SELECTOR'));
  assert.throws(() => addMarkings(campaign21, RED, 'external_references.[0].nope'), code('STIX_MARKING_SELECTOR'));
  assert.throws(() => addMarkings(campaign21, RED, '[0]'), code('STIX_MARKING_SELECTOR'));
});

test('audit: inherited / descendants follow python-stix2 (ancestors + object markings / content below)', () => {
  let m = addMarkings(campaign21, GREEN);
  m = addMarkings(m, AMBER, 'external_references');
  m = addMarkings(m, RED, 'external_references.[0].url');
  assert.deepEqual(getMarkings(m, 'external_references.[0].url'), [RED]);
  assert.deepEqual(new Set(getMarkings(m, 'external_references.[0].url', { inherited: true })), new Set([RED, AMBER, GREEN]));
  assert.deepEqual(getMarkings(m, 'external_references'), [AMBER]);
  assert.deepEqual(new Set(getMarkings(m, 'external_references', { descendants: true })), new Set([AMBER, RED]));
  // `name` is not an ancestor of `names`: selectors compare by step, not by text.
  const n = addMarkings(campaign21, RED, 'name');
  assert.deepEqual(getMarkings(n, 'names', { inherited: true }), []);
  assert.deepEqual(getMarkings(n, 'names.[0]', { inherited: true }), []);
  assert.equal(isMarked(n, RED, 'names', { inherited: true }), false);
  assert.equal(isMarked(m, RED, 'external_references.[0].url'), true);
  assert.equal(isMarked(m, GREEN, 'external_references.[0]', { inherited: true }), true);
  assert.equal(isMarked(m, GREEN, 'external_references.[0]'), false);
});

test('audit: the marking functions never change their input and return valid frozen objects', () => {
  const before = JSON.stringify(campaign21);
  const a = addMarkings(campaign21, [RED, AMBER], ['name', 'external_references.[0]']);
  const b = setMarkings(a, GREEN, 'name');
  const c = removeMarkings(b, AMBER, 'external_references.[0]');
  const d = clearMarkings(c, 'external_references.[0]');
  assert.equal(JSON.stringify(campaign21), before);
  for (const o of [a, b, c, d]) {
    assert.ok(Object.isFrozen(o));
    assert.deepEqual(errors(o, '2.1'), []);
  }
  assert.deepEqual(getMarkings(b, 'name'), [GREEN]);
  assert.equal(
    d.granular_markings?.some((g) => g.selectors.includes('external_references.[0]')),
    false,
  );
  assert.equal(d.modified, campaign21.modified);
});

test('audit: removing a marking that is not there throws STIX_MARKING_NOT_FOUND', () => {
  assert.throws(() => removeMarkings(campaign21, RED), code('STIX_MARKING_NOT_FOUND'));
  assert.throws(() => removeMarkings(addMarkings(campaign21, RED, 'name'), RED, 'names'), code('STIX_MARKING_NOT_FOUND'));
  // Inherited markings do not count for removal.
  assert.throws(
    () => removeMarkings(addMarkings(campaign21, RED, 'external_references'), RED, 'external_references.[0]'),
    code('STIX_MARKING_NOT_FOUND'),
  );
});

test('audit: 2.0 objects take marking_ref granular markings only; the results validate as 2.0', () => {
  const m = addMarkings(addMarkings(campaign20, TLP_AMBER_V20), RED, 'external_references.[0].url');
  assert.deepEqual(errors(m, '2.0'), []);
  assert.equal((m as Record<string, unknown>).spec_version, undefined);
  assert.throws(() => addMarkings(campaign20, { lang: 'de' }, 'name'), code('STIX_MARKING_REF'));
  const l = addMarkings(campaign21, { lang: 'de' }, 'name');
  assert.deepEqual(errors(l, '2.1'), []);
  assert.deepEqual(getMarkings(l, 'name'), ['de']);
  assert.deepEqual(getMarkings(l, 'name', { lang: false }), []);
});

test('audit: a marking-definition must not mark itself (validator MUST circular refs)', () => {
  const s = statementMarking('Copyright ACME');
  assert.throws(() => addMarkings(s, s.id), code('STIX_MARKING_REF'));
  assert.throws(() => addMarkings(s, s, 'definition'), code('STIX_MARKING_REF'));
});

test('audit: TLP constants validate in their version and carry the fixed ids (2.0 Part 1 §4.1.3, 2.1 §7.2.1.4)', () => {
  for (const tlp of [TLP_WHITE_V20, TLP_AMBER_V20, TLP_RED_V20]) {
    assert.deepEqual(errors(tlp, '2.0'), []);
    assert.equal((tlp as Record<string, unknown>).spec_version, undefined);
    assert.equal(tlp.created, '2017-01-20T00:00:00.000Z');
  }
  for (const tlp of [TLP_WHITE_V21, TLP_GREEN_V21, TLP_RED_V21]) assert.deepEqual(errors(tlp, '2.1'), []);
  assert.equal(TLP_WHITE_V21.id, 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9');
  assert.equal(TLP_WHITE_V21.name, 'TLP:WHITE');
  assert.equal(TLP_RED_V21.id, RED);
  assert.deepEqual(errors([TLP2_EXTENSION_DEFINITION, TLP2_CLEAR, TLP2_GREEN, TLP2_AMBER_STRICT, TLP2_RED], '2.1'), []);
  assert.equal(TLP2_CLEAR.id, 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487');
  assert.equal(TLP2_RED.id, 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1');
  assert.equal(TLP2_AMBER_STRICT.id, 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003');
  assert.equal(TLP2_GREEN.id, 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb');
  assert.equal(tlpLevel('marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421')?.level, 'amber');
});

test('audit: mostRestrictiveTlp ranks RED > AMBER+STRICT > AMBER > GREEN > CLEAR/WHITE over both TLP versions', () => {
  const m = addMarkings(addMarkings(campaign21, [TLP2_CLEAR.id, GREEN]), TLP2_AMBER_STRICT.id, 'name');
  assert.equal(mostRestrictiveTlp(m)?.level, 'amber+strict');
  assert.equal(mostRestrictiveTlp(m, { includeGranular: false })?.level, 'green');
  const r = addMarkings(m, AMBER, 'external_references.[0].url');
  assert.equal(mostRestrictiveTlp(r, { selectors: 'external_references' })?.level, 'amber');
  assert.equal(mostRestrictiveTlp(r, { selectors: 'names' })?.level, 'green');
  assert.equal(mostRestrictiveTlp(campaign21), undefined);
});

test('audit: statementMarking 2.0 has no spec_version, exactly-ms created, and validates', () => {
  const s = statementMarking('Copyright ACME', { version: '2.0' });
  assert.equal((s as Record<string, unknown>).spec_version, undefined);
  assert.match(String(s.created), /\.\d{3}Z$/);
  assert.deepEqual(errors(s, '2.0'), []);
  const s21 = statementMarking('Copyright ACME', { name: 'ACME' });
  assert.deepEqual(errors(s21, '2.1'), []);
});

test('audit: an index written [01] selects the same item as [1]', () => {
  const m = addMarkings(campaign21, RED, 'external_references.[1]');
  assert.deepEqual(getMarkings(m, 'external_references.[01]'), [RED]);
});
