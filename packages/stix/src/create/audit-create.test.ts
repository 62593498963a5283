/**
 * Audit: create() builds a minimal valid object of every type of both versions (2.0 Parts 1–2,
 * 2.1 §4–§7), with the generated properties the specification asks for.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registries } from '../registries.js';
import { validate } from '../validate.js';
import { createUntyped } from './create.js';
import { createFactory } from './factory.js';
import { serialize } from './serialize.js';
import { at } from './test-clock.js';

const T = '2016-04-06T20:03:00.000Z';
const IDENTITY = 'identity--311b2d2d-f010-4473-83ec-1edf84858f4c';
const MALWARE = 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b';
const TOOL = 'tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
const OD = 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf';
const IP = 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4';

/** The required properties of each 2.0 type (2.0 Part 2 / Part 1 §4.1). */
const minimal20: Record<string, Record<string, unknown>> = {
  'attack-pattern': { name: 'Spear Phishing' },
  campaign: { name: 'Green Group Attacks' },
  'course-of-action': { name: 'Add TCP port 80 filter rule' },
  identity: { name: 'ACME', identity_class: 'organization' },
  indicator: { labels: ['malicious-activity'], pattern: "[file:name = 'a']", valid_from: T },
  'intrusion-set': { name: 'Bobcat Breakin' },
  malware: { labels: ['ransomware'], name: 'Cryptolocker' },
  'observed-data': {
    first_observed: T,
    last_observed: T,
    number_observed: 1,
    objects: { '0': { type: 'ipv4-addr', value: '198.51.100.3' } },
  },
  report: { labels: ['campaign'], name: 'r', published: T, object_refs: [MALWARE] },
  'threat-actor': { labels: ['crime-syndicate'], name: 'Evil Org' },
  tool: { labels: ['remote-access'], name: 'VNC' },
  vulnerability: { name: 'CVE-2016-1234' },
  relationship: { relationship_type: 'uses', source_ref: MALWARE, target_ref: TOOL },
  sighting: { sighting_of_ref: MALWARE },
  'marking-definition': { definition_type: 'statement', definition: { statement: 'Copyright ACME' } },
};

/** The required properties of each 2.1 type (2.1 §4–§7). */
const minimal21: Record<string, Record<string, unknown>> = {
  'attack-pattern': { name: 'Spear Phishing' },
  campaign: { name: 'Green Group Attacks' },
  'course-of-action': { name: 'Add TCP port 80 filter rule' },
  grouping: { context: 'suspicious-activity', object_refs: [MALWARE] },
  identity: { name: 'ACME' },
  incident: { name: 'i' },
  indicator: { pattern: "[file:name = 'a']", pattern_type: 'stix', valid_from: T },
  infrastructure: { name: 'Poison Ivy C2' },
  'intrusion-set': { name: 'Bobcat Breakin' },
  location: { region: 'northern-america' },
  malware: { is_family: false },
  'malware-analysis': { product: 'av', result: 'malicious' },
  note: { content: 'c', object_refs: [MALWARE] },
  'observed-data': { first_observed: T, last_observed: T, number_observed: 1, object_refs: [IP] },
  opinion: { opinion: 'agree', object_refs: [MALWARE] },
  report: { name: 'r', published: T, object_refs: [MALWARE] },
  'threat-actor': { name: 'Evil Org' },
  tool: { name: 'VNC' },
  vulnerability: { name: 'CVE-2016-1234' },
  relationship: { relationship_type: 'uses', source_ref: MALWARE, target_ref: TOOL },
  sighting: { sighting_of_ref: MALWARE },
  'language-content': { object_ref: MALWARE, object_modified: T, contents: { de: { name: 'Bösewicht' } } },
  'marking-definition': { definition_type: 'statement', definition: { statement: 'Copyright ACME' } },
  'extension-definition': {
    created_by_ref: IDENTITY,
    name: 'ext',
    schema: 'https://example.com/schema.json',
    version: '1.0.0',
    extension_types: ['property-extension'],
  },
  artifact: { url: 'https://example.com/a.bin', hashes: { 'SHA-256': 'fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db' } },
  'autonomous-system': { number: 15139 },
  directory: { path: '/tmp' },
  'domain-name': { value: 'example.com' },
  'email-addr': { value: 'a@example.com' },
  'email-message': { is_multipart: false },
  file: { name: 'a.txt' },
  'ipv4-addr': { value: '198.51.100.3' },
  'ipv6-addr': { value: '2001:db8::1' },
  'mac-addr': { value: 'd2:fb:49:24:37:18' },
  mutex: { name: '__CLEANSWEEP__' },
  'network-traffic': { src_ref: IP, protocols: ['tcp'] },
  process: { pid: 1 },
  software: { name: 'Word' },
  url: { value: 'https://example.com/' },
  'user-account': { user_id: '1001' },
  'windows-registry-key': { key: 'hkey_local_machine\\system' },
  'x509-certificate': { serial_number: '01' },
};

const MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

for (const [version, minimal] of [
  ['2.0', minimal20],
  ['2.1', minimal21],
] as const) {
  test(`audit: create() builds a minimal valid object of every STIX ${version} type in the registry`, () => {
    const types = [...registries[version].types.keys()];
    assert.deepEqual(
      types.filter((t) => minimal[t] === undefined),
      [],
      'the fixture covers every type',
    );
    for (const type of types) {
      const definition = registries[version].types.get(type);
      const o = createUntyped(type, minimal[type], { version, now: at('2024-03-01T10:00:00.123Z') });
      assert.deepEqual(
        validate(o, { version, bestPractices: false }).issues.filter((i) => i.severity === 'error'),
        [],
        `${type} validates`,
      );
      assert.equal(o.spec_version, version === '2.1' ? '2.1' : undefined, `${type} spec_version`);
      if (definition?.category !== 'sco') {
        if (type !== 'marking-definition' || version === '2.0') assert.match(String(o.created), MS, `${type} created is ms`);
        // 2.0 Part 1 §4.1: marking definitions have no modified; 2.1 §7.2.1: neither.
        if (type === 'marking-definition') assert.equal(o.modified, undefined, `${type} has no modified`);
        else assert.equal(o.modified, o.created, `${type} first version: modified = created`);
      } else {
        assert.equal(o.created, undefined, `${type} (SCO) has no created`);
      }
      assert.ok(Object.isFrozen(o), `${type} is frozen`);
    }
  });
}

test('audit: create() 2.0 timestamps are exactly milliseconds even when given with more digits (2.0 Part 1 §3.2)', () => {
  // 2.0 Part 1 §3.2: created and modified MUST be precise to the millisecond; more digits are invalid.
  assert.throws(() => createUntyped('campaign', { name: 'c', created: '2016-04-06T20:03:00.123456Z' }, { version: '2.0' }));
  const c = createUntyped('campaign', { name: 'c', created: new Date(Date.UTC(2016, 3, 6, 20, 3, 0, 7)) }, { version: '2.0' });
  assert.equal(c.created, '2016-04-06T20:03:00.007Z');
  assert.equal(c.modified, '2016-04-06T20:03:00.007Z');
});

test('audit: create() a 2.1 created given with microseconds keeps it (2.1 §3.2 allows more digits)', () => {
  const c = createUntyped('campaign', { name: 'c', created: '2016-04-06T20:03:00.123456Z' });
  assert.equal(c.created, '2016-04-06T20:03:00.123456Z');
  assert.equal(c.modified, c.created);
});

test('audit: create() an SCO id is deterministic and ignores the key order of contributing properties (2.1 §2.9 JCS)', () => {
  const a = createUntyped('file', {
    name: 'a.txt',
    hashes: { MD5: '6b885a1e1d42c0ca66e5f8a17e5a5d29', 'SHA-1': 'a9993e364706816aba3e25717850c26c9cd0d89d' },
  });
  const b = createUntyped('file', {
    hashes: { 'SHA-1': 'a9993e364706816aba3e25717850c26c9cd0d89d', MD5: '6b885a1e1d42c0ca66e5f8a17e5a5d29' },
    name: 'a.txt',
  });
  assert.equal(a.id, b.id);
  assert.match(String(a.id), /^file--[0-9a-f]{8}-[0-9a-f]{4}-5/);
});

test('audit: the spec example id of ipv4-addr 198.51.100.3 (python-stix2 agrees)', () => {
  assert.equal(createUntyped('ipv4-addr', { value: '198.51.100.3' }).id, IP);
});

test('audit: createFactory does not put 2.1-only defaults on 2.0 objects nor SDO defaults on SCOs', () => {
  const f = createFactory({ created_by_ref: IDENTITY, confidence: 80, lang: 'en', labels: ['x'] });
  const ip = f.create('ipv4-addr', { value: '198.51.100.3' });
  assert.equal((ip as unknown as Record<string, unknown>).created_by_ref, undefined);
  assert.equal((ip as unknown as Record<string, unknown>).confidence, undefined);
  const f20 = createFactory({ version: '2.0', created_by_ref: IDENTITY, confidence: 80, lang: 'en', labels: ['x'] });
  const c20 = f20.create('campaign', { name: 'c' });
  assert.equal((c20 as unknown as Record<string, unknown>).confidence, undefined);
  assert.equal((c20 as unknown as Record<string, unknown>).lang, undefined);
  assert.equal(c20.created_by_ref, IDENTITY);
  const md = f.create('marking-definition', { definition_type: 'statement', definition: { statement: 's' } });
  assert.equal((md as unknown as Record<string, unknown>).confidence, undefined);
});

test('audit: serialize() puts type, spec_version, id, created, modified first and is stable', () => {
  const o = {
    name: 'n',
    modified: T,
    created: T,
    id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    spec_version: '2.1',
    type: 'campaign',
  };
  assert.equal(
    serialize(o),
    `{"type":"campaign","spec_version":"2.1","id":"campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"${T}","modified":"${T}","name":"n"}`,
  );
});

test('audit: create() an observed-data 2.1 with the deprecated objects container is accepted only with a valid container', () => {
  // 2.1 §4.13: objects is deprecated but allowed; exactly one of objects / object_refs.
  assert.throws(() => createUntyped('observed-data', { first_observed: T, last_observed: T, number_observed: 1 }));
  void OD;
});
