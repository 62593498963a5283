/**
 * Audit: store queries (python-stix2 Filter semantics: dotted paths through lists, timestamps as
 * instants), versions (2.1 §3.6: id + modified), and python-stix2's FileSystemStore layout.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileSystemStore } from './filesystem-store.js';
import { MemoryStore, type StoredObject } from './memory-store.js';

const AP = 'attack-pattern--0a3ead4e-6d47-4ccb-854c-a6a4f9d96b22';
const v1: StoredObject = {
  type: 'attack-pattern',
  spec_version: '2.1',
  id: AP,
  created: '2020-01-01T00:00:00.000Z',
  modified: '2020-01-01T00:00:00.000Z',
  name: 'Phishing',
  external_references: [
    { source_name: 'capec', external_id: 'CAPEC-98' },
    { source_name: 'mitre-attack', external_id: 'T1566' },
  ],
  kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }],
};
const v2: StoredObject = { ...v1, modified: '2021-06-01T12:00:00.123456Z', name: 'Phishing 2' };

test('audit: dotted paths through lists match any element (python-stix2 Filter)', () => {
  const s = new MemoryStore([v1]);
  assert.equal(s.query([['external_references.external_id', '=', 'T1566']]).length, 1);
  assert.equal(s.query([['kill_chain_phases.phase_name', '=', 'initial-access']]).length, 1);
  assert.equal(s.query([['external_references.external_id', 'in', ['T9999', 'CAPEC-98']]]).length, 1);
  assert.equal(s.query([['external_references.url', '=', 'x']]).length, 0);
  assert.equal(s.query([['external_references.url', '!=', 'x']]).length, 0, 'a missing property never matches');
});

test('audit: timestamps compare as instants whatever their precision', () => {
  const s = new MemoryStore([v1, v2]);
  assert.equal(s.query([['modified', '=', '2021-06-01T12:00:00.123456Z']]).length, 1);
  assert.equal(s.query([['modified', '>', '2021-06-01T12:00:00.123Z']]).length, 1);
  assert.equal(s.query([['modified', '>', new Date('2021-06-01T12:00:00.124Z')]]).length, 0);
  assert.equal(s.query([['created', '=', '2020-01-01T00:00:00Z']]).length, 1);
  assert.equal(s.query([['modified', '<=', '2020-01-01T00:00:00Z']], { versions: 'all' }).length, 1);
});

test('audit: versions: latest by modified as an instant, the same version in another precision replaces', () => {
  const s = new MemoryStore([v2, v1]);
  assert.equal(s.get(AP)?.name, 'Phishing 2');
  assert.deepEqual(
    s.allVersions(AP).map((o) => o.name),
    ['Phishing', 'Phishing 2'],
  );
  const again = { ...v1, modified: '2020-01-01T00:00:00.000000Z', name: 'Phishing bis' };
  assert.deepEqual(s.add(again), { added: 0, replaced: 1 });
  assert.equal(s.allVersions(AP).length, 2);
  assert.equal(s.query([['name', '=', 'Phishing']]).length, 0, 'latest only by default');
  assert.equal(s.query([['name', '=', 'Phishing bis']], { versions: 'all' }).length, 1);
});

test('audit: FileSystemStore writes python-stix2 paths <type>/<id>/<modified digits>.json and <type>/<id>.json', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-audit-'));
  try {
    const store = await FileSystemStore.open(dir);
    const md = {
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41db',
      created: '2017-01-20T00:00:00.000Z',
      definition_type: 'statement',
      definition: { statement: 's' },
    };
    const ip = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4', value: '198.51.100.3' };
    await store.add([v1, v2, md, ip]);
    assert.deepEqual((await readdir(join(dir, 'attack-pattern', AP))).sort(), ['20200101000000000.json', '20210601120000123456.json']);
    assert.deepEqual(await readdir(join(dir, 'marking-definition')), [`${md.id}.json`]);
    assert.deepEqual(await readdir(join(dir, 'ipv4-addr')), [`${ip.id}.json`]);
    // python-stix2 writes 2.1 objects bare (not bundled), pretty-printed.
    const text = await readFile(join(dir, 'ipv4-addr', `${ip.id}.json`), 'utf8');
    assert.equal(JSON.parse(text).type, 'ipv4-addr');
    const reopened = await FileSystemStore.open(dir);
    assert.equal(reopened.get(AP)?.name, 'Phishing 2');
    assert.equal(reopened.allVersions(AP).length, 2);
    assert.equal(await reopened.delete(AP), true);
    assert.equal((await FileSystemStore.open(dir)).has(AP), false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
