import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { generateBundle } from '../../../stix/src/testing/generate-bundle.js';
import { StoreError } from '../errors.js';
import { FileSystemStore } from '../filesystem-store.js';
import { MemoryStore, type StoredObject } from '../memory-store.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taxiway-store-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const identity = {
  type: 'identity',
  spec_version: '2.1',
  id: `identity--${uuid(1)}`,
  created: '2017-01-01T00:00:00.000Z',
  modified: '2017-01-01T00:00:00.000Z',
  name: 'ACME',
};
const groupV1 = {
  type: 'intrusion-set',
  spec_version: '2.1',
  id: `intrusion-set--${uuid(2)}`,
  created: '2017-01-01T00:00:00.000Z',
  modified: '2017-01-01T00:00:00.000Z',
  name: 'APT-X',
  created_by_ref: identity.id,
};
const groupV2 = { ...groupV1, modified: '2018-05-06T07:08:09.123456Z', aliases: ['X'] };
const technique = {
  type: 'attack-pattern',
  spec_version: '2.1',
  id: `attack-pattern--${uuid(3)}`,
  created: '2017-01-01T00:00:00.000Z',
  modified: '2017-01-01T00:00:00.000Z',
  name: 'T1',
};
const uses = {
  type: 'relationship',
  spec_version: '2.1',
  id: `relationship--${uuid(4)}`,
  created: '2017-01-01T00:00:00.000Z',
  modified: '2017-01-01T00:00:00.000Z',
  relationship_type: 'uses',
  source_ref: groupV1.id,
  target_ref: technique.id,
};
const marking = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  created: '2017-01-20T00:00:00.000Z',
  definition_type: 'tlp',
  name: 'TLP:GREEN',
  definition: { tlp: 'green' },
};
const ip = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${uuid(5)}`, value: '198.51.100.7' };
const objects: StoredObject[] = [identity, groupV1, groupV2, technique, uses, marking, ip];

function sample(): MemoryStore {
  return new MemoryStore(objects);
}

/** Every version of every object, sorted: what a round trip must preserve. */
function contents(store: MemoryStore): StoredObject[] {
  return [...store.values({ versions: 'all' })].sort((a, b) => (a.id + a.modified < b.id + b.modified ? -1 : 1));
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath ?? e.path, e.name)))
    .sort();
}

const isStoreError =
  (code: string) =>
  (e: unknown): boolean =>
    e instanceof StoreError && e.code === code;

test('bundle layout: save and load round trip (every version kept)', async () => {
  const path = join(dir, 'round.json');
  await sample().save(path);
  const text = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(text.type, 'bundle');
  assert.match(text.id, /^bundle--[0-9a-f-]{36}$/);
  assert.equal(text.spec_version, undefined);
  const loaded = await MemoryStore.load(path);
  assert.deepEqual(contents(loaded), contents(sample()));
  assert.equal(loaded.get(groupV1.id)?.modified, groupV2.modified);
});

test('bundle layout: .json.gz is written compressed and read back; pretty output parses the same', async () => {
  const gz = join(dir, 'round.json.gz');
  await sample().save(gz);
  const bytes = await readFile(gz);
  assert.deepEqual([bytes[0], bytes[1]], [0x1f, 0x8b]);
  assert.deepEqual(contents(await MemoryStore.load(gz)), contents(sample()));
  const pretty = join(dir, 'pretty.json');
  await sample().save(pretty, { pretty: true });
  assert.match(await readFile(pretty, 'utf8'), /^\{\n {2}"type": "bundle",\n/);
  assert.deepEqual(contents(await MemoryStore.load(pretty)), contents(sample()));
});

test('bundle layout: a 2.0 store is written as a 2.0 bundle (spec_version on the bundle)', async () => {
  const { spec_version: _a, ...t20 } = technique;
  const { spec_version: _b, ...i20 } = identity;
  const path = join(dir, 'v20.json');
  await new MemoryStore([t20, i20]).save(path);
  assert.equal(JSON.parse(await readFile(path, 'utf8')).spec_version, '2.0');
});

test('gzip is recognised by its magic bytes, whatever the file is called', async () => {
  const path = join(dir, 'compressed-but-named.json');
  await writeFile(path, gzipSync(JSON.stringify({ type: 'bundle', id: `bundle--${uuid(9)}`, objects })));
  assert.equal((await MemoryStore.load(path)).versionCount, objects.length);
});

test('a JSON array of objects and a single object load too', async () => {
  const array = join(dir, 'array.json');
  await writeFile(array, JSON.stringify([identity, technique]));
  assert.equal((await MemoryStore.load(array)).size, 2);
  const single = join(dir, 'single.json');
  await writeFile(single, `\ufeff${JSON.stringify(technique)}`);
  assert.deepEqual([...(await MemoryStore.load(single))], [technique]);
});

test('streaming (files over streamThreshold) loads the same as reading whole, plain and gzip', async () => {
  const bundle = generateBundle({ objects: 600 });
  const plain = join(dir, 'gen.json');
  const gz = join(dir, 'gen.json.gz');
  await writeFile(plain, JSON.stringify(bundle));
  await writeFile(gz, gzipSync(JSON.stringify(bundle)));
  const whole = await MemoryStore.load(plain);
  assert.equal(whole.size, 600);
  for (const path of [plain, gz]) {
    const streamed = await MemoryStore.load(path, { streamThreshold: 0 });
    assert.deepEqual(contents(streamed), contents(whole));
  }
});

test('load into an existing store adds; the result counts added and replaced', async () => {
  const path = join(dir, 'add.json');
  await sample().save(path);
  const store = new MemoryStore([technique]);
  assert.deepEqual(await store.load(path), { added: objects.length - 1, replaced: 1 });
});

test('load errors: a missing path is STORE_IO; bad JSON, bad gzip and non-STIX content are STORE_INVALID_CONTENT', async () => {
  await assert.rejects(MemoryStore.load(join(dir, 'nope.json')), isStoreError('STORE_IO'));
  const bad = join(dir, 'bad.json');
  await writeFile(bad, '{"type": "bundle", "objects": [');
  await assert.rejects(MemoryStore.load(bad), (e: unknown) => isStoreError('STORE_INVALID_CONTENT')(e) && (e as StoreError).path === bad);
  await assert.rejects(MemoryStore.load(bad, { streamThreshold: 0 }), isStoreError('STORE_INVALID_CONTENT'));
  const badGz = join(dir, 'bad.json.gz');
  await writeFile(badGz, Buffer.concat([gzipSync('{"type":"bundle","objects":[]}').subarray(0, 12), Buffer.alloc(20, 7)]));
  await assert.rejects(MemoryStore.load(badGz), isStoreError('STORE_INVALID_CONTENT'));
  const notStix = join(dir, 'not-stix.json');
  await writeFile(notStix, '[{"name": "no type"}]');
  await assert.rejects(MemoryStore.load(notStix), isStoreError('STORE_INVALID_CONTENT'));
});

test('filesystem layout: save writes python-stix2 FileSystemStore paths and loads back', async () => {
  const root = join(dir, 'fs-out');
  await sample().save(root);
  assert.deepEqual(await filesUnder(root), [
    join('attack-pattern', technique.id, '20170101000000000.json'),
    join('identity', identity.id, '20170101000000000.json'),
    join('intrusion-set', groupV1.id, '20170101000000000.json'),
    join('intrusion-set', groupV1.id, '20180506070809123456.json'),
    join('ipv4-addr', `${ip.id}.json`),
    join('marking-definition', `${marking.id}.json`),
    join('relationship', uses.id, '20170101000000000.json'),
  ]);
  // 2.1: bare objects, indented as python-stix2 writes them.
  const file = await readFile(join(root, 'identity', identity.id, '20170101000000000.json'), 'utf8');
  assert.deepEqual(JSON.parse(file), identity);
  assert.match(file, /^\{\n {4}"type": "identity"/);
  assert.deepEqual(contents(await MemoryStore.load(root)), contents(sample()));
});

test('filesystem layout: 2.0 objects are written inside one-object 2.0 bundles and load back', async () => {
  const { spec_version: _, ...t20 } = technique;
  const root = join(dir, 'fs-20');
  await new MemoryStore([t20]).save(root, { layout: 'filesystem' });
  const file = JSON.parse(await readFile(join(root, 'attack-pattern', t20.id, '20170101000000000.json'), 'utf8'));
  assert.equal(file.type, 'bundle');
  assert.equal(file.spec_version, '2.0');
  assert.deepEqual(file.objects, [t20]);
  assert.deepEqual([...(await MemoryStore.load(root))], [t20]);
});

test('filesystem layout: ids and types that are not plain names are refused (no path traversal)', async () => {
  const evil = { ...technique, id: 'attack-pattern--../../../etc' };
  await assert.rejects(new MemoryStore([evil]).save(join(dir, 'fs-evil')), isStoreError('STORE_INVALID_CONTENT'));
});

test('python-stix2 FileSystemStore fixture: versioned dirs, 2.0 bundles, bare 2.1 objects, markings, SCOs', async () => {
  // Written as python-stix2 lays a store out (older releases: 20-digit microsecond names, 2.0 objects in bundles).
  const root = join(dir, 'python-stix2');
  const put = async (path: string, value: unknown): Promise<void> => {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), JSON.stringify(value, null, 4));
  };
  const wrap20 = (o: unknown, n: number) => ({ type: 'bundle', id: `bundle--${uuid(n)}`, spec_version: '2.0', objects: [o] });
  const { spec_version: _a, ...identity20 } = identity;
  const { spec_version: _b, ...marking20 } = marking;
  await put(`identity/${identity.id}/20170101000000000000.json`, wrap20(identity20, 100));
  await put(`marking-definition/${marking.id}.json`, wrap20(marking20, 101));
  await put(`intrusion-set/${groupV1.id}/20170101000000000.json`, groupV1);
  await put(`intrusion-set/${groupV1.id}/20180506070809123456.json`, groupV2);
  await put(`attack-pattern/${technique.id}/20170101000000000.json`, technique);
  await put(`relationship/${uses.id}/20170101000000000.json`, uses);
  await put(`ipv4-addr/${ip.id}.json`, ip);
  await writeFile(join(root, '.DS_Store'), 'not json');
  await writeFile(join(root, 'README.txt'), 'not json either');
  const store = await MemoryStore.load(root);
  assert.equal(store.size, 6);
  assert.equal(store.allVersions(groupV1.id).length, 2);
  assert.equal(store.get(groupV1.id)?.modified, groupV2.modified);
  assert.deepEqual(store.get(identity.id), identity20);
  assert.deepEqual(store.relatedTo(groupV1, { relationshipType: 'uses', sourceOnly: true }), [technique]);
  assert.deepEqual(store.creatorOf(groupV1.id), identity20);
  assert.deepEqual(store.get(ip.id), ip);
});

test('mitre/cti layout: <type>/<id>.json, each file a bundle', async () => {
  const root = join(dir, 'mitre-cti');
  for (const o of [identity, groupV2, technique, uses, marking]) {
    await mkdir(join(root, o.type), { recursive: true });
    const bundle = { type: 'bundle', id: `bundle--${uuid(200)}`, objects: [o] };
    await writeFile(join(root, o.type, `${o.id}.json`), JSON.stringify(bundle));
  }
  const store = await MemoryStore.load(root);
  assert.equal(store.size, 5);
  assert.deepEqual(
    store.relatedTo(groupV1.id, { sourceOnly: true }).map((o) => o.id),
    [technique.id],
  );
});

test('FileSystemStore: add writes through, open reads back, delete removes the files', async () => {
  const root = join(dir, 'fss');
  await assert.rejects(FileSystemStore.open(root, { create: false }), isStoreError('STORE_NOT_FOUND'));
  const fss = await FileSystemStore.open(root);
  assert.equal(fss.size, 0);
  await fss.add([identity, groupV1, technique, uses, ip]);
  await fss.add(groupV2);
  const again = await FileSystemStore.open(root);
  assert.equal(again.size, 5);
  assert.equal(again.allVersions(groupV1.id).length, 2);
  assert.deepEqual(again.query([['type', '=', 'attack-pattern']]), [technique]);
  assert.deepEqual(again.relatedTo(groupV1, { sourceOnly: true }), [technique]);
  assert.deepEqual(again.relationships(technique).length, 1);
  assert.deepEqual(again.creatorOf(groupV1), identity);
  assert.equal(again.has(ip.id), true);
  assert.equal(await again.delete(groupV1.id), true);
  assert.equal(await again.delete(ip.id), true);
  assert.equal(await again.delete(ip.id), false);
  const third = await FileSystemStore.open(root);
  assert.deepEqual([...third].map((o) => o.type).sort(), ['attack-pattern', 'identity', 'relationship']);
  assert.deepEqual(third.get(groupV1.id), undefined);
});
