/** An in-memory Storage for the server's tests (not built, not shipped). Follows storage.ts to the letter. */
import {
  ABANDONED_MESSAGE,
  type AddResult,
  COLLECTION_DELETED_MESSAGE,
  type CollectionRecord,
  canonicalText,
  formatMicros,
  type IncomingObject,
  identityOf,
  lastActivity,
  type Micros,
  type ObjectQuery,
  type ObjectWrite,
  type Page,
  parseMicros,
  type RangePage,
  type RangeQuery,
  refusedWrite,
  STATUS_SETTLED_MESSAGE,
  type Status,
  type StatusDetail,
  type StatusUpdate,
  type Storage,
  type StoredObject,
} from './storage/storage.js';

const versionKey = (v: string) => parseMicros(v) ?? Number.NaN;

export class MemoryStorage implements Storage {
  readonly collections = new Map<string, CollectionRecord>();
  readonly objects = new Map<string, StoredObject[]>();
  readonly statuses = new Map<string, Status & { completedAt?: Micros; updatedAt?: Micros }>();
  /** Collection ids whose objects deleteCollection took: writes to them are refused until one is created again. */
  readonly #deleted = new Set<string>();
  #clock = 0;
  opened = false;
  closed = false;

  async open(): Promise<void> {
    this.opened = true;
  }
  async close(): Promise<void> {
    this.closed = true;
  }

  async upsertCollection(collection: CollectionRecord): Promise<void> {
    this.collections.set(`${collection.apiRoot}\0${collection.id}`, collection);
  }
  async listCollections(apiRoot: string): Promise<readonly CollectionRecord[]> {
    return [...this.collections.values()].filter((c) => c.apiRoot === apiRoot);
  }
  async getCollection(apiRoot: string, idOrAlias: string): Promise<CollectionRecord | undefined> {
    return [...this.collections.values()].find((c) => c.apiRoot === apiRoot && (c.id === idOrAlias || c.alias === idOrAlias));
  }
  async deleteCollection(apiRoot: string, id: string): Promise<boolean> {
    if (!this.collections.delete(`${apiRoot}\0${id}`)) return false;
    // Objects belong to the collection id; #clock, shared by all collections, keeps dateAdded increasing.
    if (![...this.collections.values()].some((c) => c.id === id)) {
      this.objects.delete(id);
      this.#deleted.add(id);
    }
    return true;
  }

  #now(): Micros {
    this.#clock = Math.max(Date.now() * 1000, this.#clock + 1);
    return this.#clock;
  }

  async writeObjects(collectionId: string, writes: readonly ObjectWrite[]): Promise<readonly AddResult[]> {
    const results: AddResult[] = [];
    for (const w of writes) results.push(await this.addObjects(collectionId, w.objects, w.status));
    return results;
  }

  async addObjects(collectionId: string, objects: readonly IncomingObject[], status?: StatusUpdate): Promise<AddResult> {
    if (status?.create) await this.createStatus({ ...status.create, status: 'pending', successes: [] });
    else if (status && this.statuses.get(status.id)?.status === 'complete') return refusedWrite(objects, STATUS_SETTLED_MESSAGE);
    const deleted = this.#deleted.has(collectionId) && ![...this.collections.values()].some((c) => c.id === collectionId);
    const list = this.objects.get(collectionId) ?? [];
    if (!deleted) this.objects.set(collectionId, list);
    const added: StatusDetail[] = [];
    const duplicates: StatusDetail[] = [];
    const conflicts: StatusDetail[] = deleted ? [...refusedWrite(objects, COLLECTION_DELETED_MESSAGE).conflicts] : [];
    for (const o of deleted ? [] : objects) {
      const existing = list.find(
        (s) =>
          s.id === o.id &&
          s.specVersion === o.specVersion &&
          (o.version === undefined ? canonicalText(s.raw) === identityOf(o) : s.version === o.version),
      );
      if (existing) {
        if (canonicalText(existing.raw) === identityOf(o)) duplicates.push({ id: o.id, version: existing.version });
        else conflicts.push({ id: o.id, version: existing.version, message: 'a different object with this id and version is stored' });
        continue;
      }
      const dateAdded = this.#now();
      const version = o.version ?? formatMicros(dateAdded);
      list.push({ id: o.id, type: o.type, version, specVersion: o.specVersion, dateAdded, raw: o.raw });
      added.push({ id: o.id, version });
    }
    if (status) {
      const s = this.statuses.get(status.id);
      if (s) {
        const done = [...added, ...duplicates, ...conflicts];
        const pendings = [...s.pendings];
        for (const d of done) {
          const i = pendings.findIndex((p) => p.id === d.id);
          if (i >= 0) pendings.splice(i, 1);
        }
        const final = status.final;
        this.statuses.set(status.id, {
          ...s,
          successes: [...s.successes, ...added, ...duplicates],
          failures: [...s.failures, ...conflicts],
          pendings: final ? [] : pendings,
          status: final ? 'complete' : 'pending',
          ...(final ? { completedAt: Date.now() * 1000 } : {}),
          updatedAt: Date.now() * 1000,
        });
      }
    }
    return { added, duplicates, conflicts };
  }

  #select(collectionId: string, query: ObjectQuery): Page<StoredObject> {
    let rows = (this.objects.get(collectionId) ?? []).filter(
      (o) => (!query.ids || query.ids.includes(o.id)) && (!query.types || query.types.includes(o.type)),
    );
    if (query.specVersions) rows = rows.filter((o) => query.specVersions?.includes(o.specVersion));
    else {
      const latest = new Map<string, string>();
      for (const o of rows) {
        const k = `${o.id}\0${o.version}`;
        const cur = latest.get(k);
        if (cur === undefined || Number(o.specVersion) > Number(cur)) latest.set(k, o.specVersion);
      }
      rows = rows.filter((o) => latest.get(`${o.id}\0${o.version}`) === o.specVersion);
    }
    const selectors = query.versions ?? [{ kind: 'last' }];
    if (!selectors.some((s) => s.kind === 'all')) {
      const byId = new Map<string, StoredObject[]>();
      for (const o of rows) byId.set(o.id, [...(byId.get(o.id) ?? []), o]);
      const keep = new Set<StoredObject>();
      for (const versions of byId.values()) {
        versions.sort((a, b) => versionKey(a.version) - versionKey(b.version));
        for (const s of selectors) {
          // Rows sharing the first / last version (one per spec version) are all kept.
          if (s.kind === 'first') for (const v of versions) if (versionKey(v.version) === versionKey(versions[0].version)) keep.add(v);
          if (s.kind === 'last')
            for (const v of versions) if (versionKey(v.version) === versionKey(versions[versions.length - 1].version)) keep.add(v);
          if (s.kind === 'exact') for (const v of versions) if (versionKey(v.version) === versionKey(s.version)) keep.add(v);
        }
      }
      rows = rows.filter((o) => keep.has(o));
    }
    rows = rows.filter(
      (o) => (query.addedAfter === undefined || o.dateAdded > query.addedAfter) && (query.after === undefined || o.dateAdded > query.after),
    );
    rows.sort((a, b) => a.dateAdded - b.dateAdded);
    return { items: rows.slice(0, query.limit), more: rows.length > query.limit };
  }

  async getObjects(collectionId: string, query: ObjectQuery): Promise<Page<StoredObject>> {
    return this.#select(collectionId, query);
  }
  async getObjectsRange(collectionId: string, query: RangeQuery): Promise<RangePage<StoredObject>> {
    const all = this.#select(collectionId, { ...query, limit: Number.MAX_SAFE_INTEGER }).items;
    return { items: all.slice(query.offset, query.offset + query.limit), total: all.length };
  }
  async getManifest(collectionId: string, query: ObjectQuery): Promise<Page<Omit<StoredObject, 'raw'>>> {
    const page = this.#select(collectionId, query);
    return { more: page.more, items: page.items.map(({ raw: _raw, ...rest }) => rest) };
  }
  async deleteObject(collectionId: string, id: string, query: Pick<ObjectQuery, 'versions' | 'specVersions'>): Promise<number> {
    const doomed = new Set(this.#select(collectionId, { ...query, ids: [id], limit: Number.MAX_SAFE_INTEGER }).items);
    const list = this.objects.get(collectionId) ?? [];
    this.objects.set(
      collectionId,
      list.filter((o) => !doomed.has(o)),
    );
    return doomed.size;
  }

  async createStatus(status: Status): Promise<void> {
    this.statuses.set(status.id, status);
  }
  async getStatus(id: string): Promise<Status | undefined> {
    const s = this.statuses.get(id);
    if (!s) return undefined;
    const { completedAt: _c, ...rest } = s;
    return rest;
  }
  async settleAbandonedStatuses(before: Micros, ids?: readonly string[]): Promise<number> {
    let n = 0;
    const now = Date.now() * 1000;
    for (const [id, s] of this.statuses) {
      if (s.status !== 'pending' || (ids !== undefined && !ids.includes(id))) continue;
      if (lastActivity(s.updatedAt, s.requestTimestamp) >= before) continue;
      const failures = [...s.failures, ...s.pendings.map((d) => ({ ...d, message: ABANDONED_MESSAGE }))];
      this.statuses.set(id, { ...s, status: 'complete', failures, pendings: [], completedAt: now, updatedAt: now });
      n++;
    }
    return n;
  }
  async expireStatuses(before: Micros): Promise<number> {
    let n = 0;
    for (const [id, s] of this.statuses)
      if (s.status === 'complete' && (s.completedAt ?? Number.POSITIVE_INFINITY) < before) {
        this.statuses.delete(id);
        n++;
      }
    return n;
  }
}
