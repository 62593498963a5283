import assert from 'node:assert/strict';
import test from 'node:test';
import { compileLike } from './like.js';

const like = (pattern: string, value: string) => compileLike(pattern)(value);

test('LIKE: % matches any run, including none (2.1 §9.6.1)', () => {
  assert.equal(like('C:\\Windows\\%\\foo', 'C:\\Windows\\System32\\foo'), true);
  assert.equal(like('C:\\Windows\\%\\foo', 'C:\\Windows\\\\foo'), true);
  assert.equal(like('C:\\Windows\\%\\foo', 'C:\\Windows\\System32\\bar'), false);
  assert.equal(like('%', ''), true);
  assert.equal(like('%%', 'abc'), true);
  assert.equal(like('a%', 'abc'), true);
  assert.equal(like('%c', 'abc'), true);
  assert.equal(like('%b%', 'abc'), true);
  assert.equal(like('%x%', 'abc'), false);
});

test('LIKE: _ matches exactly one character (a code point)', () => {
  assert.equal(like('a_c', 'abc'), true);
  assert.equal(like('a_c', 'ac'), false);
  assert.equal(like('a_c', 'abbc'), false);
  assert.equal(like('_', '😀'), true, 'one astral character is one _');
  assert.equal(like('__', '😀'), false);
  assert.equal(like('%_', ''), false);
  assert.equal(like('_%_', 'ab'), true);
});

test('LIKE: the whole value must match; prefix and suffix may not overlap', () => {
  assert.equal(like('abc', 'abcd'), false);
  assert.equal(like('', ''), true);
  assert.equal(like('', 'a'), false);
  assert.equal(like('a%a', 'a'), false);
  assert.equal(like('a%a', 'aa'), true);
  assert.equal(like('ab%bc', 'abc'), false);
  assert.equal(like('%ab%ab%', 'xabyab'), true);
  assert.equal(like('%a_c%', 'xxabxadcx'), true);
});

test('LIKE: regex metacharacters are literal', () => {
  assert.equal(like('a.c', 'abc'), false);
  assert.equal(like('a.c', 'a.c'), true);
  assert.equal(like('(a+)+$', '(a+)+$'), true);
});

test('LIKE: adversarial pattern on a long value finishes (no backtracking)', () => {
  const value = `${'a'.repeat(50_000)}b`;
  assert.equal(like(`${'%a'.repeat(30)}%c`, value), false);
});
