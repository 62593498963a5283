import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create } from '@taxiway/stix';
import { StoreError } from './errors.js';
import { MemoryStore, type StoredObject } from './memory-store.js';

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const T0 = '2020-01-01T00:00:00.000Z';

function sdo(type: string, n: number, extra: Record<string, unknown> = {}): StoredObject {
  return { type, spec_version: '2.1', id: `${type}--${uuid(n)}`, created: T0, modified: T0, ...extra };
}

function rel(n: number, source: StoredObject, type: string, target: StoredObject, extra: Record<string, unknown> = {}): StoredObject {
  return sdo('relationship', n, { relationship_type: type, source_ref: source.id, target_ref: target.id, ...extra });
}

const identity = sdo('identity', 1, { name: 'ACME', identity_class: 'organization' });
const group = sdo('intrusion-set', 2, { name: 'APT-X', created_by_ref: identity.id });
const t1 = sdo('attack-pattern', 3, { name: 'T1' });
const t2 = sdo('attack-pattern', 4, { name: 'T2' });
const tool = sdo('tool', 5, { name: 'Hammer' });
const campaign = sdo('campaign', 6, { name: 'C' });
const rels = [
  rel(10, group, 'uses', t1),
  rel(11, group, 'uses', t2),
  rel(12, group, 'uses', tool),
  rel(13, campaign, 'attributed-to', group),
  rel(14, group, 'uses', t1, { description: 'a second relationship to the same technique' }),
];
const graph = (): MemoryStore => new MemoryStore([identity, group, t1, t2, tool, campaign, ...rels]);

test('store: add a bundle, a list or one object; size and iteration', () => {
  const store = new MemoryStore();
  store.add({ type: 'bundle', id: `bundle--${uuid(99)}`, objects: [identity, group] });
  store.add([t1, t2]);
  store.add(tool);
  assert.equal(store.size, 5);
  assert.equal(store.versionCount, 5);
  assert.deepEqual(
    [...store].map((o) => o.id),
    [identity.id, group.id, t1.id, t2.id, tool.id],
  );
  assert.equal(store.has(t1.id), true);
  assert.equal(store.has(campaign.id), false);
  assert.deepEqual([...store.types()].sort(), ['attack-pattern', 'identity', 'intrusion-set', 'tool']);
});

test('store: content without type or id is refused whole (STORE_INVALID_CONTENT)', () => {
  const store = new MemoryStore();
  for (const bad of [[t1, { type: 'tool' }], [{ id: 'x--1' }], ['text'], { type: 'bundle', objects: 'no' }]) {
    assert.throws(
      () => store.add(bad as never),
      (e: unknown) => e instanceof StoreError && e.code === 'STORE_INVALID_CONTENT',
    );
  }
  assert.equal(store.size, 0);
});

test('versions: get returns the latest by modified; allVersions oldest first', () => {
  const v1 = { ...t1, modified: '2021-01-01T00:00:00.000Z', name: 'v1' };
  const v2 = { ...t1, modified: '2021-01-01T00:00:00.0005Z', name: 'v2' }; // later by half a millisecond
  const v3 = { ...t1, modified: '2022-01-01T00:00:00Z', name: 'v3' };
  const store = new MemoryStore([v2, v3, v1]);
  assert.equal(store.get(t1.id)?.name, 'v3');
  assert.deepEqual(
    store.allVersions(t1.id).map((o) => o.name),
    ['v1', 'v2', 'v3'],
  );
  assert.equal(store.size, 1);
  assert.equal(store.versionCount, 3);
  assert.equal(store.get(t2.id), undefined);
  assert.deepEqual(store.allVersions(t2.id), []);
});

test('versions: fractions of differing precision compare as instants (.1Z after .09Z, .1Z equals .100Z)', () => {
  const a = { ...t1, modified: '2021-01-01T00:00:00.09Z', name: 'a' };
  const b = { ...t1, modified: '2021-01-01T00:00:00.1Z', name: 'b' };
  const store = new MemoryStore([b, a]);
  assert.equal(store.get(t1.id)?.name, 'b');
  store.add({ ...t1, modified: '2021-01-01T00:00:00.100Z', name: 'b again' });
  assert.equal(store.versionCount, 2);
  assert.equal(store.get(t1.id)?.name, 'b again');
});

test('versions: the same (id, modified) added twice is kept once (the later add wins)', () => {
  const store = new MemoryStore();
  assert.deepEqual(store.add(t1), { added: 1, replaced: 0 });
  assert.deepEqual(store.add({ ...t1 }), { added: 0, replaced: 1 });
  assert.equal(store.allVersions(t1.id).length, 1);
});

test('versions: without modified, created orders versions', () => {
  const a = { type: 'x-thing', id: `x-thing--${uuid(1)}`, created: '2020-01-01T00:00:00Z', v: 1 };
  const b = { ...a, created: '2020-02-01T00:00:00Z', v: 2 };
  const store = new MemoryStore([b, a]);
  assert.equal(store.get(a.id)?.v, 2);
  assert.equal(store.versionCount, 2);
});

test('versions: versionless objects (SCOs, marking definitions) are keyed by id; a re-add replaces', () => {
  const ip = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${uuid(7)}`, value: '198.51.100.1' };
  const marking = {
    type: 'marking-definition',
    spec_version: '2.1',
    id: `marking-definition--${uuid(8)}`,
    created: T0,
    definition_type: 'statement',
    definition: { statement: 'one' },
  };
  const store = new MemoryStore([ip, marking]);
  assert.deepEqual(store.add({ ...ip, value: '198.51.100.2' }), { added: 0, replaced: 1 });
  store.add({ ...marking, created: '2021-01-01T00:00:00.000Z', definition: { statement: 'two' } });
  assert.equal(store.versionCount, 2);
  assert.equal(store.get(ip.id)?.value, '198.51.100.2');
  assert.deepEqual(store.get(marking.id)?.definition, { statement: 'two' });
  assert.equal(store.allVersions(marking.id).length, 1);
});

test('query: latest versions by default; versions: all tests every version', () => {
  const v1 = { ...t1, modified: '2021-01-01T00:00:00.000Z', x_mitre_deprecated: true };
  const v2 = { ...t1, modified: '2022-01-01T00:00:00.000Z' };
  const store = new MemoryStore([v1, v2, t2, tool]);
  assert.deepEqual(
    store.query([['type', '=', 'attack-pattern']]).map((o) => o.modified),
    ['2022-01-01T00:00:00.000Z', T0],
  );
  assert.equal(store.query([['x_mitre_deprecated', '=', true]]).length, 0);
  assert.deepEqual(store.query([['x_mitre_deprecated', '=', true]], { versions: 'all' }), [v1]);
  assert.equal(store.query([['type', '=', 'attack-pattern']], { versions: 'all' }).length, 3);
});

test('query: type and id filters narrow through the indexes and still combine with the rest', () => {
  const store = graph();
  assert.deepEqual(
    store.query([['type', 'in', ['tool', 'campaign']]]).map((o) => o.name),
    ['Hammer', 'C'],
  );
  assert.deepEqual(
    store.query([
      ['type', '=', 'attack-pattern'],
      ['name', '=', 'T2'],
    ]),
    [t2],
  );
  assert.deepEqual(
    store.query([
      ['type', '=', 'attack-pattern'],
      ['type', '=', 'tool'],
    ]),
    [],
  );
  assert.deepEqual(store.query([['id', '=', tool.id]]), [tool]);
  assert.deepEqual(
    store.query([
      ['id', 'in', [tool.id, t2.id]],
      ['type', '=', 'tool'],
    ]),
    [tool],
  );
  assert.deepEqual(store.query({ property: 'name', op: '=', value: 'APT-X' }), [group]);
  assert.deepEqual(store.query(['name', '=', 'APT-X']), [group]);
  assert.equal(store.query().length, store.size);
  assert.deepEqual(store.query([['type', '=', 'malware']]), []);
});

test('relationships: both ends by default, sourceOnly, targetOnly, type', () => {
  const store = graph();
  const ids = (objects: readonly StoredObject[]): string[] => objects.map((o) => o.id).sort();
  assert.deepEqual(ids(store.relationships(group)), ids(rels));
  assert.deepEqual(ids(store.relationships(group.id, { sourceOnly: true })), ids([rels[0], rels[1], rels[2], rels[4]]));
  assert.deepEqual(ids(store.relationships(group, { targetOnly: true })), [rels[3].id]);
  assert.deepEqual(ids(store.relationships(group, { type: 'attributed-to' })), [rels[3].id]);
  assert.deepEqual(ids(store.relationships(t1, { type: ['uses'] })), ids([rels[0], rels[4]]));
  assert.deepEqual(store.relationships(identity), []);
  assert.throws(
    () => store.relationships(group, { sourceOnly: true, targetOnly: true }),
    (e: unknown) => e instanceof StoreError && e.code === 'STORE_INVALID_ARGUMENT',
  );
  // Neither an object nor an id (plain JavaScript callers): a StoreError, not a TypeError.
  for (const bad of [null, 5, {}])
    assert.throws(
      () => store.relatedTo(bad as unknown as string),
      (e: unknown) => e instanceof StoreError && e.code === 'STORE_INVALID_ARGUMENT',
    );
});

test('relationships: the latest version of a relationship decides its ends and type', () => {
  const r = rel(20, group, 'uses', t1);
  const store = new MemoryStore([group, t1, t2, r]);
  store.add({ ...r, modified: '2023-01-01T00:00:00.000Z', target_ref: t2.id });
  assert.deepEqual(store.relatedTo(group), [t2]);
  assert.deepEqual(store.relationships(t1), []);
  store.delete(r.id);
  assert.deepEqual(store.relationships(group), []);
});

test('relatedTo: the objects on the other end, once each; filters apply to them', () => {
  const store = graph();
  const names = (objects: readonly StoredObject[]): unknown[] => objects.map((o) => o.name);
  assert.deepEqual(names(store.relatedTo(group, { relationshipType: 'uses', sourceOnly: true })), ['T1', 'T2', 'Hammer']);
  assert.deepEqual(
    names(store.relatedTo(group, { relationshipType: 'uses', sourceOnly: true, filters: [['type', '=', 'attack-pattern']] })),
    ['T1', 'T2'],
  );
  assert.deepEqual(names(store.relatedTo(group, { targetOnly: true })), ['C']);
  assert.deepEqual(names(store.relatedTo(t1.id)), ['APT-X']);
  assert.deepEqual(store.relatedTo(group, { relationshipType: 'mitigates' }), []);
});

test('relatedTo: an end that is not in the store is left out', () => {
  const store = new MemoryStore([group, rel(30, group, 'uses', t1)]);
  assert.deepEqual(store.relatedTo(group), []);
  assert.equal(store.relationships(group).length, 1);
});

test('creatorOf: the identity in created_by_ref, by object or id', () => {
  const store = graph();
  assert.deepEqual(store.creatorOf(group), identity);
  assert.deepEqual(store.creatorOf(group.id), identity);
  assert.equal(store.creatorOf(t1), undefined);
  assert.equal(store.creatorOf(sdo('malware', 40, { created_by_ref: `identity--${uuid(41)}` })), undefined);
});

test('delete and clear', () => {
  const store = graph();
  assert.equal(store.delete(t1.id), true);
  assert.equal(store.delete(t1.id), false);
  assert.equal(store.get(t1.id), undefined);
  assert.deepEqual(store.query([['name', '=', 'T1']]), []);
  assert.equal(store.size, 10);
  store.clear();
  assert.equal(store.size, 0);
  assert.equal(store.versionCount, 0);
  assert.deepEqual(store.relationships(group), []);
});

test('typed objects from @taxiway/stix create() go in and are asked about as they are (no casts)', () => {
  const malware = create('malware', { name: 'BadRAT', is_family: true });
  const indicator = create('indicator', { pattern: "[ipv4-addr:value = '198.51.100.3']", pattern_type: 'stix', valid_from: new Date(0) });
  const link = create('relationship', { relationship_type: 'indicates', source_ref: indicator.id, target_ref: malware.id });
  const store = new MemoryStore([malware, indicator, link]);
  assert.deepEqual(
    store.relatedTo(malware, { relationshipType: 'indicates', targetOnly: true }).map((o) => o.id),
    [indicator.id],
  );
  assert.deepEqual(
    store.relationships(indicator).map((o) => o.id),
    [link.id],
  );
  assert.equal(store.creatorOf(malware), undefined);
});
