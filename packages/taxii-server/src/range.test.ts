import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaxiiError } from './errors.js';
import { parseItemsRange, planPage, rangeAnswer } from './range.js';

test('Range: "items a-b" (TAXII 2.0 §3.4.1) and "items=a-b" (RFC 7233) are one inclusive range', () => {
  for (const h of ['items 0-49', 'items=0-49', 'ITEMS=0-49', ' items = 0 - 49 '])
    assert.deepEqual(parseItemsRange(h), { kind: 'bounded', first: 0, last: 49 }, h);
  assert.deepEqual(parseItemsRange('items 10-10'), { kind: 'bounded', first: 10, last: 10 });
});

test('Range: open-ended "items a-" and suffix "items -n" (RFC 7233 §2.1 forms)', () => {
  assert.deepEqual(parseItemsRange('items 5-'), { kind: 'from', first: 5 });
  assert.deepEqual(parseItemsRange('items=-3'), { kind: 'suffix', length: 3 });
});

test('Range: what is not one valid items range is ignored, as RFC 9110 §14.2 has it (no error)', () => {
  for (const h of [
    undefined,
    '',
    'bytes=0-49',
    'items 5-2',
    'items=a-b',
    'items 0-1,3-4',
    'items=-',
    'items=-0',
    'items 0-99999999999999999',
    'items0-1',
  ])
    assert.equal(parseItemsRange(h), undefined, String(h));
  assert.equal(parseItemsRange(['items 0-1', 'items 2-3']), undefined, 'a repeated header');
});

test('planPage: the range is capped by the page size; a suffix asks for the total', async () => {
  const never = async () => assert.fail('total not needed');
  assert.deepEqual(await planPage(undefined, 50, never), { offset: 0, limit: 50 });
  assert.deepEqual(await planPage({ kind: 'bounded', first: 10, last: 19 }, 50, never), { offset: 10, limit: 10 });
  assert.deepEqual(await planPage({ kind: 'bounded', first: 10, last: 999 }, 50, never), { offset: 10, limit: 50 });
  assert.deepEqual(await planPage({ kind: 'from', first: 7 }, 50, never), { offset: 7, limit: 50 });
  assert.deepEqual(await planPage({ kind: 'suffix', length: 3 }, 50, async () => 10), { offset: 7, limit: 3 });
  assert.deepEqual(await planPage({ kind: 'suffix', length: 30 }, 50, async () => 10), { offset: 0, limit: 30 });
});

test('rangeAnswer: 206 with Content-Range for a range, even when it holds everything (TAXII 2.0 §3.4.1)', () => {
  const range = { kind: 'bounded', first: 0, last: 49 } as const;
  assert.deepEqual(rangeAnswer(range, 0, 10, 10), {
    status: 206,
    headers: { 'accept-ranges': 'items', 'content-range': 'items 0-9/10' },
  });
  assert.deepEqual(rangeAnswer({ kind: 'from', first: 3 }, 3, 2, 5).headers['content-range'], 'items 3-4/5');
});

test('rangeAnswer: without a range, 200 when everything fits, 206 with Content-Range when the server pages', () => {
  assert.deepEqual(rangeAnswer(undefined, 0, 10, 10), { status: 200, headers: { 'accept-ranges': 'items' } });
  assert.deepEqual(rangeAnswer(undefined, 0, 0, 0), { status: 200, headers: { 'accept-ranges': 'items' } });
  assert.deepEqual(rangeAnswer(undefined, 0, 50, 60), {
    status: 206,
    headers: { 'accept-ranges': 'items', 'content-range': 'items 0-49/60' },
  });
});

test('rangeAnswer: a range starting at or beyond the end is 416 with Content-Range items */total', () => {
  for (const [offset, total] of [
    [10, 10],
    [500, 100],
    [0, 0],
  ]) {
    assert.throws(
      () => rangeAnswer({ kind: 'bounded', first: offset, last: offset + 9 }, offset, 0, total),
      (e: unknown) =>
        e instanceof TaxiiError &&
        e.code === 'TAXII_RANGE_NOT_SATISFIABLE' &&
        e.statusCode === 416 &&
        e.headers['content-range'] === `items */${total}`,
    );
  }
});
