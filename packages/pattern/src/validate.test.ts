import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Comparison, ObjectPath, Pattern, PatternVersion, Qualifier } from './ast.js';
import { inspectPattern } from './inspect.js';
import type { PatternObjectModel, PatternValueType } from './object-model.js';
import { specPatterns } from './spec-patterns.js';
import { type PatternIssueCode, PatternIssueCodes, type ValidatePatternOptions, validatePattern } from './validate.js';

const codes = (input: string | Pattern, options?: ValidatePatternOptions): PatternIssueCode[] =>
  validatePattern(input, options).issues.map((issue) => issue.code);

const v20 = { version: '2.0' } as const;

const MD5 = '79054025255fb1a26e4bc422aef54eb4';
const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';

// ---------- hand-made ASTs (no spans): what the builder or other code may hand in

const path = (objectType: string, ...names: string[]): ObjectPath => ({
  kind: 'object-path',
  objectType,
  steps: names.map((name) => ({ kind: 'property', name })),
});
const nameIs = (value: string): Comparison => ({
  kind: 'comparison',
  path: path('file', 'name'),
  negated: false,
  operator: '=',
  value: { kind: 'string', value },
});
const qualified = (version: PatternVersion, ...qualifiers: Qualifier[]): Pattern => ({
  kind: 'pattern',
  version,
  expression: { kind: 'qualified', expression: { kind: 'observation', comparison: nameIs('a') }, qualifiers },
});

// ---------- results

test('a valid pattern: valid, the AST, no issues', () => {
  const result = validatePattern(`[file:hashes.'SHA-256' = '${SHA256}']`);
  assert.equal(result.valid, true);
  assert.equal(result.pattern?.kind, 'pattern');
  assert.deepEqual(result.issues, []);
});

test('a syntax error becomes one error issue with the parser code and position', () => {
  const result = validatePattern("[file:name = 'a'");
  assert.equal(result.valid, false);
  assert.equal(result.pattern, undefined);
  assert.equal(result.issues.length, 1);
  const [issue] = result.issues;
  assert.equal(issue.severity, 'error');
  assert.equal(issue.code, 'PATTERN_UNEXPECTED_END');
  assert.equal(issue.position?.offset, 16);
});

test('validatePattern never throws, whatever the input', () => {
  for (const input of [
    null,
    undefined,
    42,
    {},
    { kind: 'pattern' },
    { kind: 'pattern', version: '2.1', expression: { kind: 'bogus' } },
    '',
    '[[[[',
  ]) {
    const result = validatePattern(input as unknown as string);
    assert.equal(result.valid, false);
    assert.equal(result.issues.length >= 1, true);
  }
  assert.deepEqual(codes(null as unknown as string), ['PATTERN_INPUT_TYPE']);
  assert.deepEqual(codes({ kind: 'pattern', version: '2.1', expression: { kind: 'bogus' } } as unknown as Pattern), [
    'PATTERN_INTERNAL_ERROR',
  ]);
});

test('semantic issues carry the span and position of their node', () => {
  const [issue] = validatePattern("[file:name = 'a'] WITHIN 0 SECONDS").issues;
  assert.equal(issue.code, 'PATTERN_QUALIFIER_VALUE');
  assert.equal(issue.position?.offset, 25);
  assert.equal(issue.span?.start.offset, 25);
});

test('every issue code has a severity and a description', () => {
  for (const [code, entry] of Object.entries(PatternIssueCodes)) {
    assert.match(code, /^PATTERN_[A-Z_]+$/);
    assert.ok(entry.severity === 'error' || entry.severity === 'warning');
    assert.ok(entry.description.length > 10);
  }
});

// ---------- qualifiers (2.1 §9.6, 2.0 Part 5 §3.5)

test('qualifiers: at most one of each kind per qualifier list', () => {
  assert.deepEqual(codes("[file:name = 'a'] REPEATS 2 TIMES WITHIN 5 SECONDS"), []);
  assert.deepEqual(codes("[file:name = 'a'] WITHIN 5 SECONDS WITHIN 6 SECONDS"), ['PATTERN_DUPLICATE_QUALIFIER']);
  assert.deepEqual(codes("[file:name = 'a'] REPEATS 2 TIMES REPEATS 3 TIMES", v20), ['PATTERN_DUPLICATE_QUALIFIER']);
  assert.deepEqual(
    codes(
      "[file:name = 'a'] START t'2016-01-01T00:00:00Z' STOP t'2016-01-02T00:00:00Z' START t'2017-01-01T00:00:00Z' STOP t'2017-01-02T00:00:00Z'",
    ),
    ['PATTERN_DUPLICATE_QUALIFIER'],
  );
});

test('qualifiers: a parenthesised qualified expression starts a new list', () => {
  assert.deepEqual(codes("([file:name = 'a'] REPEATS 2 TIMES) REPEATS 2 TIMES"), []);
  assert.deepEqual(codes("([file:name = 'a'] WITHIN 5 SECONDS) WITHIN 6 SECONDS", v20), []);
});

test('WITHIN: a positive number of seconds', () => {
  assert.deepEqual(codes("[file:name = 'a'] WITHIN 0.5 SECONDS"), []);
  assert.deepEqual(codes("[file:name = 'a'] WITHIN 0 SECONDS"), ['PATTERN_QUALIFIER_VALUE']);
  assert.deepEqual(codes("[file:name = 'a'] WITHIN 0.0 SECONDS", v20), ['PATTERN_QUALIFIER_VALUE']);
  assert.deepEqual(codes(qualified('2.1', { kind: 'within', seconds: { kind: 'integer', value: -5 } })), ['PATTERN_QUALIFIER_VALUE']);
});

test('REPEATS: a positive integer', () => {
  assert.deepEqual(codes("[file:name = 'a'] REPEATS 1 TIMES"), []);
  assert.deepEqual(codes("[file:name = 'a'] REPEATS 0 TIMES"), ['PATTERN_QUALIFIER_VALUE']);
  assert.deepEqual(codes("[file:name = 'a'] REPEATS 0 TIMES", v20), ['PATTERN_QUALIFIER_VALUE']);
  assert.deepEqual(codes(qualified('2.1', { kind: 'repeats', times: { kind: 'integer', value: 2.5 } })), ['PATTERN_QUALIFIER_VALUE']);
});

test('START / STOP: START strictly before STOP (2.1 t-literals)', () => {
  const pattern = (start: string, stop: string) => `[file:name = 'a'] START t'${start}' STOP t'${stop}'`;
  assert.deepEqual(codes(pattern('2016-06-01T00:00:00Z', '2016-07-01T00:00:00Z')), []);
  assert.deepEqual(codes(pattern('2016-06-01T00:00:00Z', '2016-06-01T00:00:00.001Z')), []);
  assert.deepEqual(codes(pattern('2016-06-01T00:00:00Z', '2016-06-01T00:00:00.000Z')), ['PATTERN_START_NOT_BEFORE_STOP']);
  assert.deepEqual(codes(pattern('2016-07-01T00:00:00Z', '2016-06-01T00:00:00Z')), ['PATTERN_START_NOT_BEFORE_STOP']);
});

test('START / STOP: 2.0 plain strings hold real timestamps, START before STOP', () => {
  const pattern = (start: string, stop: string) => `[file:name = 'a'] START '${start}' STOP '${stop}'`;
  assert.deepEqual(codes(pattern('2016-06-01T00:00:00Z', '2016-07-01T00:00:00Z'), v20), []);
  assert.deepEqual(codes(pattern('2016-07-01T00:00:00Z', '2016-06-01T00:00:00Z'), v20), ['PATTERN_START_NOT_BEFORE_STOP']);
  assert.deepEqual(codes(pattern('yesterday', '2016-07-01T00:00:00Z'), v20), ['PATTERN_INVALID_TIMESTAMP']);
  assert.deepEqual(codes(pattern('2016-02-30T00:00:00Z', '2016-07-01T00:00:00Z'), v20), ['PATTERN_INVALID_TIMESTAMP']);
});

test('START / STOP: the literal kind of the version, for ASTs made in code', () => {
  const t = { kind: 'timestamp', value: '2016-06-01T00:00:00Z' } as const;
  const u = { kind: 'timestamp', value: '2016-07-01T00:00:00Z' } as const;
  assert.deepEqual(codes(qualified('2.1', { kind: 'start-stop', start: t, stop: u })), []);
  assert.deepEqual(codes(qualified('2.0', { kind: 'start-stop', start: t, stop: u })), [
    'PATTERN_QUALIFIER_VALUE',
    'PATTERN_QUALIFIER_VALUE',
  ]);
  // The options' version overrides the AST's.
  assert.deepEqual(codes(qualified('2.1', { kind: 'start-stop', start: t, stop: u }), v20), [
    'PATTERN_QUALIFIER_VALUE',
    'PATTERN_QUALIFIER_VALUE',
  ]);
});

// ---------- timestamps

test('timestamp literals: real calendar dates (Feb 30 passes the grammar)', () => {
  assert.deepEqual(codes("[file:created = t'2016-02-29T12:00:00Z']"), []);
  assert.deepEqual(codes("[file:created = t'2016-02-30T12:00:00Z']"), ['PATTERN_INVALID_TIMESTAMP']);
  assert.deepEqual(codes("[file:created = t'2015-02-29T12:00:00Z']", v20), ['PATTERN_INVALID_TIMESTAMP']);
  assert.deepEqual(codes("[file:created > t'2016-06-31T00:00:00Z']"), ['PATTERN_INVALID_TIMESTAMP']);
  // Hour 25 is already a syntax error; in an AST made in code the validator reports it.
  assert.deepEqual(codes("[file:created > t'2016-01-01T25:00:00Z']"), ['PATTERN_INVALID_LITERAL']);
  const ast: Pattern = {
    kind: 'pattern',
    version: '2.1',
    expression: {
      kind: 'observation',
      comparison: { ...nameIs('a'), operator: '>', value: { kind: 'timestamp', value: '2016-01-01T25:00:00Z' } },
    },
  };
  assert.deepEqual(codes(ast), ['PATTERN_INVALID_TIMESTAMP']);
  assert.deepEqual(codes("[file:name = 'a'] START t'2016-04-31T00:00:00Z' STOP t'2016-05-01T00:00:00Z'"), ['PATTERN_INVALID_TIMESTAMP']);
  assert.deepEqual(codes("[file:created IN (t'2016-01-01T00:00:00Z', t'2016-11-31T00:00:00Z')]"), ['PATTERN_INVALID_TIMESTAMP']);
});

// ---------- hashes

test('hashes: algorithm names from the 2.1 vocabulary', () => {
  assert.deepEqual(codes(`[file:hashes.MD5 = '${MD5}']`), []);
  assert.deepEqual(codes(`[file:hashes.'SHA-256' = '${SHA256}']`), []);
  assert.deepEqual(codes("[file:hashes.x_acme = 'whatever']"), []);
  assert.deepEqual(codes(`[file:hashes.'SHA-384' = '${'a'.repeat(96)}']`), ['PATTERN_HASH_ALGORITHM']);
  assert.deepEqual(codes(`[file:hashes.sha256 = '${SHA256}']`), ['PATTERN_HASH_ALGORITHM']);
  const [issue] = validatePattern(`[file:hashes.sha256 = '${SHA256}']`).issues;
  assert.equal(issue.severity, 'warning');
  assert.match(issue.message, /'SHA-256'/);
});

test('hashes: the 2.0 vocabulary is larger (SHA-384, WHIRLPOOL, ssdeep)', () => {
  assert.deepEqual(codes(`[file:hashes.'SHA-384' = '${'a'.repeat(96)}']`, v20), []);
  assert.deepEqual(codes(`[file:hashes.WHIRLPOOL = '${'a'.repeat(128)}']`, v20), []);
  assert.deepEqual(codes("[file:hashes.ssdeep = '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C']", v20), []);
  assert.deepEqual(codes("[file:hashes.TLSH = 'x']", v20), ['PATTERN_HASH_ALGORITHM']);
});

test('hashes: the value has the format of its algorithm for =, != and IN', () => {
  assert.deepEqual(codes(`[file:hashes.MD5 = '${MD5.toUpperCase()}']`), []);
  assert.deepEqual(codes(`[file:hashes.MD5 = '${MD5.slice(1)}']`), ['PATTERN_HASH_VALUE']);
  assert.deepEqual(codes(`[file:hashes.'SHA-1' != '${MD5}']`), ['PATTERN_HASH_VALUE']);
  assert.deepEqual(codes(`[file:hashes.MD5 IN ('${MD5}', 'zz')]`), ['PATTERN_HASH_VALUE']);
  assert.deepEqual(codes(`[file:hashes.'SHA-256' = '${SHA256}z']`, v20), ['PATTERN_HASH_VALUE']);
  assert.deepEqual(codes('[file:hashes.MD5 = 12]'), ['PATTERN_HASH_VALUE']);
  // Other operators search rather than compare digests.
  assert.deepEqual(codes("[file:hashes.MD5 LIKE '7905%']"), []);
  // Hashes deeper in a path are checked too.
  assert.deepEqual(codes("[file:extensions.'windows-pebinary-ext'.sections[*].hashes.MD5 = 'nope']"), ['PATTERN_HASH_VALUE']);
});

// ---------- operators and operands (2.1 §9.7, 2.0 Part 5 §4.4)

test('IN: a set of literals of one type (integers and floats mix)', () => {
  assert.deepEqual(codes("[file:name IN ('a', 'b')]"), []);
  assert.deepEqual(codes('[file:size IN (1, 2.5, 3)]'), []);
  assert.deepEqual(codes("[file:size IN (1, 'two')]"), ['PATTERN_OPERAND_TYPE']);
  assert.deepEqual(codes("[file:size IN (1, 'two')]", v20), ['PATTERN_OPERAND_TYPE']);
  assert.deepEqual(codes('[file:size IN ()]'), ['PATTERN_EMPTY_SET']);
});

test('the value fits the operator, for ASTs made in code', () => {
  const make = (comparison: Comparison): Pattern => ({ kind: 'pattern', version: '2.1', expression: { kind: 'observation', comparison } });
  const base = nameIs('a');
  assert.deepEqual(codes(make({ ...base, operator: '<', value: { kind: 'boolean', value: true } })), ['PATTERN_OPERAND_TYPE']);
  assert.deepEqual(codes(make({ ...base, operator: '<', value: { kind: 'set', values: [] } })), ['PATTERN_OPERAND_TYPE']);
  assert.deepEqual(codes(make({ ...base, operator: 'IN', value: { kind: 'string', value: 'a' } })), ['PATTERN_OPERAND_TYPE']);
  assert.deepEqual(codes(make({ ...base, operator: 'LIKE', value: { kind: 'integer', value: 1 } })), ['PATTERN_OPERAND_TYPE']);
  assert.deepEqual(codes(make({ ...base, operator: 'MATCHES', value: { kind: 'hex', value: 'ab' } })), ['PATTERN_OPERAND_TYPE']);
  assert.deepEqual(codes(make({ ...base, operator: '<', value: { kind: 'integer', value: 1 } })), []);
  assert.deepEqual(codes(make({ ...base, value: { kind: 'hex', value: 'abc' } })), ['PATTERN_INVALID_LITERAL']);
  assert.deepEqual(codes(make({ ...base, value: { kind: 'binary', value: 'a b' } })), ['PATTERN_INVALID_LITERAL']);
});

test('ISSUBSET / ISSUPERSET: an IPv4 or IPv6 address or CIDR block', () => {
  assert.deepEqual(codes("[ipv4-addr:value ISSUBSET '198.51.100.0/24']"), []);
  assert.deepEqual(codes("[ipv6-addr:value ISSUBSET '2001:db8::/32']", v20), []);
  assert.deepEqual(codes("[network-traffic:dst_ref.value ISSUBSET '203.0.113.0/24']"), []);
  assert.deepEqual(codes("[ipv4-addr:value ISSUPERSET '198.51.100.7']"), []);
  assert.deepEqual(codes("[ipv4-addr:value ISSUBSET '198.51.100.0/33']"), ['PATTERN_INVALID_CIDR']);
  assert.deepEqual(codes("[ipv4-addr:value ISSUBSET '300.1.1.1']", v20), ['PATTERN_INVALID_CIDR']);
  assert.deepEqual(codes("[ipv6-addr:value ISSUPERSET '2001:db8:::1']"), ['PATTERN_INVALID_CIDR']);
});

test('ISSUBSET / ISSUPERSET on a property that is not an address: a warning', () => {
  const result = validatePattern("[file:name ISSUBSET '198.51.100.0/24']");
  assert.deepEqual(
    result.issues.map((issue) => [issue.code, issue.severity]),
    [['PATTERN_PROPERTY_TYPE', 'warning']],
  );
  assert.equal(result.valid, true);
  assert.deepEqual(codes("[x-acme-host:addr ISSUBSET '198.51.100.0/24']"), []);
});

test('MATCHES: the regex compiles in re2js; backtracking features are errors', () => {
  assert.deepEqual(codes("[file:name MATCHES '^Payload.*\\\\.exe$']"), []);
  assert.deepEqual(codes("[file:name MATCHES '(a)\\\\1']"), ['PATTERN_INVALID_REGEX']);
  assert.deepEqual(codes("[file:name MATCHES 'foo(?=bar)']", v20), ['PATTERN_INVALID_REGEX']);
  assert.deepEqual(codes("[file:name MATCHES '[unclosed']"), ['PATTERN_INVALID_REGEX']);
  const [issue] = validatePattern("[file:name MATCHES 'x(?<=y)']").issues;
  assert.match(issue.message, /lookbehind/);
});

test('LIKE takes a string', () => {
  assert.deepEqual(codes("[url:value LIKE 'http://%.example.com/%']"), []);
});

// ---------- object types joined by AND (2.1 §9.5 as clarified by oasis-tcs/cti-stix2#235)

test('comparisons joined by AND: one object type must satisfy all operands', () => {
  assert.deepEqual(codes("[file:name = 'a' AND file:size = 10]"), []);
  assert.deepEqual(codes("[file:name = 'a' OR ipv4-addr:value = '198.51.100.1']"), []);
  assert.deepEqual(codes("[file:name = 'a' AND ipv4-addr:value = '198.51.100.1']"), ['PATTERN_MIXED_OBJECT_TYPES']);
  assert.deepEqual(codes("[file:name = 'a' AND ipv4-addr:value = '198.51.100.1']", v20), ['PATTERN_MIXED_OBJECT_TYPES']);
  // Sub-expressions: OR is the union of its operands' types, AND the intersection.
  assert.deepEqual(codes("[(file:name = 'a' OR directory:path = 'b') AND (file:size = 1 OR directory:path = 'c')]"), []);
  assert.deepEqual(codes("[(file:name = 'a' OR directory:path = 'b') AND mutex:name = 'c']"), ['PATTERN_MIXED_OBJECT_TYPES']);
  // Reported once, at the innermost unsatisfiable AND.
  assert.deepEqual(codes("[(file:name = 'a' AND mutex:name = 'b') AND file:size = 1]"), ['PATTERN_MIXED_OBJECT_TYPES']);
  // Different observation expressions may look at different objects.
  assert.deepEqual(codes("[file:name = 'a'] AND [ipv4-addr:value = '198.51.100.1']"), []);
});

// ---------- EXISTS

test('EXISTS: 2.1 only (reported for 2.0 ASTs made in code)', () => {
  assert.deepEqual(codes('[EXISTS file:name]'), []);
  const ast: Pattern = {
    kind: 'pattern',
    version: '2.0',
    expression: { kind: 'observation', comparison: { kind: 'exists', negated: false, path: path('file', 'name') } },
  };
  assert.deepEqual(codes(ast), ['PATTERN_NOT_IN_VERSION']);
});

// ---------- object types and properties

test('object types: the 18 cyber-observable types are known without a model', () => {
  assert.deepEqual(codes("[x509-certificate:serial_number = '1']"), []);
  assert.deepEqual(codes("[windows-registry-key:key = 'HKLM']", v20), []);
  assert.deepEqual(codes("[x-acme-widget:color = 'red']"), []);
  const result = validatePattern("[widget:color = 'red']");
  assert.deepEqual(
    result.issues.map((issue) => [issue.code, issue.severity]),
    [['PATTERN_UNKNOWN_OBJECT_TYPE', 'warning']],
  );
  assert.equal(result.valid, true);
  assert.deepEqual(codes("[indicator:name = 'a']", v20), ['PATTERN_UNKNOWN_OBJECT_TYPE']);
});

test('object types: names that break the naming rules (x_ prefix, capitals, length)', () => {
  assert.deepEqual(codes("[x_acme:color = 'red']"), ['PATTERN_CUSTOM_NAME']);
  assert.deepEqual(codes("[File:name = 'a']"), ['PATTERN_CUSTOM_NAME']);
  assert.deepEqual(codes("[ab:name = 'a']", v20), ['PATTERN_CUSTOM_NAME']);
});

test('without a model, properties are not checked', () => {
  assert.deepEqual(codes("[file:colour = 'red']"), []);
});

/** A small model for tests: a few properties of file and network-traffic. */
const model: PatternObjectModel = {
  typeKnown: (type, version) => ['file', 'network-traffic', 'ipv4-addr'].includes(type) && (version === '2.1' || type !== 'ipv4-addr'),
  resolvePath(type, steps) {
    const properties: Record<string, Record<string, PatternValueType>> = {
      file: {
        name: 'string',
        size: 'integer',
        hashes: 'dictionary',
        ctime: 'timestamp',
        is_encrypted: 'boolean',
        extensions: 'dictionary',
      },
      'network-traffic': { dst_ref: 'reference', dst_port: 'integer' },
      'ipv4-addr': { value: 'string' },
    };
    const [first] = steps;
    const name = first.kind === 'property' ? first.name : '';
    const valueType = properties[type]?.[name];
    if (valueType === undefined) return { known: false, unknownAt: 0 };
    if (steps.length === 1) return { known: true, valueType };
    if (valueType === 'dictionary') return { known: true, valueType: name === 'hashes' ? 'string' : undefined };
    if (valueType === 'reference') return { known: true };
    return { known: false, unknownAt: 1 };
  },
};

test('properties: unknown ones are warnings, custom x_ ones are silent (with a model)', () => {
  assert.deepEqual(codes("[file:name = 'a']", { objectModel: model }), []);
  assert.deepEqual(codes("[file:x_acme_colour = 'red']", { objectModel: model }), []);
  assert.deepEqual(codes("[file:extensions.'x-acme-ext'.colour = 'red']", { objectModel: model }), []);
  const result = validatePattern("[file:colour = 'red']", { objectModel: model });
  assert.deepEqual(
    result.issues.map((issue) => [issue.code, issue.severity]),
    [['PATTERN_UNKNOWN_PROPERTY', 'warning']],
  );
  assert.equal(result.issues[0].position?.offset, 6);
  assert.deepEqual(codes("[file:name.first = 'a']", { objectModel: model }), ['PATTERN_UNKNOWN_PROPERTY']);
  assert.deepEqual(codes("[file:'x-colour' = 'red']", { objectModel: model }), []);
  assert.deepEqual(codes("[file:Colour = 'red']", { objectModel: model }), ['PATTERN_CUSTOM_NAME']);
});

test('object types: the model decides per version', () => {
  assert.deepEqual(codes("[ipv4-addr:value = '198.51.100.1']", { objectModel: model }), []);
  assert.deepEqual(codes("[ipv4-addr:value = '198.51.100.1']", { objectModel: model, version: '2.0' }), ['PATTERN_UNKNOWN_OBJECT_TYPE']);
  assert.deepEqual(codes("[mutex:name = 'a']", { objectModel: model }), ['PATTERN_UNKNOWN_OBJECT_TYPE']);
});

test('property types (with a model): literal and operator suit the property', () => {
  const check = (pattern: string) => codes(pattern, { objectModel: model });
  assert.deepEqual(check("[file:ctime > t'2016-01-01T00:00:00Z']"), []);
  assert.deepEqual(check("[file:ctime > '2016-01-01T00:00:00Z']"), ['PATTERN_PROPERTY_TYPE']);
  assert.deepEqual(check('[file:size > 1024]'), []);
  assert.deepEqual(check("[file:size = '1024']"), ['PATTERN_PROPERTY_TYPE']);
  assert.deepEqual(check('[file:is_encrypted = true]'), []);
  assert.deepEqual(check('[file:is_encrypted >= 1]'), ['PATTERN_PROPERTY_TYPE']);
  assert.deepEqual(check("[file:size LIKE '1%']"), ['PATTERN_PROPERTY_TYPE']);
  assert.deepEqual(check("[file:hashes = 'a']"), ['PATTERN_PROPERTY_TYPE']);
  assert.deepEqual(check("[network-traffic:dst_ref.value ISSUBSET '198.51.100.0/24']"), []);
  assert.equal(validatePattern("[file:ctime > '2016-01-01T00:00:00Z']", { objectModel: model }).valid, true);
});

// ---------- the inspector

test('inspectPattern: object types, paths, operators and qualifiers per observation', () => {
  const { pattern } = validatePattern(
    `([file:hashes.'SHA-256' = '${SHA256}' AND file:name NOT LIKE '%.tmp'] OR [EXISTS process:pid]) FOLLOWEDBY [ipv4-addr:value ISSUBSET '198.51.100.0/24'] WITHIN 600 SECONDS`,
  );
  assert.ok(pattern);
  const inspection = inspectPattern(pattern);
  assert.equal(inspection.version, '2.1');
  assert.deepEqual(inspection.objectTypes, ['file', 'process', 'ipv4-addr']);
  assert.deepEqual(
    inspection.observations.map((o) => o.paths),
    [["file:hashes.'SHA-256'", 'file:name'], ['process:pid'], ['ipv4-addr:value']],
  );
  assert.deepEqual(inspection.comparisonOperators, ['=', 'NOT LIKE', 'EXISTS', 'ISSUBSET']);
  assert.deepEqual(inspection.observationOperators, ['FOLLOWEDBY', 'OR']);
  assert.deepEqual(
    inspection.qualifiers.map((q) => [q.kind, q.text]),
    [['within', 'WITHIN 600 SECONDS']],
  );
  const [first] = inspection.observations[0].comparisons;
  assert.deepEqual([first.objectType, first.path, first.operator, first.value], ['file', "hashes.'SHA-256'", '=', `'${SHA256}'`]);
});

// ---------- the specifications' own examples

/** Entries the specification itself gets wrong (SPEC-ERRATUM), or that hold a placeholder. */
const isErratum = (note: string | undefined) => note?.startsWith('SPEC-ERRATUM:') === true || /placeholder/.test(note ?? '');
const keyOf = (example: { version: PatternVersion; pattern: string }) => `${example.version} ${example.pattern}`;
const example = (version: PatternVersion, test: (pattern: string) => boolean) => {
  const found = specPatterns.filter((p) => p.version === version && test(p.pattern));
  assert.equal(found.length, 1, `one ${version} entry`);
  return found[0];
};

/** What the builtin object model reports for each erratum / placeholder entry. */
const erratumIssues = (): Map<string, PatternIssueCode[]> =>
  new Map([
    // 2.0 examples: win-registry-key is not an object type (a warning).
    [keyOf(example('2.0', (p) => p.includes('FOLLOWEDBY [win-registry-key:'))), ['PATTERN_UNKNOWN_OBJECT_TYPE']],
    [keyOf(example('2.0', (p) => p.includes('AND [win-registry-key:'))), ['PATTERN_UNKNOWN_OBJECT_TYPE']],
    // file:size = '371712': the builtin model knows no property types, so nothing (see the model test below).
    [keyOf(example('2.0', (p) => p.includes("file:size = '371712'"))), []],
    // user-account:value: the builtin model does not check properties (see the model test below).
    [keyOf(example('2.1', (p) => p === "[user-account:value = 'Peter']")), []],
    [keyOf(example('2.1', (p) => p === "[user-account:value = 'Peter' OR user-account:value = 'Mary']")), []],
    // 9.5.1: '13987239847...' is no SHA-256 digest (an error).
    [keyOf(example('2.1', (p) => p.includes("'13987239847...'"))), ['PATTERN_HASH_VALUE']],
  ]);

test('spec examples: every entry without an erratum or placeholder note validates with no issues at all', () => {
  const clean = specPatterns.filter((p) => !isErratum(p.note));
  assert.ok(clean.length > 60);
  for (const entry of clean) {
    const result = validatePattern(entry.pattern, { version: entry.version });
    assert.equal(result.valid, true, `${entry.section}: ${entry.pattern}`);
    assert.deepEqual(
      result.issues.map((issue) => issue.code),
      [],
      `${entry.section}: ${entry.pattern}`,
    );
  }
});

test('spec examples: erratum and placeholder entries give exactly the expected issues (builtin model)', () => {
  const expected = erratumIssues();
  const flagged = specPatterns.filter((p) => isErratum(p.note));
  assert.deepEqual(flagged.map(keyOf).sort(), [...expected.keys()].sort(), 'the list of erratum entries is the one expected here');
  for (const entry of flagged) {
    assert.deepEqual(codes(entry.pattern, { version: entry.version }), expected.get(keyOf(entry)), `${entry.section}: ${entry.pattern}`);
  }
  // The registry key typo is a warning (still valid); the placeholder hash is an error.
  const registry = example('2.0', (p) => p.includes('FOLLOWEDBY [win-registry-key:'));
  const typo = validatePattern(registry.pattern, { version: '2.0' });
  assert.equal(typo.valid, true);
  assert.equal(typo.issues[0].severity, 'warning');
  assert.match(typo.issues[0].message, /win-registry-key/);
  const placeholder = validatePattern(example('2.1', (p) => p.includes("'13987239847...'")).pattern);
  assert.equal(placeholder.valid, false);
  assert.equal(placeholder.issues[0].severity, 'error');
});

/** A hand-written model knowing the properties of user-account (2.1 §6.15) and some of file (§6.7). */
const specModel: PatternObjectModel = {
  typeKnown: (type) => type === 'user-account' || type === 'file',
  resolvePath(type, steps) {
    const properties: Record<string, Record<string, PatternValueType>> = {
      'user-account': {
        user_id: 'string',
        credential: 'string',
        account_login: 'string',
        account_type: 'string',
        display_name: 'string',
        is_service_account: 'boolean',
        is_privileged: 'boolean',
        can_escalate_privs: 'boolean',
        is_disabled: 'boolean',
        account_created: 'timestamp',
        account_expires: 'timestamp',
        credential_last_changed: 'timestamp',
        account_first_login: 'timestamp',
        account_last_login: 'timestamp',
        extensions: 'dictionary',
      },
      file: { name: 'string', size: 'integer', created: 'timestamp', hashes: 'dictionary' },
    };
    const [first] = steps;
    const valueType = first.kind === 'property' ? properties[type]?.[first.name] : undefined;
    if (valueType === undefined) return { known: false, unknownAt: 0 };
    return steps.length === 1 ? { known: true, valueType } : { known: true };
  },
};

test('spec examples with a model that knows user-account: user-account:value is PATTERN_UNKNOWN_PROPERTY', () => {
  const single = example('2.1', (p) => p === "[user-account:value = 'Peter']");
  const result = validatePattern(single.pattern, { objectModel: specModel });
  assert.deepEqual(
    result.issues.map((issue) => [issue.code, issue.severity]),
    [['PATTERN_UNKNOWN_PROPERTY', 'warning']],
  );
  assert.equal(result.issues[0].position?.offset, '[user-account:'.length);
  const both = example('2.1', (p) => p === "[user-account:value = 'Peter' OR user-account:value = 'Mary']");
  assert.deepEqual(codes(both.pattern, { objectModel: specModel }), ['PATTERN_UNKNOWN_PROPERTY', 'PATTERN_UNKNOWN_PROPERTY']);
  // The user-account properties the spec does define are fine with the same model.
  const accounts = example('2.1', (p) => p.startsWith('[user-account:account_type'));
  assert.deepEqual(codes(accounts.pattern, { objectModel: specModel }), []);
});

test("spec examples with a model that knows file:size: the 2.0 file:size = '371712' is PATTERN_PROPERTY_TYPE", () => {
  const v20entry = example('2.0', (p) => p.includes("file:size = '371712'"));
  assert.deepEqual(codes(v20entry.pattern, { objectModel: specModel, version: '2.0' }), ['PATTERN_PROPERTY_TYPE']);
  const v21entry = example('2.1', (p) => p.includes('file:size = 371712'));
  assert.deepEqual(codes(v21entry.pattern, { objectModel: specModel }), []);
});
