/**
 * A typed builder for STIX patterns (STIX 2.0 Part 5, STIX 2.1 §9):
 *
 *     pattern(or(
 *       observe(equals('ipv4-addr:value', '198.51.100.1')),
 *       observe(isSubset('ipv4-addr:value', '203.0.113.0/24')),
 *     )).toString()
 *     // "[ipv4-addr:value = '198.51.100.1'] OR [ipv4-addr:value ISSUBSET '203.0.113.0/24']"
 *
 * Every function returns a frozen AST node (no span) whose `toString()` prints it. The tree is
 * built exactly as written: `and(and(a, b), c)` is printed `(a AND b) AND c`; pass all operands
 * to one call (`and(a, b, c)`) for a flat chain. Nonsense is refused with a PatternError:
 * PATTERN_INVALID_LITERAL for a value no literal can hold, PATTERN_INVALID_NODE for a bad path,
 * operand list, qualifier or operator/value pairing, PATTERN_NOT_IN_VERSION for EXISTS in 2.0.
 */
import type {
  BinaryLiteral,
  BooleanLiteral,
  Comparison,
  ComparisonExpression,
  ComparisonOperation,
  ComparisonOperator,
  ExistsComparison,
  FloatLiteral,
  HexLiteral,
  IndexStep,
  IntegerLiteral,
  Literal,
  ObjectPath,
  Observation,
  ObservationExpression,
  ObservationOperation,
  PathStep,
  Pattern,
  PatternVersion,
  PropertyStep,
  QualifiedObservation,
  Qualifier,
  RepeatsQualifier,
  SetLiteral,
  StartStopQualifier,
  StringLiteral,
  TimestampLiteral,
  WithinQualifier,
} from './ast.js';
import { parseAddressOrCidr } from './cidr-syntax.js';
import { PatternError, type PatternErrorCode } from './errors.js';
import { isValidObjectType, print } from './printer.js';
import { compareTimestamps, timestampProblem } from './timestamp-syntax.js';

/** A JS value or a literal node: strings, numbers (integer or float by value), booleans, Dates, bytes. */
export type LiteralInput = Literal | string | number | bigint | boolean | Date | Uint8Array;
/** An object path as text (`'file:hashes.SHA-256'`) or a node. */
export type PathInput = ObjectPath | string;
/** A timestamp as RFC 3339 text in UTC (`2016-01-01T00:00:00Z`), a Date or a literal node. */
export type TimestampInput = TimestampLiteral | StringLiteral | string | Date;

// ---------- patterns and observation expressions

export interface PatternOptions {
  /** The grammar the pattern follows; default '2.1'. */
  readonly version?: PatternVersion;
}

/**
 * The root. A comparison is wrapped in `[ ]`. START/STOP literals are converted to the version's
 * form (strings in 2.0, `t'…'` in 2.1); EXISTS is refused in 2.0.
 */
export function pattern(expression: ObservationExpression | ComparisonExpression, options: PatternOptions = {}): Pattern {
  const version = options.version ?? '2.1';
  if (version !== '2.0' && version !== '2.1') throw invalid('PATTERN_INVALID_NODE', `unknown pattern version ${String(version)}`, '');
  const observation = isObservationExpression(expression) ? expression : observe(expression);
  return freeze<Pattern>({ kind: 'pattern', version, expression: forVersion(observation, version) });
}

/** `[comparison]` */
export function observe(comparison: ComparisonExpression): Observation {
  if (!isComparisonExpression(comparison))
    throw invalid('PATTERN_INVALID_NODE', 'observe() takes a comparison expression', kindOf(comparison));
  return freeze<Observation>({ kind: 'observation', comparison });
}

/** `a AND b AND …`: observation expressions (different observations) or comparisons (inside one `[ ]`). */
export function and(first: ObservationExpression, second: ObservationExpression, ...rest: ObservationExpression[]): ObservationOperation;
export function and(first: ComparisonExpression, second: ComparisonExpression, ...rest: ComparisonExpression[]): ComparisonOperation;
/** With a list of unknown length: one operand is returned as it is; none is an error. */
export function and(...operands: ObservationExpression[]): ObservationExpression;
export function and(...operands: ComparisonExpression[]): ComparisonExpression;
export function and(...operands: (ObservationExpression | ComparisonExpression)[]): ObservationExpression | ComparisonExpression {
  return operation('AND', operands);
}

/** `a OR b OR …`: observation expressions or comparisons. */
export function or(first: ObservationExpression, second: ObservationExpression, ...rest: ObservationExpression[]): ObservationOperation;
export function or(first: ComparisonExpression, second: ComparisonExpression, ...rest: ComparisonExpression[]): ComparisonOperation;
export function or(...operands: ObservationExpression[]): ObservationExpression;
export function or(...operands: ComparisonExpression[]): ComparisonExpression;
export function or(...operands: (ObservationExpression | ComparisonExpression)[]): ObservationExpression | ComparisonExpression {
  return operation('OR', operands);
}

/** `a FOLLOWEDBY b FOLLOWEDBY …` (observation expressions only). */
export function followedBy(
  first: ObservationExpression,
  second: ObservationExpression,
  ...rest: ObservationExpression[]
): ObservationOperation;
export function followedBy(...operands: ObservationExpression[]): ObservationExpression;
export function followedBy(...operands: ObservationExpression[]): ObservationExpression {
  if (operands.some((o) => !isObservationExpression(o))) {
    throw invalid('PATTERN_INVALID_NODE', 'FOLLOWEDBY joins observation expressions; wrap comparisons in observe()', 'FOLLOWEDBY');
  }
  return operation('FOLLOWEDBY', operands) as ObservationExpression;
}

function operation(operator: 'AND' | 'OR' | 'FOLLOWEDBY', operands: readonly (ObservationExpression | ComparisonExpression)[]) {
  if (operands.length === 0) throw invalid('PATTERN_INVALID_NODE', `${operator} needs at least one operand`, operator);
  if (operands.length === 1) return operands[0]!;
  if (operands.every(isObservationExpression)) {
    return freeze<ObservationOperation>({ kind: 'observation-operation', operator, operands: Object.freeze([...operands]) });
  }
  if (operator !== 'FOLLOWEDBY' && operands.every(isComparisonExpression)) {
    return freeze<ComparisonOperation>({ kind: 'comparison-operation', operator, operands: Object.freeze([...operands]) });
  }
  throw invalid(
    'PATTERN_INVALID_NODE',
    `${operator} mixes observation expressions and comparisons; wrap comparisons in observe()`,
    operator,
  );
}

/** `expr WITHIN n SECONDS`; n > 0 (an integer, or a float when not whole). */
export function within(expression: ObservationExpression, seconds: number | IntegerLiteral | FloatLiteral): QualifiedObservation {
  const literal = typeof seconds === 'number' ? number(seconds) : seconds;
  if ((literal.kind !== 'integer' && literal.kind !== 'float') || !(literal.value > 0) || !Number.isFinite(literal.value)) {
    throw invalid('PATTERN_INVALID_NODE', 'WITHIN takes a number of seconds greater than 0', String(literal.value));
  }
  return qualify(expression, freeze<WithinQualifier>({ kind: 'within', seconds: literal }));
}

/** `expr REPEATS n TIMES`; n a whole number ≥ 1. */
export function repeats(expression: ObservationExpression, times: number | IntegerLiteral): QualifiedObservation {
  const value = typeof times === 'number' ? times : times.value;
  if (!Number.isSafeInteger(value) || value < 1) throw invalid('PATTERN_INVALID_NODE', 'REPEATS takes a whole number ≥ 1', String(value));
  return qualify(expression, freeze<RepeatsQualifier>({ kind: 'repeats', times: integer(value) }));
}

/** `expr START t'…' STOP t'…'`; start must be earlier than stop (stop is exclusive). */
export function startStop(expression: ObservationExpression, start: TimestampInput, stop: TimestampInput): QualifiedObservation {
  const from = timestamp(start);
  const to = timestamp(stop);
  if (compareTimestamps(from.value, to.value) >= 0) {
    throw invalid('PATTERN_INVALID_NODE', `START ${from.value} is not earlier than STOP ${to.value}`, to.value);
  }
  return qualify(expression, freeze<StartStopQualifier>({ kind: 'start-stop', start: from, stop: to }));
}

/**
 * Adds a qualifier to the list written after the expression (`[a] REPEATS 5 TIMES WITHIN 10
 * SECONDS`), or, when the expression already has one of that kind, qualifies it as a whole
 * (`([a] WITHIN 5 SECONDS) WITHIN 10 SECONDS`) — at most one of each kind per list.
 */
function qualify(expression: ObservationExpression, qualifier: Qualifier): QualifiedObservation {
  if (!isObservationExpression(expression)) {
    throw invalid('PATTERN_INVALID_NODE', 'qualifiers apply to observation expressions; wrap comparisons in observe()', kindOf(expression));
  }
  if (expression.kind === 'qualified' && expression.qualifiers.every((q) => q.kind !== qualifier.kind)) {
    return freeze<QualifiedObservation>({
      kind: 'qualified',
      expression: expression.expression,
      qualifiers: Object.freeze([...expression.qualifiers, qualifier]),
    });
  }
  return freeze<QualifiedObservation>({ kind: 'qualified', expression, qualifiers: Object.freeze([qualifier]) });
}

// ---------- comparisons

/** `path operator value`, checked against the grammar: which literals each operator takes. */
export function compare(pathInput: PathInput, operator: ComparisonOperator, value: LiteralInput | readonly LiteralInput[]): Comparison {
  const objectPath = toPath(pathInput);
  let operand: Literal | SetLiteral;
  switch (operator) {
    case '=':
    case '!=':
      operand = literal(value as LiteralInput);
      break;
    case '<':
    case '<=':
    case '>':
    case '>=':
      operand = literal(value as LiteralInput);
      if (operand.kind === 'boolean') throw invalid('PATTERN_INVALID_NODE', `${operator} does not take a boolean`, String(operand.value));
      break;
    case 'IN':
      operand = set(value as readonly LiteralInput[]);
      break;
    case 'LIKE':
    case 'MATCHES':
    case 'ISSUBSET':
    case 'ISSUPERSET':
      operand = literal(value as LiteralInput);
      if (operand.kind !== 'string') throw invalid('PATTERN_INVALID_NODE', `${operator} takes a string literal`, operand.kind);
      if (operator === 'ISSUBSET' || operator === 'ISSUPERSET') checkNetwork(operand.value);
      break;
    default:
      throw invalid('PATTERN_INVALID_NODE', `unknown comparison operator ${String(operator)}`, String(operator));
  }
  return freeze<Comparison>({ kind: 'comparison', path: objectPath, negated: false, operator, value: operand });
}

export const equals = (path: PathInput, value: LiteralInput): Comparison => compare(path, '=', value);
export const notEquals = (path: PathInput, value: LiteralInput): Comparison => compare(path, '!=', value);
export const lessThan = (path: PathInput, value: LiteralInput): Comparison => compare(path, '<', value);
export const lessThanOrEqual = (path: PathInput, value: LiteralInput): Comparison => compare(path, '<=', value);
export const greaterThan = (path: PathInput, value: LiteralInput): Comparison => compare(path, '>', value);
export const greaterThanOrEqual = (path: PathInput, value: LiteralInput): Comparison => compare(path, '>=', value);
/** `path IN (v1, v2, …)`; the values must be of one kind (integers and floats mix). */
export const isIn = (path: PathInput, values: readonly LiteralInput[] | SetLiteral): Comparison =>
  compare(path, 'IN', Array.isArray(values) ? values : (values as SetLiteral).values);
/** `path LIKE 'pattern'` (`%` any run, `_` one character). */
export const like = (path: PathInput, value: string | StringLiteral): Comparison => compare(path, 'LIKE', value);
/** `path ISSUBSET 'cidr'` (an IPv4 or IPv6 address or network). */
export const isSubset = (path: PathInput, cidr: string | StringLiteral): Comparison => compare(path, 'ISSUBSET', cidr);
/** `path ISSUPERSET 'cidr'` */
export const isSuperset = (path: PathInput, cidr: string | StringLiteral): Comparison => compare(path, 'ISSUPERSET', cidr);

/**
 * `path MATCHES 'regex'`. A RegExp gives its source; its i, m and s flags become a PCRE inline
 * group (`(?i)…`); g, y and d mean nothing for a test and are dropped; other flags are refused.
 */
export function matches(path: PathInput, regex: string | StringLiteral | RegExp): Comparison {
  if (!(regex instanceof RegExp)) return compare(path, 'MATCHES', regex);
  const inline = [...regex.flags].filter((f) => 'ims'.includes(f)).join('');
  const other = [...regex.flags].filter((f) => !'imsgyd'.includes(f));
  if (other.length > 0) throw invalid('PATTERN_INVALID_NODE', `the RegExp flag ${other[0]} has no PCRE equivalent`, regex.flags);
  return compare(path, 'MATCHES', inline === '' ? regex.source : `(?${inline})${regex.source}`);
}

/** `EXISTS path` (STIX 2.1 only; pattern() refuses it for 2.0; there is no NOT EXISTS). */
export function exists(pathInput: PathInput): ExistsComparison {
  return freeze<ExistsComparison>({ kind: 'exists', negated: false, path: toPath(pathInput) });
}

/**
 * `NOT` on one comparison (`path NOT = v`); applied twice it cancels. There is no NOT over an
 * AND/OR group in the grammar, and rewriting by De Morgan would change the meaning (a NOT
 * comparison on a missing property is false, not true), so that is refused; so is `NOT EXISTS`,
 * which the 2.1 grammar does not have (`propTest: … | EXISTS objectPath`).
 */
export function not(comparison: Comparison): Comparison {
  const kind: string = kindOf(comparison);
  if (kind === 'exists') throw invalid('PATTERN_INVALID_NODE', 'the STIX 2.1 grammar has no NOT EXISTS', 'NOT EXISTS');
  if (kind !== 'comparison') {
    throw invalid('PATTERN_INVALID_NODE', 'NOT applies to a single comparison, not to an AND/OR group', kindOf(comparison));
  }
  return freeze<Comparison>({ ...comparison, negated: !comparison.negated });
}

// ---------- object paths

/**
 * An object path, from text or from parts:
 *
 *     path('file:hashes.SHA-256')                 // keys split at '.', no quotes needed
 *     path("file:extensions.'a.b'.sections[*].entropy")   // quote keys holding '.', '[' or "'"
 *     path('file', 'hashes', 'SHA-256')            // object type, then keys and indexes
 *     path('file', 'sections', '*', 'entropy')     // '*' or a number is an index step
 */
export function path(text: string): ObjectPath;
export function path(objectType: string, ...steps: readonly [string, ...(string | number)[]]): ObjectPath;
export function path(first: string, ...steps: readonly (string | number)[]): ObjectPath {
  if (typeof first !== 'string') throw invalid('PATTERN_INVALID_NODE', 'an object path is a string', String(first));
  if (steps.length === 0) return parsePathText(first);
  checkObjectType(first, first);
  const parts: PathStep[] = steps.map((step) => {
    if (typeof step === 'number' || step === '*') return indexStep(step, String(step));
    if (typeof step !== 'string') throw invalid('PATTERN_INVALID_NODE', 'a path step is a string or an index', String(step));
    return propertyStep(step);
  });
  return objectPath(first, parts, first);
}

function parsePathText(text: string): ObjectPath {
  const colon = text.indexOf(':');
  if (colon === -1) throw invalid('PATTERN_INVALID_NODE', "an object path needs ':' after the object type", text);
  const objectType = text.slice(0, colon);
  checkObjectType(objectType, text);
  const steps: PathStep[] = [];
  let i = colon + 1;
  const fail = (at: number, what: string): never => {
    throw invalid('PATTERN_INVALID_NODE', what, text, at);
  };
  while (i < text.length || steps.length === 0) {
    const c = text[i];
    if (c === '[') {
      const close = text.indexOf(']', i);
      if (close === -1) fail(i, "an index step is not closed with ']'");
      const inner = text.slice(i + 1, close);
      if (inner !== '*' && !/^-?(0|[1-9][0-9]*)$/.test(inner)) fail(i + 1, 'an index is a whole number or *');
      steps.push(indexStep(inner === '*' ? '*' : Number(inner), text));
      i = close + 1;
      continue;
    }
    if (steps.length > 0) {
      if (c !== '.') fail(i, "expected '.' or '[' between path steps");
      i++;
    }
    if (text[i] === "'") {
      let name = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== "'"; j++) {
        if (text[j] === '\\') {
          if (text[j + 1] !== "'" && text[j + 1] !== '\\') fail(j, "a backslash in a quoted key must be followed by ' or \\");
          j++;
        }
        name += text[j];
      }
      if (j >= text.length) fail(i, 'a quoted key is not closed');
      steps.push(propertyStep(name));
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && text[j] !== '.' && text[j] !== '[' && text[j] !== "'") j++;
      if (j === i) fail(i, 'a path step is empty');
      steps.push(propertyStep(text.slice(i, j)));
      i = j;
    }
  }
  return objectPath(objectType, steps, text);
}

function objectPath(objectType: string, steps: PathStep[], text: string): ObjectPath {
  if (steps[0]?.kind !== 'property') throw invalid('PATTERN_INVALID_NODE', 'an object path starts with a property, not an index', text);
  return freeze<ObjectPath>({ kind: 'object-path', objectType, steps: Object.freeze(steps) });
}

function checkObjectType(objectType: string, text: string): void {
  if (!isValidObjectType(objectType)) {
    throw invalid('PATTERN_INVALID_NODE', `${JSON.stringify(objectType)} is not an object type (letters, digits, '_', '-')`, text);
  }
}

function propertyStep(name: string): PropertyStep {
  return freeze<PropertyStep>({ kind: 'property', name });
}

function indexStep(index: number | '*', text: string): IndexStep {
  if (index !== '*' && !Number.isSafeInteger(index)) throw invalid('PATTERN_INVALID_NODE', 'an index is a whole number or *', text);
  return freeze<IndexStep>({ kind: 'index', index: Object.is(index, -0) ? 0 : index });
}

function toPath(input: PathInput): ObjectPath {
  if (typeof input === 'string') return parsePathText(input);
  if (isNode(input) && input.kind === 'object-path') return input;
  throw invalid('PATTERN_INVALID_NODE', 'an object path is a string or an object-path node', kindOf(input));
}

// ---------- literals

/** A JS value as a literal: string → string, whole number → integer, other number → float, boolean, Date → timestamp, bytes → binary. */
export function literal(value: LiteralInput): Literal {
  switch (typeof value) {
    case 'string':
      return string(value);
    case 'number':
      return number(value);
    case 'bigint':
      return integer(value);
    case 'boolean':
      return boolean(value);
  }
  if (value instanceof Date) return timestamp(value);
  if (value instanceof Uint8Array) return binary(value);
  if (isNode(value) && LITERAL_KINDS.has(value.kind)) return value;
  throw invalid('PATTERN_INVALID_LITERAL', 'no literal holds this value', kindOf(value));
}

/** An integer literal for a whole number, a float literal otherwise. */
export function number(value: number): IntegerLiteral | FloatLiteral {
  checkFinite(value);
  return Number.isInteger(value) ? integer(value) : float(value);
}

export function integer(value: number | bigint): IntegerLiteral {
  let n: number;
  if (typeof value === 'bigint') {
    n = Number(value);
    if (BigInt(n) !== value) throw invalid('PATTERN_INVALID_LITERAL', 'the integer cannot be held exactly in a number', String(value));
  } else {
    checkFinite(value);
    if (!Number.isInteger(value)) throw invalid('PATTERN_INVALID_LITERAL', `${value} is not a whole number`, String(value));
    n = value;
  }
  return freeze<IntegerLiteral>({ kind: 'integer', value: Object.is(n, -0) ? 0 : n });
}

/** A float literal (printed with a '.', e.g. `float(1)` is `1.0`). */
export function float(value: number): FloatLiteral {
  checkFinite(value);
  return freeze<FloatLiteral>({ kind: 'float', value });
}

export function string(value: string): StringLiteral {
  if (typeof value !== 'string') throw invalid('PATTERN_INVALID_LITERAL', 'a string literal holds a string', String(value));
  return freeze<StringLiteral>({ kind: 'string', value });
}

export function boolean(value: boolean): BooleanLiteral {
  if (typeof value !== 'boolean') throw invalid('PATTERN_INVALID_LITERAL', 'a boolean literal holds true or false', String(value));
  return freeze<BooleanLiteral>({ kind: 'boolean', value });
}

/** `t'…'` from RFC 3339 UTC text or a Date (millisecond precision). The date must exist on the calendar. */
export function timestamp(value: TimestampInput): TimestampLiteral {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid('PATTERN_INVALID_LITERAL', 'the Date is invalid', 'Invalid Date');
    return timestamp(value.toISOString());
  }
  const text =
    typeof value === 'string' ? value : isNode(value) && (value.kind === 'timestamp' || value.kind === 'string') ? value.value : undefined;
  if (text === undefined) throw invalid('PATTERN_INVALID_LITERAL', 'a timestamp is a string, a Date or a literal', kindOf(value));
  const problem = timestampProblem(text);
  if (problem !== undefined) throw invalid('PATTERN_INVALID_LITERAL', problem, text);
  return freeze<TimestampLiteral>({ kind: 'timestamp', value: text });
}

/** The grammar's BinaryLiteral body: at least one group of four, the last may be padded. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;

/** `b'…'` from bytes or from base64 text (padded, standard alphabet). */
export function binary(value: Uint8Array | string): BinaryLiteral {
  const text = typeof value === 'string' ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (typeof text !== 'string' || !BASE64.test(text))
    throw invalid('PATTERN_INVALID_LITERAL', "not padded base64 text (b'' may not be empty)", String(text));
  return freeze<BinaryLiteral>({ kind: 'binary', value: text });
}

/** `h'…'` from bytes (lower case) or hex text (pairs of hex digits, kept as written). */
export function hex(value: Uint8Array | string): HexLiteral {
  const text = typeof value === 'string' ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  if (typeof text !== 'string' || !/^(?:[0-9A-Fa-f]{2})*$/.test(text))
    throw invalid('PATTERN_INVALID_LITERAL', 'not pairs of hex digits', String(text));
  return freeze<HexLiteral>({ kind: 'hex', value: text });
}

/** `(a, b, …)` for IN: one kind of literal (integers and floats mix), never a boolean-and-string jumble. */
export function set(values: readonly LiteralInput[]): SetLiteral {
  if (!Array.isArray(values)) throw invalid('PATTERN_INVALID_NODE', 'IN takes a list of values', kindOf(values));
  const literals = values.map((v: LiteralInput) => literal(v));
  const kinds = new Set(literals.map((l) => (l.kind === 'float' ? 'integer' : l.kind)));
  if (kinds.size > 1) throw invalid('PATTERN_INVALID_NODE', `a set mixes ${[...kinds].join(' and ')} values`, [...kinds].join(', '));
  return freeze<SetLiteral>({ kind: 'set', values: Object.freeze(literals) });
}

// ---------- helpers

const LITERAL_KINDS: ReadonlySet<string> = new Set(['string', 'integer', 'float', 'boolean', 'timestamp', 'binary', 'hex']);
const OBSERVATION_KINDS: ReadonlySet<string> = new Set(['observation', 'observation-operation', 'qualified']);
const COMPARISON_KINDS: ReadonlySet<string> = new Set(['comparison', 'exists', 'comparison-operation']);

function isNode(value: unknown): value is { readonly kind: string } & Record<string, unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

function isObservationExpression(value: unknown): value is ObservationExpression {
  return isNode(value) && OBSERVATION_KINDS.has(value.kind);
}

function isComparisonExpression(value: unknown): value is ComparisonExpression {
  return isNode(value) && COMPARISON_KINDS.has(value.kind);
}

function kindOf(value: unknown): string {
  if (isNode(value)) return value.kind;
  return value === null ? 'null' : typeof value;
}

function checkFinite(value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid('PATTERN_INVALID_LITERAL', 'a number literal must be a finite number', String(value));
  }
}

/** ISSUBSET / ISSUPERSET compare networks (STIX 2.1 §9.7): an IPv4 or IPv6 address, optionally /prefix. */
function checkNetwork(text: string): void {
  const syntax = parseAddressOrCidr(text);
  if (!syntax.valid)
    throw invalid('PATTERN_INVALID_LITERAL', `ISSUBSET and ISSUPERSET take an IP address or CIDR block: ${syntax.reason}`, text);
}

/** Rewrites START/STOP literals to the version's form and refuses EXISTS in 2.0; shares unchanged subtrees. */
function forVersion(expression: ObservationExpression, version: PatternVersion): ObservationExpression {
  switch (expression.kind) {
    case 'observation':
      if (version === '2.0') refuseExists(expression.comparison);
      return expression;
    case 'observation-operation': {
      const operands = expression.operands.map((o) => forVersion(o, version));
      return operands.every((o, i) => o === expression.operands[i])
        ? expression
        : freeze({ ...expression, operands: Object.freeze(operands) });
    }
    case 'qualified': {
      const inner = forVersion(expression.expression, version);
      const qualifiers = expression.qualifiers.map((q) => {
        if (q.kind !== 'start-stop') return q;
        const kind = version === '2.0' ? 'string' : 'timestamp';
        if (q.start.kind === kind && q.stop.kind === kind) return q;
        return freeze<StartStopQualifier>({
          ...q,
          start: freeze({ kind, value: q.start.value }),
          stop: freeze({ kind, value: q.stop.value }),
        });
      });
      const same = inner === expression.expression && qualifiers.every((q, i) => q === expression.qualifiers[i]);
      return same ? expression : freeze({ ...expression, expression: inner, qualifiers: Object.freeze(qualifiers) });
    }
  }
}

function refuseExists(comparison: ComparisonExpression): void {
  if (comparison.kind === 'exists') throw invalid('PATTERN_NOT_IN_VERSION', 'EXISTS is not part of STIX 2.0 patterning', 'EXISTS');
  if (comparison.kind === 'comparison-operation') comparison.operands.forEach(refuseExists);
}

/** Freezes a new node and gives it a non-enumerable `toString()` (deep equality and JSON ignore it). */
function freeze<T extends object>(node: T): T {
  Object.defineProperty(node, 'toString', {
    value(this: Pattern) {
      return print(this);
    },
    enumerable: false,
  });
  return Object.freeze(node);
}

function invalid(code: PatternErrorCode, detail: string, text: string, offset = 0): PatternError {
  return new PatternError(code, detail, { position: { offset, line: 1, column: offset + 1 }, pattern: text });
}
