import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSelector, selectorResolves } from './selector.js';

const object = { description: 'd', external_references: [{ source_name: 'a', url: 'u' }], kill_chain_phases: [] };

test('selector: property names and [index] steps joined by dots (2.1 §7.2.3.1)', () => {
  assert.deepEqual(parseSelector('external_references.[0].source_name'), ['external_references', 0, 'source_name']);
  assert.equal(selectorResolves(object, ['external_references', 0, 'source_name']), true);
  assert.equal(selectorResolves(object, ['description']), true);
});

test('selector: malformed selectors are refused', () => {
  for (const s of ['', '[0]', 'external_references[0]', 'a..b', 'Description', 'a.[x]']) assert.equal(parseSelector(s), undefined, s);
});

test('selector: selectors that do not resolve are detected', () => {
  assert.equal(selectorResolves(object, ['name']), false);
  assert.equal(selectorResolves(object, ['external_references', 1]), false);
  assert.equal(selectorResolves(object, ['description', 0]), false);
  assert.equal(selectorResolves(object, ['external_references', 0, 'external_id']), false);
});
