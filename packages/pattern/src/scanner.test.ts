import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PatternError } from './errors.js';
import { Tok, tokenize } from './scanner.js';

const kinds = (text: string, version: '2.0' | '2.1' = '2.1') => tokenize(text, version).map((t) => t.kind);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof PatternError, `expected a PatternError, got ${String(error)}`);
    return error.code;
  }
  assert.fail('expected an error');
}

test('scanner: punctuation and operators, == and <> fold to EQ and NEQ', () => {
  assert.deepEqual(kinds('[ ] ( ) : . , * = == != <> < <= > >='), [
    Tok.LBRACK,
    Tok.RBRACK,
    Tok.LPAREN,
    Tok.RPAREN,
    Tok.COLON,
    Tok.DOT,
    Tok.COMMA,
    Tok.ASTERISK,
    Tok.EQ,
    Tok.EQ,
    Tok.NEQ,
    Tok.NEQ,
    Tok.LT,
    Tok.LE,
    Tok.GT,
    Tok.GE,
    Tok.EOF,
  ]);
});

test('scanner: keywords are case-sensitive; lower-case keywords are identifiers', () => {
  assert.deepEqual(kinds('AND and WITHIN within true TRUE'), [
    Tok.AND,
    Tok.Identifier,
    Tok.WITHIN,
    Tok.Identifier,
    Tok.Boolean,
    Tok.Identifier,
    Tok.EOF,
  ]);
});

test('scanner: EXISTS is a keyword in 2.1 and an identifier in 2.0', () => {
  assert.equal(tokenize('EXISTS', '2.1')[0].kind, Tok.EXISTS);
  assert.equal(tokenize('EXISTS', '2.0')[0].kind, Tok.Identifier);
});

test('scanner: identifiers with a hyphen are their own kind (object types only)', () => {
  const [t] = tokenize('ipv4-addr');
  assert.equal(t.kind, Tok.IdentifierWithHyphen);
  assert.equal(t.value, 'ipv4-addr');
  assert.equal(tokenize('AND-x')[0].kind, Tok.IdentifierWithHyphen);
});

test('scanner: integers and floats with signs', () => {
  const tokens = tokenize('0 -1 +7 1.5 -.5 +0.25 .5');
  assert.deepEqual(
    tokens.slice(0, -1).map((t) => [t.kind, t.number]),
    [
      [Tok.Integer, 0],
      [Tok.Integer, -1],
      [Tok.Integer, 7],
      [Tok.Float, 1.5],
      [Tok.Float, -0.5],
      [Tok.Float, 0.25],
      [Tok.Float, 0.5],
    ],
  );
});

test('scanner: an integer with a leading zero is PATTERN_INVALID_LITERAL', () => {
  assert.equal(
    codeOf(() => tokenize('007')),
    'PATTERN_INVALID_LITERAL',
  );
  assert.equal(tokenize('00.5')[0].kind, Tok.Float);
});

test('scanner: a lone - or + is its own token', () => {
  assert.deepEqual(kinds('- +'), [Tok.MINUS, Tok.PLUS, Tok.EOF]);
});

test("scanner: strings unescape only \\' and \\\\", () => {
  const [t] = tokenize("'it\\'s a \\\\ path'");
  assert.equal(t.kind, Tok.String);
  assert.equal(t.value, "it's a \\ path");
});

test('scanner: any other escape is PATTERN_INVALID_ESCAPE at the backslash', () => {
  try {
    tokenize("'a\\nb'");
    assert.fail('no error');
  } catch (error) {
    assert.ok(error instanceof PatternError);
    assert.equal(error.code, 'PATTERN_INVALID_ESCAPE');
    assert.equal(error.position.offset, 2);
  }
  assert.equal(
    codeOf(() => tokenize("'a\\")),
    'PATTERN_INVALID_ESCAPE',
  );
});

test('scanner: unterminated string, timestamp, binary and hex literals', () => {
  for (const text of ["'abc", "t'2016-01-01T00:00:00Z", "b'AAAA", "h'ff"]) {
    assert.equal(
      codeOf(() => tokenize(text)),
      'PATTERN_UNTERMINATED_LITERAL',
      text,
    );
  }
});

test("scanner: t'' follows the grammar: month 01-12, day 01-31, hour 00-23, minute and second ranges", () => {
  for (const ok of ["t'2016-01-01T00:00:00Z'", "t'2016-12-31T23:59:60.123456Z'", "t'2016-02-30T12:00:00Z'"]) {
    assert.equal(tokenize(ok)[0].kind, Tok.Timestamp, ok);
  }
  for (const bad of [
    "t'2016-13-01T00:00:00Z'",
    "t'2016-00-01T00:00:00Z'",
    "t'2016-01-32T00:00:00Z'",
    "t'2016-01-00T00:00:00Z'",
    "t'2016-01-01T24:00:00Z'",
    "t'2016-01-01T00:60:00Z'",
    "t'2016-01-01T00:00:61Z'",
    "t'2016-01-01T00:00:00'",
    "t'2016-01-01T00:00:00.Z'",
    "t'2016-01-01 00:00:00Z'",
    "t'2016-01-01T00:00:00+01:00'",
    "t''",
  ]) {
    assert.equal(
      codeOf(() => tokenize(bad)),
      'PATTERN_INVALID_LITERAL',
      bad,
    );
  }
});

test("scanner: b'' is padded base64, h'' is pairs of hex digits", () => {
  assert.equal(tokenize("b'dGhpcyBpcyBhIHRlc3Q='")[0].value, 'dGhpcyBpcyBhIHRlc3Q=');
  assert.equal(tokenize("b'AA=='")[0].kind, Tok.Binary);
  for (const bad of ["b'===='", "b'AAA'", "b''", "b'A=AA'", "b'AA-A'"])
    assert.equal(
      codeOf(() => tokenize(bad)),
      'PATTERN_INVALID_LITERAL',
      bad,
    );
  assert.equal(tokenize("h'ffD8'")[0].value, 'ffD8');
  assert.equal(tokenize("h''")[0].kind, Tok.Hex);
  for (const bad of ["h'f'", "h'fg'"])
    assert.equal(
      codeOf(() => tokenize(bad)),
      'PATTERN_INVALID_LITERAL',
      bad,
    );
});

test('scanner: the grammar whitespace set, including Unicode spaces, and comments are skipped', () => {
  const ws = ' \t\r\n\u000b\u000c\u0085\u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000';
  assert.deepEqual(kinds(`${ws}[/* block\n comment */ ]// line comment\n(`), [Tok.LBRACK, Tok.RBRACK, Tok.LPAREN, Tok.EOF]);
});

test('scanner: an unterminated block comment is PATTERN_UNEXPECTED_END', () => {
  assert.equal(
    codeOf(() => tokenize('[ /* no end')),
    'PATTERN_UNEXPECTED_END',
  );
});

test('scanner: characters no token starts with are PATTERN_INVALID_CHARACTER at their position', () => {
  for (const [text, offset] of [
    ['[a:b # 1]', 5],
    ['!', 0],
    ['x ?', 2],
    ['\u0000', 0],
    ['é', 0],
    ['\ud83d\ude00', 0],
    ['\ud800', 0],
  ] as const) {
    try {
      tokenize(text);
      assert.fail(`no error for ${text}`);
    } catch (error) {
      assert.ok(error instanceof PatternError);
      assert.equal(error.code, 'PATTERN_INVALID_CHARACTER');
      assert.equal(error.position.offset, offset);
    }
  }
});

test('scanner: positions count lines at \\n, columns from 1', () => {
  const tokens = tokenize("[a:b\n  = 'x\ny'\n]");
  const eq = tokens[4];
  assert.deepEqual(eq.start, { offset: 7, line: 2, column: 3 });
  const str = tokens[5];
  assert.deepEqual(str.start, { offset: 9, line: 2, column: 5 });
  assert.deepEqual(str.end, { offset: 14, line: 3, column: 3 });
  assert.deepEqual(tokens[6].start, { offset: 15, line: 4, column: 1 });
});

test('scanner: non-string input is PATTERN_INPUT_TYPE', () => {
  assert.equal(
    codeOf(() => tokenize(42 as unknown as string)),
    'PATTERN_INPUT_TYPE',
  );
});
