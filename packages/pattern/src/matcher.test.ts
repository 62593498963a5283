import assert from 'node:assert/strict';
import test from 'node:test';
import type { Pattern } from './ast.js';
import { PatternError } from './errors.js';
import { indexObservations, match, matches } from './matcher.js';
import { od20, od21, type Sco, t } from './test-matcher-fixtures.js';

const one = (sco: Sco) => [od20([sco])];
const yes = (pattern: string, observations: readonly unknown[], version: '2.0' | '2.1' = '2.1') =>
  assert.equal(matches(pattern, observations, { version }), true, `${pattern} should match`);
const no = (pattern: string, observations: readonly unknown[], version: '2.0' | '2.1' = '2.1') =>
  assert.equal(matches(pattern, observations, { version }), false, `${pattern} should not match`);

const file = {
  type: 'file',
  name: 'foo.dll',
  size: 4112,
  created: '2014-01-13T07:03:17.000Z',
  magic_number_hex: 'ffd8',
  hashes: { MD5: 'cead3f77f6cda6ec00f57d76c9a6879f' },
};

// ---------- comparison operators (2.1 §9.6.1)

test('= and !=: strings by code point; != is true for incompatible types', () => {
  yes("[file:name = 'foo.dll']", one(file));
  no("[file:name = 'FOO.dll']", one(file));
  yes("[file:name != 'bar.dll']", one(file));
  no("[file:name != 'foo.dll']", one(file));
  no("[file:size = 'x']", one(file));
  yes("[file:size != 'x']", one(file));
});

test('= on numbers: integers and floats compare in full (2.1 §9.2)', () => {
  yes('[file:size = 4112]', one(file));
  yes('[file:size = 4112.0]', one(file));
  no('[file:size = 4112.5]', one(file));
  no('[x-thing:ratio = 1]', one({ type: 'x-thing', ratio: 1.5 }));
});

test('< <= > >= on numbers and strings', () => {
  yes('[file:size > 256]', one(file));
  no('[file:size > 4112]', one(file));
  yes('[file:size >= 4112]', one(file));
  yes('[file:size < 5000]', one(file));
  no('[file:size < 4112]', one(file));
  yes('[file:size <= 4112]', one(file));
  yes("[file:name > 'foo']", one(file), '2.1');
  no("[file:name < 'foo']", one(file));
  no('[file:name > 3]', one(file), '2.1');
});

test('string order is by code point, not UTF-16 unit and not normalised (2.1 §9.6.2)', () => {
  // 'o' < 'oz' < 'o\u0300' < 'z' < 'ò'
  yes("[x-s:v < 'o\u0300']", one({ type: 'x-s', v: 'oz' }));
  yes("[x-s:v < '\u00f2']", one({ type: 'x-s', v: 'z' }));
  yes("[x-s:v > '\uffff']", one({ type: 'x-s', v: '😀' }), '2.1');
  no("[x-s:v = '\u00f2']", one({ type: 'x-s', v: 'o\u0300' }));
});

test('booleans: = and != only', () => {
  yes('[x-b:flag = true]', one({ type: 'x-b', flag: true }));
  no('[x-b:flag = false]', one({ type: 'x-b', flag: true }));
  yes('[x-b:flag != false]', one({ type: 'x-b', flag: true }));
});

test('timestamps: a t literal compares as an instant, a plain string as a string', () => {
  yes("[file:created = t'2014-01-13T07:03:17Z']", one(file));
  no("[file:created = '2014-01-13T07:03:17Z']", one(file));
  yes("[file:created > t'2014-01-13T07:03:16.999999Z']", one(file));
  no("[file:created < t'2014-01-13T07:03:17Z']", one(file));
  no("[file:name = t'2014-01-13T07:03:17Z']", one(file), '2.1');
});

test('binary: _hex / _bin properties compare as octets with h, b and Latin-1 strings (2.1 §9.6.4)', () => {
  const artifact = { type: 'artifact', mime_type: 'application/octet-stream', payload_bin: 'dGhpcyBpcyBhIHRlc3Q=' };
  no("[artifact:payload_bin = 'dGhpcyBpcyBhIHRlc3Q=']", one(artifact));
  yes("[artifact:payload_bin = 'this is a test']", one(artifact));
  yes("[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']", one(artifact));
  yes("[artifact:payload_bin = h'7468697320697320612074657374']", one(artifact));
  yes("[artifact:payload_bin != 'th\u0100s']", one(artifact), '2.1');
  no("[artifact:payload_bin = 'th\u0100s']", one(artifact));
  yes("[file:magic_number_hex = h'FFD8']", one(file));
  yes("[file:magic_number_hex > h'ff']", one(file), '2.1');
  no("[file:magic_number_hex < h'00']", one(file));
  yes("[x-s:v = h'616263']", one({ type: 'x-s', v: 'abc' }), '2.1');
});

test('IN: membership with the same equality; NOT IN', () => {
  const proc = { type: 'process', name: 'proximus', pid: 7 };
  yes("[process:name IN ('proccy', 'proximus', 'badproc')]", one(proc));
  no("[process:name IN ('proccy', 'badproc')]", one(proc));
  yes('[process:pid IN (1, 7.0)]', one(proc));
  no('[process:pid IN ()]', one(proc));
  yes("[process:name NOT IN ('proccy', 'badproc')]", one(proc));
  no("[process:name NOT IN ('proccy', 'proximus')]", one(proc));
});

test('LIKE: anchored SQL wildcards, NFC on both sides', () => {
  const dir = { type: 'directory', path: 'C:\\Windows\\System32\\foo' };
  yes("[directory:path LIKE 'C:\\\\Windows\\\\%\\\\foo']", one(dir));
  no("[directory:path LIKE 'C:\\\\Windows\\\\%\\\\bar']", one(dir));
  no("[directory:path LIKE 'Windows%']", one(dir));
  yes("[x-s:v LIKE 'caf_']", one({ type: 'x-s', v: 'cafe\u0301' }), '2.1');
  no('[file:size LIKE 4%]'.replace('4%', "'4%'"), one(file));
});

test('MATCHES: unanchored search, DOTALL, anchors when written', () => {
  // The spec's example regex is `^C:\\Windows\\w+$`: a backslash, then one or more 'w'.
  const dir = { type: 'directory', path: 'C:\\Windows\\www' };
  yes("[directory:path MATCHES '^C:\\\\\\\\Windows\\\\\\\\w+$']", one(dir));
  no("[directory:path MATCHES '^C:\\\\\\\\Windows\\\\\\\\x+$']", one(dir));
  yes("[directory:path MATCHES 'Win']", one(dir));
  yes("[x-s:v MATCHES 'a.b']", one({ type: 'x-s', v: 'a\nb' }));
  no("[x-s:v MATCHES '^b']", one({ type: 'x-s', v: 'a\nb' }));
});

test('MATCHES: a regex that backtracks catastrophically in PCRE finishes on a long value', () => {
  const long = { type: 'x-s', v: `${'a'.repeat(100_000)}!` };
  no("[x-s:v MATCHES '(a+)+$']", one(long));
  yes("[x-s:v MATCHES '(a+)+!$']", one(long));
});

test('MATCHES: back-references and look-around are rejected with PATTERN_INVALID_LITERAL', () => {
  for (const regex of ['(a)\\\\1', '(?=a)', '(?<!a)b']) {
    assert.throws(
      () => match(`[x-s:v MATCHES '${regex}']`, one({ type: 'x-s', v: 'aa' })),
      (e: unknown) => e instanceof PatternError && e.code === 'PATTERN_INVALID_LITERAL',
    );
  }
});

test('MATCHES on a binary property matches one character per octet', () => {
  const pcap = {
    type: 'artifact',
    mime_type: 'application/vnd.tcpdump.pcap',
    payload_bin: Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 9]).toString('base64'),
  };
  yes("[artifact:payload_bin MATCHES '^\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']", one(pcap));
  no("[artifact:payload_bin MATCHES '^\\\\xd5']", one(pcap));
});

test('ISSUBSET / ISSUPERSET on IPv4 and IPv6 (2.1 §9.6.1)', () => {
  yes("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", one({ type: 'ipv4-addr', value: '198.51.100.0/27' }));
  no("[ipv4-addr:value ISSUBSET '198.51.100.0/27']", one({ type: 'ipv4-addr', value: '198.51.100.0/24' }));
  yes("[ipv4-addr:value ISSUPERSET '198.51.100.0/27']", one({ type: 'ipv4-addr', value: '198.51.100.0/24' }));
  no("[ipv4-addr:value ISSUPERSET '198.51.100.0/24']", one({ type: 'ipv4-addr', value: '198.51.100.0/27' }));
  yes("[ipv4-addr:value ISSUBSET '198.51.100.1']", one({ type: 'ipv4-addr', value: '198.51.100.1' }));
  yes("[ipv6-addr:value ISSUBSET '2001:db8::/32']", one({ type: 'ipv6-addr', value: '2001:0db8:dead:beef::1' }));
  no("[ipv6-addr:value ISSUBSET '2001:db9::/32']", one({ type: 'ipv6-addr', value: '2001:0db8:dead:beef::1' }));
  yes("[ipv6-addr:value ISSUPERSET '2001:db8:0:1::/64']", one({ type: 'ipv6-addr', value: '2001:db8::/48' }));
  no("[ipv6-addr:value ISSUBSET '198.51.100.0/24']", one({ type: 'ipv6-addr', value: '::ffff:198.51.100.1' }));
  assert.throws(
    () => match("[ipv4-addr:value ISSUBSET '300.0.0.0/8']", []),
    (e: unknown) => e instanceof PatternError && e.code === 'PATTERN_INVALID_LITERAL',
  );
});

test('EXISTS and NOT EXISTS (2.1)', () => {
  const key = { type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\foo', values: [] };
  yes('[EXISTS windows-registry-key:values]', one(key));
  no('[EXISTS windows-registry-key:modified_time]', one(key));
  // The grammar has no NOT before EXISTS; the AST can say it.
  const notExists = (objectType: string, name: string): Pattern => ({
    kind: 'pattern',
    version: '2.1',
    expression: {
      kind: 'observation',
      comparison: { kind: 'exists', negated: true, path: { kind: 'object-path', objectType, steps: [{ kind: 'property', name }] } },
    },
  });
  assert.equal(matches(notExists('windows-registry-key', 'modified_time'), one(key)), true);
  assert.equal(matches(notExists('windows-registry-key', 'values'), one(key)), false);
  assert.equal(matches(notExists('file', 'name'), one(key)), false, 'no root of the type');
});

// ---------- paths, NOT, lists, refs

test('NOT negates the comparison; an absent path is false even with NOT (2.1 §9.6)', () => {
  yes("[file:name NOT = 'bar.dll']", one(file));
  no("[file:name NOT = 'foo.dll']", one(file));
  no("[file:mime_type NOT = 'image/bmp']", one(file));
  no("[file:mime_type != 'image/bmp']", one(file));
});

test('[*] is existential; NOT negates the whole existential comparison', () => {
  const pe = { type: 'file', extensions: { 'windows-pebinary-ext': { sections: [{ entropy: 7.5 }, { entropy: 3 }] } } };
  yes("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]", one(pe));
  no("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 8.0]", one(pe));
  const traffic = { type: 'network-traffic', protocols: ['ipv4', 'tcp'] };
  yes("[network-traffic:protocols[*] = 'tcp']", one(traffic));
  no("[network-traffic:protocols[*] NOT = 'tcp']", one(traffic), '2.1');
  yes("[network-traffic:protocols[*] NOT = 'udp']", one(traffic));
  yes("[network-traffic:protocols[*] != 'tcp']", one(traffic), '2.1');
  no("[network-traffic:protocols[*] NOT IN ('ipv4', 'tcp')]", one(traffic));
  no("[network-traffic:protocols[*] NOT = 'tcp']", one({ type: 'network-traffic', protocols: [] }));
});

test('[n] selects one element; out of range and negative indexes give no value (2.1 §9.7.2)', () => {
  const traffic = { type: 'network-traffic', protocols: ['ipv4', 'tcp'] };
  yes("[network-traffic:protocols[0] = 'ipv4']", one(traffic));
  no("[network-traffic:protocols[1] = 'ipv4']", one(traffic));
  no("[network-traffic:protocols[2] != 'x']", one(traffic));
  no("[network-traffic:protocols[-1] = 'tcp']", one(traffic), '2.0');
  no("[network-traffic:protocols = 'tcp']", one(traffic));
});

test('2.0 refs follow container keys; unresolved refs do not match', () => {
  const observed = [od20({ 0: { type: 'network-traffic', dst_ref: '1', src_ref: '9' }, 1: { type: 'ipv4-addr', value: '203.0.113.33' } })];
  yes("[network-traffic:dst_ref.value = '203.0.113.33']", observed, '2.0');
  yes("[network-traffic:dst_ref = '1']", observed, '2.0');
  no("[network-traffic:src_ref.value != 'x']", observed, '2.0');
  no("[network-traffic:src_ref.value NOT = 'x']", observed, '2.0');
});

test('2.1 refs follow ids listed in object_refs only (2.1 §9.7.4)', () => {
  const ip = { type: 'ipv4-addr', id: 'ipv4-addr--1', value: '203.0.113.33' };
  const hidden = { type: 'ipv4-addr', id: 'ipv4-addr--2', value: '198.51.100.2' };
  const nt = { type: 'network-traffic', id: 'network-traffic--1', dst_ref: 'ipv4-addr--1', src_ref: 'ipv4-addr--2' };
  const observed = [od21(['network-traffic--1', 'ipv4-addr--1']), ip, hidden, nt];
  yes("[network-traffic:dst_ref.value = '203.0.113.33']", observed);
  no("[network-traffic:src_ref.value = '198.51.100.2']", observed);
  const result = match("[network-traffic:dst_ref.value = '203.0.113.33']", observed);
  assert.deepEqual(result.bindings[0].expressions[0].objects, ['network-traffic--1']);
});

test('all comparisons start from the same SCO (2.1 §9.5 example)', () => {
  const observed = [
    od20({
      0: { type: 'network-traffic', src_ref: '1' },
      1: { type: 'ipv4-addr', value: '203.0.113.10' },
      2: { type: 'network-traffic', dst_ref: '3' },
      3: { type: 'ipv4-addr', value: '198.51.100.58' },
    }),
  ];
  no("[network-traffic:src_ref.value = '203.0.113.10' AND network-traffic:dst_ref.value = '198.51.100.58']", observed);
  yes("[network-traffic:src_ref.value = '203.0.113.10' OR network-traffic:dst_ref.value = '198.51.100.58']", observed);
  const joined = [
    od20({
      0: { type: 'network-traffic', src_ref: '1', dst_ref: '2' },
      1: { type: 'ipv4-addr', value: '203.0.113.10' },
      2: { type: 'ipv4-addr', value: '198.51.100.58' },
    }),
  ];
  yes("[network-traffic:src_ref.value = '203.0.113.10' AND network-traffic:dst_ref.value = '198.51.100.58']", joined);
});

test('AND of two object types never matches one SCO; OR of types picks either (2.1 §9.5)', () => {
  const observed = [
    od20([
      { type: 'type-a', j: 'W', k: 'X' },
      { type: 'type-b', m: 'Y', n: 'Z' },
    ]),
  ];
  no("[type-a:j = 'W' AND type-b:m = 'Y']", observed);
  yes("[(type-a:j = 'W' AND type-a:k = 'X') OR (type-b:m = 'Y' AND type-b:n = 'Z')]", observed);
  yes("[type-a:j = 'W' AND type-a:k = 'Q' OR type-a:k = 'X']", observed);
  no("[type-a:j = 'W' AND (type-a:k = 'Q' OR type-b:m = 'Y')]", observed);
});

// ---------- observation operators and qualifiers (2.1 §9.5.1, §9.5.2)

const ip = (value: string, at: string, options: { last?: string; count?: number; id?: string } = {}) =>
  od20([{ type: 'ipv4-addr', value }], at, options);

test('observation AND needs different observations', () => {
  const single = [ip('1.1.1.1', t(0))];
  no("[ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '1.1.1.1']", single);
  yes("[ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '1.1.1.1']", [ip('1.1.1.1', t(0)), ip('1.1.1.1', t(5))]);
  yes("[ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '1.1.1.1']", [ip('1.1.1.1', t(0), { count: 2 })], '2.1');
  no("[ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '2.2.2.2']", single);
});

test('observation OR: either side', () => {
  yes("[ipv4-addr:value = '9.9.9.9'] OR [ipv4-addr:value = '1.1.1.1']", [ip('1.1.1.1', t(0))]);
  no("[ipv4-addr:value = '9.9.9.9'] OR [ipv4-addr:value = '8.8.8.8']", [ip('1.1.1.1', t(0))]);
  const result = match("[ipv4-addr:value = '9.9.9.9'] OR [ipv4-addr:value = '1.1.1.1']", [ip('1.1.1.1', t(0))]);
  assert.deepEqual(
    result.bindings.map((b) => b.expressions.map((e) => e.expression)),
    [[1]],
  );
});

test('FOLLOWEDBY: the right side can be at or after the left side', () => {
  const p = "[ipv4-addr:value = '1.1.1.1'] FOLLOWEDBY [ipv4-addr:value = '2.2.2.2']";
  yes(p, [ip('1.1.1.1', t(0)), ip('2.2.2.2', t(10))]);
  yes(p, [ip('2.2.2.2', t(10)), ip('1.1.1.1', t(10))], '2.1');
  no(p, [ip('1.1.1.1', t(10)), ip('2.2.2.2', t(0))]);
  yes(p, [ip('1.1.1.1', t(5)), ip('2.2.2.2', t(0), { last: t(6) })], '2.1');
  no("[ipv4-addr:value = '1.1.1.1'] FOLLOWEDBY [ipv4-addr:value = '1.1.1.1']", [ip('1.1.1.1', t(0))]);
});

test('FOLLOWEDBY chains: each side after everything before it', () => {
  const p = "[ipv4-addr:value = '1.1.1.1'] FOLLOWEDBY [ipv4-addr:value = '2.2.2.2'] FOLLOWEDBY [ipv4-addr:value = '3.3.3.3']";
  yes(p, [ip('1.1.1.1', t(0)), ip('2.2.2.2', t(1)), ip('3.3.3.3', t(2))]);
  no(p, [ip('1.1.1.1', t(0)), ip('2.2.2.2', t(3)), ip('3.3.3.3', t(2))]);
});

test('WITHIN n SECONDS: the latest is less than earliest + n (2.1 §9.5.1)', () => {
  const p = "([ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '2.2.2.2']) WITHIN 120 SECONDS";
  yes(p, [ip('1.1.1.1', t(0)), ip('2.2.2.2', t(119))]);
  no(p, [ip('1.1.1.1', t(0)), ip('2.2.2.2', t(120))]);
  yes(p, [ip('1.1.1.1', t(0), { last: t(100) }), ip('2.2.2.2', t(200))], '2.1');
  yes("[ipv4-addr:value = '1.1.1.1'] WITHIN 1 SECONDS", [ip('1.1.1.1', t(0), { last: t(50) })]);
  yes("([ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '2.2.2.2']) WITHIN 0.5 SECONDS", [ip('1.1.1.1', t(0)), ip('2.2.2.2', t(0))]);
});

test('WITHIN applies to its own expression only', () => {
  const p = "([ipv4-addr:value = '1.1.1.1'] WITHIN 5 SECONDS) AND [ipv4-addr:value = '2.2.2.2']";
  yes(p, [ip('1.1.1.1', t(0)), ip('2.2.2.2', t(1000))]);
});

test('REPEATS n TIMES: n different observations', () => {
  const p = "[ipv4-addr:value = '1.1.1.1'] REPEATS 3 TIMES";
  yes(p, [ip('1.1.1.1', t(0)), ip('1.1.1.1', t(1)), ip('1.1.1.1', t(2))]);
  no(p, [ip('1.1.1.1', t(0)), ip('1.1.1.1', t(1)), ip('2.2.2.2', t(2))]);
  yes(p, [ip('1.1.1.1', t(0), { count: 3 })], '2.1');
  const result = match(p, [ip('1.1.1.1', t(0)), ip('1.1.1.1', t(1)), ip('1.1.1.1', t(2)), ip('1.1.1.1', t(3))]);
  assert.equal(result.bindings.length, 4, 'combinations of 3 out of 4, not permutations');
});

test('START s STOP e: observations in [s, e)', () => {
  const p = "[ipv4-addr:value = '1.1.1.1'] START t'2020-01-01T00:00:10Z' STOP t'2020-01-01T00:00:20Z'";
  yes(p, [ip('1.1.1.1', t(10))]);
  yes(p, [ip('1.1.1.1', t(19))]);
  no(p, [ip('1.1.1.1', t(20))]);
  no(p, [ip('1.1.1.1', t(9))]);
  yes(p, [ip('1.1.1.1', t(0), { last: t(10) })], '2.1');
  yes("[ipv4-addr:value = '1.1.1.1'] START '2020-01-01T00:00:10Z' STOP '2020-01-01T00:00:20Z'", [ip('1.1.1.1', t(15))], '2.0');
});

test('qualifiers combine in the order written: REPEATS then WITHIN', () => {
  const p = "[ipv4-addr:value = '1.1.1.1'] REPEATS 3 TIMES WITHIN 10 SECONDS";
  yes(p, [ip('1.1.1.1', t(0)), ip('1.1.1.1', t(100)), ip('1.1.1.1', t(104)), ip('1.1.1.1', t(109))]);
  no(p, [ip('1.1.1.1', t(0)), ip('1.1.1.1', t(9)), ip('1.1.1.1', t(10))]);
  // WITHIN first: each single repetition is trivially within 10 s.
  yes("[ipv4-addr:value = '1.1.1.1'] WITHIN 10 SECONDS REPEATS 3 TIMES", [
    ip('1.1.1.1', t(0)),
    ip('1.1.1.1', t(9)),
    ip('1.1.1.1', t(1000)),
  ]);
});

test('([a] AND [b]) REPEATS 2 TIMES needs 2 a and 2 b (2.1 §9.5)', () => {
  const p = "([ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '2.2.2.2']) REPEATS 2 TIMES";
  yes(p, [ip('1.1.1.1', t(0)), ip('2.2.2.2', t(1)), ip('1.1.1.1', t(2)), ip('2.2.2.2', t(3))]);
  no(p, [ip('1.1.1.1', t(0)), ip('2.2.2.2', t(1)), ip('1.1.1.1', t(2))]);
});

test('[b] FOLLOWEDBY [c] REPEATS 2 TIMES: the REPEATS binds to c (2.1 §9.5.1)', () => {
  const p = "[ipv4-addr:value = '1.1.1.1'] FOLLOWEDBY [ipv4-addr:value = '2.2.2.2'] REPEATS 2 TIMES";
  yes(p, [ip('1.1.1.1', t(0)), ip('2.2.2.2', t(1)), ip('2.2.2.2', t(2))]);
  no(p, [ip('2.2.2.2', t(0)), ip('1.1.1.1', t(1)), ip('2.2.2.2', t(2))]);
});

test('bindings name observed-data in input order and root SCOs per expression', () => {
  const a = ip('1.1.1.1', t(5), { id: 'observed-data--a' });
  const b = ip('2.2.2.2', t(0), { id: 'observed-data--b' });
  const result = match("[ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '2.2.2.2']", [a, b]);
  assert.deepEqual(result, {
    matched: true,
    bindings: [
      {
        observedData: ['observed-data--a', 'observed-data--b'],
        expressions: [
          { expression: 0, observedData: 'observed-data--a', index: 0, objects: ['0'] },
          { expression: 1, observedData: 'observed-data--b', index: 1, objects: ['0'] },
        ],
      },
    ],
  });
});

test('maxBindings caps the bindings; first stops at one', () => {
  const many = Array.from({ length: 20 }, (_, i) => ip('1.1.1.1', t(i)));
  assert.equal(match("[ipv4-addr:value = '1.1.1.1']", many).bindings.length, 20);
  assert.equal(match("[ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '1.1.1.1']", many, { maxBindings: 7 }).bindings.length, 7);
  assert.equal(match("[ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '1.1.1.1']", many, { first: true }).bindings.length, 1);
  assert.equal(match("[ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '1.1.1.1']", many).bindings.length, 100);
});

test('REPEATS over many observations with no window that fits returns quickly (pruned)', () => {
  const spread = Array.from({ length: 2000 }, (_, i) => ip('1.1.1.1', t(i * 60)));
  no("[ipv4-addr:value = '1.1.1.1'] REPEATS 5 TIMES WITHIN 120 SECONDS", spread);
  yes("[ipv4-addr:value = '1.1.1.1'] REPEATS 5 TIMES WITHIN 241 SECONDS", spread);
  no("[ipv4-addr:value = '1.1.1.1'] REPEATS 5 TIMES AND [ipv4-addr:value = '9.9.9.9']", spread);
});

// ---------- input shapes and errors

test('2.1 input: SCOs mixed in the list, in a bundle, or from options.objects', () => {
  const sco = { type: 'domain-name', id: 'domain-name--1', value: 'example.com' };
  const observed = od21(['domain-name--1']);
  yes("[domain-name:value = 'example.com']", [observed, sco]);
  yes("[domain-name:value = 'example.com']", [{ type: 'bundle', id: 'bundle--1', objects: [sco, observed] }]);
  assert.equal(matches("[domain-name:value = 'example.com']", [observed], { objects: [sco] }), true);
  assert.equal(matches("[domain-name:value = 'example.com']", [observed], { objects: (id) => (id === sco.id ? sco : undefined) }), true);
  no("[domain-name:value = 'example.com']", [observed]);
});

test('an ObservationIndex is reused across patterns', () => {
  const index = indexObservations([ip('1.1.1.1', t(0)), ip('2.2.2.2', t(1))]);
  assert.equal(matches("[ipv4-addr:value = '1.1.1.1']", index), true);
  assert.equal(matches("[ipv4-addr:value = '2.2.2.2'] FOLLOWEDBY [ipv4-addr:value = '1.1.1.1']", index), false);
});

test('a hand-made AST matches like its text', () => {
  const ast: Pattern = {
    kind: 'pattern',
    version: '2.1',
    expression: {
      kind: 'observation',
      comparison: {
        kind: 'comparison',
        path: { kind: 'object-path', objectType: 'ipv4-addr', steps: [{ kind: 'property', name: 'value' }] },
        negated: false,
        operator: 'ISSUBSET',
        value: { kind: 'string', value: '1.1.0.0/16' },
      },
    },
  };
  assert.equal(matches(ast, [ip('1.1.1.1', t(0))]), true);
  assert.throws(
    () =>
      match(
        {
          ...ast,
          expression: {
            kind: 'qualified',
            expression: ast.expression,
            qualifiers: [{ kind: 'within', seconds: { kind: 'integer', value: 0 } }],
          },
        },
        [],
      ),
    (e: unknown) => e instanceof PatternError && e.code === 'PATTERN_INVALID_LITERAL',
  );
});

test('invalid input is a PatternError PATTERN_MATCH_INPUT, never a TypeError', () => {
  const bad: unknown[] = [
    [42],
    [null],
    [{ type: 'observed-data', id: 'x', first_observed: 'yesterday', last_observed: t(0), number_observed: 1, objects: {} }],
    [{ type: 'observed-data', id: 'x', first_observed: t(5), last_observed: t(0), number_observed: 1, objects: {} }],
    [{ type: 'observed-data', id: 'x', first_observed: t(0), last_observed: t(0), number_observed: 0, objects: {} }],
    [{ type: 'observed-data', id: 'x', first_observed: t(0), last_observed: t(0), number_observed: 1 }],
    [{ type: 'observed-data', id: 'x', first_observed: t(0), last_observed: t(0), number_observed: 1, objects: { 0: 'ipv4' } }],
    [{ type: 'bundle', id: 'bundle--1', objects: 'none' }],
  ];
  for (const observations of bad) {
    assert.throws(
      () => match("[ipv4-addr:value = '1.1.1.1']", observations as unknown[]),
      (e: unknown) => e instanceof PatternError && e.code === 'PATTERN_MATCH_INPUT',
      JSON.stringify(observations),
    );
  }
  assert.throws(
    () => match("[ipv4-addr:value = '1.1.1.1']", 'x' as unknown as unknown[]),
    (e: unknown) => e instanceof PatternError && e.code === 'PATTERN_MATCH_INPUT',
  );
  assert.throws(
    () => match("[ipv4-addr:value = '1.1.1.1']", [], { maxBindings: 0 }),
    (e: unknown) => e instanceof PatternError && e.code === 'PATTERN_MATCH_INPUT',
  );
});
