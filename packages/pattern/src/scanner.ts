/**
 * The STIX pattern scanner (STIX 2.1 §9, STIX 2.0 Part 5; lexer rules of
 * oasis-open/cti-stix2-json-schemas `pattern_grammar/STIXPattern.g4`). It turns text into one token
 * at a time, on demand, with charCodeAt and no regular expressions: the parser pulls tokens with
 * `next()` and reads the current token's fields, so scanning allocates only the strings a token
 * carries (identifier names, literal values).
 *
 * Lines are counted at '\n' only (as `caretLines` does), columns in UTF-16 code units, both 1-based.
 */
import type { PatternVersion, Position } from './ast.js';
import { PatternError } from './errors.js';

/** Token kinds. Numbers, so the parser's comparisons are cheap. */
export const Tok = {
  EOF: 0,
  /** `[a-zA-Z_][a-zA-Z0-9_]*` that is not a keyword. */
  Identifier: 1,
  /** `[a-zA-Z_][a-zA-Z0-9_-]*` with at least one `-`: only an object type may be one. */
  IdentifierWithHyphen: 2,
  String: 3,
  Integer: 4,
  Float: 5,
  Boolean: 6,
  Timestamp: 7,
  Binary: 8,
  Hex: 9,
  AND: 10,
  OR: 11,
  NOT: 12,
  FOLLOWEDBY: 13,
  LIKE: 14,
  MATCHES: 15,
  ISSUPERSET: 16,
  ISSUBSET: 17,
  EXISTS: 18,
  LAST: 19,
  IN: 20,
  START: 21,
  STOP: 22,
  SECONDS: 23,
  WITHIN: 24,
  REPEATS: 25,
  TIMES: 26,
  /** `=` or `==` */
  EQ: 27,
  /** `!=` or `<>` */
  NEQ: 28,
  LT: 29,
  LE: 30,
  GT: 31,
  GE: 32,
  COLON: 33,
  DOT: 34,
  COMMA: 35,
  LPAREN: 36,
  RPAREN: 37,
  LBRACK: 38,
  RBRACK: 39,
  PLUS: 40,
  MINUS: 41,
  POWER: 42,
  DIVIDE: 43,
  ASTERISK: 44,
} as const;

export type TokenKind = (typeof Tok)[keyof typeof Tok];

/** Keywords are case-sensitive in both versions' grammars (2.0 validator: "keywords must be uppercase"). */
const KEYWORDS_21: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  ['AND', Tok.AND],
  ['OR', Tok.OR],
  ['NOT', Tok.NOT],
  ['FOLLOWEDBY', Tok.FOLLOWEDBY],
  ['LIKE', Tok.LIKE],
  ['MATCHES', Tok.MATCHES],
  ['ISSUPERSET', Tok.ISSUPERSET],
  ['ISSUBSET', Tok.ISSUBSET],
  ['EXISTS', Tok.EXISTS],
  ['LAST', Tok.LAST],
  ['IN', Tok.IN],
  ['START', Tok.START],
  ['STOP', Tok.STOP],
  ['SECONDS', Tok.SECONDS],
  ['true', Tok.Boolean],
  ['false', Tok.Boolean],
  ['WITHIN', Tok.WITHIN],
  ['REPEATS', Tok.REPEATS],
  ['TIMES', Tok.TIMES],
]);

/** The 2.0 grammar has no EXISTS keyword, so there `EXISTS` is an identifier. */
const KEYWORDS_20: ReadonlyMap<string, TokenKind> = new Map([...KEYWORDS_21].filter(([word]) => word !== 'EXISTS'));

/** How a token kind is named in "expected …" messages. */
export function describeTokenKind(kind: TokenKind): string {
  return TOKEN_NAMES[kind];
}

const TOKEN_NAMES: Record<TokenKind, string> = {
  [Tok.EOF]: 'end of pattern',
  [Tok.Identifier]: 'an identifier',
  [Tok.IdentifierWithHyphen]: 'an identifier',
  [Tok.String]: 'a string literal',
  [Tok.Integer]: 'an integer literal',
  [Tok.Float]: 'a float literal',
  [Tok.Boolean]: 'a boolean literal',
  [Tok.Timestamp]: 'a timestamp literal',
  [Tok.Binary]: 'a binary literal',
  [Tok.Hex]: 'a hex literal',
  [Tok.AND]: 'AND',
  [Tok.OR]: 'OR',
  [Tok.NOT]: 'NOT',
  [Tok.FOLLOWEDBY]: 'FOLLOWEDBY',
  [Tok.LIKE]: 'LIKE',
  [Tok.MATCHES]: 'MATCHES',
  [Tok.ISSUPERSET]: 'ISSUPERSET',
  [Tok.ISSUBSET]: 'ISSUBSET',
  [Tok.EXISTS]: 'EXISTS',
  [Tok.LAST]: 'LAST',
  [Tok.IN]: 'IN',
  [Tok.START]: 'START',
  [Tok.STOP]: 'STOP',
  [Tok.SECONDS]: 'SECONDS',
  [Tok.WITHIN]: 'WITHIN',
  [Tok.REPEATS]: 'REPEATS',
  [Tok.TIMES]: 'TIMES',
  [Tok.EQ]: "'='",
  [Tok.NEQ]: "'!='",
  [Tok.LT]: "'<'",
  [Tok.LE]: "'<='",
  [Tok.GT]: "'>'",
  [Tok.GE]: "'>='",
  [Tok.COLON]: "':'",
  [Tok.DOT]: "'.'",
  [Tok.COMMA]: "','",
  [Tok.LPAREN]: "'('",
  [Tok.RPAREN]: "')'",
  [Tok.LBRACK]: "'['",
  [Tok.RBRACK]: "']'",
  [Tok.PLUS]: "'+'",
  [Tok.MINUS]: "'-'",
  [Tok.POWER]: "'^'",
  [Tok.DIVIDE]: "'/'",
  [Tok.ASTERISK]: "'*'",
};

// Character codes used below.
const C_TAB = 0x09;
const C_LF = 0x0a;
const C_CR = 0x0d;
const C_SPACE = 0x20;
const C_BANG = 0x21;
const C_QUOTE = 0x27;
const C_LPAREN = 0x28;
const C_RPAREN = 0x29;
const C_STAR = 0x2a;
const C_PLUS = 0x2b;
const C_COMMA = 0x2c;
const C_MINUS = 0x2d;
const C_DOT = 0x2e;
const C_SLASH = 0x2f;
const C_0 = 0x30;
const C_1 = 0x31;
const C_2 = 0x32;
const C_3 = 0x33;
const C_5 = 0x35;
const C_6 = 0x36;
const C_9 = 0x39;
const C_COLON = 0x3a;
const C_LT = 0x3c;
const C_EQ = 0x3d;
const C_GT = 0x3e;
const C_UPPER_T = 0x54;
const C_UPPER_Z = 0x5a;
const C_LBRACK = 0x5b;
const C_BACKSLASH = 0x5c;
const C_RBRACK = 0x5d;
const C_CARET = 0x5e;
const C_UNDERSCORE = 0x5f;
const C_LOWER_B = 0x62;
const C_LOWER_H = 0x68;
const C_LOWER_T = 0x74;

/** The WS rule of the grammar: ASCII spaces and the listed Unicode space separators. */
function isWhitespace(c: number): boolean {
  if (c === C_SPACE || (c >= C_TAB && c <= C_CR)) return true;
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}

function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= C_UPPER_Z) || c === C_UNDERSCORE;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function isBase64Char(c: number): boolean {
  return isIdentStart(c) ? c !== C_UNDERSCORE : isDigit(c) || c === C_PLUS || c === C_SLASH;
}

/** A scanner over one pattern text. Read the `token*` fields after each `next()`. */
export class Scanner {
  readonly text: string;
  readonly version: PatternVersion;
  private readonly keywords: ReadonlyMap<string, TokenKind>;
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  /** The current token. */
  token: TokenKind = Tok.EOF;
  tokenStart = 0;
  tokenEnd = 0;
  tokenLine = 1;
  tokenColumn = 1;
  tokenEndLine = 1;
  tokenEndColumn = 1;
  /** Identifier name, unescaped string value, or the text between the quotes of t'', b'', h''. */
  tokenValue = '';
  /** Value of Integer, Float and Boolean (1 or 0) tokens. */
  tokenNumber = 0;

  /** Where the previous token ended: nodes end there. */
  prevEnd = 0;
  prevEndLine = 1;
  prevEndColumn = 1;

  constructor(text: string, version: PatternVersion) {
    this.text = text;
    this.version = version;
    this.keywords = version === '2.0' ? KEYWORDS_20 : KEYWORDS_21;
  }

  /** The current token's kind (a method, so that the parser's checks are not narrowed across `next()`). */
  kind(): TokenKind {
    return this.token;
  }

  /** The source text of the current token. */
  tokenText(): string {
    return this.text.slice(this.tokenStart, this.tokenEnd);
  }

  tokenStartPosition(): Position {
    return { offset: this.tokenStart, line: this.tokenLine, column: this.tokenColumn };
  }

  prevEndPosition(): Position {
    return { offset: this.prevEnd, line: this.prevEndLine, column: this.prevEndColumn };
  }

  /** The position of any offset at or after the current line start (used for errors inside tokens). */
  positionAt(offset: number): Position {
    let line = this.line;
    let lineStart = this.lineStart;
    // Offsets inside the token being scanned are after the last counted newline, except when
    // `offset` is before it (an error at a literal's opening quote after a newline inside it).
    if (offset < lineStart) {
      line = 1;
      lineStart = 0;
      for (let i = this.text.indexOf('\n'); i !== -1 && i < offset; i = this.text.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
      }
    }
    return { offset, line, column: offset - lineStart + 1 };
  }

  /** Move to the next token, skipping whitespace and comments. */
  next(): void {
    this.prevEnd = this.tokenEnd;
    this.prevEndLine = this.tokenEndLine;
    this.prevEndColumn = this.tokenEndColumn;
    this.skipTrivia();
    const text = this.text;
    const start = this.pos;
    this.tokenStart = start;
    this.tokenLine = this.line;
    this.tokenColumn = start - this.lineStart + 1;
    this.token = start >= text.length ? Tok.EOF : this.scanToken(text.charCodeAt(start));
    this.tokenEnd = this.pos;
    this.tokenEndLine = this.line;
    this.tokenEndColumn = this.pos - this.lineStart + 1;
  }

  private skipTrivia(): void {
    const text = this.text;
    const length = text.length;
    let i = this.pos;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === C_LF) {
        i++;
        this.line++;
        this.lineStart = i;
      } else if (isWhitespace(c)) {
        i++;
      } else if (c === C_SLASH && i + 1 < length && text.charCodeAt(i + 1) === C_STAR) {
        // COMMENT: '/*' .*? '*/'
        const close = text.indexOf('*/', i + 2);
        if (close === -1) {
          this.pos = length;
          this.countNewlines(i, length);
          throw this.error('PATTERN_UNEXPECTED_END', "unterminated comment: expected '*/'", length, ["'*/'"], 'end of pattern');
        }
        this.countNewlines(i + 2, close);
        i = close + 2;
      } else if (c === C_SLASH && i + 1 < length && text.charCodeAt(i + 1) === C_SLASH) {
        // LINE_COMMENT: '//' ~[\r\n]*
        i += 2;
        while (i < length) {
          const d = text.charCodeAt(i);
          if (d === C_LF || d === C_CR) break;
          i++;
        }
      } else {
        break;
      }
    }
    this.pos = i;
  }

  private countNewlines(from: number, to: number): void {
    const text = this.text;
    for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
      this.line++;
      this.lineStart = i + 1;
    }
  }

  private scanToken(c: number): TokenKind {
    const text = this.text;
    const p = this.pos;
    switch (c) {
      case C_LBRACK:
        this.pos = p + 1;
        return Tok.LBRACK;
      case C_RBRACK:
        this.pos = p + 1;
        return Tok.RBRACK;
      case C_LPAREN:
        this.pos = p + 1;
        return Tok.LPAREN;
      case C_RPAREN:
        this.pos = p + 1;
        return Tok.RPAREN;
      case C_COLON:
        this.pos = p + 1;
        return Tok.COLON;
      case C_COMMA:
        this.pos = p + 1;
        return Tok.COMMA;
      case C_STAR:
        this.pos = p + 1;
        return Tok.ASTERISK;
      case C_CARET:
        this.pos = p + 1;
        return Tok.POWER;
      case C_SLASH:
        this.pos = p + 1;
        return Tok.DIVIDE;
      case C_EQ:
        this.pos = text.charCodeAt(p + 1) === C_EQ ? p + 2 : p + 1;
        return Tok.EQ;
      case C_BANG:
        if (text.charCodeAt(p + 1) === C_EQ) {
          this.pos = p + 2;
          return Tok.NEQ;
        }
        throw this.invalidCharacter(p);
      case C_LT: {
        const d = text.charCodeAt(p + 1);
        if (d === C_EQ) {
          this.pos = p + 2;
          return Tok.LE;
        }
        if (d === C_GT) {
          this.pos = p + 2;
          return Tok.NEQ;
        }
        this.pos = p + 1;
        return Tok.LT;
      }
      case C_GT:
        if (text.charCodeAt(p + 1) === C_EQ) {
          this.pos = p + 2;
          return Tok.GE;
        }
        this.pos = p + 1;
        return Tok.GT;
      case C_QUOTE:
        return this.scanString();
      case C_PLUS:
      case C_MINUS: {
        const d = text.charCodeAt(p + 1);
        if (isDigit(d) || (d === C_DOT && isDigit(text.charCodeAt(p + 2)))) return this.scanNumber();
        this.pos = p + 1;
        return c === C_PLUS ? Tok.PLUS : Tok.MINUS;
      }
      case C_DOT:
        if (isDigit(text.charCodeAt(p + 1))) return this.scanNumber();
        this.pos = p + 1;
        return Tok.DOT;
    }
    if (isDigit(c)) return this.scanNumber();
    if (isIdentStart(c)) {
      // t'…', b'…', h'…': the longest-match rule of the lexer makes these one literal token.
      if (text.charCodeAt(p + 1) === C_QUOTE) {
        if (c === C_LOWER_T) return this.scanQuoted(Tok.Timestamp);
        if (c === C_LOWER_B) return this.scanQuoted(Tok.Binary);
        if (c === C_LOWER_H) return this.scanQuoted(Tok.Hex);
      }
      return this.scanIdentifier();
    }
    throw this.invalidCharacter(p);
  }

  private scanIdentifier(): TokenKind {
    const text = this.text;
    const length = text.length;
    const start = this.pos;
    let i = start + 1;
    let hyphen = false;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (isIdentPart(c)) i++;
      else if (c === C_MINUS) {
        hyphen = true;
        i++;
      } else break;
    }
    this.pos = i;
    const word = text.slice(start, i);
    this.tokenValue = word;
    if (hyphen) return Tok.IdentifierWithHyphen;
    const keyword = this.keywords.get(word);
    if (keyword === undefined) return Tok.Identifier;
    if (keyword === Tok.Boolean) this.tokenNumber = word === 'true' ? 1 : 0;
    return keyword;
  }

  /**
   * IntPosLiteral `'+'? ('0' | [1-9][0-9]*)`, IntNegLiteral `'-' (…)`, FloatPosLiteral /
   * FloatNegLiteral `[+-]? [0-9]* '.' [0-9]+`. A leading zero on an integer is an error here
   * rather than two tokens.
   */
  private scanNumber(): TokenKind {
    const text = this.text;
    const start = this.pos;
    let i = start;
    const sign = text.charCodeAt(i);
    if (sign === C_PLUS || sign === C_MINUS) i++;
    const digitsStart = i;
    while (isDigit(text.charCodeAt(i))) i++;
    const digitsEnd = i;
    if (text.charCodeAt(i) === C_DOT && isDigit(text.charCodeAt(i + 1))) {
      i += 2;
      while (isDigit(text.charCodeAt(i))) i++;
      this.pos = i;
      this.tokenNumber = Number(text.slice(start, i));
      return Tok.Float;
    }
    this.pos = i;
    if (digitsEnd - digitsStart > 1 && text.charCodeAt(digitsStart) === C_0) {
      throw this.error(
        'PATTERN_INVALID_LITERAL',
        `invalid integer literal '${clip(text.slice(start, i))}': an integer has no leading zeros`,
        start,
        [],
        text.slice(start, i),
      );
    }
    const value = Number(text.slice(start, i));
    // -0 is 0: integers have no signed zero.
    this.tokenNumber = value === 0 ? 0 : value;
    return Tok.Integer;
  }

  /** StringLiteral: `QUOTE ( ~['\\] | '\\\'' | '\\\\' )* QUOTE` — the only escapes are \' and \\. */
  private scanString(): TokenKind {
    const text = this.text;
    const length = text.length;
    const start = this.pos;
    let i = start + 1;
    let chunkStart = i;
    let value = '';
    for (;;) {
      if (i >= length) {
        this.pos = length;
        throw this.error('PATTERN_UNTERMINATED_LITERAL', 'unterminated string literal', start, ["a closing '"], 'end of pattern');
      }
      const c = text.charCodeAt(i);
      if (c === C_QUOTE) break;
      if (c === C_BACKSLASH) {
        const d = text.charCodeAt(i + 1);
        if (d !== C_QUOTE && d !== C_BACKSLASH) {
          this.pos = i;
          const found = i + 1 < length ? `\\${charText(text, i + 1)}` : '\\';
          throw this.error(
            'PATTERN_INVALID_ESCAPE',
            `invalid escape '${found}' in string literal: only \\' and \\\\ are escapes`,
            i,
            ["\\'", '\\\\'],
            found,
          );
        }
        value += text.slice(chunkStart, i);
        chunkStart = i + 1;
        i += 2;
        continue;
      }
      if (c === C_LF) {
        this.line++;
        this.lineStart = i + 1;
      }
      i++;
    }
    this.tokenValue = chunkStart === start + 1 ? text.slice(chunkStart, i) : value + text.slice(chunkStart, i);
    this.pos = i + 1;
    return Tok.String;
  }

  /** t'…', b'…', h'…': no escapes inside; the content is checked against the lexer rule. */
  private scanQuoted(kind: TokenKind): TokenKind {
    const text = this.text;
    const start = this.pos;
    const open = start + 1;
    const close = text.indexOf("'", open + 1);
    const name = kind === Tok.Timestamp ? 'timestamp' : kind === Tok.Binary ? 'binary' : 'hex';
    if (close === -1) {
      this.pos = text.length;
      this.countNewlines(open, text.length);
      throw this.error('PATTERN_UNTERMINATED_LITERAL', `unterminated ${name} literal`, start, ["a closing '"], 'end of pattern');
    }
    const bad =
      kind === Tok.Timestamp
        ? checkTimestamp(text, open + 1, close)
        : kind === Tok.Binary
          ? checkBase64(text, open + 1, close)
          : checkHex(text, open + 1, close);
    if (bad !== -1) {
      this.pos = close + 1;
      const literal = text.slice(start, close + 1);
      throw this.error('PATTERN_INVALID_LITERAL', `invalid ${name} literal ${clip(literal)}: ${LITERAL_FORMS[name]}`, start, [], literal);
    }
    this.countNewlines(open, close);
    this.tokenValue = text.slice(open + 1, close);
    this.pos = close + 1;
    return kind;
  }

  private invalidCharacter(offset: number): PatternError {
    const found = charText(this.text, offset);
    const code = this.text.codePointAt(offset) ?? 0;
    const shown = code < 0x20 || (code >= 0x7f && code <= 0xa0) ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `'${found}'`;
    return this.error('PATTERN_INVALID_CHARACTER', `invalid character ${shown}`, offset, [], found);
  }

  error(
    code:
      | 'PATTERN_UNEXPECTED_END'
      | 'PATTERN_INVALID_CHARACTER'
      | 'PATTERN_UNTERMINATED_LITERAL'
      | 'PATTERN_INVALID_ESCAPE'
      | 'PATTERN_INVALID_LITERAL',
    detail: string,
    offset: number,
    expected: readonly string[],
    found: string,
  ): PatternError {
    return new PatternError(code, detail, { position: this.positionAt(offset), expected, found, pattern: this.text });
  }
}

const LITERAL_FORMS = {
  timestamp: "expected t'YYYY-MM-DDTHH:MM:SS[.s+]Z' (month 01-12, day 01-31, hour 00-23, minute 00-59, second 00-60)",
  binary: 'expected padded base64 (groups of four of A-Z a-z 0-9 + /, the last may end in = or ==)',
  hex: 'expected pairs of hex digits',
} as const;

/** One character (a whole code point) at `offset`. */
function charText(text: string, offset: number): string {
  const code = text.codePointAt(offset) ?? 0;
  return String.fromCodePoint(code);
}

/** Long token text cut for messages. */
export function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

const TIMESTAMP_DIGITS = [0, 1, 2, 3, 6, 9, 12, 15, 18] as const;

/**
 * TimestampLiteral: `YYYY-MM-DDTHH:MM:SS(.d+)?Z` with month 01-12, day 01-31, hour 00-23,
 * minute 00-59, second 00-60 (both grammars; calendar validity is the validator's job).
 * Returns -1 when valid, else the offset of the first bad character.
 */
function checkTimestamp(text: string, from: number, to: number): number {
  // Fixed part: 0123456789012345678 → "YYYY-MM-DDTHH:MM:SS"
  if (to - from < 20) return from;
  const at = (k: number) => text.charCodeAt(from + k);
  for (const k of TIMESTAMP_DIGITS) if (!isDigit(at(k))) return from + k;
  if (at(4) !== C_MINUS || at(7) !== C_MINUS) return from + 4;
  if (at(10) !== C_UPPER_T) return from + 10;
  if (at(13) !== C_COLON || at(16) !== C_COLON) return from + 13;
  const m1 = at(5);
  const m2 = at(6);
  if (!((m1 === C_0 && m2 !== C_0) || (m1 === C_1 && m2 <= C_2))) return from + 5;
  const d1 = at(8);
  const d2 = at(9);
  if (!((d1 === C_0 && d2 !== C_0) || d1 === C_1 || d1 === C_2 || (d1 === C_3 && d2 <= C_1))) return from + 8;
  const h1 = at(11);
  const h2 = at(12);
  if (!(h1 === C_0 || h1 === C_1 || (h1 === C_2 && h2 <= C_3))) return from + 11;
  if (!isDigit(h2)) return from + 12;
  if (at(14) > C_5 || !isDigit(at(14))) return from + 14;
  const s1 = at(17);
  const s2 = at(18);
  if (!((isDigit(s1) && s1 <= C_5) || (s1 === C_6 && s2 === C_0))) return from + 17;
  let k = from + 19;
  if (text.charCodeAt(k) === C_DOT) {
    k++;
    if (!isDigit(text.charCodeAt(k))) return k;
    while (isDigit(text.charCodeAt(k))) k++;
  }
  if (text.charCodeAt(k) !== C_UPPER_Z) return k;
  return k + 1 === to ? -1 : k + 1;
}

/** BinaryLiteral: one or more groups of four base64 characters, the last may be `xxx=` or `xx==`. */
function checkBase64(text: string, from: number, to: number): number {
  const n = to - from;
  if (n === 0 || n % 4 !== 0) return from;
  for (let i = from; i < to; i++) {
    if (isBase64Char(text.charCodeAt(i))) continue;
    // '=' only as padding: the last character, or the last two.
    if (text.charCodeAt(i) === C_EQ && (i === to - 1 || (i === to - 2 && text.charCodeAt(to - 1) === C_EQ))) continue;
    return i;
  }
  return -1;
}

/** HexLiteral: `TwoHexDigits*` (may be empty). */
function checkHex(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (!isHexDigit(text.charCodeAt(i))) return i;
  return (to - from) % 2 === 0 ? -1 : from;
}

/** A token as `tokenize` lists it. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: Position;
  readonly end: Position;
  /** Identifier name, string value, or the text between the quotes of t'', b'', h''. */
  readonly value?: string;
  /** Value of integer, float and boolean tokens. */
  readonly number?: number;
}

/** All tokens of `text`, ending with an EOF token. Throws PatternError on a lexical error. */
export function tokenize(text: string, version: PatternVersion = '2.1'): Token[] {
  if (typeof text !== 'string') {
    throw new PatternError('PATTERN_INPUT_TYPE', `the pattern is a ${text === null ? 'null' : typeof text}, not a string`, {
      position: { offset: 0, line: 1, column: 1 },
      pattern: '',
      found: text === null ? 'null' : typeof text,
    });
  }
  const scanner = new Scanner(text, version);
  const tokens: Token[] = [];
  for (;;) {
    scanner.next();
    const kind = scanner.token;
    const token: { -readonly [K in keyof Token]: Token[K] } = {
      kind,
      text: scanner.tokenText(),
      start: scanner.tokenStartPosition(),
      end: { offset: scanner.tokenEnd, line: scanner.tokenEndLine, column: scanner.tokenEndColumn },
    };
    if (
      kind === Tok.Identifier ||
      kind === Tok.IdentifierWithHyphen ||
      kind === Tok.String ||
      kind === Tok.Timestamp ||
      kind === Tok.Binary ||
      kind === Tok.Hex
    ) {
      token.value = scanner.tokenValue;
    } else if (kind === Tok.Integer || kind === Tok.Float || kind === Tok.Boolean) {
      token.number = scanner.tokenNumber;
    }
    tokens.push(token);
    if (kind === Tok.EOF) return tokens;
  }
}
