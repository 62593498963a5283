import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseStatus, pollUntilComplete, type Status } from './status.js';

const base = { id: 's1', status: 'complete', total_count: 3, success_count: 2, failure_count: 1, pending_count: 0 };

test('status: 2.0 bare ids and 2.1 status-details become one StatusDetail shape', () => {
  const v20 = normaliseStatus({ ...base, successes: ['a--1', 'a--2'], failures: [{ id: 'b--1', message: 'bad' }] });
  assert.deepEqual(v20.successes, [{ id: 'a--1' }, { id: 'a--2' }]);
  assert.deepEqual(v20.failures, [{ id: 'b--1', message: 'bad' }]);
  const v21 = normaliseStatus({ ...base, successes: [{ id: 'a--1', version: '2024-01-01T00:00:00.000Z' }] });
  assert.deepEqual(v21.successes, [{ id: 'a--1', version: '2024-01-01T00:00:00.000Z' }]);
  assert.deepEqual(v21.pendings, []);
  assert.equal(v21.raw.id, 's1');
  assert.equal(v21.successCount, 2, 'counts come from the resource, not from the (optional) lists');
});

test('waiting: polls until complete; gives up with TAXII_STATUS_TIMEOUT carrying the last status', async () => {
  const pending = normaliseStatus({ ...base, status: 'pending', pending_count: 3 });
  const complete = normaliseStatus(base);
  let polls = 0;
  const done = await pollUntilComplete(pending, async () => (++polls < 3 ? pending : complete), { intervalMs: 1 });
  assert.equal(done.status, 'complete');
  assert.equal(polls, 3);
  await assert.rejects(
    pollUntilComplete(pending, async () => pending, { intervalMs: 5, timeoutMs: 30 }),
    (e: { code?: string; lastStatus?: Status }) => {
      assert.equal(e.code, 'TAXII_STATUS_TIMEOUT');
      assert.equal(e.lastStatus?.pendingCount, 3);
      return true;
    },
  );
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 10);
  await assert.rejects(
    pollUntilComplete(pending, async () => pending, { intervalMs: 1000, signal: controller.signal }),
    { code: 'TAXII_ABORTED' },
  );
});
