import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAddressOrCidr } from './cidr-syntax.js';
import { hashValueProblem, lookupHashAlgorithm } from './hashes.js';
import { regexProblem } from './regex-support.js';
import { compareTimestamps, timestampProblem } from './timestamp-syntax.js';

test('addresses: IPv4 and IPv6 addresses and CIDR blocks (RFC 791, RFC 4291 §2.2, RFC 4632)', () => {
  for (const ok of [
    '198.51.100.1',
    '198.51.100.0/24',
    '0.0.0.0/0',
    '::',
    '::1',
    '2001:db8::/32',
    'fe80::1:2',
    '::ffff:192.0.2.1',
    '1:2:3:4:5:6:7:8/128',
  ]) {
    assert.equal(parseAddressOrCidr(ok).valid, true, ok);
  }
  for (const bad of [
    '198.51.100',
    '198.51.100.256',
    '198.51.100.01',
    '198.51.100.0/33',
    '198.51.100.0/',
    'a.b.c.d',
    '1:2:3:4:5:6:7',
    '1::2::3',
    '12345::',
    'fe80::1%eth0',
    '2001:db8::/129',
    'example.com',
    '',
  ]) {
    assert.equal(parseAddressOrCidr(bad).valid, false, bad);
  }
});

test('timestamps: real calendar dates and times in UTC', () => {
  for (const ok of ['2016-01-01T00:00:00Z', '2016-02-29T23:59:59.999999Z', '2016-12-31T23:59:60Z', '2000-02-29T00:00:00Z']) {
    assert.equal(timestampProblem(ok), undefined, ok);
  }
  for (const bad of [
    '2016-02-30T00:00:00Z',
    '2017-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2016-13-01T00:00:00Z',
    '2016-04-31T00:00:00Z',
    '2016-01-01T24:00:00Z',
    '2016-01-01T00:60:00Z',
    '2016-01-01T12:00:60Z',
    '2016-01-01T00:00:00+01:00',
    '2016-01-01 00:00:00Z',
    '2016-01-01T00:00:00.Z',
  ]) {
    assert.notEqual(timestampProblem(bad), undefined, bad);
  }
  assert.ok(compareTimestamps('2016-01-01T00:00:00Z', '2016-01-01T00:00:00.001Z') < 0);
  assert.equal(compareTimestamps('2016-01-01T00:00:00.5Z', '2016-01-01T00:00:00.500Z'), 0);
  assert.ok(compareTimestamps('2016-01-02T00:00:00Z', '2016-01-01T23:59:59.9Z') > 0);
});

test('hashes: vocabulary per version, spelling variants, value formats', () => {
  assert.deepEqual(lookupHashAlgorithm('SHA-256', '2.1'), { kind: 'listed', name: 'SHA-256' });
  assert.deepEqual(lookupHashAlgorithm('sha256', '2.1'), { kind: 'variant', name: 'SHA-256' });
  assert.deepEqual(lookupHashAlgorithm('x_acme_hash', '2.1'), { kind: 'custom' });
  assert.deepEqual(lookupHashAlgorithm('SHA-384', '2.1'), { kind: 'unknown' });
  assert.deepEqual(lookupHashAlgorithm('SHA-384', '2.0'), { kind: 'listed', name: 'SHA-384' });
  assert.deepEqual(lookupHashAlgorithm('ssdeep', '2.0'), { kind: 'listed', name: 'ssdeep' });
  assert.deepEqual(lookupHashAlgorithm('ssdeep', '2.1'), { kind: 'variant', name: 'SSDEEP' });
  assert.equal(hashValueProblem('MD5', '79054025255FB1A26E4BC422AEF54EB4', '2.1'), undefined);
  assert.match(hashValueProblem('MD5', '79054025255fb1a26e4bc422aef54eb', '2.1') ?? '', /32 hexadecimal/);
  assert.equal(hashValueProblem('SSDEEP', '96:s4Ud1Lj96tHHlZDrwciQmA:s4Ud1L5tHHlfrwciQmA', '2.1'), undefined);
  assert.notEqual(hashValueProblem('SSDEEP', 'not ssdeep', '2.1'), undefined);
  assert.equal(hashValueProblem('MD6', 'anything', '2.0'), undefined);
});

test('regex: re2js compiles it, PCRE-only features are named', () => {
  assert.equal(regexProblem('^.*\\.exe$'), undefined);
  assert.equal(regexProblem('(?i)evil[0-9]{2,4}'), undefined);
  assert.match(regexProblem('(a)\\1') ?? '', /back-reference/);
  assert.match(regexProblem('foo(?=bar)') ?? '', /lookahead/);
  assert.match(regexProblem('(?<!x)y') ?? '', /lookbehind/);
  assert.match(regexProblem('a++') ?? '', /possessive/);
  assert.match(regexProblem('[a-') ?? '', /does not compile/);
  assert.equal(regexProblem('[(?=]'), undefined);
});
