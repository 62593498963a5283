/**
 * The STIX pattern AST (STIX 2.0 Part 5, STIX 2.1 §9). Every node the parser makes carries its
 * source span; nodes made by the builder have none. The shape is canonical: parentheses are not
 * nodes (the printer puts them back where precedence needs them), `==` / `<>` are stored as `=` /
 * `!=`, and a chain of the same operator written without parentheses (`[a] AND [b] AND [c]`) is one
 * n-ary node — so trees stay shallow for long patterns and `parse(print(ast))` equals `ast`.
 */

export type PatternVersion = '2.0' | '2.1';

/** A place in the pattern text: 0-based UTF-16 offset, 1-based line and column. */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** From `start` (inclusive) to `end` (exclusive). */
export interface Span {
  readonly start: Position;
  readonly end: Position;
}

interface Node {
  /** Where the node is in the parsed text (absent on nodes made in code). */
  readonly span?: Span;
}

/** The root: one observation expression, and the version whose grammar it follows. */
export interface Pattern extends Node {
  readonly kind: 'pattern';
  readonly version: PatternVersion;
  readonly expression: ObservationExpression;
}

// ---------- observation expressions

export type ObservationExpression = Observation | ObservationOperation | QualifiedObservation;

/** `[ comparisonExpression ]` */
export interface Observation extends Node {
  readonly kind: 'observation';
  readonly comparison: ComparisonExpression;
}

/**
 * `a AND b AND c`, `a OR b`, `a FOLLOWEDBY b`: at least two operands, left to right. Precedence,
 * tightest first: AND, OR, FOLLOWEDBY; all left-associative. An operand that is itself an operation
 * of the same or a looser operator stands for a parenthesised expression.
 */
export interface ObservationOperation extends Node {
  readonly kind: 'observation-operation';
  readonly operator: ObservationOperator;
  readonly operands: readonly ObservationExpression[];
}

export type ObservationOperator = 'AND' | 'OR' | 'FOLLOWEDBY';

/**
 * An observation expression with qualifiers written one after the other, e.g.
 * `[a] REPEATS 5 TIMES WITHIN 10 SECONDS`. Qualifiers on a parenthesised, already qualified
 * expression (`([a] REPEATS 2 TIMES) REPEATS 2 TIMES`) are a second QualifiedObservation around
 * the first: the rule "at most one qualifier of each kind" holds per `qualifiers` list.
 */
export interface QualifiedObservation extends Node {
  readonly kind: 'qualified';
  readonly expression: ObservationExpression;
  /** At least one, in the order written. */
  readonly qualifiers: readonly Qualifier[];
}

export type Qualifier = WithinQualifier | RepeatsQualifier | StartStopQualifier;

/** `WITHIN n SECONDS` (n an integer or, in both versions' grammars, a float). */
export interface WithinQualifier extends Node {
  readonly kind: 'within';
  readonly seconds: IntegerLiteral | FloatLiteral;
}

/** `REPEATS n TIMES` */
export interface RepeatsQualifier extends Node {
  readonly kind: 'repeats';
  readonly times: IntegerLiteral;
}

/** `START t'…' STOP t'…'` (2.1) or `START '…' STOP '…'` (2.0: plain strings holding timestamps). */
export interface StartStopQualifier extends Node {
  readonly kind: 'start-stop';
  readonly start: TimestampLiteral | StringLiteral;
  readonly stop: TimestampLiteral | StringLiteral;
}

// ---------- comparison expressions

export type ComparisonExpression = Comparison | ExistsComparison | ComparisonOperation;

/** `a AND b`, `a OR b` inside `[ ]`: at least two operands; AND binds tighter than OR. */
export interface ComparisonOperation extends Node {
  readonly kind: 'comparison-operation';
  readonly operator: 'AND' | 'OR';
  readonly operands: readonly ComparisonExpression[];
}

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

/** `objectPath [NOT] operator value`. */
export interface Comparison extends Node {
  readonly kind: 'comparison';
  readonly path: ObjectPath;
  /** `NOT` written before the operator. */
  readonly negated: boolean;
  readonly operator: ComparisonOperator;
  /** A set for IN; a single literal otherwise. */
  readonly value: Literal | SetLiteral;
}

/** `[NOT] EXISTS objectPath` (2.1 only). */
export interface ExistsComparison extends Node {
  readonly kind: 'exists';
  readonly negated: boolean;
  readonly path: ObjectPath;
}

// ---------- object paths

/** `file:hashes.'SHA-256'`, `network-traffic:dst_ref.value`, `file:extensions.'x'.sections[*].entropy` */
export interface ObjectPath extends Node {
  readonly kind: 'object-path';
  readonly objectType: string;
  /** At least one; the first is a property. */
  readonly steps: readonly PathStep[];
}

export type PathStep = PropertyStep | IndexStep;

/** A property (dictionary key) name; the printer quotes it when it is not a plain identifier. */
export interface PropertyStep extends Node {
  readonly kind: 'property';
  readonly name: string;
}

/** `[0]`, `[-1]` (2.0 grammar) or `[*]` (any element). */
export interface IndexStep extends Node {
  readonly kind: 'index';
  readonly index: number | '*';
}

// ---------- literals

export type Literal = StringLiteral | IntegerLiteral | FloatLiteral | BooleanLiteral | TimestampLiteral | BinaryLiteral | HexLiteral;

/** `'…'`: `value` is the unescaped text (only `\'` and `\\` are escapes). */
export interface StringLiteral extends Node {
  readonly kind: 'string';
  readonly value: string;
}

export interface IntegerLiteral extends Node {
  readonly kind: 'integer';
  readonly value: number;
}

/** Written with a `.` (`1.0`, `-.5`); printed so that it reads back as a float. */
export interface FloatLiteral extends Node {
  readonly kind: 'float';
  readonly value: number;
}

export interface BooleanLiteral extends Node {
  readonly kind: 'boolean';
  readonly value: boolean;
}

/** `t'2016-01-01T00:00:00Z'`: `value` is the text between the quotes. */
export interface TimestampLiteral extends Node {
  readonly kind: 'timestamp';
  readonly value: string;
}

/** `b'…'`: `value` is the base64 text between the quotes. */
export interface BinaryLiteral extends Node {
  readonly kind: 'binary';
  readonly value: string;
}

/** `h'…'`: `value` is the hex text between the quotes, as written. */
export interface HexLiteral extends Node {
  readonly kind: 'hex';
  readonly value: string;
}

/** `( a, b, … )` after IN; may be empty. */
export interface SetLiteral extends Node {
  readonly kind: 'set';
  readonly values: readonly Literal[];
}

export type AnyNode = Pattern | ObservationExpression | Qualifier | ComparisonExpression | ObjectPath | PathStep | Literal | SetLiteral;
