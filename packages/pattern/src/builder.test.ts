import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  and,
  binary,
  compare,
  equals,
  exists,
  float,
  followedBy,
  greaterThan,
  greaterThanOrEqual,
  hex,
  integer,
  isIn,
  isSubset,
  isSuperset,
  lessThan,
  lessThanOrEqual,
  like,
  literal,
  matches,
  not,
  notEquals,
  observe,
  or,
  path,
  pattern,
  repeats,
  startStop,
  timestamp,
  within,
} from './builder.js';
import { PatternError } from './errors.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof PatternError) return e.code;
    throw e;
  }
  return undefined;
}

test('builder: the README example prints as pattern text', () => {
  const p = pattern(or(observe(equals('ipv4-addr:value', '198.51.100.1')), observe(isSubset('ipv4-addr:value', '203.0.113.0/24'))));
  assert.equal(String(p), "[ipv4-addr:value = '198.51.100.1'] OR [ipv4-addr:value ISSUBSET '203.0.113.0/24']");
  assert.equal(p.version, '2.1');
  assert.equal(p.kind, 'pattern');
});

test('builder: nodes are frozen, carry no span, and toString is not an enumerable property', () => {
  const c = equals('file:name', 'x');
  assert.ok(Object.isFrozen(c));
  assert.ok(Object.isFrozen(c.path.steps));
  assert.deepEqual(Object.keys(c).sort(), ['kind', 'negated', 'operator', 'path', 'value']);
  assert.equal(JSON.stringify(c.value), '{"kind":"string","value":"x"}');
  assert.equal(`${c}`, "file:name = 'x'");
  assert.deepEqual(c, {
    kind: 'comparison',
    path: { kind: 'object-path', objectType: 'file', steps: [{ kind: 'property', name: 'name' }] },
    negated: false,
    operator: '=',
    value: { kind: 'string', value: 'x' },
  });
});

test('builder: a comparison given to pattern() is wrapped in an observation', () => {
  assert.equal(pattern(equals('url:value', 'http://x/')).toString(), "[url:value = 'http://x/']");
});

test('builder: every comparison operator', () => {
  const cases: [string, string][] = [
    [String(equals('x:a', 1)), 'x:a = 1'],
    [String(notEquals('x:a', 1.5)), 'x:a != 1.5'],
    [String(lessThan('x:a', 1)), 'x:a < 1'],
    [String(lessThanOrEqual('x:a', 1)), 'x:a <= 1'],
    [String(greaterThan('x:a', new Date(Date.UTC(2020, 0, 1)))), "x:a > t'2020-01-01T00:00:00.000Z'"],
    [String(greaterThanOrEqual('x:a', 'm')), "x:a >= 'm'"],
    [String(isIn('x:a', [1, 2.5, 3])), 'x:a IN (1, 2.5, 3)'],
    [String(like('x:a', '%.exe')), "x:a LIKE '%.exe'"],
    [String(matches('x:a', '^a+$')), "x:a MATCHES '^a+$'"],
    [String(matches('x:a', /^a\.b$/i)), "x:a MATCHES '(?i)^a\\\\.b$'"],
    [String(isSubset('x:a', '10.0.0.0/8')), "x:a ISSUBSET '10.0.0.0/8'"],
    [String(isSuperset('x:a', '2001:db8::/32')), "x:a ISSUPERSET '2001:db8::/32'"],
    [String(exists('x:a')), 'EXISTS x:a'],
    [String(not(like('x:a', 'a%'))), "x:a NOT LIKE 'a%'"],
    [String(not(not(equals('x:a', true)))), 'x:a = true'],
    [String(compare('x:a', '!=', false)), 'x:a != false'],
  ];
  for (const [actual, expected] of cases) assert.equal(actual, expected);
});

test('builder: JS values map to literal kinds', () => {
  assert.deepEqual(literal('s'), { kind: 'string', value: 's' });
  assert.deepEqual(literal(3), { kind: 'integer', value: 3 });
  assert.deepEqual(literal(-0), { kind: 'integer', value: 0 });
  assert.deepEqual(literal(3.25), { kind: 'float', value: 3.25 });
  assert.deepEqual(literal(10n), { kind: 'integer', value: 10 });
  assert.deepEqual(literal(true), { kind: 'boolean', value: true });
  assert.deepEqual(literal(new Date(0)), { kind: 'timestamp', value: '1970-01-01T00:00:00.000Z' });
  assert.deepEqual(literal(new Uint8Array([0, 1, 2])), { kind: 'binary', value: 'AAEC' });
  assert.deepEqual(literal(float(2)), { kind: 'float', value: 2 });
  assert.deepEqual(hex(new Uint8Array([0, 255])), { kind: 'hex', value: '00ff' });
  assert.deepEqual(hex('00FF'), { kind: 'hex', value: '00FF' });
  assert.equal(String(equals('x:a', float(1))), 'x:a = 1.0');
});

test('builder: values no literal holds are refused with PATTERN_INVALID_LITERAL', () => {
  assert.equal(
    code(() => literal(Number.NaN)),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => literal(Number.POSITIVE_INFINITY)),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => integer(1.5)),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => integer(2n ** 64n + 1n)),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => literal({} as never)),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => literal(null as never)),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => timestamp('2016-02-30T00:00:00Z')),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => timestamp('2016-01-01 00:00:00')),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => timestamp(new Date(Number.NaN))),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => binary('abc')),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => binary(new Uint8Array())),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => hex('abc')),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => hex('zz')),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => isSubset('ipv4-addr:value', '10.0.0.0/33')),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => isSubset('ipv4-addr:value', 'example.com')),
    'PATTERN_INVALID_LITERAL',
  );
});

test('builder: operator/value pairings outside the grammar are refused with PATTERN_INVALID_NODE', () => {
  assert.equal(
    code(() => lessThan('x:a', true)),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => like('x:a', 5 as never)),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => isIn('x:a', ['a', 1])),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => isIn('x:a', 'a' as never)),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => compare('x:a', 'ABOUT' as never, 1)),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => matches('x:a', new RegExp('a', ['v'].join('')))),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => not(and(equals('x:a', 1), equals('x:b', 2)) as never)),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => not(exists('x:a') as never)),
    'PATTERN_INVALID_NODE',
  );
});

test('builder: paths from text or parts', () => {
  const steps = (p: ReturnType<typeof path>) => p.steps.map((s) => (s.kind === 'index' ? s.index : s.name));
  assert.deepEqual(steps(path('file:hashes.SHA-256')), ['hashes', 'SHA-256']);
  assert.deepEqual(steps(path('file', 'hashes', 'SHA-256')), ['hashes', 'SHA-256']);
  assert.deepEqual(steps(path("file:extensions.'a.b'.sections[*].entropy")), ['extensions', 'a.b', 'sections', '*', 'entropy']);
  assert.deepEqual(steps(path('file', 'sections', '*', 'entropy')), ['sections', '*', 'entropy']);
  assert.deepEqual(steps(path('x:l[-1][2]')), ['l', -1, 2]);
  assert.deepEqual(steps(path("x:'it\\'s'")), ["it's"]);
  assert.deepEqual(steps(path("x:''")), ['']);
  assert.equal(path('network-traffic:dst_ref.value').objectType, 'network-traffic');
  assert.equal(String(path('file', 'hashes', 'SHA-256')), "file:hashes.'SHA-256'");
});

test('builder: bad paths are refused with PATTERN_INVALID_NODE', () => {
  for (const bad of [
    'file',
    'file:',
    ':name',
    'fi le:name',
    'AND:x',
    'file:a..b',
    'file:a.',
    'file:[0]',
    'file:a[x]',
    'file:a[01]',
    'file:a[0',
    "file:'a",
    "file:'a'b",
    "file:'\\n'",
  ]) {
    assert.equal(
      code(() => path(bad)),
      'PATTERN_INVALID_NODE',
      bad,
    );
  }
  assert.equal(
    code(() => path('file', 0 as never)),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => path('file', 'a', 1.5)),
    'PATTERN_INVALID_NODE',
  );
  const err = (() => {
    try {
      path('file:a..b');
    } catch (e) {
      return e as PatternError;
    }
  })();
  assert.equal(err?.position.offset, 7);
});

test('builder: and/or join observation expressions or comparisons, never a mix', () => {
  const c1 = equals('x:a', 1);
  const c2 = equals('x:b', 2);
  assert.equal(and(c1, c2).kind, 'comparison-operation');
  assert.equal(or(observe(c1), observe(c2)).kind, 'observation-operation');
  assert.equal(and(...[c1]), c1);
  assert.equal(
    code(() => and(...([] as (typeof c1)[]))),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => and(c1 as never, observe(c2))),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => followedBy(c1 as never, c2 as never)),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => observe(observe(c1) as never)),
    'PATTERN_INVALID_NODE',
  );
});

test('builder: qualifiers of new kinds are appended; a repeated kind wraps the expression', () => {
  const o = observe(equals('x:a', 1));
  const q = within(repeats(o, 5), 10);
  assert.equal(q.qualifiers.length, 2);
  assert.equal(q.expression, o);
  const qq = within(within(o, 5), 10);
  assert.equal(qq.qualifiers.length, 1);
  assert.equal(qq.expression.kind, 'qualified');
  assert.equal(String(qq), '([x:a = 1] WITHIN 5 SECONDS) WITHIN 10 SECONDS');
});

test('builder: qualifier values are checked (WITHIN > 0, REPEATS ≥ 1, START < STOP)', () => {
  const o = observe(equals('x:a', 1));
  assert.equal(
    code(() => within(o, 0)),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => within(o, -1)),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => within(o, Number.NaN)),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(
    code(() => repeats(o, 0)),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => repeats(o, 1.5)),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => startStop(o, '2016-01-01T00:00:00Z', '2016-01-01T00:00:00.000Z')),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => startStop(o, '2017-01-01T00:00:00Z', '2016-01-01T00:00:00Z')),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(
    code(() => within(equals('x:a', 1) as never, 5)),
    'PATTERN_INVALID_NODE',
  );
  assert.equal(String(within(o, 0.5)), '[x:a = 1] WITHIN 0.5 SECONDS');
  assert.equal(
    String(startStop(o, new Date(0), '1970-01-01T00:00:00.001Z')),
    "[x:a = 1] START t'1970-01-01T00:00:00.000Z' STOP t'1970-01-01T00:00:00.001Z'",
  );
});

test('builder: pattern() in 2.0 stores START/STOP as strings and refuses EXISTS', () => {
  const o = observe(equals('x:a', 1));
  const p = pattern(and(startStop(o, '2016-01-01T00:00:00Z', '2017-01-01T00:00:00Z'), o), { version: '2.0' });
  const q = p.expression.kind === 'observation-operation' ? p.expression.operands[0] : undefined;
  assert.ok(q?.kind === 'qualified' && q.qualifiers[0]?.kind === 'start-stop');
  assert.equal(q.qualifiers[0].start.kind, 'string');
  assert.equal(String(p), "[x:a = 1] START '2016-01-01T00:00:00Z' STOP '2017-01-01T00:00:00Z' AND [x:a = 1]");
  assert.equal(
    code(() => pattern(observe(and(equals('x:a', 1), exists('x:b'))), { version: '2.0' })),
    'PATTERN_NOT_IN_VERSION',
  );
  assert.equal(
    code(() => pattern(o, { version: '3.0' as never })),
    'PATTERN_INVALID_NODE',
  );
});
