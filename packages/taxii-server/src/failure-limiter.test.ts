import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FailureLimiter, MAX_TRACKED } from './failure-limiter.js';

test('FailureLimiter: blocked after max failures within the window, for what is left of it; free again after', () => {
  const limiter = new FailureLimiter(3, 60_000);
  const t0 = 1_000_000;
  assert.equal(limiter.blockedFor('a', t0), undefined);
  limiter.fail('a', t0);
  limiter.fail('a', t0 + 1000);
  assert.equal(limiter.blockedFor('a', t0 + 2000), undefined, 'two failures of three: still free');
  limiter.fail('a', t0 + 2000);
  assert.equal(limiter.blockedFor('a', t0 + 2000), 58, 'the window runs from the first failure');
  assert.equal(limiter.blockedFor('a', t0 + 59_500), 1, 'at least one second');
  assert.equal(limiter.blockedFor('b', t0 + 2000), undefined, 'another address is counted apart');
  assert.equal(limiter.blockedFor('a', t0 + 60_000), undefined, 'the window ended');
  limiter.fail('a', t0 + 60_000);
  assert.equal(limiter.blockedFor('a', t0 + 60_001), undefined, 'a new window starts at one failure');
});

test('FailureLimiter: the addresses tracked stay bounded — expired ones first, then the oldest', () => {
  const limiter = new FailureLimiter(1, 1000);
  for (let i = 0; i < MAX_TRACKED; i++) limiter.fail(`old-${i}`, 0);
  assert.equal(limiter.size, MAX_TRACKED);
  // All expired by t = 5000: the next new address drops them.
  limiter.fail('new', 5000);
  assert.equal(limiter.size, 1);
  for (let i = 0; i < MAX_TRACKED - 1; i++) limiter.fail(`live-${i}`, 6000);
  limiter.fail('one-more', 6000);
  assert.equal(limiter.size, MAX_TRACKED, 'none expired: the oldest went');
  assert.equal(limiter.blockedFor('new', 6000), undefined, 'the oldest (new, t = 5000) was dropped');
  assert.equal(limiter.blockedFor('one-more', 6000), 1);
});
