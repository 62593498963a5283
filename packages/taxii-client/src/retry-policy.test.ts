import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, isRetryableConnectionError, parseRetryAfter, retryPolicy } from './retry-policy.js';

const NOW = Date.parse('2024-01-01T00:00:00Z');

test('Retry-After: delay-seconds and HTTP-date are read (RFC 9110 §10.2.3)', () => {
  assert.equal(parseRetryAfter('120', NOW), 120_000);
  assert.equal(parseRetryAfter(' 0 ', NOW), 0);
  assert.equal(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', NOW), 30_000);
  assert.equal(parseRetryAfter('Sun, 31 Dec 2023 23:00:00 GMT', NOW), 0, 'a date in the past means now');
});

test('Retry-After: absent or unreadable is undefined (the backoff applies)', () => {
  assert.equal(parseRetryAfter(undefined, NOW), undefined);
  assert.equal(parseRetryAfter('-5', NOW), undefined);
  assert.equal(parseRetryAfter('1.5', NOW), undefined);
  assert.equal(parseRetryAfter('soon', NOW), undefined);
});

test('backoff: between half and all of base·2ⁿ, capped at maxDelayMs', () => {
  const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
  assert.equal(
    backoffDelay(0, policy, () => 0),
    50,
  );
  assert.equal(
    backoffDelay(0, policy, () => 1),
    100,
  );
  assert.equal(
    backoffDelay(2, policy, () => 1),
    400,
  );
  assert.equal(
    backoffDelay(10, policy, () => 1),
    1000,
  );
  assert.equal(
    backoffDelay(10, policy, () => 0),
    500,
  );
});

test('broken connections: GET is retried on any; POST and DELETE only when nothing was sent', () => {
  for (const code of ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'ECONNREFUSED'])
    assert.equal(isRetryableConnectionError(code, 'GET'), true, code);
  assert.equal(isRetryableConnectionError('ECONNRESET', 'POST'), false);
  assert.equal(isRetryableConnectionError('UND_ERR_SOCKET', 'DELETE'), false);
  assert.equal(isRetryableConnectionError('ECONNREFUSED', 'POST'), true);
  assert.equal(isRetryableConnectionError('ENOTFOUND', 'GET'), false);
  assert.equal(isRetryableConnectionError(undefined, 'GET'), false);
});
