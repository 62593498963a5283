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
  for (const { pattern } of specPatterns.filter((p) => p.version === '2.1' && p.pattern.includes('EXISTS'))) {
    assert.throws(
      () => parse(pattern, { version: '2.0' }),
      (error: unknown) => error instanceof PatternError && error.code === 'PATTERN_NOT_IN_VERSION',
    );
  }
});

test('spec examples: 2.0 START/STOP with plain strings are not 2.1 patterns', () => {
  for (const { pattern } of specPatterns.filter((p) => p.version === '2.0' && p.pattern.includes('START'))) {
    assert.throws(
      () => parse(pattern, { version: '2.1' }),
      (error: unknown) => error instanceof PatternError && error.code === 'PATTERN_NOT_IN_VERSION',
    );
  }
});
