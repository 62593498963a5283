import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Comparison, ObservationExpression, Pattern } from './ast.js';
import {
  and,
  binary,
  equals,
  exists,
  float,
  followedBy,
  hex,
  integer,
  isIn,
  not,
  observe,
  or,
  pattern,
  repeats,
  startStop,
  timestamp,
  within,
} from './builder.js';
import { PatternError } from './errors.js';
import { formatFloat, formatInteger, print, quoteString } from './printer.js';

const a = observe(equals('file:name', 'a'));
const b = observe(equals('file:name', 'b'));
const c = observe(equals('file:name', 'c'));
const ca = equals('file:name', 'a');
const cb = equals('file:name', 'b');
const cc = equals('file:name', 'c');

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof PatternError) return e.code;
    throw e;
  }
  return undefined;
}

test('printer: brackets without padding, single spaces around operators', () => {
  assert.equal(print(a), "[file:name = 'a']");
  assert.equal(print(and(a, b, c)), "[file:name = 'a'] AND [file:name = 'b'] AND [file:name = 'c']");
  assert.equal(print(observe(and(ca, cb))), "[file:name = 'a' AND file:name = 'b']");
  assert.equal(print(observe(not(ca))), "[file:name NOT = 'a']");
});

test('printer: observation AND binds tighter than OR, OR tighter than FOLLOWEDBY (2.1 §9.5)', () => {
  assert.equal(print(or(and(a, b), c)), "[file:name = 'a'] AND [file:name = 'b'] OR [file:name = 'c']");
  assert.equal(print(and(or(a, b), c)), "([file:name = 'a'] OR [file:name = 'b']) AND [file:name = 'c']");
  assert.equal(print(followedBy(or(a, b), c)), "[file:name = 'a'] OR [file:name = 'b'] FOLLOWEDBY [file:name = 'c']");
  assert.equal(print(or(followedBy(a, b), c)), "([file:name = 'a'] FOLLOWEDBY [file:name = 'b']) OR [file:name = 'c']");
  assert.equal(print(and(a, followedBy(b, c))), "[file:name = 'a'] AND ([file:name = 'b'] FOLLOWEDBY [file:name = 'c'])");
});

test('printer: an operand with the same operator stands for parentheses, left or right', () => {
  assert.equal(print(and(and(a, b), c)), "([file:name = 'a'] AND [file:name = 'b']) AND [file:name = 'c']");
  assert.equal(print(followedBy(a, followedBy(b, c))), "[file:name = 'a'] FOLLOWEDBY ([file:name = 'b'] FOLLOWEDBY [file:name = 'c'])");
  assert.equal(print(observe(or(ca, or(cb, cc)))), "[file:name = 'a' OR (file:name = 'b' OR file:name = 'c')]");
});

test('printer: comparison AND binds tighter than OR inside [ ]', () => {
  assert.equal(print(observe(or(and(ca, cb), cc))), "[file:name = 'a' AND file:name = 'b' OR file:name = 'c']");
  assert.equal(print(observe(and(or(ca, cb), cc))), "[(file:name = 'a' OR file:name = 'b') AND file:name = 'c']");
});

test('printer: qualifiers follow the observation; operations and qualified expressions get parentheses', () => {
  assert.equal(print(within(repeats(a, 5), 10)), "[file:name = 'a'] REPEATS 5 TIMES WITHIN 10 SECONDS");
  assert.equal(print(within(or(a, b), 2.5)), "([file:name = 'a'] OR [file:name = 'b']) WITHIN 2.5 SECONDS");
  assert.equal(print(repeats(repeats(a, 2), 3)), "([file:name = 'a'] REPEATS 2 TIMES) REPEATS 3 TIMES");
  assert.equal(print(and(within(a, 1), b)), "[file:name = 'a'] WITHIN 1 SECONDS AND [file:name = 'b']");
});

test('printer: START/STOP is t-quoted in 2.1 and a plain string in 2.0 (2.0 Part 5 grammar)', () => {
  const q = startStop(a, '2016-01-01T00:00:00Z', '2016-02-01T00:00:00.5Z');
  assert.equal(print(pattern(q)), "[file:name = 'a'] START t'2016-01-01T00:00:00Z' STOP t'2016-02-01T00:00:00.5Z'");
  assert.equal(print(pattern(q, { version: '2.0' })), "[file:name = 'a'] START '2016-01-01T00:00:00Z' STOP '2016-02-01T00:00:00.5Z'");
  assert.equal(print(q, { version: '2.0' }), "[file:name = 'a'] START '2016-01-01T00:00:00Z' STOP '2016-02-01T00:00:00.5Z'");
});

test('printer: the version option overrides the root version', () => {
  const p: Pattern = pattern(startStop(a, '2016-01-01T00:00:00Z', '2017-01-01T00:00:00Z'));
  assert.match(print(p, { version: '2.0' }), /START '2016/);
  assert.match(print(p), /START t'2016/);
});

test('printer: EXISTS is refused in 2.0 (PATTERN_NOT_IN_VERSION), printed in 2.1', () => {
  const e = observe(exists('file:name'));
  assert.equal(print(e), '[EXISTS file:name]');
  assert.equal(
    code(() => print(e, { version: '2.0' })),
    'PATTERN_NOT_IN_VERSION',
  );
});

test('printer: a negated EXISTS is refused: the 2.1 grammar has no NOT EXISTS', () => {
  assert.equal(
    code(() => print({ ...exists('file:name'), negated: true })),
    'PATTERN_INVALID_NODE',
  );
});

test('printer: strings escape backslash and quote only', () => {
  assert.equal(quoteString("it's C:\\x\n"), "'it\\'s C:\\\\x\n'");
  assert.equal(print(equals('file:name', "o'k\\")), "file:name = 'o\\'k\\\\'");
});

test('printer: property names that are not plain identifiers or are keywords are quoted', () => {
  assert.equal(print(equals('file:hashes.SHA-256', 'x')), "file:hashes.'SHA-256' = 'x'");
  assert.equal(
    print(equals("file:extensions.'windows-pebinary-ext'.sections[*].entropy", 1)),
    "file:extensions.'windows-pebinary-ext'.sections[*].entropy = 1",
  );
  assert.equal(print(equals('x-foo:AND', 1)), "x-foo:'AND' = 1");
  assert.equal(print(equals('x-foo:true.a b', 1)), "x-foo:'true'.'a b' = 1");
  assert.equal(print(equals('x:list[-1][0]', 1)), 'x:list[-1][0] = 1');
});

test('printer: literal kinds', () => {
  const v = (value: Comparison['value']) =>
    print({ kind: 'comparison', path: equals('x:y', 1).path, negated: false, operator: '=', value });
  assert.equal(v(integer(-42)), 'x:y = -42');
  assert.equal(v(float(3)), 'x:y = 3.0');
  assert.equal(v({ kind: 'boolean', value: false }), 'x:y = false');
  assert.equal(v(timestamp('2016-01-01T00:00:00Z')), "x:y = t'2016-01-01T00:00:00Z'");
  assert.equal(v(binary('AAEC')), "x:y = b'AAEC'");
  assert.equal(v(hex('00ff')), "x:y = h'00ff'");
  assert.equal(print(isIn('x:y', ['a', 'b'])), "x:y IN ('a', 'b')");
  assert.equal(print(isIn('x:y', [])), 'x:y IN ()');
});

test('printer: floats have a dot and no exponent (1e21, 5e-7, -0)', () => {
  assert.equal(formatFloat(1e21), '1000000000000000000000.0');
  assert.equal(formatFloat(5e-7), '0.0000005');
  assert.equal(formatFloat(-1.25e-10), '-0.000000000125');
  assert.equal(formatFloat(1.5e300).length, 303);
  assert.equal(formatFloat(-0), '-0.0');
  assert.equal(formatFloat(0), '0.0');
  assert.equal(formatFloat(123.456), '123.456');
  assert.equal(formatFloat(Number.MIN_VALUE), `0.${'0'.repeat(323)}5`);
  assert.equal(
    code(() => formatFloat(Number.NaN)),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => formatFloat(Number.POSITIVE_INFINITY)),
    'PATTERN_INVALID_LITERAL',
  );
});

test('printer: every finite double prints as float text that reads back to the same value', () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const text = formatFloat(x);
      assert.match(text, /^-?[0-9]*\.[0-9]+$/);
      assert.ok(Object.is(Number(text), x), `${x} → ${text}`);
    }),
    { numRuns: 2000 },
  );
});

test('printer: integers are plain digits, no signed zero', () => {
  assert.equal(formatInteger(1e21), '1000000000000000000000');
  assert.equal(formatInteger(-0), '0');
  assert.equal(formatInteger(-7), '-7');
  assert.equal(
    code(() => formatInteger(1.5)),
    'PATTERN_INVALID_LITERAL',
  );
});

test('printer: a bad node is refused with PATTERN_INVALID_NODE', () => {
  const bad: ObservationExpression = { kind: 'observation-operation', operator: 'AND', operands: [a] };
  assert.equal(
    code(() => print(bad)),
    'PATTERN_INVALID_NODE',
  );
  const badType: Comparison = { ...ca, path: { kind: 'object-path', objectType: 'no such', steps: [{ kind: 'property', name: 'x' }] } };
  assert.equal(
    code(() => print(badType)),
    'PATTERN_INVALID_NODE',
  );
  const indexFirst: Comparison = { ...ca, path: { kind: 'object-path', objectType: 'file', steps: [{ kind: 'index', index: 0 }] } };
  assert.equal(
    code(() => print(indexFirst)),
    'PATTERN_INVALID_NODE',
  );
});
