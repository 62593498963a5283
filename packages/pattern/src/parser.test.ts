import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { AnyNode, Comparison, ObservationOperation, Pattern, PatternVersion, QualifiedObservation } from './ast.js';
import { PatternError, type PatternErrorCode } from './errors.js';
import { MAX_NESTING, parse } from './parser.js';

/** The AST without spans, for comparing shapes. */
function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'span') out[key] = strip(value);
  return out;
}

function failure(text: unknown, version: PatternVersion = '2.1'): PatternError {
  try {
    parse(text as string, { version });
  } catch (error) {
    if (error instanceof PatternError) return error;
    throw error;
  }
  assert.fail(`expected ${JSON.stringify(text)} to fail`);
}

function assertFails(text: string, code: PatternErrorCode, column?: number, version: PatternVersion = '2.1'): PatternError {
  const error = failure(text, version);
  assert.equal(error.code, code, `${text}: ${error.message}`);
  if (column !== undefined) assert.equal(error.position.column, column, `${text}: ${error.message}`);
  return error;
}

const cmp = (pattern: string, version: PatternVersion = '2.1'): Comparison => {
  const ast = parse(pattern, { version });
  assert.equal(ast.expression.kind, 'observation');
  const c = ast.expression.kind === 'observation' ? ast.expression.comparison : undefined;
  assert.equal(c?.kind, 'comparison');
  return c as Comparison;
};

const obs = (objectType: string, name: string, value: number) => ({
  kind: 'observation',
  comparison: {
    kind: 'comparison',
    path: { kind: 'object-path', objectType, steps: [{ kind: 'property', name }] },
    negated: false,
    operator: '=',
    value: { kind: 'integer', value },
  },
});

// ---------- structure

test('parse: a simple observation gives pattern → observation → comparison', () => {
  assert.deepEqual(strip(parse("[ipv4-addr:value = '198.51.100.1']")), {
    kind: 'pattern',
    version: '2.1',
    expression: {
      kind: 'observation',
      comparison: {
        kind: 'comparison',
        path: { kind: 'object-path', objectType: 'ipv4-addr', steps: [{ kind: 'property', name: 'value' }] },
        negated: false,
        operator: '=',
        value: { kind: 'string', value: '198.51.100.1' },
      },
    },
  });
});

test('parse: version defaults to 2.1 and follows the option', () => {
  assert.equal(parse('[a:b = 1]').version, '2.1');
  assert.equal(parse('[a:b = 1]', { version: '2.0' }).version, '2.0');
});

test('parse: a chain of one operator without parentheses is one n-ary node', () => {
  const ast = parse('[a:b = 1] AND [a:b = 2] AND [a:b = 3]');
  assert.deepEqual(strip(ast.expression), {
    kind: 'observation-operation',
    operator: 'AND',
    operands: [obs('a', 'b', 1), obs('a', 'b', 2), obs('a', 'b', 3)],
  });
});

test('parse: a parenthesised operand stays its own node', () => {
  const ast = parse('([a:b = 1] AND [a:b = 2]) AND [a:b = 3]');
  assert.deepEqual(strip(ast.expression), {
    kind: 'observation-operation',
    operator: 'AND',
    operands: [{ kind: 'observation-operation', operator: 'AND', operands: [obs('a', 'b', 1), obs('a', 'b', 2)] }, obs('a', 'b', 3)],
  });
});

test('parse: observation precedence is AND > OR > FOLLOWEDBY', () => {
  const ast = parse('[a:b = 1] FOLLOWEDBY [a:b = 2] OR [a:b = 3] AND [a:b = 4]');
  assert.deepEqual(strip(ast.expression), {
    kind: 'observation-operation',
    operator: 'FOLLOWEDBY',
    operands: [
      obs('a', 'b', 1),
      {
        kind: 'observation-operation',
        operator: 'OR',
        operands: [obs('a', 'b', 2), { kind: 'observation-operation', operator: 'AND', operands: [obs('a', 'b', 3), obs('a', 'b', 4)] }],
      },
    ],
  });
});

test('parse: redundant parentheses leave no node', () => {
  assert.deepEqual(strip(parse('(([a:b = 1]))')), strip(parse('[a:b = 1]')));
  assert.deepEqual(strip(parse('[((a:b = 1))]')), strip(parse('[a:b = 1]')));
});

test('parse: comparison AND binds tighter than OR; chains are n-ary', () => {
  const ast = parse('[a:b = 1 OR a:b = 2 AND a:b = 3 OR a:b = 4]');
  assert.equal(ast.expression.kind, 'observation');
  const c = ast.expression.kind === 'observation' ? ast.expression.comparison : undefined;
  assert.equal(c?.kind, 'comparison-operation');
  if (c?.kind !== 'comparison-operation') return;
  assert.equal(c.operator, 'OR');
  assert.equal(c.operands.length, 3);
  assert.equal(c.operands[1].kind, 'comparison-operation');
});

test('parse: qualifiers written one after another share one QualifiedObservation', () => {
  const ast = parse('[a:b = 1] REPEATS 5 TIMES WITHIN 1800 SECONDS');
  assert.equal(ast.expression.kind, 'qualified');
  const q = ast.expression as QualifiedObservation;
  assert.deepEqual(strip(q.qualifiers), [
    { kind: 'repeats', times: { kind: 'integer', value: 5 } },
    { kind: 'within', seconds: { kind: 'integer', value: 1800 } },
  ]);
  assert.equal(q.expression.kind, 'observation');
});

test('parse: a qualifier after a parenthesised qualified expression wraps it again', () => {
  const ast = parse('([a:b = 1] REPEATS 2 TIMES) REPEATS 2 TIMES');
  const outer = ast.expression as QualifiedObservation;
  assert.equal(outer.kind, 'qualified');
  assert.equal(outer.qualifiers.length, 1);
  assert.equal(outer.expression.kind, 'qualified');
});

test('parse: a qualifier binds to the observation expression before it, not to the chain', () => {
  const ast = parse('[a:b = 1] AND [a:b = 2] WITHIN 5 SECONDS');
  const and = ast.expression as ObservationOperation;
  assert.equal(and.operator, 'AND');
  assert.equal(and.operands[1].kind, 'qualified');
});

test('parse: WITHIN takes a non-negative integer or float', () => {
  const q = parse('[a:b = 1] WITHIN 2.5 SECONDS').expression as QualifiedObservation;
  assert.deepEqual(strip(q.qualifiers[0]), { kind: 'within', seconds: { kind: 'float', value: 2.5 } });
  assertFails('[a:b = 1] WITHIN -5 SECONDS', 'PATTERN_UNEXPECTED_TOKEN', 18);
  assertFails('[a:b = 1] WITHIN 5 HOURS', 'PATTERN_UNEXPECTED_TOKEN', 20);
  assertFails("[a:b = 1] WITHIN '5' SECONDS", 'PATTERN_UNEXPECTED_TOKEN', 18);
});

test('parse: REPEATS takes a non-negative integer', () => {
  assertFails('[a:b = 1] REPEATS 2.5 TIMES', 'PATTERN_UNEXPECTED_TOKEN', 19);
  assertFails('[a:b = 1] REPEATS -2 TIMES', 'PATTERN_UNEXPECTED_TOKEN', 19);
  assertFails('[a:b = 1] REPEATS 2', 'PATTERN_UNEXPECTED_END', 20);
});

test("parse: START/STOP take t'' in 2.1 and plain strings in 2.0", () => {
  const t21 = parse("[a:b = 1] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'").expression as QualifiedObservation;
  assert.deepEqual(strip(t21.qualifiers[0]), {
    kind: 'start-stop',
    start: { kind: 'timestamp', value: '2016-06-01T00:00:00Z' },
    stop: { kind: 'timestamp', value: '2016-07-01T00:00:00Z' },
  });
  const t20 = parse("[a:b = 1] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'", { version: '2.0' })
    .expression as QualifiedObservation;
  assert.equal(t20.qualifiers[0].kind === 'start-stop' && t20.qualifiers[0].start.kind, 'string');
  assertFails("[a:b = 1] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'", 'PATTERN_NOT_IN_VERSION', 17);
  assertFails("[a:b = 1] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'", 'PATTERN_NOT_IN_VERSION', 17, '2.0');
  assertFails("[a:b = 1] START t'2016-06-01T00:00:00Z'", 'PATTERN_UNEXPECTED_END', 40);
});

// ---------- comparisons

test('parse: == is stored as = and <> as !=', () => {
  assert.equal(cmp('[a:b == 1]').operator, '=');
  assert.equal(cmp('[a:b <> 1]').operator, '!=');
  assert.equal(cmp('[a:b != 1]').operator, '!=');
});

test('parse: every comparison operator', () => {
  for (const [op, value] of [
    ['<', '1'],
    ['<=', '1'],
    ['>', '1'],
    ['>=', '1'],
    ['LIKE', "'a%'"],
    ['MATCHES', "'^a'"],
    ['ISSUBSET', "'10.0.0.0/8'"],
    ['ISSUPERSET', "'10.0.0.0/8'"],
  ]) {
    assert.equal(cmp(`[a:b ${op} ${value}]`).operator, op);
  }
});

test('parse: NOT goes before the operator, with every operator (both versions)', () => {
  for (const version of ['2.0', '2.1'] as const) {
    for (const [op, value] of [
      ['=', "'x'"],
      ['!=', "'x'"],
      ['<', '1'],
      ['>=', '1'],
      ['IN', '(1, 2)'],
      ['LIKE', "'x'"],
      ['MATCHES', "'x'"],
      ['ISSUBSET', "'x'"],
      ['ISSUPERSET', "'x'"],
    ]) {
      const c = cmp(`[file:name NOT ${op} ${value}]`, version);
      assert.equal(c.negated, true);
    }
  }
  assertFails("[NOT file:name = 'x']", 'PATTERN_UNEXPECTED_TOKEN', 2);
  assertFails("[file:name NOT NOT = 'x']", 'PATTERN_UNEXPECTED_TOKEN', 16);
});

test('parse: IN takes a set, which may be empty and holds primitive literals', () => {
  const c = cmp("[a:b IN (1, -2.5, 'x', true, t'2016-01-01T00:00:00Z', b'AAAA', h'00')]");
  assert.equal(c.value.kind, 'set');
  assert.deepEqual(c.value.kind === 'set' ? c.value.values.map((v) => v.kind) : [], [
    'integer',
    'float',
    'string',
    'boolean',
    'timestamp',
    'binary',
    'hex',
  ]);
  const empty = cmp('[a:b IN ()]');
  assert.deepEqual(strip(empty.value), { kind: 'set', values: [] });
  assertFails("[a:b IN 'x']", 'PATTERN_UNEXPECTED_TOKEN', 9);
  assertFails('[a:b IN (1 2)]', 'PATTERN_UNEXPECTED_TOKEN', 12);
  assertFails('[a:b IN (1,)]', 'PATTERN_UNEXPECTED_TOKEN', 12);
});

test('parse: LIKE, MATCHES, ISSUBSET, ISSUPERSET take only a string literal', () => {
  assertFails('[a:b LIKE 1]', 'PATTERN_UNEXPECTED_TOKEN', 11);
  assertFails('[file:name MATCHES /.*\\.dll/]', 'PATTERN_UNEXPECTED_TOKEN', 20);
});

test('parse: ordering operators reject booleans; equality accepts them', () => {
  assertFails('[a:b > true]', 'PATTERN_UNEXPECTED_TOKEN', 8);
  assert.deepEqual(strip(cmp('[a:b = false]').value), { kind: 'boolean', value: false });
});

test('parse: EXISTS in 2.1; PATTERN_NOT_IN_VERSION in 2.0', () => {
  const ast = parse('[EXISTS windows-registry-key:values]');
  assert.deepEqual(strip(ast.expression), {
    kind: 'observation',
    comparison: {
      kind: 'exists',
      negated: false,
      path: { kind: 'object-path', objectType: 'windows-registry-key', steps: [{ kind: 'property', name: 'values' }] },
    },
  });
  assertFails('[EXISTS windows-registry-key:values]', 'PATTERN_NOT_IN_VERSION', 2, '2.0');
  assertFails('[NOT EXISTS a:b]', 'PATTERN_NOT_IN_VERSION', 6, '2.0');
  // In 2.0 EXISTS is no keyword: as an object type it is an ordinary identifier.
  assert.equal(cmp('[EXISTS:b = 1]', '2.0').path.objectType, 'EXISTS');
});

test('parse: the 2.1 grammar has no NOT before EXISTS and no EXISTS after a path', () => {
  assertFails('[NOT EXISTS a:b]', 'PATTERN_UNEXPECTED_TOKEN', 2);
  assertFails('[a:b EXISTS]', 'PATTERN_UNEXPECTED_TOKEN', 6);
  assertFails('[a:b NOT EXISTS]', 'PATTERN_UNEXPECTED_TOKEN', 10);
});

test('parse: literals', () => {
  assert.deepEqual(strip(cmp('[a:b = -7]').value), { kind: 'integer', value: -7 });
  assert.deepEqual(strip(cmp('[a:b = +7]').value), { kind: 'integer', value: 7 });
  assert.deepEqual(strip(cmp('[a:b = -0]').value), { kind: 'integer', value: 0 });
  assert.deepEqual(strip(cmp('[a:b = -.5]').value), { kind: 'float', value: -0.5 });
  assert.deepEqual(strip(cmp('[a:b = 1.0]').value), { kind: 'float', value: 1 });
  assert.deepEqual(strip(cmp("[a:b = 'it\\'s']").value), { kind: 'string', value: "it's" });
  assert.deepEqual(strip(cmp("[a:b = t'2016-01-01T00:00:00.5Z']").value), { kind: 'timestamp', value: '2016-01-01T00:00:00.5Z' });
  assert.deepEqual(strip(cmp("[a:b = b'AAAA']").value), { kind: 'binary', value: 'AAAA' });
  assert.deepEqual(strip(cmp("[a:b = h'ffd8']").value), { kind: 'hex', value: 'ffd8' });
  assertFails('[a:b = 01]', 'PATTERN_INVALID_LITERAL', 8);
  assertFails("[a:b = t'2016-13-01T00:00:00Z']", 'PATTERN_INVALID_LITERAL', 8);
  assertFails("[a:b = b'====']", 'PATTERN_INVALID_LITERAL', 8);
  assertFails("[a:b = h'f']", 'PATTERN_INVALID_LITERAL', 8);
  assertFails("[a:b = 'x\\y']", 'PATTERN_INVALID_ESCAPE', 10);
  assertFails("[a:b = 'x]", 'PATTERN_UNTERMINATED_LITERAL', 8);
  assertFails('[a:b = ]', 'PATTERN_UNEXPECTED_TOKEN', 8);
  assertFails('[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]', 'PATTERN_UNEXPECTED_TOKEN', 20);
});

// ---------- object paths

test('parse: object paths with properties, quoted components, indexes and [*]', () => {
  const c = cmp("[file:extensions.'windows-pebinary-ext'.sections[*].entropy[0][-1][+2] > 7.0]");
  assert.deepEqual(strip(c.path), {
    kind: 'object-path',
    objectType: 'file',
    steps: [
      { kind: 'property', name: 'extensions' },
      { kind: 'property', name: 'windows-pebinary-ext' },
      { kind: 'property', name: 'sections' },
      { kind: 'index', index: '*' },
      { kind: 'property', name: 'entropy' },
      { kind: 'index', index: 0 },
      { kind: 'index', index: -1 },
      { kind: 'index', index: 2 },
    ],
  });
});

test('parse: a quoted first component is unescaped into the property name', () => {
  assert.deepEqual(strip(cmp("[x-foo:'a\\'b'.c = 1]").path.steps), [
    { kind: 'property', name: "a'b" },
    { kind: 'property', name: 'c' },
  ]);
});

test('parse: property names may not contain an unquoted hyphen; object types may', () => {
  assertFails('[file:extensions.windows-pebinary-ext.sections[*].entropy > 7.0]', 'PATTERN_UNEXPECTED_TOKEN', 18);
  assertFails('[file:first-name = 1]', 'PATTERN_UNEXPECTED_TOKEN', 7);
  assert.equal(cmp('[x-my-type_2:a_b = 1]').path.objectType, 'x-my-type_2');
});

test('parse: path errors', () => {
  assertFails('[file.size = 1280]', 'PATTERN_UNEXPECTED_TOKEN', 6);
  assertFails('[file: = 1]', 'PATTERN_UNEXPECTED_TOKEN', 8);
  assertFails('[a:b[x] = 1]', 'PATTERN_UNEXPECTED_TOKEN', 6);
  assertFails('[a:b[1.5] = 1]', 'PATTERN_UNEXPECTED_TOKEN', 6);
  assertFails('[a:b[1 = 1]', 'PATTERN_UNEXPECTED_TOKEN', 8);
  assertFails('[a:AND = 1]', 'PATTERN_UNEXPECTED_TOKEN', 4);
  assertFails('[a:b.5 = 1]', 'PATTERN_UNEXPECTED_TOKEN', 5);
});

// ---------- errors

test('parse: errors say what was expected and what was found', () => {
  const error = assertFails("[file:name = 'x' FOO]", 'PATTERN_UNEXPECTED_TOKEN', 18);
  assert.deepEqual(error.expected, ["']'", 'AND', 'OR']);
  assert.equal(error.found, 'FOO');
  assert.match(error.message, /^expected '\]' or AND or OR, found 'FOO' at line 1, column 18\n/);
  assert.match(error.caret, /\^$/);
});

test('parse: a missing operator names the operators and NOT', () => {
  const error = assertFails("[file:name foo 'x']", 'PATTERN_UNEXPECTED_TOKEN', 12);
  assert.match(error.message, /^expected a comparison operator \(=, !=, <, .*\) or NOT, found 'foo'/);
});

test('parse: an observation must be in brackets', () => {
  assertFails('file:size = 1280', 'PATTERN_UNEXPECTED_TOKEN', 1);
  assertFails('[a:b = 1] AND', 'PATTERN_UNEXPECTED_END', 14);
  assertFails('[a:b = 1] [a:b = 2]', 'PATTERN_UNEXPECTED_TOKEN', 11);
  assertFails('[a:b = 1] and [a:b = 2]', 'PATTERN_UNEXPECTED_TOKEN', 11);
  assertFails('[foo:bar=1] within 2 seconds', 'PATTERN_UNEXPECTED_TOKEN', 13);
  assertFails('[]', 'PATTERN_UNEXPECTED_TOKEN', 2);
  assertFails('', 'PATTERN_UNEXPECTED_END', 1);
  assertFails('  /* only a comment */ ', 'PATTERN_UNEXPECTED_END', 24);
  assertFails('([a:b = 1]', 'PATTERN_UNEXPECTED_END', 11);
  assertFails('[a:b = 1])', 'PATTERN_UNEXPECTED_TOKEN', 10);
  assertFails('[(a:b = 1]', 'PATTERN_UNEXPECTED_TOKEN', 10);
});

test('parse: an invalid character is PATTERN_INVALID_CHARACTER at its position', () => {
  assertFails('[file:hashes.MD5 =? 1]', 'PATTERN_INVALID_CHARACTER', 19);
  assertFails('[a:b = 1] & [a:b = 2]', 'PATTERN_INVALID_CHARACTER', 11);
});

test('parse: positions are line and column of the offending token on multi-line input', () => {
  const error = assertFails('[a:b = 1]\nAND\n  [a:b = 2] FOO', 'PATTERN_UNEXPECTED_TOKEN');
  assert.deepEqual(error.position, { offset: 26, line: 3, column: 13 });
});

test('parse: non-string input and a bad version are PATTERN_INPUT_TYPE', () => {
  for (const value of [undefined, null, 42, {}, ['[a:b = 1]'], Symbol('x')]) {
    assert.equal(failure(value).code, 'PATTERN_INPUT_TYPE');
  }
  assert.equal(failure('[a:b = 1]', '2.2' as PatternVersion).code, 'PATTERN_INPUT_TYPE');
});

// ---------- spans

test('parse: every node has a span; spans cover the node text', () => {
  const text = "([a:b = 1] OR [c:d IN ('x')]) WITHIN 5 SECONDS FOLLOWEDBY [EXISTS e:f[0]]";
  const ast = parse(text);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const n = node as AnyNode;
    if ('kind' in n) {
      assert.ok(n.span, `${n.kind} has a span`);
      assert.ok(n.span.start.offset < n.span.end.offset, `${n.kind} span is not empty`);
      assert.equal(n.span.start.column, n.span.start.offset + 1);
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'span') visit(value);
  };
  visit(ast);
  const slice = (n: AnyNode) => text.slice(n.span!.start.offset, n.span!.end.offset);
  assert.equal(slice(ast), text);
  const fb = ast.expression as ObservationOperation;
  assert.equal(slice(fb.operands[0]), "([a:b = 1] OR [c:d IN ('x')]) WITHIN 5 SECONDS");
  const q = fb.operands[0] as QualifiedObservation;
  assert.equal(slice(q.expression), "[a:b = 1] OR [c:d IN ('x')]");
  assert.equal(slice(q.qualifiers[0]), 'WITHIN 5 SECONDS');
  assert.equal(slice(fb.operands[1]), '[EXISTS e:f[0]]');
});

test('parse: spans carry line and column', () => {
  const ast: Pattern = parse("[a:b = 1]\nAND\n  [c:d = 'x\ny']");
  const and = ast.expression as ObservationOperation;
  assert.deepEqual(and.operands[1].span?.start, { offset: 16, line: 3, column: 3 });
  assert.deepEqual(and.operands[1].span?.end, { offset: 29, line: 4, column: 4 });
});

// ---------- size and depth

test('parse: a 100 KB flat OR chain is one n-ary node', () => {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < 100_000; i++) {
    const part = `[a:b = ${i}]`;
    parts.push(part);
    length += part.length + 4;
  }
  const ast = parse(parts.join(' OR '));
  const or = ast.expression as ObservationOperation;
  assert.equal(or.operator, 'OR');
  assert.equal(or.operands.length, parts.length);
});

test('parse: a 100 KB comparison chain inside one observation', () => {
  const parts = Array.from({ length: 8000 }, (_, i) => `a:b = ${i}`);
  const ast = parse(`[${parts.join(' AND ')}]`);
  assert.equal(
    ast.expression.kind === 'observation' &&
      ast.expression.comparison.kind === 'comparison-operation' &&
      ast.expression.comparison.operands.length,
    8000,
  );
});

test(`parse: ${MAX_NESTING} levels of parentheses parse`, () => {
  const n = MAX_NESTING;
  assert.equal(parse(`${'('.repeat(n)}[a:b = 1]${')'.repeat(n)}`).expression.kind, 'observation');
  assert.equal(parse(`[${'('.repeat(n)}a:b = 1${')'.repeat(n)}]`).expression.kind, 'observation');
  assert.equal(parse(`${'('.repeat(n)}[a:b = 1]${') WITHIN 1 SECONDS'.repeat(n)}`).expression.kind, 'qualified');
});

test('parse: deeper nesting is PATTERN_TOO_DEEP, also at 100,000 levels', () => {
  const n = MAX_NESTING + 1;
  assertFails(`${'('.repeat(n)}[a:b = 1]${')'.repeat(n)}`, 'PATTERN_TOO_DEEP', n);
  assertFails(`[${'('.repeat(n)}a:b = 1${')'.repeat(n)}]`, 'PATTERN_TOO_DEEP', n + 1);
  assertFails(`${'('.repeat(600)}[${'('.repeat(600)}a:b = 1${')'.repeat(600)}]${')'.repeat(600)}`, 'PATTERN_TOO_DEEP');
  assertFails(`${'('.repeat(100_000)}[a:b = 1]${')'.repeat(100_000)}`, 'PATTERN_TOO_DEEP');
  assertFails(`[${'('.repeat(100_000)}a:b = 1${')'.repeat(100_000)}]`, 'PATTERN_TOO_DEEP');
  assertFails('('.repeat(100_000), 'PATTERN_TOO_DEEP');
});

// ---------- fuzz

const throwsOnlyPatternError = (text: string, version: PatternVersion) => {
  try {
    parse(text, { version });
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    assert.ok(error.position.offset >= 0 && error.position.offset <= text.length);
    assert.ok(error.position.line >= 1 && error.position.column >= 1);
  }
};

const versions = fc.constantFrom<PatternVersion>('2.0', '2.1');

test('fuzz: random strings give an AST or a PatternError, nothing else', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.string({ unit: fc.constantFrom(..."[]()':.=!<>-+*/ \\tbhAN01"), maxLength: 60 }),
      ),
      versions,
      (text, version) => throwsOnlyPatternError(text, version),
    ),
    { numRuns: 3000 },
  );
});

const TOKENS = [
  '[',
  ']',
  '(',
  ')',
  ':',
  '.',
  ',',
  '*',
  '=',
  '==',
  '!=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUBSET',
  'ISSUPERSET',
  'EXISTS',
  'IN',
  'START',
  'STOP',
  'WITHIN',
  'SECONDS',
  'REPEATS',
  'TIMES',
  'true',
  'false',
  'file',
  'ipv4-addr',
  'name',
  "'SHA-256'",
  "'x'",
  "'a\\'b'",
  "'",
  '0',
  '5',
  '-1',
  '2.5',
  '-.5',
  '007',
  "t'2016-01-01T00:00:00Z'",
  "t'2016-13-01T00:00:00Z'",
  "b'AAAA'",
  "b'AAA'",
  "h'ff'",
  "h'f'",
  '/*c*/',
  '//c\n',
  '\u00a0',
  '\n',
  '#',
  '\\',
];

test('fuzz: random token sequences give an AST or a PatternError, nothing else', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), fc.constantFrom('', ' '), versions, (tokens, sep, version) =>
      throwsOnlyPatternError(tokens.join(sep), version),
    ),
    { numRuns: 5000 },
  );
});

test('fuzz: generated valid patterns parse, in both versions', () => {
  const literal = fc.oneof(
    fc.integer().map(String),
    fc.constantFrom("'x'", "'a\\\\b'", '1.5', "h'00ff'", "b'AAAA'", "t'2020-02-29T10:00:00Z'"),
  );
  const path = fc.constantFrom('file:name', "file:hashes.'SHA-256'", 'x-a:b[*].c', 'network-traffic:dst_ref.value', 'a:b[-1]');
  const op = fc.constantFrom('=', '!=', '<', '>=', 'NOT =', '==', '<>');
  const comparison = fc.tuple(path, op, literal).map(([p, o, l]) => `${p} ${o} ${l}`);
  const { cmpExpr } = fc.letrec<{ cmpExpr: string }>((tie) => ({
    cmpExpr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      comparison,
      fc.tuple(tie('cmpExpr'), fc.constantFrom('AND', 'OR'), tie('cmpExpr')).map(([a, o, b]) => `(${a}) ${o} ${b}`),
    ),
  }));
  const { obsExpr } = fc.letrec<{ obsExpr: string }>((tie) => ({
    obsExpr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      cmpExpr.map((c) => `[${c}]`),
      fc.tuple(tie('obsExpr'), fc.constantFrom('AND', 'OR', 'FOLLOWEDBY'), tie('obsExpr')).map(([a, o, b]) => `${a} ${o} (${b})`),
      tie('obsExpr').map((e) => `(${e}) REPEATS 3 TIMES WITHIN 2.5 SECONDS`),
    ),
  }));
  fc.assert(
    fc.property(obsExpr, versions, (text, version) => {
      assert.equal(parse(text, { version }).kind, 'pattern');
    }),
    { numRuns: 1000 },
  );
});
