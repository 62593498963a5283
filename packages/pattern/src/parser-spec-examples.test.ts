import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PatternError } from './errors.js';
import { parse } from './parser.js';
import { specPatterns } from './spec-patterns.js';

for (const { section, version, pattern } of specPatterns) {
  test(`spec example parses in ${version} (${section}): ${pattern}`, () => {
    const ast = parse(pattern, { version });
    assert.equal(ast.version, version);
  });
}

test('spec examples: the list covers both versions', () => {
  assert.ok(specPatterns.some((p) => p.version === '2.0'));
  assert.ok(specPatterns.some((p) => p.version === '2.1'));
});

test('spec examples: 2.1 EXISTS examples are not 2.0 patterns', () => {
  const exists = specPatterns.filter((p) => p.version === '2.1' && p.pattern.includes('EXISTS'));
  assert.ok(exists.length > 0, 'the 2.1 list has an EXISTS example (9.6.1)');
  for (const { pattern } of exists) {
    assert.throws(
      () => parse(pattern, { version: '2.0' }),
      (error: unknown) => error instanceof PatternError && error.code === 'PATTERN_NOT_IN_VERSION',
    );
  }
});

// No 2.0 START/STOP example is listed (the 2.0 qualifier examples are not verified, see
// spec-patterns.ts), so these are written here: the 2.1 §9.1 qualifier example in the 2.0 form,
// with plain strings where 2.1 takes t'…' literals.
const START_STOP_20 = [
  "[file:name = 'foo.dll'] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'",
  "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00.5Z'",
  "([ipv4-addr:value = '198.51.100.5'] AND [ipv4-addr:value = '198.51.100.10']) START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z' WITHIN 300 SECONDS",
];

test('2.0 START/STOP with plain strings are 2.0 patterns but not 2.1 patterns', () => {
  for (const pattern of START_STOP_20) {
    assert.equal(parse(pattern, { version: '2.0' }).version, '2.0', pattern);
    assert.throws(
      () => parse(pattern, { version: '2.1' }),
      (error: unknown) => error instanceof PatternError && error.code === 'PATTERN_NOT_IN_VERSION',
      pattern,
    );
  }
});

test("2.1 START/STOP with t'…' literals (as in 2.1 §9.1) are not 2.0 patterns", () => {
  const qualified = specPatterns.filter((p) => p.version === '2.1' && p.pattern.includes(' START '));
  assert.ok(qualified.length > 0, 'the 2.1 list has a START/STOP example (9.1)');
  for (const { pattern } of qualified) {
    assert.throws(
      () => parse(pattern, { version: '2.0' }),
      (error: unknown) => error instanceof PatternError && error.code === 'PATTERN_NOT_IN_VERSION',
      pattern,
    );
  }
});
