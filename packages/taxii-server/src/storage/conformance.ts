/**
 * The conformance suite every `Storage` backend passes (STYLE.md: one interface, one shared
 * suite). A backend's test file calls
 *
 *   storageConformance('sqlite :memory:', async () => ({ storage: new SqliteStorage(…), cleanup }));
 *
 * `make` returns a fresh storage over an empty (or at least private) database that is NOT yet
 * opened; each test calls `open()` (twice: it must be idempotent), then `close()`, then `cleanup()`.
 * Tests use fresh random collection ids, so a backend may share one database between tests.
 *
 * Interpretations the contract leaves open and this suite pins down (both backends must agree):
 *  - Versions compare as instants: '2020-01-01T00:00:00Z' and '2020-01-01T00:00:00.000Z' are one
 *    version (same key, so different raw under either spelling is a conflict).
 *  - An object without modified/created gets version = formatMicros(dateAdded); re-adding
 *    identical raw for the same (id, specVersion) is a duplicate, not a new version.
 *  - 'last'/'first' select every row whose version is the max/min among the rows passing the
 *    spec-version filter (two rows when match[spec_version]=2.0,2.1 and both copies exist).
 *  - deleteObject uses the ObjectQuery defaults (last, latest spec_version) when a selector is
 *    omitted; the server passes [{ kind: 'all' }] to delete every version.
 *  - Status: duplicates count as successes, conflicts as failures (with a message); `final`
 *    makes the status complete and empties pendings; pendings matching a processed (id, version)
 *    are removed on every call (a pending entry without a version, by any outcome of its id).
 *  - Settling an abandoned status appends its pendings to its failures, in order, after the
 *    failures it had.
 *  - A refused write (a deleted collection, a settled status) reports every object of it as a
 *    conflict, in input order, with the version it was given ('' when it had none); a deleted
 *    collection refuses before any duplicate check (nothing of it is stored any more).
 *  - Most tests write to collection ids never created with upsertCollection: only an id whose
 *    collection was deleted (and not created again) refuses writes.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import {
  ABANDONED_MESSAGE,
  COLLECTION_DELETED_MESSAGE,
  type CollectionRecord,
  formatMicros,
  type IncomingObject,
  type ObjectQuery,
  STATUS_SETTLED_MESSAGE,
  type Status,
  type Storage,
  type StoredObject,
  type VersionSelector,
} from './storage.js';

export type MakeStorage = () => Promise<{ storage: Storage; cleanup: () => Promise<void> }>;

type Key = readonly [id: string, version: string, specVersion: string];

function stix(
  type: string,
  id: string,
  version: string | undefined,
  specVersion: string,
  extra: Record<string, unknown> = {},
): IncomingObject {
  const body: Record<string, unknown> = { type, id };
  if (specVersion !== '2.0') body.spec_version = specVersion;
  if (version !== undefined) {
    body.created = version;
    body.modified = version;
  }
  Object.assign(body, extra);
  return { id, type, version, specVersion, raw: JSON.stringify(body) };
}

function uuid(type: string): string {
  return `${type}--${randomUUID()}`;
}

function keys(items: readonly Omit<StoredObject, 'raw'>[]): Key[] {
  return items.map((o) => [o.id, o.version, o.specVersion] as const);
}

/** Drops undefined-valued properties, so `{ a: undefined }` equals `{}`. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function assertIncreasing(items: readonly { dateAdded: number }[]): void {
  for (let i = 1; i < items.length; i++)
    assert.ok(items[i].dateAdded > items[i - 1].dateAdded, `dateAdded not strictly increasing at ${i}`);
}

async function readAll(
  storage: Storage,
  collection: string,
  query: Omit<ObjectQuery, 'limit' | 'after'>,
  limit: number,
): Promise<StoredObject[]> {
  const out: StoredObject[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await storage.getObjects(collection, { ...query, limit, after });
    assert.ok(page.items.length <= limit, 'page longer than limit');
    out.push(...page.items);
    if (!page.more) return out;
    assert.ok(page.items.length > 0, 'more with an empty page on a quiet store');
    after = page.items[page.items.length - 1].dateAdded;
  }
}

const V1 = '2020-01-01T00:00:00.000Z';
const V2 = '2021-01-01T00:00:00.000Z';
const V3 = '2022-01-01T00:00:00.000Z';

export function storageConformance(name: string, make: MakeStorage): void {
  /** Runs `body` on a freshly made and opened storage, closing and cleaning up after. */
  function withStorage(title: string, body: (storage: Storage) => Promise<void>): void {
    test(`${name}: ${title}`, async () => {
      const { storage, cleanup } = await make();
      try {
        await storage.open();
        await storage.open();
        await body(storage);
      } finally {
        await storage.close();
        await cleanup();
      }
    });
  }

  // ---------------------------------------------------------------- collections

  withStorage('collections: upsert, list in a consistent order, get by id or alias (TAXII 2.1 §5.1, §5.2)', async (s) => {
    const root = `/root-${randomUUID()}/`;
    const a: CollectionRecord = {
      apiRoot: root,
      id: randomUUID(),
      title: 'A',
      description: 'first',
      alias: 'alpha',
      read: ['*'],
      write: ['alice', 'bob'],
      mediaTypes: ['application/stix+json;version=2.1'],
    };
    const b: CollectionRecord = { apiRoot: root, id: randomUUID(), title: 'B', read: [], write: [], mediaTypes: [] };
    await s.upsertCollection(a);
    await s.upsertCollection(b);
    await s.upsertCollection({ ...b, title: 'B2', read: ['carol'] });
    const listed = await s.listCollections(root);
    assert.equal(listed.length, 2);
    assert.deepEqual(plain(await s.listCollections(root)), plain(listed), 'order must be consistent');
    const byId = new Map(listed.map((c) => [c.id, c]));
    assert.deepEqual(plain(byId.get(a.id)), plain(a));
    assert.deepEqual(plain(byId.get(b.id)), plain({ ...b, title: 'B2', read: ['carol'] }));
    assert.deepEqual(plain(await s.getCollection(root, a.id)), plain(a));
    assert.deepEqual(plain(await s.getCollection(root, 'alpha')), plain(a));
    assert.equal(await s.getCollection(root, 'nope'), undefined);
    assert.equal(await s.getCollection('/other/', a.id), undefined);
    assert.equal(await s.getCollection('/other/', 'alpha'), undefined);
    assert.deepEqual(await s.listCollections('/other/'), []);
  });

  withStorage('collections: the same alias may be used under another api root', async (s) => {
    const id1 = randomUUID();
    const id2 = randomUUID();
    await s.upsertCollection({ apiRoot: '/r1/', id: id1, title: 'x', alias: 'same', read: [], write: [], mediaTypes: [] });
    await s.upsertCollection({ apiRoot: '/r2/', id: id2, title: 'y', alias: 'same', read: [], write: [], mediaTypes: [] });
    assert.equal((await s.getCollection('/r1/', 'same'))?.id, id1);
    assert.equal((await s.getCollection('/r2/', 'same'))?.id, id2);
  });

  withStorage('deleteCollection: the collection and its objects go, other collections stay; false when there is none', async (s) => {
    const root = `/root-${randomUUID()}/`;
    const doomed: CollectionRecord = {
      apiRoot: root,
      id: randomUUID(),
      title: 'D',
      alias: 'doomed',
      read: ['*'],
      write: ['*'],
      mediaTypes: [],
    };
    const kept: CollectionRecord = { ...doomed, id: randomUUID(), title: 'K', alias: 'kept' };
    await s.upsertCollection(doomed);
    await s.upsertCollection(kept);
    await s.addObjects(doomed.id, [stix('indicator', uuid('indicator'), V1, '2.1'), stix('tool', uuid('tool'), V1, '2.1')]);
    await s.addObjects(kept.id, [stix('indicator', uuid('indicator'), V1, '2.1')]);
    assert.equal(await s.deleteCollection(root, doomed.id), true);
    assert.equal(await s.getCollection(root, doomed.id), undefined);
    assert.equal(await s.getCollection(root, 'doomed'), undefined, 'the alias goes with it');
    assert.deepEqual(
      (await s.listCollections(root)).map((c) => c.id),
      [kept.id],
    );
    assert.equal((await s.getObjects(doomed.id, { versions: [{ kind: 'all' }], limit: 10 })).items.length, 0);
    assert.equal((await s.getObjectsRange(doomed.id, { offset: 0, limit: 10 })).total, 0);
    assert.equal((await s.getObjects(kept.id, { limit: 10 })).items.length, 1);
    assert.equal(await s.deleteCollection(root, doomed.id), false, 'deleted already');
    assert.equal(await s.deleteCollection(root, randomUUID()), false, 'never existed');
    assert.equal(await s.deleteCollection(root, 'kept'), false, 'by id only, not by alias');
    assert.equal(await s.deleteCollection(`/other-${randomUUID()}/`, kept.id), false, 'in its own API root only');
    assert.ok(await s.getCollection(root, kept.id), 'the other collection stays');
  });

  withStorage('deleteCollection: created again under the same id, it starts empty and dateAdded keeps increasing', async (s) => {
    const root = `/root-${randomUUID()}/`;
    const c: CollectionRecord = { apiRoot: root, id: randomUUID(), title: 'C', read: [], write: [], mediaTypes: [] };
    await s.upsertCollection(c);
    const old = stix('indicator', uuid('indicator'), V1, '2.1');
    await s.addObjects(c.id, [old, stix('tool', uuid('tool'), V1, '2.1')]);
    const before = (await s.getObjects(c.id, { limit: 10 })).items;
    assert.equal(await s.deleteCollection(root, c.id), true);
    await s.upsertCollection(c);
    assert.equal((await s.getObjects(c.id, { limit: 10 })).items.length, 0, 'no object of before');
    // The same object again is new to the collection, not a duplicate of a deleted one.
    const again = await s.addObjects(c.id, [old]);
    assert.equal(again.added.length, 1);
    const [o] = (await s.getObjects(c.id, { limit: 10 })).items;
    assert.ok(o.dateAdded > before[before.length - 1].dateAdded, 'a client paging with added_after from before misses nothing');
  });

  withStorage('deleteCollection: the objects stay while another API root holds a collection with the same id', async (s) => {
    const id = randomUUID();
    const one: CollectionRecord = { apiRoot: `/r1-${id}/`, id, title: 'one', read: [], write: [], mediaTypes: [] };
    const two: CollectionRecord = { ...one, apiRoot: `/r2-${id}/` };
    await s.upsertCollection(one);
    await s.upsertCollection(two);
    await s.addObjects(id, [stix('indicator', uuid('indicator'), V1, '2.1')]);
    assert.equal(await s.deleteCollection(one.apiRoot, id), true);
    assert.equal((await s.getObjects(id, { limit: 10 })).items.length, 1, 'still the objects of /r2/');
    assert.equal(await s.deleteCollection(two.apiRoot, id), true);
    assert.equal((await s.getObjects(id, { limit: 10 })).items.length, 0);
  });

  // ---------------------------------------------------------------- add and get

  withStorage('addObjects: round trip keeps raw byte for byte and the metadata', async (s) => {
    const c = randomUUID();
    const id = uuid('indicator');
    const raw = `{ "type":"indicator",  "id":"${id}", "spec_version":"2.1",\n "created":"${V1}","modified":"${V1}", "name":"é \\u00e9 😀 \\"q\\"", "n": 1.50 }`;
    const result = await s.addObjects(c, [{ id, type: 'indicator', version: V1, specVersion: '2.1', raw }]);
    assert.deepEqual(plain(result), { added: [{ id, version: V1 }], duplicates: [], conflicts: [] });
    const page = await s.getObjects(c, { limit: 10 });
    assert.equal(page.more, false);
    assert.equal(page.items.length, 1);
    const [o] = page.items;
    assert.equal(o.raw, raw);
    assert.equal(o.id, id);
    assert.equal(o.type, 'indicator');
    assert.equal(o.version, V1);
    assert.equal(o.specVersion, '2.1');
    assert.ok(Number.isSafeInteger(o.dateAdded));
    assert.ok(Math.abs(o.dateAdded - Date.now() * 1000) < 60_000_000, 'dateAdded is about now, in µs');
    const manifest = await s.getManifest(c, { limit: 10 });
    assert.equal(manifest.items.length, 1);
    assert.equal('raw' in manifest.items[0], false, 'the manifest carries no raw');
    assert.deepEqual(plain(manifest.items[0]), plain({ id, type: 'indicator', version: V1, specVersion: '2.1', dateAdded: o.dateAdded }));
  });

  withStorage('addObjects: the version string is kept as received', async (s) => {
    const c = randomUUID();
    const id = uuid('malware');
    await s.addObjects(c, [stix('malware', id, '2020-01-01T00:00:00Z', '2.1')]);
    assert.deepEqual(keys((await s.getObjects(c, { limit: 10 })).items), [[id, '2020-01-01T00:00:00Z', '2.1']]);
  });

  withStorage('addObjects: an object without modified/created is versioned by its dateAdded (TAXII 2.1 §3.4.2)', async (s) => {
    const c = randomUUID();
    const sco = stix('ipv4-addr', uuid('ipv4-addr'), undefined, '2.1', { value: '10.0.0.1' });
    const first = await s.addObjects(c, [sco]);
    const [o] = (await s.getObjects(c, { limit: 10 })).items;
    assert.equal(o.version, formatMicros(o.dateAdded));
    assert.deepEqual(plain(first.added), [{ id: sco.id, version: o.version }]);
    const again = await s.addObjects(c, [sco]);
    assert.deepEqual(plain(again), { added: [], duplicates: [{ id: sco.id, version: o.version }], conflicts: [] });
    const changed = { ...sco, raw: sco.raw.replace('10.0.0.1', '10.0.0.1 ') };
    const third = await s.addObjects(c, [changed]);
    assert.equal(third.added.length, 1, 'different content without a version is a new version');
    const all = await s.getObjects(c, { limit: 10, versions: [{ kind: 'all' }] });
    assert.equal(all.items.length, 2);
    assert.notEqual(all.items[0].version, all.items[1].version);
    const last = await s.getObjects(c, { limit: 10 });
    assert.equal(last.items.length, 1);
    assert.equal(last.items[0].raw, changed.raw);
  });

  withStorage('dateAdded: unique and strictly increasing within one call (same millisecond) and across calls', async (s) => {
    const c = randomUUID();
    const batch1 = Array.from({ length: 300 }, (_, i) => stix('indicator', uuid('indicator'), V1, '2.1', { i }));
    const batch2 = Array.from({ length: 300 }, (_, i) => stix('indicator', uuid('indicator'), V1, '2.1', { i }));
    await s.addObjects(c, batch1);
    await s.addObjects(c, batch2);
    for (let k = 0; k < 20; k++) await s.addObjects(c, [stix('tool', uuid('tool'), V1, '2.1')]);
    const items = await readAll(s, c, {}, 1000);
    assert.equal(items.length, 620);
    assertIncreasing(items);
    assert.equal(new Set(items.map((o) => o.dateAdded)).size, 620);
    // Within a call, in input order; each call after the previous one.
    assert.deepEqual(
      items.slice(0, 600).map((o) => o.id),
      [...batch1, ...batch2].map((o) => o.id),
    );
  });

  withStorage('dateAdded: collections are independent and each is increasing', async (s) => {
    const c1 = randomUUID();
    const c2 = randomUUID();
    for (let k = 0; k < 5; k++) {
      await s.addObjects(c1, [stix('indicator', uuid('indicator'), V1, '2.1')]);
      await s.addObjects(c2, [stix('indicator', uuid('indicator'), V1, '2.1')]);
    }
    const i1 = (await s.getObjects(c1, { limit: 100 })).items;
    const i2 = (await s.getObjects(c2, { limit: 100 })).items;
    assert.equal(i1.length, 5);
    assert.equal(i2.length, 5);
    assertIncreasing(i1);
    assertIncreasing(i2);
    assert.equal(new Set([...i1, ...i2].map((o) => o.id)).size, 10);
  });

  // ---------------------------------------------------------------- duplicates and conflicts

  withStorage('addObjects: re-adding identical content is a duplicate, not stored again (TAXII 2.1 §5.5)', async (s) => {
    const c = randomUUID();
    const o = stix('indicator', uuid('indicator'), V1, '2.1', { name: 'x' });
    await s.addObjects(c, [o]);
    const before = (await s.getObjects(c, { limit: 10 })).items;
    const again = await s.addObjects(c, [o]);
    assert.deepEqual(plain(again), { added: [], duplicates: [{ id: o.id, version: V1 }], conflicts: [] });
    const after = (await s.getObjects(c, { limit: 10, versions: [{ kind: 'all' }], specVersions: ['2.0', '2.1'] })).items;
    assert.deepEqual(after, before, 'dateAdded unchanged, nothing stored twice');
  });

  withStorage('addObjects: different content under the same (id, version, specVersion) is a conflict; the stored one wins', async (s) => {
    const c = randomUUID();
    const id = uuid('indicator');
    const o = stix('indicator', id, V1, '2.1', { name: 'original' });
    const other = stix('indicator', id, V1, '2.1', { name: 'changed' });
    const new1 = stix('indicator', uuid('indicator'), V1, '2.1');
    const new2 = stix('indicator', uuid('indicator'), V1, '2.1');
    await s.addObjects(c, [o]);
    const result = await s.addObjects(c, [new1, other, new2]);
    assert.deepEqual(
      plain(result.added),
      [new1, new2].map((x) => ({ id: x.id, version: V1 })),
    );
    assert.deepEqual(result.duplicates, []);
    assert.equal(result.conflicts.length, 1);
    assert.equal(result.conflicts[0].id, id);
    assert.equal(result.conflicts[0].version, V1);
    const stored = (await s.getObjects(c, { ids: [id], limit: 10, versions: [{ kind: 'all' }] })).items;
    assert.equal(stored.length, 1);
    assert.equal(stored[0].raw, o.raw);
  });

  withStorage(
    'addObjects: raw is kept as received; the same content spelt otherwise is a duplicate, other content a conflict',
    async (s) => {
      const c = randomUUID();
      const id = uuid('indicator');
      const body = { type: 'indicator', spec_version: '2.1', id, created: V1, modified: V1, confidence: 10 };
      const received = `{\n  "type": "indicator", "spec_version": "2.1", "id": "${id}",\n  "created": "${V1}", "modified": "${V1}", "confidence": 1.0e1\n}`;
      const identity = JSON.stringify(body);
      const first = await s.addObjects(c, [{ id, type: 'indicator', version: V1, specVersion: '2.1', raw: received, identity }]);
      assert.equal(first.added.length, 1);
      const stored = (await s.getObjects(c, { ids: [id], limit: 10 })).items;
      assert.equal(stored[0].raw, received, 'byte for byte as received');
      // The same content without the whitespace (identity given, or derived from raw): a duplicate.
      const compact = await s.addObjects(c, [{ id, type: 'indicator', version: V1, specVersion: '2.1', raw: identity, identity }]);
      assert.deepEqual(plain(compact), { added: [], duplicates: [{ id, version: V1 }], conflicts: [] });
      const derived = await s.addObjects(c, [
        { id, type: 'indicator', version: V1, specVersion: '2.1', raw: JSON.stringify(body, null, 2) },
      ]);
      assert.deepEqual(plain(derived), { added: [], duplicates: [{ id, version: V1 }], conflicts: [] });
      // Other content under the same key: a conflict, the received text stays.
      const changed = JSON.stringify({ ...body, confidence: 20 });
      const conflict = await s.addObjects(c, [{ id, type: 'indicator', version: V1, specVersion: '2.1', raw: changed, identity: changed }]);
      assert.equal(conflict.conflicts.length, 1);
      assert.equal((await s.getObjects(c, { ids: [id], limit: 10 })).items[0].raw, received);
    },
  );

  withStorage('addObjects: an object without a version re-sent with other whitespace is a duplicate', async (s) => {
    const c = randomUUID();
    const id = uuid('ipv4-addr');
    const body = { type: 'ipv4-addr', spec_version: '2.1', id, value: '10.0.0.1' };
    const stored = await s.addObjects(c, [
      { id, type: 'ipv4-addr', version: undefined, specVersion: '2.1', raw: JSON.stringify(body, null, 1) },
    ]);
    assert.equal(stored.added.length, 1);
    const again = await s.addObjects(c, [{ id, type: 'ipv4-addr', version: undefined, specVersion: '2.1', raw: JSON.stringify(body) }]);
    assert.deepEqual(plain(again), { added: [], duplicates: [{ id, version: stored.added[0].version }], conflicts: [] });
    const other = await s.addObjects(c, [
      { id, type: 'ipv4-addr', version: undefined, specVersion: '2.1', raw: JSON.stringify({ ...body, value: '10.0.0.2' }) },
    ]);
    assert.equal(other.added.length, 1, 'other content: a new version (its version is its dateAdded)');
  });

  withStorage('addObjects: versions compare as instants (…00Z and …00.000Z are one version)', async (s) => {
    const c = randomUUID();
    const id = uuid('indicator');
    await s.addObjects(c, [stix('indicator', id, '2020-01-01T00:00:00Z', '2.1')]);
    const result = await s.addObjects(c, [stix('indicator', id, '2020-01-01T00:00:00.000Z', '2.1')]);
    assert.equal(result.conflicts.length, 1);
    assert.equal(result.added.length, 0);
    const exact = await s.getObjects(c, { limit: 10, versions: [{ kind: 'exact', version: '2020-01-01T00:00:00.000000Z' }] });
    assert.deepEqual(keys(exact.items), [[id, '2020-01-01T00:00:00Z', '2.1']]);
  });

  withStorage('addObjects: the same (id, version) under another spec_version is a new record', async (s) => {
    const c = randomUUID();
    const id = uuid('malware');
    await s.addObjects(c, [stix('malware', id, V1, '2.0')]);
    const result = await s.addObjects(c, [stix('malware', id, V1, '2.1')]);
    assert.equal(result.added.length, 1);
    const both = await s.getObjects(c, { limit: 10, specVersions: ['2.0', '2.1'] });
    assert.deepEqual(keys(both.items), [
      [id, V1, '2.0'],
      [id, V1, '2.1'],
    ]);
  });

  withStorage('addObjects: duplicates and conflicts inside one call', async (s) => {
    const c = randomUUID();
    const id = uuid('indicator');
    const o = stix('indicator', id, V1, '2.1', { name: 'a' });
    const other = stix('indicator', id, V1, '2.1', { name: 'b' });
    const result = await s.addObjects(c, [o, o, other]);
    assert.deepEqual(plain(result.added), [{ id, version: V1 }]);
    assert.deepEqual(plain(result.duplicates), [{ id, version: V1 }]);
    assert.equal(result.conflicts.length, 1);
    const stored = (await s.getObjects(c, { limit: 10 })).items;
    assert.equal(stored.length, 1);
    assert.equal(stored[0].raw, o.raw);
  });

  withStorage('addObjects: an empty call is a no-op', async (s) => {
    const c = randomUUID();
    assert.deepEqual(plain(await s.addObjects(c, [])), { added: [], duplicates: [], conflicts: [] });
    assert.deepEqual(plain(await s.getObjects(c, { limit: 5 })), { items: [], more: false });
  });

  // ---------------------------------------------------------------- filters

  /**
   * A: indicator, versions V1 V2 V3 (2.1). B: malware, V1 in 2.0 and 2.1, V2 only in 2.0.
   * C: indicator, one version. D: ipv4-addr without a version.
   */
  async function fixture(s: Storage) {
    const c = randomUUID();
    const A = uuid('indicator');
    const B = uuid('malware');
    const C = uuid('indicator');
    const D = uuid('ipv4-addr');
    const input = [
      stix('malware', B, V1, '2.0'),
      stix('indicator', A, V1, '2.1'),
      stix('indicator', A, V2, '2.1'),
      stix('malware', B, V1, '2.1'),
      stix('indicator', C, V2, '2.1'),
      stix('indicator', A, V3, '2.1'),
      stix('malware', B, V2, '2.0'),
      stix('ipv4-addr', D, undefined, '2.1', { value: '10.1.1.1' }),
    ];
    // Two calls, so that both ordering paths (within and across calls) are exercised.
    await s.addObjects(c, input.slice(0, 5));
    await s.addObjects(c, input.slice(5));
    const all = (await s.getObjects(c, { limit: 100, versions: [{ kind: 'all' }], specVersions: ['2.0', '2.1'] })).items;
    assert.equal(all.length, 8);
    assertIncreasing(all);
    const DV = all[7].version;
    assert.equal(DV, formatMicros(all[7].dateAdded));
    return { c, A, B, C, D, DV, all };
  }

  withStorage('filter: default is match[version]=last with the latest spec_version per (id, version) (TAXII 2.1 §3.4.1)', async (s) => {
    const f = await fixture(s);
    const expected: Key[] = [
      [f.C, V2, '2.1'],
      [f.A, V3, '2.1'],
      [f.B, V2, '2.0'],
      [f.D, f.DV, '2.1'],
    ];
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100 })).items), expected);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, versions: [{ kind: 'last' }] })).items), expected);
    assert.deepEqual(keys((await s.getManifest(f.c, { limit: 100 })).items), expected);
  });

  withStorage('filter: match[version]=first', async (s) => {
    const f = await fixture(s);
    const expected: Key[] = [
      [f.A, V1, '2.1'],
      [f.B, V1, '2.1'],
      [f.C, V2, '2.1'],
      [f.D, f.DV, '2.1'],
    ];
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, versions: [{ kind: 'first' }] })).items), expected);
    assert.deepEqual(keys((await s.getManifest(f.c, { limit: 100, versions: [{ kind: 'first' }] })).items), expected);
  });

  withStorage('filter: match[version]=all (still the latest spec_version per version by default)', async (s) => {
    const f = await fixture(s);
    const expected: Key[] = [
      [f.A, V1, '2.1'],
      [f.A, V2, '2.1'],
      [f.B, V1, '2.1'],
      [f.C, V2, '2.1'],
      [f.A, V3, '2.1'],
      [f.B, V2, '2.0'],
      [f.D, f.DV, '2.1'],
    ];
    const q = { limit: 100, versions: [{ kind: 'all' }] as VersionSelector[] };
    assert.deepEqual(keys((await s.getObjects(f.c, q)).items), expected);
    assert.deepEqual(keys((await s.getManifest(f.c, q)).items), expected);
  });

  withStorage('filter: exact versions, combined with first/last, no result twice', async (s) => {
    const f = await fixture(s);
    const exact = (v: string): VersionSelector => ({ kind: 'exact', version: v });
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, ids: [f.A], versions: [exact(V2)] })).items), [[f.A, V2, '2.1']]);
    assert.deepEqual(
      keys((await s.getObjects(f.c, { limit: 100, ids: [f.A], versions: [exact('2021-01-01T00:00:00Z')] })).items),
      [[f.A, V2, '2.1']],
      'an exact version matches by instant',
    );
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, versions: [exact(V2)] })).items), [
      [f.A, V2, '2.1'],
      [f.C, V2, '2.1'],
      [f.B, V2, '2.0'],
    ]);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, versions: [{ kind: 'first' }, exact(V2), { kind: 'last' }] })).items), [
      [f.A, V1, '2.1'],
      [f.A, V2, '2.1'],
      [f.B, V1, '2.1'],
      [f.C, V2, '2.1'],
      [f.A, V3, '2.1'],
      [f.B, V2, '2.0'],
      [f.D, f.DV, '2.1'],
    ]);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, versions: [{ kind: 'first' }, { kind: 'last' }] })).items), [
      [f.A, V1, '2.1'],
      [f.B, V1, '2.1'],
      [f.C, V2, '2.1'],
      [f.A, V3, '2.1'],
      [f.B, V2, '2.0'],
      [f.D, f.DV, '2.1'],
    ]);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, versions: [exact('2019-01-01T00:00:00Z')] })).items), []);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, ids: [f.D], versions: [exact(f.DV)] })).items), [[f.D, f.DV, '2.1']]);
  });

  withStorage('filter: explicit match[spec_version]; first/last among the versions that pass it', async (s) => {
    const f = await fixture(s);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, specVersions: ['2.0'] })).items), [[f.B, V2, '2.0']]);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, specVersions: ['2.0'], versions: [{ kind: 'first' }] })).items), [
      [f.B, V1, '2.0'],
    ]);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, specVersions: ['2.1'], versions: [{ kind: 'last' }] })).items), [
      [f.B, V1, '2.1'],
      [f.C, V2, '2.1'],
      [f.A, V3, '2.1'],
      [f.D, f.DV, '2.1'],
    ]);
    assert.deepEqual(
      keys((await s.getObjects(f.c, { limit: 100, specVersions: ['2.0', '2.1'], versions: [{ kind: 'first' }] })).items),
      [
        [f.B, V1, '2.0'],
        [f.A, V1, '2.1'],
        [f.B, V1, '2.1'],
        [f.C, V2, '2.1'],
        [f.D, f.DV, '2.1'],
      ],
      'both spec copies of the first version',
    );
    const everything = await s.getManifest(f.c, { limit: 100, specVersions: ['2.1', '2.0'], versions: [{ kind: 'all' }] });
    assert.deepEqual(keys(everything.items), keys(f.all));
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, specVersions: ['2.2'] })).items), []);
  });

  withStorage('filter: match[id] and match[type] (OR within, AND across) on objects and manifest', async (s) => {
    const f = await fixture(s);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, ids: [f.A] })).items), [[f.A, V3, '2.1']]);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, ids: [f.B, f.D, 'indicator--nope'] })).items), [
      [f.B, V2, '2.0'],
      [f.D, f.DV, '2.1'],
    ]);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, types: ['indicator'] })).items), [
      [f.C, V2, '2.1'],
      [f.A, V3, '2.1'],
    ]);
    assert.deepEqual(keys((await s.getManifest(f.c, { limit: 100, types: ['malware', 'ipv4-addr'] })).items), [
      [f.B, V2, '2.0'],
      [f.D, f.DV, '2.1'],
    ]);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, types: ['indicator'], ids: [f.A, f.B] })).items), [[f.A, V3, '2.1']]);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, types: ['tool'] })).items), []);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, types: ['indicator'], versions: [{ kind: 'all' }] })).items), [
      [f.A, V1, '2.1'],
      [f.A, V2, '2.1'],
      [f.C, V2, '2.1'],
      [f.A, V3, '2.1'],
    ]);
    assert.deepEqual(await s.getObjects(randomUUID(), { limit: 10 }), { items: [], more: false }, 'unknown collection: empty');
  });

  withStorage('filter: added_after and the after cursor are strictly-greater, and combine', async (s) => {
    const f = await fixture(s);
    const q = { limit: 100, versions: [{ kind: 'all' }] as VersionSelector[], specVersions: ['2.0', '2.1'] };
    const d = f.all.map((o) => o.dateAdded);
    assert.deepEqual(keys((await s.getObjects(f.c, { ...q, addedAfter: d[3] })).items), keys(f.all.slice(4)));
    assert.deepEqual(keys((await s.getObjects(f.c, { ...q, after: d[5] })).items), keys(f.all.slice(6)));
    assert.deepEqual(keys((await s.getObjects(f.c, { ...q, addedAfter: d[5], after: d[2] })).items), keys(f.all.slice(6)));
    assert.deepEqual(keys((await s.getObjects(f.c, { ...q, addedAfter: d[2], after: d[5] })).items), keys(f.all.slice(6)));
    assert.deepEqual(keys((await s.getManifest(f.c, { ...q, addedAfter: d[0] - 1 })).items), keys(f.all));
    assert.deepEqual(keys((await s.getManifest(f.c, { ...q, addedAfter: d[7] })).items), []);
    // With the default: B's last version (V2, 2.0) is the 7th record.
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, after: d[5] })).items), [
      [f.B, V2, '2.0'],
      [f.D, f.DV, '2.1'],
    ]);
  });

  withStorage('filter: limit and more (TAXII 2.1 §3.5)', async (s) => {
    const f = await fixture(s);
    const q = { versions: [{ kind: 'all' }] as VersionSelector[], specVersions: ['2.0', '2.1'] };
    const p1 = await s.getObjects(f.c, { ...q, limit: 3 });
    assert.deepEqual(keys(p1.items), keys(f.all.slice(0, 3)));
    assert.equal(p1.more, true);
    const p2 = await s.getObjects(f.c, { ...q, limit: 5, after: p1.items[2].dateAdded });
    assert.deepEqual(keys(p2.items), keys(f.all.slice(3)));
    assert.equal(p2.more, false, 'exactly the remaining count: no more');
    assert.equal((await s.getObjects(f.c, { ...q, limit: 8 })).more, false);
    assert.equal((await s.getObjects(f.c, { ...q, limit: 7 })).more, true);
    const m = await s.getManifest(f.c, { limit: 1 });
    assert.equal(m.items.length, 1);
    assert.equal(m.more, true);
    const last = await s.getManifest(f.c, { limit: 1, after: (await s.getManifest(f.c, { limit: 3 })).items[2].dateAdded });
    assert.deepEqual(keys(last.items), [[f.D, f.DV, '2.1']]);
    assert.equal(last.more, false);
    const one = await s.getObjects(f.c, { limit: 1, ids: [f.A], versions: [{ kind: 'all' }] });
    assert.deepEqual(keys(one.items), [[f.A, V1, '2.1']]);
    assert.equal(one.more, true);
  });

  // ---------------------------------------------------------------- item ranges (TAXII 2.0 §3.4)

  withStorage('range: items offset … offset+limit-1 of the selection, in date_added order, with the exact total', async (s) => {
    const f = await fixture(s);
    const q = { versions: [{ kind: 'all' }] as VersionSelector[], specVersions: ['2.0', '2.1'] };
    for (const [offset, limit] of [
      [0, 3],
      [3, 3],
      [6, 3],
      [0, 8],
      [0, 100],
      [7, 1],
    ] as const) {
      const r = await s.getObjectsRange(f.c, { ...q, offset, limit });
      assert.deepEqual(keys(r.items), keys(f.all.slice(offset, offset + limit)), `${offset}+${limit}`);
      assert.equal(r.total, 8, `${offset}+${limit}`);
      assert.deepEqual(
        r.items.map((o) => o.raw),
        f.all.slice(offset, offset + limit).map((o) => o.raw),
      );
    }
  });

  withStorage('range: beyond the end is empty and still tells the total; an unknown collection holds 0', async (s) => {
    const f = await fixture(s);
    const q = { versions: [{ kind: 'all' }] as VersionSelector[], specVersions: ['2.0', '2.1'] };
    assert.deepEqual(plain(await s.getObjectsRange(f.c, { ...q, offset: 8, limit: 5 })), { items: [], total: 8 });
    assert.deepEqual(plain(await s.getObjectsRange(f.c, { ...q, offset: 500, limit: 5 })), { items: [], total: 8 });
    assert.deepEqual(plain(await s.getObjectsRange(randomUUID(), { offset: 0, limit: 5 })), { items: [], total: 0 });
  });

  withStorage('range: every filter applies before positions are counted (default last, types, ids, added_after)', async (s) => {
    const f = await fixture(s);
    const dflt = await s.getObjectsRange(f.c, { offset: 1, limit: 2 });
    assert.deepEqual(keys(dflt.items), [
      [f.A, V3, '2.1'],
      [f.B, V2, '2.0'],
    ]);
    assert.equal(dflt.total, 4);
    const typed = await s.getObjectsRange(f.c, { types: ['malware', 'ipv4-addr'], versions: [{ kind: 'all' }], offset: 1, limit: 10 });
    assert.deepEqual(keys(typed.items), [
      [f.B, V2, '2.0'],
      [f.D, f.DV, '2.1'],
    ]);
    assert.equal(typed.total, 3);
    const one = await s.getObjectsRange(f.c, { types: ['indicator'], offset: 0, limit: 1 });
    assert.deepEqual(keys(one.items), [[f.C, V2, '2.1']]);
    assert.equal(one.total, 2);
    const byId = await s.getObjectsRange(f.c, {
      ids: [f.A],
      types: ['indicator', 'malware'],
      versions: [{ kind: 'all' }],
      offset: 1,
      limit: 1,
    });
    assert.deepEqual(keys(byId.items), [[f.A, V2, '2.1']]);
    assert.equal(byId.total, 3);
    const after = await s.getObjectsRange(f.c, {
      addedAfter: f.all[5].dateAdded,
      versions: [{ kind: 'all' }],
      specVersions: ['2.0', '2.1'],
      offset: 0,
      limit: 5,
    });
    assert.deepEqual(keys(after.items), keys(f.all.slice(6)));
    assert.equal(after.total, 2);
  });

  withStorage('range: paging through 250 objects by ranges of 40 returns each once, in order', async (s) => {
    const c = randomUUID();
    const input = Array.from({ length: 250 }, () => stix('indicator', uuid('indicator'), V1, '2.1'));
    await s.addObjects(c, input);
    const seen: StoredObject[] = [];
    for (let offset = 0; ; offset += 40) {
      const r = await s.getObjectsRange(c, { offset, limit: 40 });
      assert.equal(r.total, 250);
      assert.ok(r.items.length <= 40);
      seen.push(...r.items);
      if (offset + 40 >= r.total) break;
    }
    assertIncreasing(seen);
    assert.deepEqual(
      seen.map((o) => o.id),
      input.map((o) => o.id),
    );
  });

  // ---------------------------------------------------------------- delete

  withStorage('deleteObject: an exact version; last is recomputed; gone from objects and manifest (TAXII 2.1 §5.7)', async (s) => {
    const f = await fixture(s);
    assert.equal(await s.deleteObject(f.c, f.A, { versions: [{ kind: 'exact', version: V3 }] }), 1);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, ids: [f.A] })).items), [[f.A, V2, '2.1']]);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, ids: [f.A], versions: [{ kind: 'exact', version: V3 }] })).items), []);
    const manifest = await s.getManifest(f.c, { limit: 100, versions: [{ kind: 'all' }], specVersions: ['2.0', '2.1'] });
    assert.equal(manifest.items.length, 7);
    assert.ok(!manifest.items.some((o) => o.id === f.A && o.version === V3));
    assert.deepEqual(keys((await s.getManifest(f.c, { limit: 100, types: ['indicator'] })).items), [
      [f.A, V2, '2.1'],
      [f.C, V2, '2.1'],
    ]);
  });

  withStorage('deleteObject: first is recomputed too', async (s) => {
    const f = await fixture(s);
    assert.equal(await s.deleteObject(f.c, f.A, { versions: [{ kind: 'first' }] }), 1);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, ids: [f.A], versions: [{ kind: 'first' }] })).items), [[f.A, V2, '2.1']]);
  });

  withStorage('deleteObject: by spec_version; the other spec copy becomes visible by default', async (s) => {
    const f = await fixture(s);
    assert.equal(await s.deleteObject(f.c, f.B, { versions: [{ kind: 'all' }], specVersions: ['2.0'] }), 2);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, ids: [f.B] })).items), [[f.B, V1, '2.1']]);
    assert.deepEqual(
      keys((await s.getObjects(f.c, { limit: 100, ids: [f.B], versions: [{ kind: 'all' }], specVersions: ['2.0'] })).items),
      [],
    );
    // Deleting the 2.1 copy of V1 by default selection (last, latest spec) leaves nothing.
    assert.equal(await s.deleteObject(f.c, f.B, {}), 1);
    assert.deepEqual(
      keys((await s.getObjects(f.c, { limit: 100, ids: [f.B], versions: [{ kind: 'all' }], specVersions: ['2.0', '2.1'] })).items),
      [],
    );
  });

  withStorage('deleteObject: the default selection is last with the latest spec_version', async (s) => {
    const f = await fixture(s);
    assert.equal(await s.deleteObject(f.c, f.B, {}), 1);
    assert.deepEqual(
      keys((await s.getObjects(f.c, { limit: 100, ids: [f.B], versions: [{ kind: 'all' }], specVersions: ['2.0', '2.1'] })).items),
      [
        [f.B, V1, '2.0'],
        [f.B, V1, '2.1'],
      ],
    );
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, ids: [f.B] })).items), [[f.B, V1, '2.1']]);
  });

  withStorage('deleteObject: every version; unknown ids delete nothing; a deleted version may be added again', async (s) => {
    const f = await fixture(s);
    assert.equal(await s.deleteObject(f.c, f.A, { versions: [{ kind: 'all' }] }), 3);
    assert.deepEqual(keys((await s.getObjects(f.c, { limit: 100, ids: [f.A], versions: [{ kind: 'all' }] })).items), []);
    assert.equal(await s.deleteObject(f.c, f.A, { versions: [{ kind: 'all' }] }), 0);
    assert.equal(await s.deleteObject(f.c, 'indicator--nope', {}), 0);
    assert.equal(await s.deleteObject(randomUUID(), f.C, { versions: [{ kind: 'all' }] }), 0);
    assert.equal((await s.getObjects(f.c, { limit: 100, ids: [f.C] })).items.length, 1, 'another collection is not touched');
    const again = await s.addObjects(f.c, [stix('indicator', f.A, V1, '2.1')]);
    assert.equal(again.added.length, 1);
    const [o] = (await s.getObjects(f.c, { limit: 100, ids: [f.A] })).items;
    assert.ok(o.dateAdded > f.all[7].dateAdded, 're-added: a new dateAdded');
  });

  // ---------------------------------------------------------------- statuses

  function status(collectionId: string, over: Partial<Status> = {}): Status {
    return {
      id: randomUUID(),
      status: 'pending',
      requestTimestamp: '2024-05-01T12:00:00.000Z',
      totalCount: 3,
      successes: [],
      failures: [],
      pendings: [],
      owner: 'alice',
      apiRoot: '/api1/',
      collectionId,
      ...over,
    };
  }

  withStorage('status: create and get round trip; unknown id (TAXII 2.1 §4.3)', async (s) => {
    const st = status(randomUUID(), {
      successes: [{ id: 'indicator--1', version: V1 }],
      failures: [{ id: 'indicator--2', version: V2, message: 'bad' }],
      pendings: [{ id: 'indicator--3', version: V3 }],
      owner: undefined,
    });
    await s.createStatus(st);
    assert.deepEqual(plain(await s.getStatus(st.id)), plain(st));
    assert.equal(await s.getStatus(randomUUID()), undefined);
  });

  withStorage('status: addObjects updates it in the same call; final completes it', async (s) => {
    const c = randomUUID();
    const a = stix('indicator', uuid('indicator'), V1, '2.1', { n: 1 });
    const b = stix('indicator', uuid('indicator'), V1, '2.1');
    const conflicting = { ...a, raw: a.raw.replace('"n":1', '"n":2') };
    const st = status(c, { pendings: [a, b].map((o) => ({ id: o.id, version: V1 })), totalCount: 4 });
    await s.createStatus(st);
    await s.addObjects(c, [a], { id: st.id, final: false });
    const mid = await s.getStatus(st.id);
    assert.equal(mid?.status, 'pending');
    assert.deepEqual(plain(mid?.successes), [{ id: a.id, version: V1 }]);
    assert.deepEqual(plain(mid?.pendings), [{ id: b.id, version: V1 }]);
    await s.addObjects(c, [b, a, conflicting], { id: st.id, final: true });
    const done = await s.getStatus(st.id);
    assert.equal(done?.status, 'complete');
    assert.equal(done?.totalCount, 4);
    assert.deepEqual(
      plain(done?.successes)
        .map((d) => d.id)
        .sort(),
      [a.id, a.id, b.id].sort(),
      'duplicates count as successes',
    );
    assert.equal(done?.failures.length, 1);
    assert.equal(done?.failures[0].id, a.id);
    assert.equal(done?.failures[0].version, V1);
    assert.equal(typeof done?.failures[0].message, 'string');
    assert.deepEqual(done?.pendings, []);
    assert.equal(done?.owner, 'alice');
    assert.equal(done?.collectionId, c);
  });

  withStorage('writeObjects: a group of writes in one call, each with its own result; a later write sees the earlier ones', async (s) => {
    const c = randomUUID();
    const a = stix('indicator', uuid('indicator'), V1, '2.1', { n: 1 });
    const b = stix('malware', uuid('malware'), V1, '2.1');
    const conflicting = { ...a, raw: a.raw.replace('"n":1', '"n":2') };
    const newer = stix('indicator', a.id, V2, '2.1');
    const results = await s.writeObjects(c, [{ objects: [a, b] }, { objects: [a, conflicting, newer] }, { objects: [] }]);
    assert.equal(results.length, 3);
    assert.deepEqual(plain(results[0]?.added), [
      { id: a.id, version: V1 },
      { id: b.id, version: V1 },
    ]);
    assert.deepEqual(plain(results[1]?.duplicates), [{ id: a.id, version: V1 }]);
    assert.equal(results[1]?.conflicts.length, 1);
    assert.deepEqual(plain(results[1]?.added), [{ id: a.id, version: V2 }]);
    assert.deepEqual(plain(results[2]), { added: [], duplicates: [], conflicts: [] });
    // The flags of the group: V2 is the last version of a, V1 the first.
    const last = await s.getObjects(c, { ids: [a.id], limit: 10 });
    assert.deepEqual(
      last.items.map((o) => o.version),
      [V2],
    );
    const first = await s.getObjects(c, { ids: [a.id], versions: [{ kind: 'first' }], limit: 10 });
    assert.deepEqual(
      first.items.map((o) => o.version),
      [V1],
    );
    const all = await s.getObjects(c, { versions: [{ kind: 'all' }], limit: 10 });
    assert.equal(all.items.length, 3);
    for (let i = 1; i < all.items.length; i++) assert.ok((all.items[i]?.dateAdded ?? 0) > (all.items[i - 1]?.dateAdded ?? 0));
  });

  withStorage('writeObjects: a status created by the write (complete when final, pending otherwise) in the same transaction', async (s) => {
    const c = randomUUID();
    const a = stix('indicator', uuid('indicator'), V1, '2.1');
    const b = stix('indicator', uuid('indicator'), V1, '2.1');
    const invalid = { id: 'indicator--bad', version: '', message: 'not valid' };
    const one = status(c, { totalCount: 2, failures: [invalid], successes: [{ id: 'ignored', version: V1 }] });
    const big = status(c, { totalCount: 2, pendings: [a, b].map((o) => ({ id: o.id, version: V1 })) });
    const existing = stix('tool', uuid('tool'), V1, '2.1');
    await s.addObjects(c, [existing]);
    await s.writeObjects(c, [
      { objects: [a, existing], status: { id: one.id, final: true, create: one } },
      { objects: [b], status: { id: big.id, final: false, create: big } },
    ]);
    const done = await s.getStatus(one.id);
    assert.equal(done?.status, 'complete');
    assert.equal(done?.totalCount, 2);
    assert.deepEqual(
      plain(done?.successes)
        .map((d) => d.id)
        .sort(),
      [a.id, existing.id].sort(),
      'added and duplicates; the given successes are ignored',
    );
    assert.deepEqual(plain(done?.failures), [invalid]);
    assert.deepEqual(done?.pendings, []);
    assert.equal(done?.owner, 'alice');
    const mid = await s.getStatus(big.id);
    assert.equal(mid?.status, 'pending');
    assert.deepEqual(plain(mid?.successes), [{ id: b.id, version: V1 }]);
    assert.deepEqual(plain(mid?.pendings), [{ id: a.id, version: V1 }]);
    await s.addObjects(c, [a], { id: big.id, final: true });
    const end = await s.getStatus(big.id);
    assert.equal(end?.status, 'complete');
    assert.equal(end?.successes.length, 2);
    assert.deepEqual(end?.pendings, []);
  });

  withStorage('writeObjects: a group is all or nothing (an error in one write stores none of them)', async (s) => {
    const c = randomUUID();
    const a = stix('indicator', uuid('indicator'), V1, '2.1');
    // A status id given twice to `create`: the second insert violates the statuses key.
    const st = status(c, { totalCount: 1 });
    await assert.rejects(
      s.writeObjects(c, [
        { objects: [a], status: { id: st.id, final: true, create: st } },
        { objects: [stix('tool', uuid('tool'), V1, '2.1')], status: { id: st.id, final: true, create: st } },
      ]),
    );
    assert.equal((await s.getObjects(c, { versions: [{ kind: 'all' }], limit: 10 })).items.length, 0);
    assert.equal(await s.getStatus(st.id), undefined);
  });

  withStorage('status: expireStatuses removes only statuses completed before the instant', async (s) => {
    const c = randomUUID();
    const done = status(c, { status: 'complete', totalCount: 0 });
    const pending = status(c);
    const finishing = status(c);
    await s.createStatus(done);
    await s.createStatus(pending);
    await s.createStatus(finishing);
    await s.addObjects(c, [stix('tool', uuid('tool'), V1, '2.1')], { id: finishing.id, final: true });
    assert.equal(await s.expireStatuses(Date.now() * 1000 - 3_600_000_000), 0, 'nothing completed an hour ago');
    assert.equal(await s.expireStatuses(Date.now() * 1000 + 1_000_000), 2);
    assert.equal(await s.getStatus(done.id), undefined);
    assert.equal(await s.getStatus(finishing.id), undefined);
    assert.equal((await s.getStatus(pending.id))?.status, 'pending');
  });

  withStorage('status: an object without modified/created settles its pending entry (version "") before the final call', async (s) => {
    const c = randomUUID();
    const sco = stix('ipv4-addr', uuid('ipv4-addr'), undefined, '2.1', { value: '10.0.0.1' });
    const other = stix('indicator', uuid('indicator'), V1, '2.1');
    const st = status(c, {
      totalCount: 2,
      pendings: [
        { id: sco.id, version: '' },
        { id: other.id, version: V1 },
      ],
    });
    await s.createStatus(st);
    await s.addObjects(c, [sco], { id: st.id, final: false });
    const mid = await s.getStatus(st.id);
    assert.equal(mid?.successes.length, 1);
    assert.deepEqual(plain(mid?.pendings), [{ id: other.id, version: V1 }]);
  });

  /** A POST of `objects`, stored in chunks of one, interrupted after `stored` chunks. */
  async function interrupted(s: Storage, c: string, objects: readonly IncomingObject[], stored: number, over: Partial<Status> = {}) {
    const st = status(c, { totalCount: objects.length, pendings: objects.map((o) => ({ id: o.id, version: V1 })), ...over });
    await s.createStatus(st);
    for (const o of objects.slice(0, stored)) await s.addObjects(c, [o], { id: st.id, final: false });
    return st;
  }

  const NOW = () => Date.now() * 1000;
  const MINUTE = 60_000_000;

  withStorage('status: settleAbandonedStatuses settles the pending statuses idle since the cutoff, and only those', async (s) => {
    const c = randomUUID();
    const objects = [V1, V1, V1].map(() => stix('indicator', uuid('indicator'), V1, '2.1'));
    const invalid = { id: 'indicator--bad', version: '', message: 'not valid' };
    // Requested long ago (the helper's 2024 timestamp), nothing stored since: abandoned.
    const idle = await interrupted(s, c, objects, 0, { failures: [invalid], totalCount: 4 });
    // Requested long ago, but a chunk was just stored: alive (another process is storing it).
    const alive = await interrupted(s, c, objects, 1);
    // Requested just now, nothing stored yet: alive.
    const fresh = await interrupted(s, c, objects, 0, { requestTimestamp: formatMicros(NOW()) });
    const done = status(c, { status: 'complete', totalCount: 0 });
    await s.createStatus(done);

    assert.ok((await s.settleAbandonedStatuses(NOW() - MINUTE)) >= 1, 'settled at least the idle one');
    const settled = await s.getStatus(idle.id);
    assert.equal(settled?.status, 'complete');
    assert.equal(settled?.totalCount, 4);
    assert.deepEqual(settled?.successes, []);
    assert.deepEqual(settled?.pendings, []);
    assert.deepEqual(plain(settled?.failures), [invalid, ...objects.map((o) => ({ id: o.id, version: V1, message: ABANDONED_MESSAGE }))]);
    assert.equal((await s.getStatus(alive.id))?.status, 'pending');
    assert.equal((await s.getStatus(alive.id))?.pendings.length, 2);
    assert.equal((await s.getStatus(fresh.id))?.status, 'pending');
    assert.deepEqual(plain(await s.getStatus(done.id)), plain(done));
  });

  withStorage('status: settling keeps what finished chunks stored as successes; the rest become failures', async (s) => {
    const c = randomUUID();
    const objects = [V1, V1, V1].map(() => stix('indicator', uuid('indicator'), V1, '2.1'));
    const st = await interrupted(s, c, objects, 2);
    // A cutoff in the future: the last chunk, stored just now, is "idle" too.
    assert.ok((await s.settleAbandonedStatuses(NOW() + MINUTE)) >= 1, 'settled the interrupted one');
    const settled = await s.getStatus(st.id);
    assert.equal(settled?.status, 'complete');
    assert.deepEqual(
      plain(settled?.successes),
      objects.slice(0, 2).map((o) => ({ id: o.id, version: V1 })),
    );
    assert.deepEqual(plain(settled?.failures), [{ id: objects[2].id, version: V1, message: ABANDONED_MESSAGE }]);
    assert.deepEqual(settled?.pendings, []);
    assert.equal((await s.getObjects(c, { limit: 10 })).items.length, 2, 'the stored objects stay');
  });

  withStorage('status: settling is idempotent; a settled status is kept, then expires, like a completed one', async (s) => {
    const c = randomUUID();
    const st = await interrupted(s, c, [stix('indicator', uuid('indicator'), V1, '2.1')], 0);
    assert.equal(await s.settleAbandonedStatuses(NOW() - MINUTE, [st.id]), 1);
    const first = await s.getStatus(st.id);
    assert.equal(await s.settleAbandonedStatuses(NOW() - MINUTE, [st.id]), 0);
    assert.equal(await s.settleAbandonedStatuses(NOW() + MINUTE, [st.id]), 0);
    await s.settleAbandonedStatuses(NOW() + MINUTE);
    assert.deepEqual(plain(await s.getStatus(st.id)), plain(first));
    assert.equal(await s.expireStatuses(NOW() - MINUTE), 0, 'completed now, when it was settled');
    assert.equal(await s.expireStatuses(NOW() + MINUTE), 1);
  });

  withStorage('status: settleAbandonedStatuses with ids settles those only', async (s) => {
    const c = randomUUID();
    const objects = [stix('indicator', uuid('indicator'), V1, '2.1')];
    const one = await interrupted(s, c, objects, 0);
    const two = await interrupted(s, c, objects, 0);
    assert.equal(await s.settleAbandonedStatuses(NOW() - MINUTE, [one.id, randomUUID()]), 1);
    assert.equal((await s.getStatus(one.id))?.status, 'complete');
    assert.equal((await s.getStatus(two.id))?.status, 'pending');
    assert.equal(await s.settleAbandonedStatuses(NOW() - MINUTE, []), 0);
    assert.equal((await s.getStatus(two.id))?.status, 'pending');
  });

  withStorage('status: a chunk written after its status was settled stores nothing and leaves the status as it is', async (s) => {
    const c = randomUUID();
    const objects = [V1, V1, V1].map(() => stix('indicator', uuid('indicator'), V1, '2.1'));
    const st = await interrupted(s, c, objects, 1);
    // Pending: a chunk is stored and recorded.
    const second = await s.addObjects(c, [objects[1]], { id: st.id, final: false });
    assert.deepEqual(plain(second.added), [{ id: objects[1].id, version: V1 }]);
    // A slow request taken for abandoned (a cutoff in the future) while it still runs.
    assert.equal(await s.settleAbandonedStatuses(NOW() + MINUTE, [st.id]), 1);
    const settled = await s.getStatus(st.id);
    assert.deepEqual(plain(settled?.failures), [{ id: objects[2].id, version: V1, message: ABANDONED_MESSAGE }]);
    // Its last chunk arrives: a stored object again (a duplicate) and the one reported as a failure.
    const late = await s.addObjects(c, [objects[1], objects[2]], { id: st.id, final: true });
    assert.deepEqual(plain(late), {
      added: [],
      duplicates: [],
      conflicts: [objects[1], objects[2]].map((o) => ({ id: o.id, version: V1, message: STATUS_SETTLED_MESSAGE })),
    });
    assert.deepEqual(plain(await s.getStatus(st.id)), plain(settled), 'no outcome added to a settled status');
    // In a group, only the write to the settled status is refused.
    const other = stix('tool', uuid('tool'), V1, '2.1');
    const group = await s.writeObjects(c, [{ objects: [objects[2]], status: { id: st.id, final: false } }, { objects: [other] }]);
    assert.deepEqual(plain(group[0]?.conflicts), [{ id: objects[2].id, version: V1, message: STATUS_SETTLED_MESSAGE }]);
    assert.deepEqual(plain(group[1]?.added), [{ id: other.id, version: V1 }]);
    assert.deepEqual(plain(await s.getStatus(st.id)), plain(settled));
    assert.deepEqual(
      new Set((await s.getObjects(c, { versions: [{ kind: 'all' }], limit: 10 })).items.map((o) => o.id)),
      new Set([objects[0].id, objects[1].id, other.id]),
      'the refused object is not stored',
    );
  });

  // ---------------------------------------------------------------- writes to a deleted collection

  const collectionIn = (apiRoot: string, id = randomUUID()): CollectionRecord => ({
    apiRoot,
    id,
    title: 'C',
    read: [],
    write: [],
    mediaTypes: [],
  });

  withStorage('writeObjects: chunks written after their collection was deleted store nothing; the status still completes', async (s) => {
    const root = `/root-${randomUUID()}/`;
    const c = collectionIn(root);
    await s.upsertCollection(c);
    const objects = [V1, V1, V1].map(() => stix('indicator', uuid('indicator'), V1, '2.1'));
    // A large POST: its first chunk stored, then the collection is deleted (over the admin API).
    const st = await interrupted(s, c.id, objects, 1);
    assert.equal(await s.deleteCollection(root, c.id), true);
    const second = await s.addObjects(c.id, [objects[1]], { id: st.id, final: false });
    assert.deepEqual(plain(second), {
      added: [],
      duplicates: [],
      conflicts: [{ id: objects[1].id, version: V1, message: COLLECTION_DELETED_MESSAGE }],
    });
    const mid = await s.getStatus(st.id);
    assert.equal(mid?.status, 'pending');
    assert.deepEqual(plain(mid?.pendings), [{ id: objects[2].id, version: V1 }]);
    await s.addObjects(c.id, [objects[2]], { id: st.id, final: true });
    const done = await s.getStatus(st.id);
    assert.equal(done?.status, 'complete');
    assert.deepEqual(plain(done?.successes), [{ id: objects[0].id, version: V1 }]);
    assert.deepEqual(
      plain(done?.failures),
      objects.slice(1).map((o) => ({ id: o.id, version: V1, message: COLLECTION_DELETED_MESSAGE })),
    );
    assert.deepEqual(done?.pendings, []);
    // Nothing hidden under the id: created again, the collection is empty, and takes writes.
    await s.upsertCollection(c);
    assert.equal((await s.getObjects(c.id, { versions: [{ kind: 'all' }], limit: 10 })).items.length, 0, 'no object reappears');
    assert.deepEqual(plain((await s.addObjects(c.id, [objects[1]])).added), [{ id: objects[1].id, version: V1 }]);
  });

  withStorage(
    'writeObjects: a group to a deleted collection stores nothing; a status it creates is complete with every object a failure',
    async (s) => {
      const root = `/root-${randomUUID()}/`;
      const c = collectionIn(root);
      await s.upsertCollection(c);
      const existing = stix('tool', uuid('tool'), V1, '2.1');
      await s.addObjects(c.id, [existing]);
      assert.equal(await s.deleteCollection(root, c.id), true);
      const a = stix('indicator', uuid('indicator'), V1, '2.1');
      const sco = stix('ipv4-addr', uuid('ipv4-addr'), undefined, '2.1', { value: '10.0.0.2' });
      const invalid = { id: 'indicator--bad', version: '', message: 'not valid' };
      const one = status(c.id, { totalCount: 4, failures: [invalid] });
      const gone = (o: IncomingObject) => ({ id: o.id, version: o.version ?? '', message: COLLECTION_DELETED_MESSAGE });
      const results = await s.writeObjects(c.id, [
        { objects: [a, existing, sco], status: { id: one.id, final: true, create: one } },
        { objects: [existing] },
      ]);
      assert.deepEqual(plain(results), [
        { added: [], duplicates: [], conflicts: [a, existing, sco].map(gone) },
        { added: [], duplicates: [], conflicts: [gone(existing)] },
      ]);
      const done = await s.getStatus(one.id);
      assert.equal(done?.status, 'complete');
      assert.deepEqual(done?.successes, []);
      assert.deepEqual(plain(done?.failures), [invalid, ...[a, existing, sco].map(gone)]);
      assert.equal((await s.getObjects(c.id, { versions: [{ kind: 'all' }], limit: 10 })).items.length, 0);
    },
  );

  withStorage(
    'writeObjects: stored to an id no collection ever had, to one created again, and while another API root holds the id',
    async (s) => {
      const write = (id: string) => s.addObjects(id, [stix('indicator', uuid('indicator'), V1, '2.1')]);
      // Callers that never create collections (tests, benches) write to any id, again and again.
      const never = randomUUID();
      assert.equal((await write(never)).added.length, 1);
      assert.equal((await write(never)).added.length, 1, 'a second write (the id has a clock now)');
      const id = randomUUID();
      const one = collectionIn(`/r1-${id}/`, id);
      const two = collectionIn(`/r2-${id}/`, id);
      await s.upsertCollection(one);
      await s.upsertCollection(two);
      assert.equal(await s.deleteCollection(one.apiRoot, id), true);
      assert.equal((await write(id)).added.length, 1, 'still /r2/’s collection');
      assert.equal(await s.deleteCollection(two.apiRoot, id), true);
      assert.equal((await write(id)).conflicts[0]?.message, COLLECTION_DELETED_MESSAGE, 'deleted from every API root');
      await s.upsertCollection(one);
      assert.equal((await write(id)).added.length, 1, 'created again');
      // Deleted before any write: refused too.
      const empty = collectionIn(`/r3-${id}/`);
      await s.upsertCollection(empty);
      assert.equal(await s.deleteCollection(empty.apiRoot, empty.id), true);
      assert.deepEqual((await write(empty.id)).added, []);
      assert.equal((await s.getObjects(empty.id, { limit: 10 })).items.length, 0);
    },
  );

  // ---------------------------------------------------------------- concurrency

  withStorage('concurrency: 8 concurrent addObjects of 500; paging by 97 returns each exactly once, in order', async (s) => {
    const c = randomUUID();
    const batches = Array.from({ length: 8 }, (_, b) =>
      Array.from({ length: 500 }, (_, i) =>
        stix(i % 2 ? 'indicator' : 'malware', uuid(i % 2 ? 'indicator' : 'malware'), V1, '2.1', { b, i }),
      ),
    );
    const results = await Promise.all(batches.map((batch) => s.addObjects(c, batch)));
    for (const r of results) assert.equal(r.added.length, 500);
    const items = await readAll(s, c, {}, 97);
    assert.equal(items.length, 4000);
    assertIncreasing(items);
    assert.deepEqual(new Set(items.map((o) => o.id)), new Set(batches.flat().map((o) => o.id)));
    const manifest: Omit<StoredObject, 'raw'>[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await s.getManifest(c, { limit: 97, after, types: ['indicator'] });
      manifest.push(...page.items);
      if (!page.more) break;
      after = page.items[page.items.length - 1].dateAdded;
    }
    assert.equal(manifest.length, 2000);
    assertIncreasing(manifest);
  });

  withStorage('concurrency: paging while a writer keeps adding never skips or repeats', async (s) => {
    const c = randomUUID();
    await s.addObjects(
      c,
      Array.from({ length: 200 }, () => stix('indicator', uuid('indicator'), V1, '2.1')),
    );
    const written: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let k = 0; k < 40; k++) {
        const batch = Array.from({ length: 25 }, () => stix('indicator', uuid('indicator'), V1, '2.1'));
        await s.addObjects(c, batch);
        written.push(...batch.map((o) => o.id));
        await new Promise((r) => setImmediate(r));
      }
      writing = false;
    })();
    const seen: StoredObject[] = [];
    let after: number | undefined;
    for (;;) {
      const wasWriting = writing;
      const page = await s.getObjects(c, { limit: 7, after });
      seen.push(...page.items);
      if (page.items.length > 0) after = page.items[page.items.length - 1].dateAdded;
      if (!page.more && !wasWriting) break;
      await new Promise((r) => setImmediate(r));
    }
    await writer;
    assertIncreasing(seen);
    const ids = seen.map((o) => o.id);
    assert.equal(new Set(ids).size, ids.length, 'no repeats');
    assert.equal(ids.length, 200 + written.length, 'no skips');
  });
}
