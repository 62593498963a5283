import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate } from '../validate.js';

const T = '2016-04-06T20:03:00.000Z';
const indicator21 = (pattern: string, extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: T,
  modified: T,
  name: 'Poison Ivy',
  description: 'd',
  indicator_types: ['malicious-activity'],
  pattern,
  pattern_type: 'stix',
  valid_from: T,
  ...extra,
});
const indicator20 = (pattern: string) => ({
  type: 'indicator',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: T,
  modified: T,
  name: 'Poison Ivy',
  labels: ['malicious-activity'],
  pattern,
  valid_from: T,
});
const issues = (object: unknown, version: '2.0' | '2.1' = '2.1') =>
  validate(object, { version }).issues.map((i) => `${i.severity} ${i.code}@${i.path}${i.check ? ` ${i.check.number}` : ''}`);

test('indicator pattern: a valid STIX pattern passes (MUST patterns, 2.1 §4.7, §9)', () => {
  assert.deepEqual(issues(indicator21("[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']")), []);
  assert.deepEqual(issues(indicator20("[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']"), '2.0'), []);
});

test('indicator pattern: a syntax error is an error at the pattern path, with the position', () => {
  const report = validate(indicator21("[file:name = 'x' AND]"), { version: '2.1' });
  assert.deepEqual(
    report.issues.map((i) => `${i.code}@${i.path}`),
    ['STIX_INVALID_PATTERN@pattern'],
  );
  assert.match(report.issues[0].message, /line 1, column 21 \[PATTERN_UNEXPECTED_TOKEN\]$/);
});

test('indicator pattern: patterning MUSTs beyond the grammar are errors (duplicate qualifier, hash value)', () => {
  assert.deepEqual(issues(indicator21("[ipv4-addr:value = '198.51.100.1'] WITHIN 5 SECONDS WITHIN 6 SECONDS")), [
    'error STIX_INVALID_PATTERN@pattern',
  ]);
  assert.deepEqual(issues(indicator21("[file:hashes.'SHA-256' = 'abc']")), ['error STIX_INVALID_PATTERN@pattern']);
});

test('indicator pattern: unknown types and properties are warnings under 101, custom names are silent', () => {
  assert.deepEqual(issues(indicator21("[file:created = t'2016-01-01T00:00:00Z']")), ['warning STIX_PATTERN_WARNING@pattern 101']);
  assert.deepEqual(issues(indicator21('[x-acme-widget:x_acme_size = 3]')), []);
  // The same property is fine in 2.0, where files have created (Part 4 §2.7).
  assert.deepEqual(issues(indicator20("[file:created = t'2016-01-01T00:00:00Z']"), '2.0'), []);
  const disabled = validate(indicator21("[file:created = t'2016-01-01T00:00:00Z']"), { version: '2.1', disable: [101, 102] });
  assert.deepEqual(disabled.issues, []);
});

test('indicator pattern: 2.0 grammar for 2.0 indicators and for pattern_version 2.0; other pattern types are not parsed', () => {
  // EXISTS is 2.1 only (§9.6); START/STOP take plain strings in 2.0 (Part 5 §3.2).
  assert.deepEqual(issues(indicator21('[EXISTS windows-registry-key:values]')), []);
  assert.deepEqual(issues(indicator20('[EXISTS windows-registry-key:values]'), '2.0'), ['error STIX_INVALID_PATTERN@pattern']);
  assert.deepEqual(issues(indicator21('[EXISTS windows-registry-key:values]', { pattern_version: '2.0' })), [
    'error STIX_INVALID_PATTERN@pattern',
  ]);
  assert.deepEqual(issues(indicator21('rule x { condition: true }', { pattern_type: 'yara' })), []);
});
