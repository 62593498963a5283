import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withCollectionCache } from './collection-cache.js';
import { SqliteStorage } from './storage/sqlite/sqlite-storage.js';
import type { CollectionRecord } from './storage/storage.js';

const record = (id: string, read: string[]): CollectionRecord => ({
  apiRoot: 'api1',
  id,
  title: id,
  read,
  write: [],
  mediaTypes: ['application/stix+json;version=2.1'],
});

async function storageWithCounter() {
  const storage = new SqliteStorage({ path: ':memory:' });
  await storage.open();
  let reads = 0;
  const getCollection = storage.getCollection.bind(storage);
  storage.getCollection = async (apiRoot, idOrAlias) => {
    reads++;
    return getCollection(apiRoot, idOrAlias);
  };
  return { storage, reads: () => reads };
}

test('collection cache: a record is read once within the time, again after it', async () => {
  const { storage, reads } = await storageWithCounter();
  let clock = 0;
  const cached = withCollectionCache(storage, 1000, () => clock);
  await storage.upsertCollection(record('c1', ['alice']));
  assert.deepEqual((await cached.getCollection('api1', 'c1'))?.read, ['alice']);
  assert.deepEqual((await cached.getCollection('api1', 'c1'))?.read, ['alice']);
  assert.equal(await cached.getCollection('api1', 'missing'), undefined);
  assert.equal(await cached.getCollection('api1', 'missing'), undefined, 'an absent collection is remembered too');
  assert.equal(reads(), 2);
  // Changed by "another process" (straight in the storage): seen once the time has passed.
  await storage.upsertCollection(record('c1', ['bob']));
  clock = 999;
  assert.deepEqual((await cached.getCollection('api1', 'c1'))?.read, ['alice']);
  clock = 1000;
  assert.deepEqual((await cached.getCollection('api1', 'c1'))?.read, ['bob']);
  assert.equal(reads(), 3);
  await storage.close();
});

test('collection cache: a change made through it applies at once; 0 turns it off', async () => {
  const { storage, reads } = await storageWithCounter();
  const cached = withCollectionCache(storage, 60_000);
  await cached.upsertCollection(record('c1', ['alice']));
  assert.deepEqual((await cached.getCollection('api1', 'c1'))?.read, ['alice']);
  await cached.upsertCollection(record('c1', ['bob']));
  assert.deepEqual((await cached.getCollection('api1', 'c1'))?.read, ['bob']);
  assert.equal(await cached.deleteCollection('api1', 'c1'), true);
  assert.equal(await cached.getCollection('api1', 'c1'), undefined);
  // Every other method is the storage's own (its private fields work through the wrapper).
  assert.deepEqual(await cached.listCollections('api1'), []);
  const uncached = withCollectionCache(storage, 0);
  assert.equal(uncached, storage);
  const before = reads();
  await uncached.getCollection('api1', 'c1');
  await uncached.getCollection('api1', 'c1');
  assert.equal(reads(), before + 2);
  await storage.close();
});
