/**
 * The STIX pattern parser: recursive descent, one function per rule of the grammar
 * (oasis-open/cti-stix2-json-schemas `pattern_grammar/STIXPattern.g4`: master for STIX 2.1 §9,
 * the stix2.0 branch for STIX 2.0 Part 5), producing the canonical AST of ast.ts.
 *
 * Linear time by construction: one token of lookahead, no backtracking, and each left-associative
 * chain (`a OR b OR c …`) is a loop that fills one n-ary node, so a long flat pattern costs no
 * recursion per operand. Recursion happens only at parentheses; their nesting is capped at
 * MAX_NESTING so no input can exhaust the stack.
 */
import type {
  ComparisonExpression,
  ComparisonOperator,
  IntegerLiteral,
  Literal,
  ObjectPath,
  ObservationExpression,
  PathStep,
  Pattern,
  PatternVersion,
  Position,
  Qualifier,
  SetLiteral,
  Span,
  StringLiteral,
  TimestampLiteral,
} from './ast.js';
import { PatternError, type PatternErrorCode } from './errors.js';
import { clip, Scanner, Tok, type TokenKind } from './scanner.js';

export interface ParseOptions {
  /** Which version's grammar to follow; default '2.1'. */
  readonly version?: PatternVersion;
}

/** Parentheses may nest this deep (observation and comparison parentheses together). */
export const MAX_NESTING = 1000;

/**
 * Parse a STIX pattern into its AST. Throws only PatternError: a syntax error (with expected,
 * found and position), PATTERN_TOO_DEEP, or PATTERN_INPUT_TYPE when `text` is not a string.
 */
export function parse(text: string, options?: ParseOptions): Pattern {
  if (typeof text !== 'string') {
    const found = text === null ? 'null' : typeof text;
    throw new PatternError('PATTERN_INPUT_TYPE', `the pattern is a ${found}, not a string`, { position: START, pattern: '', found });
  }
  const version = readVersion(options);
  try {
    return new Parser(text, version).parsePattern();
  } catch (error) {
    // A safety net for a caller that is already deep in its own stack: the nesting cap keeps our
    // recursion small, but it cannot know how much stack is left when parse is called.
    if (error instanceof RangeError) {
      throw new PatternError('PATTERN_TOO_DEEP', 'the pattern is nested too deeply to parse here', { position: START, pattern: text });
    }
    throw error;
  }
}

const START: Position = { offset: 0, line: 1, column: 1 };

function readVersion(options: ParseOptions | undefined): PatternVersion {
  if (options === undefined || options === null || typeof options !== 'object') return '2.1';
  const version: unknown = options.version;
  if (version === undefined || version === '2.1') return '2.1';
  if (version === '2.0') return '2.0';
  throw new PatternError('PATTERN_INPUT_TYPE', `options.version must be '2.0' or '2.1', not ${clip(String(version))}`, {
    position: START,
    pattern: '',
    found: clip(String(version)),
  });
}

const COMPARISON_OPERATORS = 'a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)';
const AFTER_OBSERVATION = ['AND', 'OR', 'FOLLOWEDBY', 'WITHIN', 'REPEATS', 'START'];

class Parser {
  private readonly s: Scanner;
  private readonly text: string;
  private readonly version: PatternVersion;
  private depth = 0;

  constructor(text: string, version: PatternVersion) {
    this.text = text;
    this.version = version;
    this.s = new Scanner(text, version);
    this.s.next();
  }

  // ---------- helpers

  private span(offset: number, line: number, column: number): Span {
    return { start: { offset, line, column }, end: this.s.prevEndPosition() };
  }

  /** The current token's span, after it has been consumed. */
  private tokenSpan(): Span {
    const s = this.s;
    return {
      start: { offset: s.tokenStart, line: s.tokenLine, column: s.tokenColumn },
      end: { offset: s.tokenEnd, line: s.tokenEndLine, column: s.tokenEndColumn },
    };
  }

  private fail(code: PatternErrorCode, detail: string, expected: readonly string[]): never {
    const s = this.s;
    const found = s.kind() === Tok.EOF ? 'end of pattern' : s.tokenText();
    throw new PatternError(code, detail, { position: s.tokenStartPosition(), expected, found, pattern: this.text });
  }

  /** "expected X or Y, found 'Z'" at the current token. */
  private unexpected(expected: readonly string[], hint?: string): never {
    const s = this.s;
    const eof = s.kind() === Tok.EOF;
    const found = eof ? 'end of pattern' : this.quotedToken();
    const detail = `expected ${expected.join(' or ')}, found ${found}${hint ? ` (${hint})` : ''}`;
    return this.fail(eof ? 'PATTERN_UNEXPECTED_END' : 'PATTERN_UNEXPECTED_TOKEN', detail, expected);
  }

  /** The current token for a message: literals already carry their quotes. */
  private quotedToken(): string {
    const text = clip(this.s.tokenText());
    const t = this.s.kind();
    return t === Tok.String || t === Tok.Timestamp || t === Tok.Binary || t === Tok.Hex ? text : `'${text}'`;
  }

  private expect(kind: TokenKind, expected: readonly string[]): void {
    if (this.s.kind() !== kind) this.unexpected(expected);
    this.s.next();
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) {
      this.fail('PATTERN_TOO_DEEP', `parentheses are nested deeper than ${MAX_NESTING} levels`, []);
    }
  }

  // ---------- observation expressions

  /** pattern : observationExpressions EOF */
  parsePattern(): Pattern {
    const s = this.s;
    const offset = s.tokenStart;
    const line = s.tokenLine;
    const column = s.tokenColumn;
    const expression = this.parseObservationExpressions();
    if (s.kind() !== Tok.EOF) this.unexpected(['end of pattern', ...AFTER_OBSERVATION]);
    return { kind: 'pattern', version: this.version, expression, span: this.span(offset, line, column) };
  }

  /** observationExpressions : observationExpressions FOLLOWEDBY observationExpressions | observationExpressionOr */
  private parseObservationExpressions(): ObservationExpression {
    const s = this.s;
    const offset = s.tokenStart;
    const line = s.tokenLine;
    const column = s.tokenColumn;
    const first = this.parseObservationExpressionOr();
    if (s.kind() !== Tok.FOLLOWEDBY) return first;
    const operands = [first];
    while (s.kind() === Tok.FOLLOWEDBY) {
      s.next();
      operands.push(this.parseObservationExpressionOr());
    }
    return { kind: 'observation-operation', operator: 'FOLLOWEDBY', operands, span: this.span(offset, line, column) };
  }

  /** observationExpressionOr : observationExpressionOr OR observationExpressionOr | observationExpressionAnd */
  private parseObservationExpressionOr(): ObservationExpression {
    const s = this.s;
    const offset = s.tokenStart;
    const line = s.tokenLine;
    const column = s.tokenColumn;
    const first = this.parseObservationExpressionAnd();
    if (s.kind() !== Tok.OR) return first;
    const operands = [first];
    while (s.kind() === Tok.OR) {
      s.next();
      operands.push(this.parseObservationExpressionAnd());
    }
    return { kind: 'observation-operation', operator: 'OR', operands, span: this.span(offset, line, column) };
  }

  /** observationExpressionAnd : observationExpressionAnd AND observationExpressionAnd | observationExpression */
  private parseObservationExpressionAnd(): ObservationExpression {
    const s = this.s;
    const offset = s.tokenStart;
    const line = s.tokenLine;
    const column = s.tokenColumn;
    const first = this.parseObservationExpression();
    if (s.kind() !== Tok.AND) return first;
    const operands = [first];
    while (s.kind() === Tok.AND) {
      s.next();
      operands.push(this.parseObservationExpression());
    }
    return { kind: 'observation-operation', operator: 'AND', operands, span: this.span(offset, line, column) };
  }

  /**
   * observationExpression : '[' comparisonExpression ']' | '(' observationExpressions ')'
   *                       | observationExpression (startStopQualifier | withinQualifier | repeatedQualifier)
   * The left recursion on qualifiers is a loop; all qualifiers written after one primary go into
   * one QualifiedObservation.
   */
  private parseObservationExpression(): ObservationExpression {
    const s = this.s;
    const offset = s.tokenStart;
    const line = s.tokenLine;
    const column = s.tokenColumn;
    let expression: ObservationExpression;
    if (s.kind() === Tok.LBRACK) {
      s.next();
      const comparison = this.parseComparisonExpression();
      this.expect(Tok.RBRACK, ["']'", 'AND', 'OR']);
      expression = { kind: 'observation', comparison, span: this.span(offset, line, column) };
    } else if (s.kind() === Tok.LPAREN) {
      this.enter();
      s.next();
      expression = this.parseObservationExpressions();
      this.expect(Tok.RPAREN, ["')'", ...AFTER_OBSERVATION]);
      this.depth--;
    } else {
      return this.unexpected(
        ["'['", "'('"],
        s.kind() === Tok.Identifier || s.kind() === Tok.IdentifierWithHyphen
          ? 'an observation expression is in square brackets'
          : undefined,
      );
    }
    if (s.kind() !== Tok.WITHIN && s.kind() !== Tok.REPEATS && s.kind() !== Tok.START) return expression;
    const qualifiers: Qualifier[] = [];
    for (;;) {
      if (s.kind() === Tok.WITHIN) qualifiers.push(this.parseWithinQualifier());
      else if (s.kind() === Tok.REPEATS) qualifiers.push(this.parseRepeatedQualifier());
      else if (s.kind() === Tok.START) qualifiers.push(this.parseStartStopQualifier());
      else break;
    }
    return { kind: 'qualified', expression, qualifiers, span: this.span(offset, line, column) };
  }

  /** withinQualifier : WITHIN (IntPosLiteral | FloatPosLiteral) SECONDS */
  private parseWithinQualifier(): Qualifier {
    const s = this.s;
    const offset = s.tokenStart;
    const line = s.tokenLine;
    const column = s.tokenColumn;
    s.next();
    if ((s.kind() !== Tok.Integer && s.kind() !== Tok.Float) || this.text.charCodeAt(s.tokenStart) === 0x2d) {
      this.unexpected(['a non-negative integer or float literal']);
    }
    const kind = s.kind() === Tok.Integer ? 'integer' : 'float';
    const seconds = { kind, value: s.tokenNumber, span: this.tokenSpan() } as const;
    s.next();
    this.expect(Tok.SECONDS, ['SECONDS']);
    return { kind: 'within', seconds, span: this.span(offset, line, column) };
  }

  /** repeatedQualifier : REPEATS IntPosLiteral TIMES */
  private parseRepeatedQualifier(): Qualifier {
    const s = this.s;
    const offset = s.tokenStart;
    const line = s.tokenLine;
    const column = s.tokenColumn;
    s.next();
    if (s.kind() !== Tok.Integer || this.text.charCodeAt(s.tokenStart) === 0x2d) this.unexpected(['a non-negative integer literal']);
    const times: IntegerLiteral = { kind: 'integer', value: s.tokenNumber, span: this.tokenSpan() };
    s.next();
    this.expect(Tok.TIMES, ['TIMES']);
    return { kind: 'repeats', times, span: this.span(offset, line, column) };
  }

  /**
   * startStopQualifier : START TimestampLiteral STOP TimestampLiteral   (2.1)
   *                    | START StringLiteral STOP StringLiteral         (2.0)
   */
  private parseStartStopQualifier(): Qualifier {
    const s = this.s;
    const offset = s.tokenStart;
    const line = s.tokenLine;
    const column = s.tokenColumn;
    s.next();
    const start = this.parseStartStopTime();
    this.expect(Tok.STOP, ['STOP']);
    const stop = this.parseStartStopTime();
    return { kind: 'start-stop', start, stop, span: this.span(offset, line, column) };
  }

  private parseStartStopTime(): TimestampLiteral | StringLiteral {
    const s = this.s;
    const want = this.version === '2.1' ? Tok.Timestamp : Tok.String;
    const other = this.version === '2.1' ? Tok.String : Tok.Timestamp;
    if (s.kind() === other) {
      const detail =
        this.version === '2.1'
          ? `expected a timestamp literal t'…', found ${this.quotedToken()} (STIX 2.1 START/STOP take t'…'; plain strings are STIX 2.0)`
          : `expected a string literal '…', found ${this.quotedToken()} (STIX 2.0 START/STOP take plain strings; t'…' is STIX 2.1)`;
      this.fail('PATTERN_NOT_IN_VERSION', detail, [this.version === '2.1' ? 'a timestamp literal' : 'a string literal']);
    }
    if (s.kind() !== want) this.unexpected([this.version === '2.1' ? 'a timestamp literal' : 'a string literal']);
    const literal = { kind: want === Tok.Timestamp ? 'timestamp' : 'string', value: s.tokenValue, span: this.tokenSpan() } as const;
    s.next();
    return literal;
  }

  // ---------- comparison expressions

  /** comparisonExpression : comparisonExpression OR comparisonExpression | comparisonExpressionAnd */
  private parseComparisonExpression(): ComparisonExpression {
    const s = this.s;
    const offset = s.tokenStart;
    const line = s.tokenLine;
    const column = s.tokenColumn;
    const first = this.parseComparisonExpressionAnd();
    if (s.kind() !== Tok.OR) return first;
    const operands = [first];
    while (s.kind() === Tok.OR) {
      s.next();
      operands.push(this.parseComparisonExpressionAnd());
    }
    return { kind: 'comparison-operation', operator: 'OR', operands, span: this.span(offset, line, column) };
  }

  /** comparisonExpressionAnd : comparisonExpressionAnd AND comparisonExpressionAnd | propTest */
  private parseComparisonExpressionAnd(): ComparisonExpression {
    const s = this.s;
    const offset = s.tokenStart;
    const line = s.tokenLine;
    const column = s.tokenColumn;
    const first = this.parsePropTest();
    if (s.kind() !== Tok.AND) return first;
    const operands = [first];
    while (s.kind() === Tok.AND) {
      s.next();
      operands.push(this.parsePropTest());
    }
    return { kind: 'comparison-operation', operator: 'AND', operands, span: this.span(offset, line, column) };
  }

  /**
   * propTest : objectPath NOT? (EQ|NEQ) primitiveLiteral | objectPath NOT? (GT|LT|GE|LE) orderableLiteral
   *          | objectPath NOT? IN setLiteral | objectPath NOT? (LIKE|MATCHES|ISSUBSET|ISSUPERSET) StringLiteral
   *          | '(' comparisonExpression ')' | EXISTS objectPath   (EXISTS: 2.1 only)
   */
  private parsePropTest(): ComparisonExpression {
    const s = this.s;
    const offset = s.tokenStart;
    const line = s.tokenLine;
    const column = s.tokenColumn;
    const token = s.kind();
    if (token === Tok.LPAREN) {
      this.enter();
      s.next();
      const inner = this.parseComparisonExpression();
      this.expect(Tok.RPAREN, ["')'", 'AND', 'OR']);
      this.depth--;
      return inner;
    }
    if (token === Tok.EXISTS) {
      s.next();
      const path = this.parseObjectPath();
      return { kind: 'exists', negated: false, path, span: this.span(offset, line, column) };
    }
    if (token === Tok.NOT) {
      // The 2.1 grammar has `EXISTS objectPath` with no NOT, and NOT elsewhere only between an
      // object path and its operator.
      const position = s.tokenStartPosition();
      s.next();
      if (this.version === '2.0' && s.kind() === Tok.Identifier && s.tokenValue === 'EXISTS') this.existsNotInVersion();
      const hint =
        s.kind() === Tok.EXISTS ? 'the STIX 2.1 grammar has no NOT before EXISTS' : 'NOT goes between the object path and the operator';
      const expected = this.version === '2.1' ? ['an object path', "'('", 'EXISTS'] : ['an object path', "'('"];
      throw new PatternError('PATTERN_UNEXPECTED_TOKEN', `expected ${expected.join(' or ')}, found 'NOT' (${hint})`, {
        position,
        expected,
        found: 'NOT',
        pattern: this.text,
      });
    }
    if (token !== Tok.Identifier && token !== Tok.IdentifierWithHyphen) {
      this.unexpected(this.version === '2.1' ? ['an object path', "'('", 'EXISTS'] : ['an object path', "'('"]);
    }
    if (this.version === '2.0' && token === Tok.Identifier && s.tokenValue === 'EXISTS') {
      // In 2.0 `EXISTS` is an ordinary identifier (an object type, if a ':' follows).
      const mark = s.tokenStartPosition();
      const path = this.tryExistsAsObjectType(mark);
      if (path === undefined) this.existsNotInVersion(mark);
      return this.parsePropTestRest(path, offset, line, column);
    }
    const path = this.parseObjectPath();
    return this.parsePropTestRest(path, offset, line, column);
  }

  /** In 2.0, `EXISTS` followed by ':' is an object type; returns undefined when no ':' follows. */
  private tryExistsAsObjectType(mark: Position): ObjectPath | undefined {
    const s = this.s;
    s.next();
    if (s.kind() !== Tok.COLON) return undefined;
    return this.parseObjectPathAfterType('EXISTS', mark.offset, mark.line, mark.column);
  }

  private existsNotInVersion(position?: Position): never {
    const s = this.s;
    throw new PatternError('PATTERN_NOT_IN_VERSION', 'EXISTS is not part of STIX 2.0 patterning (it was added in STIX 2.1)', {
      position: position ?? s.tokenStartPosition(),
      expected: ['an object path', "'('"],
      found: 'EXISTS',
      pattern: this.text,
    });
  }

  private parsePropTestRest(path: ObjectPath, offset: number, line: number, column: number): ComparisonExpression {
    const s = this.s;
    let negated = false;
    if (s.kind() === Tok.NOT) {
      negated = true;
      s.next();
    }
    let operator: ComparisonOperator;
    let value: Literal | SetLiteral;
    switch (s.kind()) {
      case Tok.EQ:
      case Tok.NEQ:
        operator = s.kind() === Tok.EQ ? '=' : '!=';
        s.next();
        value = this.parsePrimitiveLiteral(false);
        break;
      case Tok.LT:
      case Tok.LE:
      case Tok.GT:
      case Tok.GE:
        operator = s.kind() === Tok.LT ? '<' : s.kind() === Tok.LE ? '<=' : s.kind() === Tok.GT ? '>' : '>=';
        s.next();
        value = this.parsePrimitiveLiteral(true);
        break;
      case Tok.IN:
        operator = 'IN';
        s.next();
        value = this.parseSetLiteral();
        break;
      case Tok.LIKE:
      case Tok.MATCHES:
      case Tok.ISSUBSET:
      case Tok.ISSUPERSET:
        operator =
          s.kind() === Tok.LIKE ? 'LIKE' : s.kind() === Tok.MATCHES ? 'MATCHES' : s.kind() === Tok.ISSUBSET ? 'ISSUBSET' : 'ISSUPERSET';
        s.next();
        if (s.kind() !== Tok.String) this.unexpected(['a string literal'], `${operator} takes a string literal`);
        value = { kind: 'string', value: s.tokenValue, span: this.tokenSpan() };
        s.next();
        break;
      default:
        if (s.kind() === Tok.EXISTS) {
          this.fail(
            'PATTERN_UNEXPECTED_TOKEN',
            `expected ${COMPARISON_OPERATORS}, found 'EXISTS' (EXISTS goes before the object path: EXISTS type:property)`,
            [COMPARISON_OPERATORS],
          );
        }
        return this.unexpected(negated ? [COMPARISON_OPERATORS] : [COMPARISON_OPERATORS, 'NOT']);
    }
    return { kind: 'comparison', path, negated, operator, value, span: this.span(offset, line, column) };
  }

  // ---------- object paths

  /**
   * objectPath : objectType ':' firstPathComponent objectPathComponent?
   * objectType : IdentifierWithoutHyphen | IdentifierWithHyphen
   */
  private parseObjectPath(): ObjectPath {
    const s = this.s;
    const offset = s.tokenStart;
    const line = s.tokenLine;
    const column = s.tokenColumn;
    if (s.kind() !== Tok.Identifier && s.kind() !== Tok.IdentifierWithHyphen) this.unexpected(['an object type']);
    const objectType = s.tokenValue;
    s.next();
    return this.parseObjectPathAfterType(objectType, offset, line, column);
  }

  /**
   * firstPathComponent : IdentifierWithoutHyphen | StringLiteral
   * objectPathComponent : '.' (IdentifierWithoutHyphen | StringLiteral) | '[' (IntPosLiteral | IntNegLiteral | '*') ']'
   */
  private parseObjectPathAfterType(objectType: string, offset: number, line: number, column: number): ObjectPath {
    const s = this.s;
    if (s.kind() !== Tok.COLON) this.unexpected(["':'"], 'an object path is type:property');
    s.next();
    const steps: PathStep[] = [this.parsePropertyName()];
    for (;;) {
      if (s.kind() === Tok.DOT) {
        s.next();
        steps.push(this.parsePropertyName());
      } else if (s.kind() === Tok.LBRACK) {
        const stepOffset = s.tokenStart;
        const stepLine = s.tokenLine;
        const stepColumn = s.tokenColumn;
        s.next();
        let index: number | '*';
        if (s.kind() === Tok.Integer) index = s.tokenNumber;
        else if (s.kind() === Tok.ASTERISK) index = '*';
        else this.unexpected(['an integer', "'*'"]);
        s.next();
        this.expect(Tok.RBRACK, ["']'"]);
        steps.push({ kind: 'index', index, span: this.span(stepOffset, stepLine, stepColumn) });
      } else {
        break;
      }
    }
    return { kind: 'object-path', objectType, steps, span: this.span(offset, line, column) };
  }

  private parsePropertyName(): PathStep {
    const s = this.s;
    if (s.kind() === Tok.Identifier || s.kind() === Tok.String) {
      const step: PathStep = { kind: 'property', name: s.tokenValue, span: this.tokenSpan() };
      s.next();
      return step;
    }
    if (s.kind() === Tok.IdentifierWithHyphen) {
      this.unexpected(['a property name'], `property names may not contain '-' unquoted: write '${clip(s.tokenValue)}'`);
    }
    return this.unexpected(['a property name']);
  }

  // ---------- literals

  /** setLiteral : '(' ')' | '(' primitiveLiteral (',' primitiveLiteral)* ')' */
  private parseSetLiteral(): SetLiteral {
    const s = this.s;
    const offset = s.tokenStart;
    const line = s.tokenLine;
    const column = s.tokenColumn;
    if (s.kind() !== Tok.LPAREN) this.unexpected(["'('"], 'IN takes a set: (a, b, …)');
    s.next();
    const values: Literal[] = [];
    if (s.kind() !== Tok.RPAREN) {
      for (;;) {
        values.push(this.parsePrimitiveLiteral(false));
        if (s.kind() === Tok.RPAREN) break;
        if (s.kind() !== Tok.COMMA) this.unexpected(["','", "')'"]);
        s.next();
      }
    }
    s.next();
    return { kind: 'set', values, span: this.span(offset, line, column) };
  }

  /**
   * primitiveLiteral : orderableLiteral | BoolLiteral
   * orderableLiteral : IntPosLiteral | IntNegLiteral | FloatPosLiteral | FloatNegLiteral | StringLiteral
   *                  | BinaryLiteral | HexLiteral | TimestampLiteral
   */
  private parsePrimitiveLiteral(orderable: boolean): Literal {
    const s = this.s;
    let literal: Literal;
    switch (s.kind()) {
      case Tok.String:
        literal = { kind: 'string', value: s.tokenValue, span: this.tokenSpan() };
        break;
      case Tok.Integer:
        literal = { kind: 'integer', value: s.tokenNumber, span: this.tokenSpan() };
        break;
      case Tok.Float:
        literal = { kind: 'float', value: s.tokenNumber, span: this.tokenSpan() };
        break;
      case Tok.Timestamp:
        literal = { kind: 'timestamp', value: s.tokenValue, span: this.tokenSpan() };
        break;
      case Tok.Binary:
        literal = { kind: 'binary', value: s.tokenValue, span: this.tokenSpan() };
        break;
      case Tok.Hex:
        literal = { kind: 'hex', value: s.tokenValue, span: this.tokenSpan() };
        break;
      case Tok.Boolean:
        if (orderable) this.unexpected(['an orderable literal (number, string, timestamp, binary, hex)'], 'booleans are not ordered');
        literal = { kind: 'boolean', value: s.tokenNumber === 1, span: this.tokenSpan() };
        break;
      default:
        return this.unexpected([orderable ? 'an orderable literal (number, string, timestamp, binary, hex)' : 'a literal']);
    }
    s.next();
    return literal;
  }
}
