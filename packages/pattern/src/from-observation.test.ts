import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PatternVersion } from './ast.js';
import { pattern } from './builder.js';
import { PatternError } from './errors.js';
import { fromObservable, fromObservedData, type StixObjectLike } from './from-observation.js';
import { matches } from './matcher.js';
import { parse } from './parser.js';
import { print } from './printer.js';

const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
const MD5 = '79054025255fb1a26e4bc422aef54eb4';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof PatternError) return e.code;
    throw e;
  }
  return undefined;
}

/** The text parses in `version` and prints back unchanged. */
function parsesBack(text: string, version: PatternVersion): void {
  assert.equal(print(parse(text, { version })), text);
}

test('fromObservable: value-identified observables test value with =', () => {
  for (const type of ['ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'email-addr', 'mac-addr']) {
    const text = print(fromObservable({ type, id: `${type}--1`, value: 'v', defanged: false }));
    assert.equal(text, `[${type}:value = 'v']`);
  }
});

test('fromObservable: file hashes give one comparison per hash, AND-ed with the name (2.1 §6.7 ID contributors)', () => {
  const file = { type: 'file', hashes: { 'SHA-256': SHA256, MD5 }, name: 'a.exe', size: 12 };
  assert.equal(print(fromObservable(file)), `[file:hashes.'SHA-256' = '${SHA256}' AND file:hashes.MD5 = '${MD5}' AND file:name = 'a.exe']`);
});

test('fromObservable: references are followed through resolve; unresolved ones are left out', () => {
  const objects: Record<string, StixObjectLike> = {
    'email-addr--1': { type: 'email-addr', id: 'email-addr--1', value: 'a@example.com' },
    'directory--1': { type: 'directory', id: 'directory--1', path: 'C:\\Windows' },
  };
  const resolve = (id: string) => objects[id];
  const mail = { type: 'email-message', from_ref: 'email-addr--1', subject: "it's here", is_multipart: false };
  assert.equal(
    print(fromObservable(mail, { resolve })),
    "[email-message:from_ref.value = 'a@example.com' AND email-message:subject = 'it\\'s here']",
  );
  const file = { type: 'file', name: 'x', parent_directory_ref: 'directory--1' };
  assert.equal(print(fromObservable(file, { resolve })), "[file:name = 'x' AND file:parent_directory_ref.path = 'C:\\\\Windows']");
  assert.equal(print(fromObservable({ ...file, parent_directory_ref: 'directory--nope' }, { resolve })), "[file:name = 'x']");
  assert.equal(print(fromObservable(file)), "[file:name = 'x']");
});

test('fromObservable: network-traffic ports, protocols (one per element) and resolved endpoints', () => {
  const objects: Record<string, StixObjectLike> = {
    '0': { type: 'ipv4-addr', value: '198.51.100.2' },
    '1': { type: 'ipv4-addr', value: '203.0.113.5' },
  };
  const flow = {
    type: 'network-traffic',
    src_ref: '0',
    dst_ref: '1',
    dst_port: 443,
    protocols: ['ipv4', 'tcp'],
    start: '2020-01-01T00:00:00Z',
  };
  assert.equal(
    print(fromObservable(flow, { resolve: (k) => objects[k] })),
    "[network-traffic:src_ref.value = '198.51.100.2' AND network-traffic:dst_ref.value = '203.0.113.5' AND network-traffic:dst_port = 443 AND network-traffic:protocols[*] = 'ipv4' AND network-traffic:protocols[*] = 'tcp']",
  );
});

test('fromObservable: other types of the table', () => {
  const cases: [StixObjectLike, string][] = [
    [{ type: 'autonomous-system', number: 15139, name: 'Slime' }, '[autonomous-system:number = 15139]'],
    [{ type: 'mutex', name: '__CLEANSWEEP__' }, "[mutex:name = '__CLEANSWEEP__']"],
    [
      { type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\System', values: [{ name: 'x' }] },
      "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\System']",
    ],
    [
      { type: 'x509-certificate', serial_number: '36:f7', hashes: { 'SHA-1': 'abc' } },
      "[x509-certificate:hashes.'SHA-1' = 'abc' AND x509-certificate:serial_number = '36:f7']",
    ],
    [
      { type: 'user-account', user_id: '1001', account_login: 'jdoe', account_type: 'unix', display_name: 'J' },
      "[user-account:account_type = 'unix' AND user-account:user_id = '1001' AND user-account:account_login = 'jdoe']",
    ],
    [
      { type: 'software', name: 'Word', vendor: 'Microsoft', version: '2002', languages: ['en'] },
      "[software:name = 'Word' AND software:vendor = 'Microsoft' AND software:version = '2002']",
    ],
    [{ type: 'artifact', payload_bin: 'AAEC', mime_type: 'x' }, "[artifact:payload_bin = b'AAEC']"],
    [{ type: 'directory', path: '/tmp' }, "[directory:path = '/tmp']"],
  ];
  for (const [sco, expected] of cases) assert.equal(print(fromObservable(sco)), expected);
});

test('fromObservable: custom types fall back to their scalar properties; options.properties overrides', () => {
  const custom = {
    type: 'x-acme-widget',
    id: 'x-acme-widget--1',
    spec_version: '2.1',
    serial: 'W-1',
    count: 2.5,
    tags: ['a'],
    owner_ref: 'identity--1',
  };
  assert.equal(
    print(fromObservable(custom)),
    "[x-acme-widget:serial = 'W-1' AND x-acme-widget:count = 2.5 AND x-acme-widget:tags[*] = 'a']",
  );
  assert.equal(print(fromObservable(custom, { properties: { 'x-acme-widget': ['serial'] } })), "[x-acme-widget:serial = 'W-1']");
  assert.equal(print(fromObservable({ type: 'file', name: 'n', size: 3 }, { properties: { file: ['size'] } })), '[file:size = 3]');
});

test('fromObservable: an observable with nothing to test is refused with PATTERN_INVALID_NODE', () => {
  assert.equal(
    code(() => fromObservable({ type: 'file', size: 3 })),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => fromObservable({ type: 'x-empty', id: 'x-empty--1' })),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => fromObservable(null as never)),
    'PATTERN_INVALID_NODE',
  );
});

test('fromObservable: reference cycles are not followed forever', () => {
  const a: Record<string, StixObjectLike> = {
    'x-a--1': { type: 'x-a', next_ref: 'x-a--2' },
    'x-a--2': { type: 'x-a', next_ref: 'x-a--1' },
  };
  const out = fromObservable(
    { type: 'x-a', name: 'n', next_ref: 'x-a--1' },
    { resolve: (id) => a[id], properties: { 'x-a': ['name', 'next_ref'] } },
  );
  assert.equal(print(out), "[x-a:name = 'n']");
});

// ---------- observed-data

const od20 = {
  type: 'observed-data',
  id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
  created: '2016-04-06T19:58:16.000Z',
  modified: '2016-04-06T19:58:16.000Z',
  first_observed: '2015-12-21T19:00:00Z',
  last_observed: '2015-12-21T19:00:00Z',
  number_observed: 1,
  objects: {
    '0': { type: 'ipv4-addr', value: '198.51.100.3' },
    '1': { type: 'ipv4-addr', value: '203.0.113.7' },
    '2': { type: 'network-traffic', src_ref: '0', dst_ref: '1', dst_port: 80, protocols: ['tcp'] },
    '3': { type: 'file', hashes: { MD5 }, name: 'evil.exe' },
  },
};

test('fromObservedData (2.0): one observation per root observable, OR-ed; referenced ones tested through their root', () => {
  const expression = fromObservedData(od20);
  const text = print(pattern(expression, { version: '2.0' }));
  assert.equal(
    text,
    "[network-traffic:src_ref.value = '198.51.100.3' AND network-traffic:dst_ref.value = '203.0.113.7' AND network-traffic:dst_port = 80 AND network-traffic:protocols[*] = 'tcp'] OR [file:hashes.MD5 = '" +
      MD5 +
      "' AND file:name = 'evil.exe']",
  );
  parsesBack(text, '2.0');
  assert.ok(matches(pattern(expression, { version: '2.0' }), [od20]));
});

const scos21: StixObjectLike[] = [
  { type: 'email-addr', spec_version: '2.1', id: 'email-addr--1', value: 'jdoe@example.com' },
  {
    type: 'email-message',
    spec_version: '2.1',
    id: 'email-message--1',
    is_multipart: false,
    from_ref: 'email-addr--1',
    subject: 'Invoice',
  },
  { type: 'domain-name', spec_version: '2.1', id: 'domain-name--1', value: 'example.com' },
];
const od21 = {
  type: 'observed-data',
  spec_version: '2.1',
  id: 'observed-data--6d3d8e4c-1111-4c6b-9a2e-1c2e3f4a5b6c',
  created: '2020-01-01T00:00:00.000Z',
  modified: '2020-01-01T00:00:00.000Z',
  first_observed: '2020-01-01T00:00:00Z',
  last_observed: '2020-01-01T00:00:00Z',
  number_observed: 1,
  object_refs: ['email-message--1', 'email-addr--1', 'domain-name--1', 'relationship--1'],
};

test('fromObservedData (2.1): SCOs from options.objects (a list, a map, a record) or resolve', () => {
  const expected =
    "[email-message:from_ref.value = 'jdoe@example.com' AND email-message:subject = 'Invoice'] OR [domain-name:value = 'example.com']";
  const byId = new Map(scos21.map((o) => [o.id!, o]));
  assert.equal(print(fromObservedData(od21, { objects: scos21 })), expected);
  assert.equal(print(fromObservedData(od21, { objects: byId })), expected);
  assert.equal(print(fromObservedData(od21, { objects: Object.fromEntries(byId) })), expected);
  assert.equal(print(fromObservedData(od21, { resolve: (id) => byId.get(id) })), expected);
  parsesBack(expected, '2.1');
  assert.ok(matches(pattern(fromObservedData(od21, { objects: scos21 })), [od21, ...scos21]));
});

test('fromObservedData: a single root gives a single observation; duplicates are written once', () => {
  const od = { ...od20, objects: { a: { type: 'url', value: 'http://x/' }, b: { type: 'url', value: 'http://x/' } } };
  assert.equal(print(fromObservedData(od)), "[url:value = 'http://x/']");
});

test('fromObservedData: nothing to test is refused with PATTERN_INVALID_NODE', () => {
  assert.equal(
    code(() => fromObservedData({ ...od20, objects: { '0': { type: 'file', size: 1 } } })),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => fromObservedData(od21)),
    'PATTERN_INVALID_NODE',
  );
});

test('fromObservedData: observables that only refer to one another are all tested', () => {
  const od = {
    ...od20,
    objects: {
      '0': { type: 'x-node', label: 'a', peer_ref: '1' },
      '1': { type: 'x-node', label: 'b', peer_ref: '0' },
    },
  };
  assert.equal(print(fromObservedData(od)), "[x-node:label = 'a'] OR [x-node:label = 'b']");
});
