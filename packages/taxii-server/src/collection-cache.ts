/**
 * Every request that touches a collection first reads the collection's record (who may read and
 * write it, its media types): on PostgreSQL one more round trip per request, as long as the
 * query that follows. The records change rarely (the config at start, the admin API), so they are
 * remembered for a short time. A change made through this process (upsertCollection,
 * deleteCollection) empties the memory at once; one made by another process on the same database
 * is seen within `ttlMs`. Writes stay safe meanwhile: a write to a collection deleted elsewhere
 * is refused by the storage itself (storage.ts, writeObjects).
 */
import type { CollectionRecord, Storage } from './storage/storage.js';

/** Default time a collection record is remembered (limits.collection_cache_ms). */
export const COLLECTION_CACHE_MS = 1000;

/** Records remembered at most (many aliases and ids are looked up; the memory stays bounded). */
const MAX_ENTRIES = 10_000;

/** `storage` with getCollection answered from memory for up to `ttlMs`; 0 turns the memory off. */
export function withCollectionCache(storage: Storage, ttlMs: number, now: () => number = Date.now): Storage {
  if (ttlMs <= 0) return storage;
  const remembered = new Map<string, { readonly record: CollectionRecord | undefined; readonly until: number }>();
  /** Bumped by every local change: a lookup that began before one does not store its (maybe old) answer. */
  let generation = 0;
  const forget = () => {
    generation++;
    remembered.clear();
  };
  const getCollection = async (apiRoot: string, idOrAlias: string): Promise<CollectionRecord | undefined> => {
    // U+0000 cannot be in an API root path: the key is unambiguous.
    const key = `${apiRoot}\u0000${idOrAlias}`;
    const hit = remembered.get(key);
    if (hit !== undefined && hit.until > now()) return hit.record;
    const started = generation;
    const record = await storage.getCollection(apiRoot, idOrAlias);
    if (started === generation) {
      if (remembered.size >= MAX_ENTRIES) remembered.clear();
      remembered.set(key, { record, until: now() + ttlMs });
    }
    return record;
  };
  const change =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      forget();
      try {
        return await method(...args);
      } finally {
        forget();
      }
    };
  const overrides: Partial<Storage> = {
    getCollection,
    upsertCollection: change(storage.upsertCollection.bind(storage)),
    deleteCollection: change(storage.deleteCollection.bind(storage)),
  };
  return new Proxy(storage, {
    get(target, property) {
      if (typeof property === 'string' && property in overrides) return overrides[property as keyof Storage];
      const value: unknown = Reflect.get(target, property, target);
      // Methods run on the storage itself: its private fields are not the proxy's.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
