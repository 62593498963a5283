/**
 * The printer: an AST back to canonical pattern text (STIX 2.0 Part 5, STIX 2.1 §9).
 *
 * Canonical text has single spaces around operators and keywords, `[` and `]` with no inner
 * padding, and parentheses only where the tree needs them: an operand that is an operation of the
 * same or a looser operator, and the expression of a qualified observation when that expression is
 * an operation or is itself qualified. For every AST in canonical form `parse(print(ast))` equals
 * `ast` (spans aside).
 */
import type {
  AnyNode,
  ComparisonExpression,
  FloatLiteral,
  IntegerLiteral,
  Literal,
  ObjectPath,
  ObservationExpression,
  ObservationOperator,
  PatternVersion,
  Qualifier,
  SetLiteral,
  StartStopQualifier,
} from './ast.js';
import { PatternError, type PatternErrorCode } from './errors.js';

export interface PrintOptions {
  /**
   * The grammar to write for. Defaults to the Pattern root's version, else '2.1'. Given with a
   * Pattern root it overrides the root's version (e.g. to write a 2.1 tree as 2.0 text).
   */
  readonly version?: PatternVersion;
}

/** Canonical pattern text for a pattern or any part of one. */
export function print(node: AnyNode, options: PrintOptions = {}): string {
  const version = options.version ?? (node.kind === 'pattern' ? node.version : '2.1');
  return new Printer(version).node(node);
}

/** Binding strength of observation operators (STIX 2.1 §9.5: AND, then OR, then FOLLOWEDBY). */
const OBSERVATION_PRECEDENCE: Readonly<Record<ObservationOperator, number>> = { AND: 3, OR: 2, FOLLOWEDBY: 1 };
/** Binding strength of comparison operators inside `[ ]` (AND before OR). */
const COMPARISON_PRECEDENCE: Readonly<Record<'AND' | 'OR', number>> = { AND: 2, OR: 1 };

/**
 * Words the scanner reads as keywords or literals: a property with one of these names must be
 * quoted, and an object type may not be one.
 */
const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
  'EXISTS',
  'true',
  'false',
]);

/** `IdentifierWithoutHyphen` of the grammar: a property name that needs no quotes. */
const PLAIN_PROPERTY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `IdentifierWithHyphen` / `IdentifierWithoutHyphen`: what an object type may be. */
const OBJECT_TYPE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** True when `name` can be written as a bare property name (otherwise it is quoted). */
export function isPlainPropertyName(name: string): boolean {
  return PLAIN_PROPERTY.test(name) && !RESERVED_WORDS.has(name);
}

/** True when `name` can stand as the object type of an object path. */
export function isValidObjectType(name: string): boolean {
  return OBJECT_TYPE.test(name) && !RESERVED_WORDS.has(name);
}

/** `'…'` with `\` and `'` escaped — the only escapes the grammar has. */
export function quoteString(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** An integer as plain digits (never an exponent, even past 1e21). */
export function formatInteger(value: number): string {
  if (!Number.isInteger(value)) throw invalid('PATTERN_INVALID_LITERAL', `an integer literal holds ${value}`, String(value));
  // Integers have no signed zero: the scanner reads `-0` as 0.
  return value === 0 ? '0' : BigInt(value).toString();
}

/**
 * A float with a '.' and no exponent, reading back as the same number: the shortest decimal that
 * round-trips (`Number#toString`), with any exponent written out as digits.
 */
export function formatFloat(value: number): string {
  if (!Number.isFinite(value)) throw invalid('PATTERN_INVALID_LITERAL', `a float literal holds ${value}`, String(value));
  if (Object.is(value, -0)) return '-0.0';
  const negative = value < 0;
  const shortest = String(Math.abs(value));
  const e = shortest.indexOf('e');
  let text: string;
  if (e === -1) {
    text = shortest;
  } else {
    const mantissa = shortest.slice(0, e);
    const exponent = Number(shortest.slice(e + 1));
    const dot = mantissa.indexOf('.');
    const digits = dot === -1 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
    // Position of the decimal point in `digits` once the exponent is applied.
    const point = (dot === -1 ? mantissa.length : dot) + exponent;
    if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
    else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
    else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  if (!text.includes('.')) text += '.0';
  return negative ? `-${text}` : text;
}

class Printer {
  constructor(private readonly version: PatternVersion) {}

  node(node: AnyNode): string {
    switch (node.kind) {
      case 'pattern':
        return this.observation(node.expression);
      case 'observation':
      case 'observation-operation':
      case 'qualified':
        return this.observation(node);
      case 'within':
      case 'repeats':
      case 'start-stop':
        return this.qualifier(node);
      case 'comparison':
      case 'exists':
      case 'comparison-operation':
        return this.comparison(node);
      case 'object-path':
        return this.path(node);
      case 'property':
        return isPlainPropertyName(node.name) ? node.name : quoteString(node.name);
      case 'index':
        return this.index(node.index);
      case 'set':
        return this.set(node);
      default:
        return this.literal(node);
    }
  }

  observation(node: ObservationExpression): string {
    switch (node.kind) {
      case 'observation':
        return `[${this.comparison(node.comparison)}]`;
      case 'observation-operation': {
        if (node.operands.length < 2) throw invalid('PATTERN_INVALID_NODE', `${node.operator} has fewer than two operands`, node.operator);
        const strength = OBSERVATION_PRECEDENCE[node.operator];
        return node.operands
          .map((operand) => {
            const text = this.observation(operand);
            const loose = operand.kind === 'observation-operation' && OBSERVATION_PRECEDENCE[operand.operator] <= strength;
            return loose ? `(${text})` : text;
          })
          .join(` ${node.operator} `);
      }
      case 'qualified': {
        if (node.qualifiers.length === 0) throw invalid('PATTERN_INVALID_NODE', 'a qualified observation has no qualifiers', '');
        const inner = this.observation(node.expression);
        const text = node.expression.kind === 'observation' ? inner : `(${inner})`;
        return `${text} ${node.qualifiers.map((q) => this.qualifier(q)).join(' ')}`;
      }
    }
  }

  qualifier(node: Qualifier): string {
    switch (node.kind) {
      case 'within':
        return `WITHIN ${this.number(node.seconds)} SECONDS`;
      case 'repeats':
        return `REPEATS ${this.number(node.times)} TIMES`;
      case 'start-stop':
        return `START ${this.instant(node.start)} STOP ${this.instant(node.stop)}`;
    }
  }

  /** START/STOP take `t'…'` in 2.1 and a plain string literal in 2.0 (2.0 Part 5 §4.1 grammar). */
  instant(literal: StartStopQualifier['start']): string {
    return this.version === '2.0' ? quoteString(literal.value) : `t${quoteString(literal.value)}`;
  }

  comparison(node: ComparisonExpression): string {
    switch (node.kind) {
      case 'comparison': {
        const value = node.value.kind === 'set' ? this.set(node.value) : this.literal(node.value);
        return `${this.path(node.path)} ${node.negated ? 'NOT ' : ''}${node.operator} ${value}`;
      }
      case 'exists':
        if (this.version === '2.0') throw invalid('PATTERN_NOT_IN_VERSION', 'EXISTS is not part of STIX 2.0 patterning', 'EXISTS');
        // The 2.1 grammar has `EXISTS objectPath` only: there is no NOT before EXISTS.
        if (node.negated) throw invalid('PATTERN_INVALID_NODE', 'the STIX 2.1 grammar has no NOT EXISTS', 'NOT EXISTS');
        return `EXISTS ${this.path(node.path)}`;
      case 'comparison-operation': {
        if (node.operands.length < 2) throw invalid('PATTERN_INVALID_NODE', `${node.operator} has fewer than two operands`, node.operator);
        const strength = COMPARISON_PRECEDENCE[node.operator];
        return node.operands
          .map((operand) => {
            const text = this.comparison(operand);
            const loose = operand.kind === 'comparison-operation' && COMPARISON_PRECEDENCE[operand.operator] <= strength;
            return loose ? `(${text})` : text;
          })
          .join(` ${node.operator} `);
      }
    }
  }

  path(node: ObjectPath): string {
    if (!isValidObjectType(node.objectType)) {
      throw invalid('PATTERN_INVALID_NODE', `${JSON.stringify(node.objectType)} cannot be an object type`, node.objectType);
    }
    const first = node.steps[0];
    if (first === undefined || first.kind !== 'property') {
      throw invalid('PATTERN_INVALID_NODE', 'an object path must start with a property', node.objectType);
    }
    let text = `${node.objectType}:`;
    node.steps.forEach((step, i) => {
      if (step.kind === 'index') text += this.index(step.index);
      else text += `${i === 0 ? '' : '.'}${isPlainPropertyName(step.name) ? step.name : quoteString(step.name)}`;
    });
    return text;
  }

  index(index: number | '*'): string {
    return index === '*' ? '[*]' : `[${formatInteger(index)}]`;
  }

  set(node: SetLiteral): string {
    return `(${node.values.map((v) => this.literal(v)).join(', ')})`;
  }

  number(node: IntegerLiteral | FloatLiteral): string {
    return node.kind === 'integer' ? formatInteger(node.value) : formatFloat(node.value);
  }

  literal(node: Literal): string {
    switch (node.kind) {
      case 'string':
        return quoteString(node.value);
      case 'integer':
      case 'float':
        return this.number(node);
      case 'boolean':
        return node.value ? 'true' : 'false';
      case 'timestamp':
        return `t${quoteString(node.value)}`;
      case 'binary':
        return `b${quoteString(node.value)}`;
      case 'hex':
        return `h${quoteString(node.value)}`;
    }
  }
}

function invalid(code: PatternErrorCode, detail: string, text: string): PatternError {
  return new PatternError(code, detail, { position: { offset: 0, line: 1, column: 1 }, pattern: text });
}
