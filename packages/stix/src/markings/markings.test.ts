/**
 * Object and granular markings (2.0 Part 1 §4.2–4.3, 2.1 §7.2.2–7.2.3): the verbs, selector
 * resolution, marking ids, self-marking and language markings. Fixtures are the specification's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StixError, type StixErrorCode } from '../errors.js';
import { validate } from '../validate.js';
import { addMarkings, clearMarkings, getMarkings, isMarked, removeMarkings, setMarkings } from './index.js';

const GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
const RED = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';
const STATEMENT = 'marking-definition--089a6ecb-cc15-43cc-9494-767639779123';

// 2.1 §7.2.3.1: the vulnerability the specification uses to explain selectors.
const vulnerability21 = Object.freeze({
  id: 'vulnerability--ee916c28-c7a4-4d0d-ad56-a8d357f89fef',
  spec_version: '2.1',
  created: '2016-02-14T00:00:00.000Z',
  modified: '2016-02-14T00:00:00.000Z',
  type: 'vulnerability',
  name: 'CVE-2014-0160',
  description: 'The (1) TLS...',
  external_references: [{ source_name: 'cve', external_id: 'CVE-2014-0160' }],
  labels: ['heartbleed', 'has-logo'],
});

// 2.0 Part 1 §4.3.1: the same vulnerability as a 2.0 object (no spec_version).
const vulnerability20 = Object.freeze({
  type: 'vulnerability',
  id: 'vulnerability--ee916c28-c7a4-4d0d-ad56-a8d357f89fef',
  created: '2016-02-14T00:00:00.000Z',
  modified: '2016-02-14T00:00:00.000Z',
  name: 'CVE-2014-0160',
  description: 'The (1) TLS...',
  external_references: [{ source_name: 'cve', external_id: 'CVE-2014-0160' }],
  labels: ['heartbleed', 'has-logo'],
});

// 2.1 §7.2.3: the campaign whose German description is marked by lang.
const campaign21 = Object.freeze({
  type: 'campaign',
  spec_version: '2.1',
  id: 'campaign--12a111f0-b824-4baf-a224-83b80237a094',
  lang: 'en',
  created: '2017-02-08T21:31:22.007Z',
  modified: '2017-02-08T21:31:22.007Z',
  name: 'Bank Attack',
  description: 'Weitere Informationen über Banküberfall',
});

const markingDefinition21 = Object.freeze({
  type: 'marking-definition',
  spec_version: '2.1',
  id: STATEMENT,
  created: '2016-08-01T00:00:00.000Z',
  definition_type: 'statement',
  definition: { statement: 'Copyright 2016, Example Corp' },
});

function throwsCode(fn: () => unknown, code: StixErrorCode, messagePart?: string | RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof StixError, `expected a StixError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (typeof messagePart === 'string') assert.ok(e.message.includes(messagePart), e.message);
    else if (messagePart) assert.match(e.message, messagePart);
    return true;
  });
}

const errorsOf = (o: unknown, version: '2.0' | '2.1') =>
  validate(o, { version, bestPractices: false })
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.code}@${i.path}`);

// ---------------------------------------------------------------------------------------------
// Object markings (2.0 Part 1 §4.2, 2.1 §7.2.2)
// ---------------------------------------------------------------------------------------------

test('addMarkings: object markings go to object_marking_refs, by id, object or list (2.1 §7.2.2)', () => {
  const marked = addMarkings(vulnerability21, [GREEN, { id: AMBER }]);
  assert.deepEqual(marked.object_marking_refs, [GREEN, AMBER]);
  assert.deepEqual(errorsOf(marked, '2.1'), []);
  const again = addMarkings(marked, [AMBER, RED]);
  assert.deepEqual(again.object_marking_refs, [GREEN, AMBER, RED], 'present markings stay, new ones follow, each once');
});

test('addMarkings: object markings on a 2.0 object (2.0 Part 1 §4.2)', () => {
  const marked = addMarkings(vulnerability20, RED);
  assert.deepEqual(marked.object_marking_refs, [RED]);
  assert.equal('spec_version' in marked, false);
  assert.deepEqual(errorsOf(marked, '2.0'), []);
});

test('marking functions are pure: a new frozen object, the input and modified untouched', () => {
  const input = structuredClone(vulnerability21) as typeof vulnerability21 & { object_marking_refs?: string[] };
  const before = structuredClone(input);
  const marked = addMarkings(input, GREEN, 'description');
  const marked2 = addMarkings(input, GREEN);
  assert.deepEqual(input, before);
  assert.notEqual(marked, input);
  assert.ok(Object.isFrozen(marked) && Object.isFrozen(marked2));
  assert.ok(Object.isFrozen(marked2.object_marking_refs));
  assert.ok(Object.isFrozen(marked.granular_markings));
  assert.equal(marked.modified, input.modified);
  assert.deepEqual(Object.keys(marked2).slice(0, -1), Object.keys(input), 'properties keep their order; new ones come last');
});

test('marking ids must be marking-definition--<UUID> (2.1 §7.2.2, 2.0 Part 1 §4.2)', () => {
  throwsCode(() => addMarkings(vulnerability21, 'marking-definition--not-a-uuid'), 'STIX_MARKING_REF', 'not-a-uuid');
  throwsCode(() => addMarkings(vulnerability20, 'identity--311b2d2d-f010-4473-83ec-1edf84858f4c'), 'STIX_MARKING_REF', 'identity');
  throwsCode(() => addMarkings(vulnerability21, { type: 'identity', id: GREEN }), 'STIX_MARKING_REF');
  throwsCode(() => addMarkings(vulnerability21, 42 as unknown as string), 'STIX_MARKING_REF');
  throwsCode(() => addMarkings(vulnerability21, GREEN, 'description'.replace('d', 'D')), 'STIX_MARKING_SELECTOR');
  throwsCode(() => addMarkings(vulnerability21, 'x', 'description'), 'STIX_MARKING_REF');
});

test('a marking-definition must not mark itself (validator MUSTs object_marking_circular_refs, granular_markings_circular_refs)', () => {
  throwsCode(() => addMarkings(markingDefinition21, STATEMENT), 'STIX_MARKING_REF', 'must not mark itself');
  throwsCode(() => addMarkings(markingDefinition21, { id: STATEMENT }, 'definition.statement'), 'STIX_MARKING_REF', 'must not mark itself');
  throwsCode(() => setMarkings(markingDefinition21, [GREEN, STATEMENT]), 'STIX_MARKING_REF');
  const marked = addMarkings(addMarkings(markingDefinition21, GREEN), AMBER, 'definition.statement');
  assert.deepEqual(marked.object_marking_refs, [GREEN]);
  assert.deepEqual(marked.granular_markings, [{ selectors: ['definition.statement'], marking_ref: AMBER }]);
  assert.deepEqual(errorsOf(marked, '2.1'), []);
});

test('language markings are granular only: { lang } without selectors is refused (2.1 §7.2.3)', () => {
  throwsCode(() => addMarkings(campaign21, { lang: 'de' }), 'STIX_MARKING_REF', 'selectors');
});

test('removeMarkings: removes object markings; an empty list disappears (lists MUST NOT be empty)', () => {
  const marked = addMarkings(vulnerability21, [GREEN, RED]);
  assert.deepEqual(removeMarkings(marked, GREEN).object_marking_refs, [RED]);
  const none = removeMarkings(marked, [{ id: RED }, GREEN]);
  assert.equal('object_marking_refs' in none, false);
  assert.deepEqual(errorsOf(none, '2.1'), []);
});

test('removeMarkings: a marking that is not there is an error (python-stix2 MarkingNotFoundError)', () => {
  const marked = addMarkings(vulnerability20, GREEN);
  throwsCode(() => removeMarkings(marked, [GREEN, RED]), 'STIX_MARKING_NOT_FOUND', RED);
  throwsCode(() => removeMarkings(vulnerability20, GREEN), 'STIX_MARKING_NOT_FOUND');
});

test('setMarkings and clearMarkings: replace or drop the object markings', () => {
  const marked = addMarkings(vulnerability21, [GREEN, AMBER]);
  assert.deepEqual(setMarkings(marked, RED).object_marking_refs, [RED]);
  assert.equal('object_marking_refs' in setMarkings(marked, []), false);
  const cleared = clearMarkings(marked);
  assert.equal('object_marking_refs' in cleared, false);
  assert.deepEqual(clearMarkings(cleared), cleared, 'clearing nothing is not an error');
});

test('getMarkings and isMarked without selectors: the object markings', () => {
  const marked = addMarkings(addMarkings(vulnerability21, [GREEN, AMBER]), RED, 'description');
  assert.deepEqual(getMarkings(marked), [GREEN, AMBER]);
  assert.deepEqual(getMarkings(marked, undefined, { descendants: true }), [RED, GREEN, AMBER], 'descendants of the object: every marking');
  assert.deepEqual(getMarkings(vulnerability21), []);
  assert.equal(isMarked(marked), true);
  assert.equal(isMarked(marked, GREEN), true);
  assert.equal(isMarked(marked, RED), false, 'RED marks only the description');
  assert.equal(isMarked(marked, [RED, GREEN]), true, 'any of them, by default');
  assert.equal(isMarked(marked, [RED, GREEN], undefined, { match: 'all' }), false);
  assert.equal(isMarked(vulnerability21), false);
});

// ---------------------------------------------------------------------------------------------
// Granular markings (2.0 Part 1 §4.3, 2.1 §7.2.3)
// ---------------------------------------------------------------------------------------------

test('addMarkings with selectors: granular markings, one entry per marking (2.1 §7.2.3)', () => {
  const marked = addMarkings(vulnerability21, GREEN, ['description', 'labels']);
  assert.deepEqual(marked.granular_markings, [{ selectors: ['description', 'labels'], marking_ref: GREEN }]);
  const more = addMarkings(addMarkings(marked, RED, 'external_references.[0].source_name'), GREEN, ['name', 'labels']);
  assert.deepEqual(more.granular_markings, [
    { selectors: ['description', 'labels', 'name'], marking_ref: GREEN },
    { selectors: ['external_references.[0].source_name'], marking_ref: RED },
  ]);
  assert.deepEqual(errorsOf(more, '2.1'), []);
  assert.equal('object_marking_refs' in more, false);
});

test('addMarkings with selectors on a 2.0 object: marking_ref only (2.0 Part 1 §4.3)', () => {
  const marked = addMarkings(vulnerability20, [AMBER, RED], ['labels.[1]', 'external_references']);
  assert.deepEqual(marked.granular_markings, [
    { selectors: ['labels.[1]', 'external_references'], marking_ref: AMBER },
    { selectors: ['labels.[1]', 'external_references'], marking_ref: RED },
  ]);
  assert.deepEqual(errorsOf(marked, '2.0'), []);
});

test('selectors MUST resolve in the object: each spec example selector does (2.1 §7.2.3.1)', () => {
  for (const selector of ['description', 'external_references.[0].source_name', 'labels.[0]', 'labels', 'external_references', 'id']) {
    assert.deepEqual(addMarkings(vulnerability21, GREEN, selector).granular_markings, [{ selectors: [selector], marking_ref: GREEN }]);
    assert.deepEqual(addMarkings(vulnerability20, GREEN, selector).granular_markings, [{ selectors: [selector], marking_ref: GREEN }]);
  }
});

test('selectors MUST resolve in the object: the error names the selector and the first step that does not (2.1 §7.2.3.1, 2.0 Part 1 §4.3.1)', () => {
  throwsCode(() => addMarkings(vulnerability21, GREEN, 'pattern'), 'STIX_MARKING_SELECTOR', '"pattern" is not in the object');
  throwsCode(
    () => addMarkings(vulnerability20, GREEN, 'external_references.[1].source_name'),
    'STIX_MARKING_SELECTOR',
    '"external_references.[1].source_name" does not resolve: "[1]" is not in "external_references"',
  );
  throwsCode(
    () => addMarkings(vulnerability21, GREEN, ['description', 'external_references.[0].url']),
    'STIX_MARKING_SELECTOR',
    '"url" is not in "external_references.[0]"',
  );
  throwsCode(() => addMarkings(vulnerability20, GREEN, 'description.[0]'), 'STIX_MARKING_SELECTOR', '"[0]" is not in "description"');
  throwsCode(() => addMarkings(vulnerability21, GREEN, 'labels.0'), 'STIX_MARKING_SELECTOR', '"0" is not in "labels"');
});

test('selectors MUST follow the syntax: names and [index] steps joined by dots (2.1 §7.2.3.1)', () => {
  throwsCode(() => addMarkings(vulnerability21, GREEN, 'external_references[0]'), 'STIX_MARKING_SELECTOR', 'malformed');
  throwsCode(() => addMarkings(vulnerability21, GREEN, '[0]'), 'STIX_MARKING_SELECTOR', 'step 1');
  throwsCode(() => addMarkings(vulnerability20, GREEN, 'labels..[0]'), 'STIX_MARKING_SELECTOR', 'step 2');
  throwsCode(() => addMarkings(vulnerability21, GREEN, ''), 'STIX_MARKING_SELECTOR');
  throwsCode(() => addMarkings(vulnerability21, GREEN, []), 'STIX_MARKING_SELECTOR', 'empty');
});

test('lang granular markings: exactly one of marking_ref and lang per entry (2.1 §7.2.3, the campaign example)', () => {
  const marked = addMarkings(campaign21, { lang: 'de' }, 'description');
  assert.deepEqual(marked.granular_markings, [{ selectors: ['description'], lang: 'de' }]);
  const both = addMarkings(marked, GREEN, 'description');
  assert.deepEqual(both.granular_markings, [
    { selectors: ['description'], lang: 'de' },
    { selectors: ['description'], marking_ref: GREEN },
  ]);
  assert.deepEqual(errorsOf(both, '2.1'), []);
  assert.deepEqual(getMarkings(both, 'description'), ['de', GREEN]);
  assert.deepEqual(getMarkings(both, 'description', { lang: false }), [GREEN]);
  assert.deepEqual(getMarkings(both, 'description', { markingRef: false }), ['de']);
  assert.equal(isMarked(both, { lang: 'de' }, 'description'), true);
  assert.equal(isMarked(both, { lang: 'fr' }, 'description'), false);
});

test('lang granular markings: STIX 2.0 has none, and the tag must be RFC 5646 (2.0 Part 1 §4.3.1)', () => {
  throwsCode(() => addMarkings(vulnerability20, { lang: 'de' }, 'description'), 'STIX_MARKING_REF', 'STIX 2.1');
  throwsCode(() => addMarkings(campaign21, { lang: 'not a tag' }, 'description'), 'STIX_MARKING_REF', 'RFC 5646');
});

// A marked vulnerability: GREEN on the whole object, AMBER on external_references, RED on one
// source name, lang de on the description.
const layered = addMarkings(
  addMarkings(addMarkings(addMarkings(vulnerability21, GREEN), AMBER, 'external_references'), RED, 'external_references.[0].source_name'),
  { lang: 'de' },
  'description',
);

test('getMarkings with selectors: the markings on exactly that content by default', () => {
  assert.deepEqual(getMarkings(layered, 'external_references'), [AMBER]);
  assert.deepEqual(getMarkings(layered, 'external_references.[0].source_name'), [RED]);
  assert.deepEqual(getMarkings(layered, 'external_references.[0]'), []);
  assert.deepEqual(getMarkings(layered, ['description', 'external_references']), [AMBER, 'de']);
});

test('getMarkings inherited: markings on ancestors and the object markings apply too', () => {
  assert.deepEqual(getMarkings(layered, 'external_references.[0].source_name', { inherited: true }), [AMBER, RED, GREEN]);
  assert.deepEqual(getMarkings(layered, 'external_references.[0]', { inherited: true }), [AMBER, GREEN]);
  assert.deepEqual(getMarkings(layered, 'name', { inherited: true }), [GREEN]);
  assert.deepEqual(getMarkings(layered, 'name'), []);
});

test('getMarkings descendants: markings on content below the selector apply too', () => {
  assert.deepEqual(getMarkings(layered, 'external_references', { descendants: true }), [AMBER, RED]);
  assert.deepEqual(getMarkings(layered, 'external_references.[0]', { descendants: true }), [RED]);
  assert.deepEqual(getMarkings(layered, 'external_references.[0].source_name', { descendants: true }), [RED]);
});

test('ancestors and descendants are by steps, not by text: x_foo is not above x_foo_bar', () => {
  const o = addMarkings({ ...vulnerability21, x_foo: 'a', x_foo_bar: 'b' }, RED, 'x_foo');
  assert.deepEqual(getMarkings(o, 'x_foo_bar', { inherited: true }), []);
  assert.deepEqual(getMarkings(o, 'x_foo', { descendants: true }), [RED]);
  assert.deepEqual(getMarkings(addMarkings(o, AMBER, 'x_foo_bar'), 'x_foo', { descendants: true }), [RED]);
});

test('isMarked with selectors: inherited and descendants widen it, as in getMarkings', () => {
  assert.equal(isMarked(layered, GREEN, 'name'), false);
  assert.equal(isMarked(layered, GREEN, 'name', { inherited: true }), true);
  assert.equal(isMarked(layered, undefined, 'external_references.[0]'), false);
  assert.equal(isMarked(layered, undefined, 'external_references.[0]', { descendants: true }), true);
  assert.equal(isMarked(layered, [AMBER, RED], 'external_references.[0].source_name', { inherited: true, match: 'all' }), true);
  assert.equal(isMarked(layered, [AMBER, RED], 'external_references.[0].source_name', { match: 'all' }), false);
  throwsCode(() => isMarked(layered, RED, 'nope'), 'STIX_MARKING_SELECTOR');
});

test('removeMarkings with selectors: the pair must be there (inherited ones do not count)', () => {
  const marked = addMarkings(vulnerability21, GREEN, ['description', 'labels', 'name']);
  assert.deepEqual(removeMarkings(marked, GREEN, 'labels').granular_markings, [{ selectors: ['description', 'name'], marking_ref: GREEN }]);
  const none = removeMarkings(marked, GREEN, ['description', 'labels', 'name']);
  assert.equal('granular_markings' in none, false);
  throwsCode(() => removeMarkings(marked, RED, 'labels'), 'STIX_MARKING_NOT_FOUND', `${RED} on "labels"`);
  throwsCode(() => removeMarkings(layered, AMBER, 'external_references.[0]'), 'STIX_MARKING_NOT_FOUND');
  throwsCode(() => removeMarkings(layered, { lang: 'fr' }, 'description'), 'STIX_MARKING_NOT_FOUND', 'lang fr');
  assert.deepEqual(getMarkings(removeMarkings(layered, { lang: 'de' }, 'description'), 'description'), []);
});

test('removeMarkings with selectors on a 2.0 object', () => {
  const marked = addMarkings(vulnerability20, [AMBER, RED], 'labels.[0]');
  assert.deepEqual(removeMarkings(marked, AMBER, 'labels.[0]').granular_markings, [{ selectors: ['labels.[0]'], marking_ref: RED }]);
  throwsCode(() => removeMarkings(marked, GREEN, 'labels.[0]'), 'STIX_MARKING_NOT_FOUND');
});

test('clearMarkings with selectors: every granular marking on them goes, marking_ref and lang', () => {
  const both = addMarkings(addMarkings(campaign21, { lang: 'de' }, 'description'), GREEN, ['description', 'name']);
  assert.deepEqual(clearMarkings(both, 'description').granular_markings, [{ selectors: ['name'], marking_ref: GREEN }]);
  assert.equal('granular_markings' in clearMarkings(both, ['name', 'description']), false);
  assert.deepEqual(clearMarkings(both, 'lang'), both, 'nothing on lang: nothing changes');
  throwsCode(() => clearMarkings(both, 'pattern'), 'STIX_MARKING_SELECTOR');
});

test('setMarkings with selectors: the markings on those selectors are replaced', () => {
  const marked = addMarkings(vulnerability20, GREEN, ['description', 'labels']);
  const set = setMarkings(marked, [RED], 'labels');
  assert.deepEqual(set.granular_markings, [
    { selectors: ['description'], marking_ref: GREEN },
    { selectors: ['labels'], marking_ref: RED },
  ]);
  assert.deepEqual(errorsOf(set, '2.0'), []);
});

test('existing granular markings are compacted deterministically: per marking, selectors first-seen, once', () => {
  const o = {
    ...vulnerability21,
    granular_markings: [
      { marking_ref: RED, selectors: ['name'] },
      { marking_ref: GREEN, selectors: ['labels'] },
      { marking_ref: RED, selectors: ['labels', 'name'] },
    ],
  };
  const out = addMarkings(o, GREEN, 'description');
  assert.deepEqual(out.granular_markings, [
    { selectors: ['name', 'labels'], marking_ref: RED },
    { selectors: ['labels', 'description'], marking_ref: GREEN },
  ]);
  assert.deepEqual(addMarkings(o, GREEN, 'description'), out, 'same input, same output');
});

test('a stale selector already in granular_markings can still be read and removed, not added to', () => {
  const o = { ...vulnerability21, granular_markings: [{ marking_ref: RED, selectors: ['pattern'] }] };
  assert.deepEqual(getMarkings(o, 'pattern'), [RED]);
  assert.equal('granular_markings' in removeMarkings(o, RED, 'pattern'), false);
  throwsCode(() => addMarkings(o, GREEN, 'pattern'), 'STIX_MARKING_SELECTOR');
});
