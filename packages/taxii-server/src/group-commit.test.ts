import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { GroupCommit } from './group-commit.js';
import type { IncomingObject, ObjectWrite } from './storage/storage.js';
import { MemoryStorage } from './test-memory-storage.js';

function objects(n: number): IncomingObject[] {
  return Array.from({ length: n }, () => {
    const id = `indicator--${randomUUID()}`;
    return { id, type: 'indicator', version: '2024-01-01T00:00:00.000Z', specVersion: '2.1', raw: JSON.stringify({ id }) };
  });
}

/** A MemoryStorage that records the size of each writeObjects group and can fail on demand. */
class RecordingStorage extends MemoryStorage {
  readonly groups: number[] = [];
  failWhen: (writes: readonly ObjectWrite[]) => boolean = () => false;
  override async writeObjects(collectionId: string, writes: readonly ObjectWrite[]) {
    this.groups.push(writes.length);
    if (this.failWhen(writes)) throw new Error('storage failed');
    return super.writeObjects(collectionId, writes);
  }
}

test('writes that arrive together are stored in one group, each with its own result', async () => {
  const storage = new RecordingStorage();
  const commit = new GroupCommit(storage);
  const c = randomUUID();
  const batches = [objects(3), objects(2), objects(4)];
  const results = await Promise.all(batches.map((b) => commit.write(c, { objects: b })));
  assert.deepEqual(storage.groups, [3]);
  assert.deepEqual(
    results.map((r) => r.added.length),
    [3, 2, 4],
  );
  assert.deepEqual(
    results[1]?.added.map((d) => d.id),
    batches[1]?.map((o) => o.id),
  );
});

test('a write arriving while a group is stored goes into the next group; collections are independent', async () => {
  const storage = new RecordingStorage();
  const commit = new GroupCommit(storage);
  const c = randomUUID();
  const first = commit.write(c, { objects: objects(1) });
  const other = commit.write(randomUUID(), { objects: objects(1) });
  await first;
  const second = commit.write(c, { objects: objects(1) });
  const third = commit.write(c, { objects: objects(1) });
  await Promise.all([second, third, other]);
  assert.deepEqual(storage.groups, [1, 1, 2]);
});

test('a group is bounded by its number of objects (a lone oversized write still goes alone)', async () => {
  const storage = new RecordingStorage();
  const commit = new GroupCommit(storage, 5);
  const c = randomUUID();
  await Promise.all([
    commit.write(c, { objects: objects(3) }),
    commit.write(c, { objects: objects(3) }),
    commit.write(c, { objects: objects(9) }),
  ]);
  assert.deepEqual(storage.groups, [1, 1, 1]);
  await Promise.all([commit.write(c, { objects: objects(2) }), commit.write(c, { objects: objects(3) })]);
  assert.deepEqual(storage.groups.slice(3), [2]);
});

test('a failing group is retried write by write: only the failing write is rejected', async () => {
  const storage = new RecordingStorage();
  const commit = new GroupCommit(storage);
  const c = randomUUID();
  const bad = objects(1);
  storage.failWhen = (writes) => writes.some((w) => w.objects === bad);
  const outcomes = await Promise.allSettled([
    commit.write(c, { objects: objects(2) }),
    commit.write(c, { objects: bad }),
    commit.write(c, { objects: objects(1) }),
  ]);
  assert.deepEqual(
    outcomes.map((o) => o.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.deepEqual(storage.groups, [3, 1, 1, 1]);
  assert.equal((storage.objects.get(c) ?? []).length, 3);
  // The queue keeps working after a failure.
  const after = await commit.write(c, { objects: objects(1) });
  assert.equal(after.added.length, 1);
});
