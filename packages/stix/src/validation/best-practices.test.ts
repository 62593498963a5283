import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestPracticeChecks, resolveBestPractices } from './best-practices.js';

test('best practices: every check runs by default', () => {
  const { enabled } = resolveBestPractices('2.1', undefined, undefined);
  assert.equal(enabled.size, bestPracticeChecks['2.1'].size);
});

test('best practices: --disable removes checks by number or name', () => {
  const { enabled, unknown } = resolveBestPractices('2.1', undefined, [101, 'relationship-types']);
  assert.equal(enabled.has(101), false);
  assert.equal(enabled.has(202), false);
  assert.equal(enabled.has(102), true);
  assert.deepEqual(unknown, []);
});

test('best practices: --enable alone runs only those checks; a group number stands for its range', () => {
  const { enabled } = resolveBestPractices('2.1', ['210'], undefined);
  assert.ok(enabled.has(211) && enabled.has(245));
  assert.equal(enabled.has(101), false);
  assert.equal(enabled.has(271), false);
});

test('best practices: unknown names are reported, not ignored', () => {
  assert.deepEqual(resolveBestPractices('2.1', ['no-such-check'], undefined).unknown, ['no-such-check']);
  // 2.0 has no uuid-check (103).
  assert.deepEqual(resolveBestPractices('2.0', [103], undefined).unknown, ['103']);
});
