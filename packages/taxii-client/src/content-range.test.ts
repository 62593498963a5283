import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseContentRange, rangeHeader } from './content-range.js';

test('Range: the RFC 7233 form and the 2.0 text form (2.0 §3.4)', () => {
  assert.equal(rangeHeader(0, 49, 'equals'), 'items=0-49');
  assert.equal(rangeHeader(50, 99, 'space'), 'items 50-99');
});

test('Content-Range: items a-b/total, a-b/*, */total are read', () => {
  assert.deepEqual(parseContentRange('items 0-49/500'), { kind: 'range', first: 0, last: 49, total: 500 });
  assert.deepEqual(parseContentRange('Items 10-19/*'), { kind: 'range', first: 10, last: 19 });
  assert.deepEqual(parseContentRange('items */500'), { kind: 'unsatisfied', total: 500 });
});

test('Content-Range: absent, another unit, reversed or past the total is undefined', () => {
  for (const bad of [undefined, '', 'bytes 0-49/500', 'items 0-49', 'items=0-49/500', 'items 9-3/10', 'items 0-10/10', 'items a-b/c'])
    assert.equal(parseContentRange(bad), undefined, String(bad));
});
