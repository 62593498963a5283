import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryParameters, withQuery } from './filters.js';

test('filters: every 2.1 parameter, comma lists, brackets and colons kept literal (2.1 §3.4)', () => {
  const q = queryParameters(
    {
      addedAfter: new Date('2024-01-02T03:04:05.678Z'),
      limit: 10,
      match: { id: ['a--1', 'b--2'], type: 'indicator', version: 'all', specVersion: '2.1' },
    },
    '2.1',
  );
  assert.equal(
    withQuery(new URL('https://h/api/collections/c/objects/'), q.params).search,
    '?added_after=2024-01-02T03:04:05.678Z&match[id]=a--1,b--2&match[type]=indicator&match[version]=all&match[spec_version]=2.1&limit=10',
  );
  assert.equal(q.limit, 10);
});

test('filters: in 2.0 limit sizes the Range instead of being sent; spec_version is TAXII_UNSUPPORTED', () => {
  const q = queryParameters({ limit: 5, match: { type: 'malware' } }, '2.0');
  assert.deepEqual(q.params, [['match[type]', 'malware']]);
  assert.equal(q.limit, 5);
  assert.throws(() => queryParameters({ match: { specVersion: '2.0' } }, '2.0'), { code: 'TAXII_UNSUPPORTED' });
});

test('filters: a bad limit, timestamp or match value is TAXII_INVALID_ARGUMENT', () => {
  for (const filters of [
    { limit: 0 },
    { limit: 1.5 },
    { addedAfter: '2024-01-01' },
    { addedAfter: new Date('nope') },
    { match: { id: [] } },
    { match: { type: 'a,b' } },
  ])
    assert.throws(() => queryParameters(filters, '2.1'), { code: 'TAXII_INVALID_ARGUMENT' }, JSON.stringify(filters));
});
