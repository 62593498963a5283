import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaxiiError } from './errors.js';
import { canonicalQuery, OBJECT_FILTERS, OBJECTS_FILTERS, parseFilters } from './filters.js';

const ID = 'indicator--00000000-0000-4000-8000-000000000001';
const bad = (params: Record<string, unknown>) =>
  assert.throws(
    () => parseFilters(params, OBJECTS_FILTERS),
    (e: unknown) => e instanceof TaxiiError && e.code === 'TAXII_INVALID_PARAMETER',
    JSON.stringify(params),
  );

test('match[id], match[type], match[spec_version] take comma lists (TAXII 2.1 §3.4.1)', () => {
  const f = parseFilters(
    { 'match[id]': `${ID},${ID.replace('1', '2')}`, 'match[type]': 'indicator,malware', 'match[spec_version]': '2.0,2.1' },
    OBJECTS_FILTERS,
  );
  assert.equal(f.ids?.length, 2);
  assert.deepEqual(f.types, ['indicator', 'malware']);
  assert.deepEqual(f.specVersions, ['2.0', '2.1']);
});

test('match[version]: keywords and timestamps, combinable except all', () => {
  assert.deepEqual(parseFilters({ 'match[version]': 'first,2024-01-01T00:00:00.000Z,last' }, OBJECTS_FILTERS).versions, [
    { kind: 'first' },
    { kind: 'exact', version: '2024-01-01T00:00:00.000Z' },
    { kind: 'last' },
  ]);
  assert.deepEqual(parseFilters({ 'match[version]': 'all' }, OBJECTS_FILTERS).versions, [{ kind: 'all' }]);
  bad({ 'match[version]': 'all,last' });
  bad({ 'match[version]': 'last,last' });
  bad({ 'match[version]': 'newest' });
  bad({ 'match[version]': '2024-01-01' });
});

test('malformed parameters are 400: ids, types, lists, added_after, limit, repeats', () => {
  bad({ 'match[id]': 'not-an-id' });
  bad({ 'match[id]': `${ID},` });
  bad({ 'match[type]': 'Bad Type' });
  bad({ 'match[spec_version]': 'two' });
  bad({ added_after: 'yesterday' });
  bad({ added_after: '2024-01-01T00:00:00+01:00' });
  bad({ limit: '0' });
  bad({ limit: '-1' });
  bad({ limit: '1.5' });
  bad({ 'match[type]': ['indicator', 'malware'] });
});

test('added_after is microseconds; limit is a number', () => {
  const f = parseFilters({ added_after: '2024-01-01T00:00:00.000001Z', limit: '10' }, OBJECTS_FILTERS);
  assert.equal(f.addedAfter, Date.UTC(2024, 0, 1) * 1000 + 1);
  assert.equal(f.limit, 10);
});

test('filters an endpoint does not take are ignored (object endpoint: no match[type])', () => {
  assert.equal(parseFilters({ 'match[type]': 'Bad Type' }, OBJECT_FILTERS).types, undefined);
});

test('the canonical query ignores limit and next but not the filters', () => {
  const a = canonicalQuery('objects', parseFilters({ 'match[type]': 'indicator', limit: '5' }, OBJECTS_FILTERS));
  const b = canonicalQuery('objects', parseFilters({ 'match[type]': 'indicator', limit: '7', next: 'x' }, OBJECTS_FILTERS));
  const c = canonicalQuery('objects', parseFilters({ 'match[type]': 'malware' }, OBJECTS_FILTERS));
  assert.equal(a, b);
  assert.notEqual(a, c);
});
