import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTimestamp, compareTimestamps } from './timestamp.js';

test('timestamp: RFC 3339 UTC with Z is valid, any precision by default (2.1 §2.17)', () => {
  for (const ts of ['2016-05-12T08:17:27Z', '2016-05-12T08:17:27.1Z', '2016-05-12T08:17:27.000Z', '2016-05-12T08:17:27.123456789Z'])
    assert.equal(checkTimestamp(ts), undefined, ts);
});

test('timestamp: offsets, missing Z, spaces and short forms are not STIX timestamps', () => {
  for (const ts of [
    '2016-05-12T08:17:27+00:00',
    '2016-05-12T08:17:27',
    '2016-05-12 08:17:27Z',
    '2016-05-12',
    '2016-05-12T08:17:27.Z',
    '20160512T081727Z',
  ])
    assert.equal(checkTimestamp(ts), 'format', ts);
});

test('timestamp: the date must exist on the calendar (validator MUST timestamp)', () => {
  assert.equal(checkTimestamp('2016-04-31T00:00:00Z'), 'date');
  assert.equal(checkTimestamp('2015-02-29T00:00:00Z'), 'date');
  assert.equal(checkTimestamp('2016-02-29T00:00:00Z'), undefined);
  assert.equal(checkTimestamp('1900-02-29T00:00:00Z'), 'date');
  assert.equal(checkTimestamp('2000-02-29T00:00:00Z'), undefined);
  assert.equal(checkTimestamp('2016-13-01T00:00:00Z'), 'date');
  assert.equal(checkTimestamp('2016-12-01T24:00:00Z'), 'date');
  assert.equal(checkTimestamp('2016-12-31T23:59:60Z'), undefined, 'leap second');
});

test('timestamp: 2.0 created/modified need exactly millisecond precision (2.0 Part 1 §3.2)', () => {
  assert.equal(checkTimestamp('2016-05-12T08:17:27.000Z', 'millisecond'), undefined);
  assert.equal(checkTimestamp('2016-05-12T08:17:27Z', 'millisecond'), 'precision');
  assert.equal(checkTimestamp('2016-05-12T08:17:27.0001Z', 'millisecond'), 'precision');
});

test('timestamp: 2.1 created/modified need at least millisecond precision (2.1 §3.2)', () => {
  assert.equal(checkTimestamp('2016-05-12T08:17:27.000Z', 'min-millisecond'), undefined);
  assert.equal(checkTimestamp('2016-05-12T08:17:27.000001Z', 'min-millisecond'), undefined);
  assert.equal(checkTimestamp('2016-05-12T08:17:27.1Z', 'min-millisecond'), 'precision');
});

test('timestamp: comparison ignores trailing fractional zeros and orders by time', () => {
  assert.equal(compareTimestamps('2016-05-12T08:17:27.1Z', '2016-05-12T08:17:27.100Z'), 0);
  assert.equal(compareTimestamps('2016-05-12T08:17:27Z', '2016-05-12T08:17:27.000Z'), 0);
  assert.equal(compareTimestamps('2016-05-12T08:17:27.000001Z', '2016-05-12T08:17:27Z'), 1);
  assert.equal(compareTimestamps('2015-12-31T23:59:59.999Z', '2016-01-01T00:00:00Z'), -1);
});
