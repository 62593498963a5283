/**
 * parse(print(ast)) deep-equals ast (spans aside) for generated ASTs in canonical form, and the
 * printer is a fixed point: print(parse(print(ast))) === print(ast).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type {
  Comparison,
  ComparisonExpression,
  ComparisonOperator,
  Literal,
  ObjectPath,
  ObservationExpression,
  PathStep,
  Pattern,
  PatternVersion,
  Qualifier,
} from './ast.js';
import { parse } from './parser.js';
import { isValidObjectType, print } from './printer.js';
import { specPatterns } from './spec-patterns.js';

/** A copy without `span` properties, for comparing parsed trees with made ones. */
function stripSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSpans);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (key !== 'span') out[key] = stripSpans(v);
  return out;
}

// ---------- a generator of canonical ASTs

const KEYWORDS = [
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUBSET',
  'ISSUPERSET',
  'IN',
  'EXISTS',
  'START',
  'STOP',
  'WITHIN',
  'SECONDS',
  'REPEATS',
  'TIMES',
  'LAST',
  'true',
  'false',
];
const identStart = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_');
const identPart = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789');
const identifier = fc.tuple(identStart, fc.string({ unit: identPart, maxLength: 8 })).map(([a, b]) => a + b);

const objectType = fc
  .oneof(
    fc.constantFrom('file', 'ipv4-addr', 'network-traffic', 'x-acme-thing', 'windows-registry-key', 'email-message', 'h', 't', 'b'),
    fc.tuple(identifier, fc.string({ unit: fc.constantFrom('a', '-', '_', '1'), maxLength: 4 })).map(([a, b]) => a + b),
  )
  .filter(isValidObjectType);

/** Any text, with the characters that need escaping or quoting made likely. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom("'", '\\', ' ', '.', '-', '[', ']', '\n', '/*', '//'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 10,
});

const propertyName = fc.oneof(identifier, fc.constantFrom(...KEYWORDS, 'SHA-256', 'windows-pebinary-ext', 'a b', ''), anyText);
const propertyStep = propertyName.map((name): PathStep => ({ kind: 'property', name }));
const indexStep = fc
  .oneof(fc.constant('*' as const), fc.integer({ min: -1000, max: 1000 }))
  .map((index): PathStep => ({ kind: 'index', index: index === 0 ? 0 : index }));

const objectPath = fc
  .tuple(objectType, propertyStep, fc.array(fc.oneof(propertyStep, indexStep), { maxLength: 4 }))
  .map(([type, first, rest]): ObjectPath => ({ kind: 'object-path', objectType: type, steps: [first, ...rest] }));

const timestampText = fc
  .tuple(
    fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
    fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 9 }),
  )
  .map(([d, fraction]) => `${d.toISOString().slice(0, 19)}${fraction === '' ? '' : `.${fraction}`}Z`);

const stringLiteral = anyText.map((value): Literal => ({ kind: 'string', value }));
const hexPair = fc.constantFrom(...'0123456789abcdefABCDEF');
const orderable: fc.Arbitrary<Literal> = fc.oneof(
  stringLiteral,
  fc.oneof(fc.integer(), fc.maxSafeInteger()).map((value): Literal => ({ kind: 'integer', value: value === 0 ? 0 : value })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value): Literal => ({ kind: 'float', value })),
  timestampText.map((value): Literal => ({ kind: 'timestamp', value })),
  fc
    .uint8Array({ minLength: 1, maxLength: 12 })
    .map((bytes): Literal => ({ kind: 'binary', value: Buffer.from(bytes).toString('base64') })),
  fc
    .array(fc.tuple(hexPair, hexPair), { maxLength: 6 })
    .map((pairs): Literal => ({ kind: 'hex', value: pairs.map(([x, y]) => x + y).join('') })),
);
const primitive: fc.Arbitrary<Literal> = fc.oneof(
  orderable,
  fc.boolean().map((value): Literal => ({ kind: 'boolean', value })),
);

const comparison: fc.Arbitrary<Comparison> = fc
  .tuple(
    objectPath,
    fc.boolean(),
    fc.constantFrom<ComparisonOperator>('=', '!=', '<', '<=', '>', '>=', 'IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'),
  )
  .chain(([path, negated, operator]) => {
    const value: fc.Arbitrary<Comparison['value']> =
      operator === '=' || operator === '!='
        ? primitive
        : operator === 'IN'
          ? fc.array(primitive, { maxLength: 4 }).map((values) => ({ kind: 'set' as const, values }))
          : operator === 'LIKE' || operator === 'MATCHES' || operator === 'ISSUBSET' || operator === 'ISSUPERSET'
            ? stringLiteral
            : orderable;
    return value.map((v): Comparison => ({ kind: 'comparison', path, negated, operator, value: v }));
  });

function comparisonExpression(version: PatternVersion, depth: number): fc.Arbitrary<ComparisonExpression> {
  const leaf: fc.Arbitrary<ComparisonExpression> =
    version === '2.0'
      ? comparison
      : fc.oneof(
          { weight: 4, arbitrary: comparison },
          { weight: 1, arbitrary: objectPath.map((path): ComparisonExpression => ({ kind: 'exists', negated: false, path })) },
        );
  if (depth <= 0) return leaf;
  // Operands may be operations of the same operator: they stand for parentheses.
  const operation = fc
    .tuple(fc.constantFrom<'AND' | 'OR'>('AND', 'OR'), fc.array(comparisonExpression(version, depth - 1), { minLength: 2, maxLength: 3 }))
    .map(([operator, operands]): ComparisonExpression => ({ kind: 'comparison-operation', operator, operands }));
  return fc.oneof({ weight: 2, arbitrary: leaf }, { weight: 1, arbitrary: operation });
}

function qualifier(version: PatternVersion): fc.Arbitrary<Qualifier> {
  return fc.oneof(
    fc
      .oneof(
        fc.nat().map((value) => ({ kind: 'integer' as const, value })),
        fc
          .double({ min: 0, noNaN: true, noDefaultInfinity: true })
          .filter((v) => !Object.is(v, -0))
          .map((value) => ({ kind: 'float' as const, value })),
      )
      .map((seconds): Qualifier => ({ kind: 'within', seconds })),
    fc.nat().map((value): Qualifier => ({ kind: 'repeats', times: { kind: 'integer', value } })),
    fc.tuple(timestampText, timestampText).map(([start, stop]): Qualifier => {
      const kind = version === '2.0' ? 'string' : 'timestamp';
      return { kind: 'start-stop', start: { kind, value: start }, stop: { kind, value: stop } };
    }),
  );
}

function observationExpression(version: PatternVersion, depth: number): fc.Arbitrary<ObservationExpression> {
  const leaf = comparisonExpression(version, 2).map((c): ObservationExpression => ({ kind: 'observation', comparison: c }));
  if (depth <= 0) return leaf;
  const inner = observationExpression(version, depth - 1);
  const operation = fc
    .tuple(fc.constantFrom<'AND' | 'OR' | 'FOLLOWEDBY'>('AND', 'OR', 'FOLLOWEDBY'), fc.array(inner, { minLength: 2, maxLength: 3 }))
    .map(([operator, operands]): ObservationExpression => ({ kind: 'observation-operation', operator, operands }));
  // Qualifier lists of any kinds, repeated kinds included: the grammar allows them (the validator does not).
  const qualified = fc
    .tuple(inner, fc.array(qualifier(version), { minLength: 1, maxLength: 3 }))
    .map(([expression, qualifiers]): ObservationExpression => ({ kind: 'qualified', expression, qualifiers }));
  return fc.oneof({ weight: 2, arbitrary: leaf }, { weight: 2, arbitrary: operation }, { weight: 1, arbitrary: qualified });
}

const patternArbitrary: fc.Arbitrary<Pattern> = fc
  .constantFrom<PatternVersion>('2.0', '2.1')
  .chain((version) => observationExpression(version, 3).map((expression): Pattern => ({ kind: 'pattern', version, expression })));

// ---------- properties

test('round trip: parse(print(ast)) equals ast for generated canonical ASTs', () => {
  fc.assert(
    fc.property(patternArbitrary, (ast) => {
      const text = print(ast);
      assert.deepStrictEqual(stripSpans(parse(text, { version: ast.version })), stripSpans(ast), text);
    }),
    { numRuns: 400 },
  );
});

test('round trip: print(parse(print(ast))) === print(ast)', () => {
  fc.assert(
    fc.property(patternArbitrary, (ast) => {
      const text = print(ast);
      assert.equal(print(parse(text, { version: ast.version })), text);
    }),
    { numRuns: 400 },
  );
});

test('round trip: hand-picked edge cases', () => {
  const cases: [PatternVersion, string, string][] = [
    ['2.1', "[file:name == 'a' AND (file:size <> 1)]", "[file:name = 'a' AND file:size != 1]"],
    ['2.1', '([a:b = 1]) AND (([a:b = 2] AND [a:b = 3]))', '[a:b = 1] AND ([a:b = 2] AND [a:b = 3])'],
    ['2.1', '[a:b = 1e0]', ''],
    ['2.1', '[a:b = -.5] WITHIN .5 SECONDS', '[a:b = -0.5] WITHIN 0.5 SECONDS'],
    ['2.1', '[a:b = +1] REPEATS +2 TIMES', '[a:b = 1] REPEATS 2 TIMES'],
    [
      '2.0',
      "[a:b = 1] START '2016-01-01T00:00:00Z' STOP '2016-01-02T00:00:00Z'",
      "[a:b = 1] START '2016-01-01T00:00:00Z' STOP '2016-01-02T00:00:00Z'",
    ],
    ['2.1', "[file:hashes.'SHA-256' = 'x' /* comment */]", "[file:hashes.'SHA-256' = 'x']"],
    ['2.1', "[a:'b' = 1]", '[a:b = 1]'],
  ];
  for (const [version, input, expected] of cases) {
    let ast: Pattern;
    try {
      ast = parse(input, { version });
    } catch {
      assert.equal(expected, '', `${input} should parse`);
      continue;
    }
    assert.equal(print(ast), expected);
    assert.deepStrictEqual(stripSpans(parse(print(ast), { version })), stripSpans(ast));
  }
});

test('round trip: every spec example pattern prints to text that parses back to the same AST', () => {
  let checked = 0;
  for (const { pattern: text, version } of specPatterns) {
    let ast: Pattern;
    try {
      ast = parse(text, { version });
    } catch {
      continue; // an example the parser refuses is the parser's tests' business
    }
    const printed = print(ast);
    assert.deepStrictEqual(stripSpans(parse(printed, { version })), stripSpans(ast), `${text}\n→ ${printed}`);
    assert.equal(print(parse(printed, { version })), printed);
    checked++;
  }
  assert.ok(checked >= specPatterns.length / 2, `${checked} of ${specPatterns.length} spec patterns checked`);
});
