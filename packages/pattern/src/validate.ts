/**
 * The semantic validator: what STIX 2.0 Part 5 and STIX 2.1 §9 require of a pattern beyond its
 * grammar. validatePattern never throws; a syntax error comes back as one error issue.
 */
import type {
  Comparison,
  ComparisonExpression,
  Literal,
  ObjectPath,
  ObservationExpression,
  Pattern,
  PatternVersion,
  Position,
  Qualifier,
  SetLiteral,
  Span,
  StringLiteral,
  TimestampLiteral,
} from './ast.js';
import { parseAddressOrCidr } from './cidr-syntax.js';
import { PatternError, type PatternErrorCode, PatternErrorCodes } from './errors.js';
import { hashAlgorithmNames, hashValueProblem, lookupHashAlgorithm } from './hashes.js';
import { builtinObjectModel, type PatternObjectModel, type PatternValueType } from './object-model.js';
import { parse } from './parser.js';
import { renderPath } from './path-text.js';
import { regexProblem } from './regex-support.js';
import { compareTimestamps, timestampProblem } from './timestamp-syntax.js';

type Severity = 'error' | 'warning';

/** Any AST node: all carry an optional span. */
type Located = { readonly span?: Span };

/**
 * Every semantic issue the validator reports, with its fixed severity. Syntax errors keep the
 * parser's code (PatternErrorCodes, e.g. PATTERN_UNEXPECTED_TOKEN) and are always errors.
 */
export const PatternIssueCodes = {
  PATTERN_DUPLICATE_QUALIFIER: {
    severity: 'error',
    description: 'An observation expression has two qualifiers of the same kind (WITHIN, REPEATS, START/STOP)',
  },
  PATTERN_START_NOT_BEFORE_STOP: { severity: 'error', description: 'The START timestamp is not earlier than the STOP timestamp' },
  PATTERN_QUALIFIER_VALUE: {
    severity: 'error',
    description: 'WITHIN is not a positive number, REPEATS not a positive integer, or START/STOP not the literal kind of the version',
  },
  PATTERN_INVALID_TIMESTAMP: { severity: 'error', description: 'A timestamp is not a real RFC 3339 UTC date and time' },
  PATTERN_HASH_ALGORITHM: { severity: 'warning', description: 'A hashes key is not in the hashing-algorithm vocabulary of the version' },
  PATTERN_HASH_VALUE: { severity: 'error', description: 'A hash value does not have the format of its algorithm' },
  PATTERN_OPERAND_TYPE: { severity: 'error', description: 'The operator does not take a value of this kind' },
  PATTERN_EMPTY_SET: { severity: 'warning', description: 'IN () has no members, so the comparison never matches' },
  PATTERN_INVALID_CIDR: { severity: 'error', description: 'ISSUBSET / ISSUPERSET value is not an IPv4 or IPv6 address or CIDR block' },
  PATTERN_INVALID_REGEX: { severity: 'error', description: 'A MATCHES regular expression does not compile in the linear-time engine' },
  PATTERN_MIXED_OBJECT_TYPES: {
    severity: 'error',
    description: 'The operands of AND in an observation expression cannot all be satisfied by one object type',
  },
  PATTERN_UNKNOWN_OBJECT_TYPE: { severity: 'warning', description: 'An object type neither defined by the version nor custom (x-)' },
  PATTERN_UNKNOWN_PROPERTY: { severity: 'warning', description: 'A property neither defined for the object type nor custom (x_)' },
  PATTERN_CUSTOM_NAME: {
    severity: 'warning',
    description: 'An object type or property name that breaks the naming rules for custom content (characters, length, prefix)',
  },
  PATTERN_PROPERTY_TYPE: { severity: 'warning', description: 'The value or operator does not suit the type of the property' },
  PATTERN_INTERNAL_ERROR: { severity: 'error', description: 'The validator could not finish (a malformed AST made in code)' },
} as const satisfies Record<string, { readonly severity: Severity; readonly description: string }>;

export type PatternSemanticCode = keyof typeof PatternIssueCodes;
export type PatternIssueCode = PatternSemanticCode | PatternErrorCode;

export interface PatternIssue {
  readonly severity: Severity;
  readonly code: PatternIssueCode;
  readonly message: string;
  /** The node the issue is about (absent for nodes made in code). */
  readonly span?: Span;
  /** Where the issue starts: the span's start, or a syntax error's position. */
  readonly position?: Position;
}

export interface PatternValidation {
  /** No error issues (warnings allowed). */
  readonly valid: boolean;
  /** The AST, when the input parsed (or was an AST). */
  readonly pattern?: Pattern;
  readonly issues: readonly PatternIssue[];
}

export interface ValidatePatternOptions {
  /** Grammar and vocabulary to use; default: the AST's version, or 2.1 for text. */
  readonly version?: PatternVersion;
  /** Object types and properties; default: the 18 SCO type names, no property checks. */
  readonly objectModel?: PatternObjectModel;
}

export function validatePattern(input: string | Pattern, options: ValidatePatternOptions = {}): PatternValidation {
  let pattern: Pattern;
  if (typeof input === 'string') {
    try {
      pattern = parse(input, { version: options.version ?? '2.1' });
    } catch (error) {
      return { valid: false, issues: [syntaxIssue(error)] };
    }
  } else if (typeof input === 'object' && input !== null && (input as { kind?: unknown }).kind === 'pattern') {
    pattern = input;
  } else {
    const issue: PatternIssue = {
      severity: 'error',
      code: 'PATTERN_INPUT_TYPE',
      message: `expected a pattern string or AST, found ${input === null ? 'null' : typeof input}`,
    };
    return { valid: false, issues: [issue] };
  }
  const checker = new Checker(options.version ?? pattern.version, options.objectModel);
  try {
    checker.observationExpression(pattern.expression);
  } catch (error) {
    checker.report('PATTERN_INTERNAL_ERROR', `validation stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
  const issues = checker.issues;
  return { valid: !issues.some((issue) => issue.severity === 'error'), pattern, issues };
}

function syntaxIssue(error: unknown): PatternIssue {
  if (error instanceof PatternError) {
    return { severity: 'error', code: error.code, message: error.message, position: error.position };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { severity: 'error', code: 'PATTERN_INTERNAL_ERROR', message: `the parser failed: ${detail}` };
}

const OBSERVABLE_PREFIX = 'x-';
const PROPERTY_PREFIX = 'x_';
// STIX 2.1 §3.1 / 2.0 Part 1 §2.x: type names a–z, 0–9, '-', 3–250 characters; property names
// a–z, 0–9, '_', 3–250 characters, starting with a letter ('id' is the one shorter name).
const TYPE_NAME = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9-]$/;
const PROPERTY_NAME = /^([a-z][a-z0-9_]{2,249}|id)$/;

type LiteralKind = Literal['kind'];

/** Which property value types a literal of each kind can sensibly be compared with. */
const COMPARABLE: Record<LiteralKind, readonly PatternValueType[]> = {
  string: ['string', 'binary', 'hex', 'reference'],
  integer: ['integer', 'float'],
  float: ['integer', 'float'],
  boolean: ['boolean'],
  timestamp: ['timestamp'],
  binary: ['binary', 'string', 'hex'],
  hex: ['hex', 'binary', 'string'],
};

const ORDERABLE: ReadonlySet<LiteralKind> = new Set(['string', 'integer', 'float', 'timestamp', 'binary', 'hex']);

const describe = (literal: Literal | SetLiteral): string => (literal.kind === 'set' ? 'a set' : `a ${literal.kind} literal`);

class Checker {
  readonly issues: PatternIssue[] = [];
  private readonly model: PatternObjectModel;
  private readonly checkProperties: boolean;

  constructor(
    private readonly version: PatternVersion,
    model: PatternObjectModel | undefined,
  ) {
    this.model = model ?? builtinObjectModel;
    this.checkProperties = model !== undefined;
  }

  report(code: PatternSemanticCode | PatternErrorCode, message: string, node?: Located): void {
    const severity: Severity = code in PatternIssueCodes ? PatternIssueCodes[code as PatternSemanticCode].severity : 'error';
    const span = node?.span;
    this.issues.push(span === undefined ? { severity, code, message } : { severity, code, message, span, position: span.start });
  }

  // ---------- observation expressions

  observationExpression(expression: ObservationExpression): void {
    switch (expression.kind) {
      case 'observation':
        this.comparisonTypes(expression.comparison);
        return;
      case 'observation-operation':
        for (const operand of expression.operands) this.observationExpression(operand);
        return;
      case 'qualified':
        this.observationExpression(expression.expression);
        this.qualifiers(expression.qualifiers);
        return;
      default:
        throw new Error(`unknown observation expression kind '${(expression as { kind: string }).kind}'`);
    }
  }

  private qualifiers(qualifiers: readonly Qualifier[]): void {
    // STIX 2.1 §9.6 / 2.0 Part 5 §3.5: each kind of qualifier at most once per observation expression.
    const seen = new Set<Qualifier['kind']>();
    for (const qualifier of qualifiers) {
      if (seen.has(qualifier.kind)) {
        this.report(
          'PATTERN_DUPLICATE_QUALIFIER',
          `${qualifierName(qualifier)} is given twice for the same observation expression; put parentheses around the first to qualify the qualified expression`,
          qualifier,
        );
      }
      seen.add(qualifier.kind);
      this.qualifier(qualifier);
    }
  }

  private qualifier(qualifier: Qualifier): void {
    switch (qualifier.kind) {
      case 'within': {
        // STIX 2.1 §9.6: WITHIN takes a positive number of seconds.
        const { value } = qualifier.seconds;
        if (!(Number.isFinite(value) && value > 0)) {
          this.report('PATTERN_QUALIFIER_VALUE', `WITHIN needs a positive number of seconds, found ${value}`, qualifier.seconds);
        }
        return;
      }
      case 'repeats': {
        // STIX 2.1 §9.6: REPEATS takes a positive integer.
        const { value } = qualifier.times;
        if (!(Number.isSafeInteger(value) && value >= 1)) {
          this.report('PATTERN_QUALIFIER_VALUE', `REPEATS needs a positive integer, found ${value}`, qualifier.times);
        }
        return;
      }
      case 'start-stop': {
        const start = this.qualifierTimestamp('START', qualifier.start);
        const stop = this.qualifierTimestamp('STOP', qualifier.stop);
        // STIX 2.1 §9.6: the STOP time MUST be later than the START time.
        if (start !== undefined && stop !== undefined && compareTimestamps(start, stop) >= 0) {
          this.report('PATTERN_START_NOT_BEFORE_STOP', `START ${start} is not earlier than STOP ${stop}`, qualifier);
        }
        return;
      }
      default:
        throw new Error(`unknown qualifier kind '${(qualifier as { kind: string }).kind}'`);
    }
  }

  /** The timestamp text of a START/STOP value when it is valid for the version. */
  private qualifierTimestamp(which: 'START' | 'STOP', literal: TimestampLiteral | StringLiteral): string | undefined {
    // 2.0 Part 5 §3.5: START/STOP take string literals holding timestamps; 2.1 §9.6: t'…' literals.
    const wanted = this.version === '2.0' ? 'string' : 'timestamp';
    if (literal.kind !== wanted) {
      const form = wanted === 'string' ? "a string ('…')" : "a timestamp literal (t'…')";
      this.report('PATTERN_QUALIFIER_VALUE', `${which} in STIX ${this.version} takes ${form}, found ${describe(literal)}`, literal);
      return undefined;
    }
    const problem = timestampProblem(literal.value);
    if (problem !== undefined) {
      this.report('PATTERN_INVALID_TIMESTAMP', `${which}: ${problem}`, literal);
      return undefined;
    }
    return literal.value;
  }

  // ---------- comparison expressions

  /**
   * Checks a comparison expression and returns the object types that can satisfy it — for OR the
   * union of its operands', for AND the intersection — or undefined when an AND inside has already
   * been reported as unsatisfiable. STIX 2.1 §9.5 (as clarified by oasis-tcs/cti-stix2#235):
   * all operands of AND in an observation expression MUST be satisfiable by the same object type.
   */
  private comparisonTypes(expression: ComparisonExpression): ReadonlySet<string> | undefined {
    switch (expression.kind) {
      case 'comparison':
        this.comparison(expression);
        return new Set([expression.path.objectType]);
      case 'exists':
        if (this.version === '2.0') {
          this.report('PATTERN_NOT_IN_VERSION', 'EXISTS is not part of STIX 2.0 patterning (it was added in 2.1)', expression);
        }
        this.objectPath(expression.path);
        return new Set([expression.path.objectType]);
      case 'comparison-operation': {
        const operandTypes = expression.operands.map((operand) => this.comparisonTypes(operand));
        if (operandTypes.some((types) => types === undefined)) return undefined;
        const sets = operandTypes as ReadonlySet<string>[];
        if (expression.operator === 'OR') return new Set(sets.flatMap((types) => [...types]));
        const common = new Set([...sets[0]].filter((type) => sets.every((types) => types.has(type))));
        if (common.size === 0) {
          const listed = sets.map((types) => [...types].join(' or ')).join(', ');
          this.report(
            'PATTERN_MIXED_OBJECT_TYPES',
            `the operands of AND compare different object types (${listed}); one object must satisfy all of them — use separate observation expressions ([…] AND […]) for different objects`,
            expression,
          );
          return undefined;
        }
        return common;
      }
      default:
        throw new Error(`unknown comparison expression kind '${(expression as { kind: string }).kind}'`);
    }
  }

  private comparison(comparison: Comparison): void {
    const valueType = this.objectPath(comparison.path);
    const { operator, value } = comparison;
    if (value.kind === 'set') {
      if (operator !== 'IN') {
        this.report('PATTERN_OPERAND_TYPE', `${operator} takes a single literal, found a set`, value);
        return;
      }
      this.set(value);
    } else {
      if (operator === 'IN') {
        this.report('PATTERN_OPERAND_TYPE', `IN takes a set of literals ( … ), found ${describe(value)}`, value);
        return;
      }
      this.literal(value);
    }
    if (!this.operand(comparison)) return;
    this.hashValue(comparison);
    if (valueType !== undefined) this.propertyType(comparison, valueType);
  }

  /** STIX 2.1 §9.7 / 2.0 Part 5 §4.4: which literals each operator takes. False when it does not. */
  private operand(comparison: Comparison): boolean {
    const { operator, value } = comparison;
    switch (operator) {
      case '<':
      case '<=':
      case '>':
      case '>=':
        if (value.kind === 'set' || !ORDERABLE.has(value.kind)) {
          this.report(
            'PATTERN_OPERAND_TYPE',
            `${operator} orders numbers, strings, timestamps and binary values, not ${describe(value)}`,
            value,
          );
          return false;
        }
        return true;
      case 'LIKE':
      case 'MATCHES':
      case 'ISSUBSET':
      case 'ISSUPERSET':
        if (value.kind !== 'string') {
          this.report('PATTERN_OPERAND_TYPE', `${operator} takes a string literal, found ${describe(value)}`, value);
          return false;
        }
        if (operator === 'MATCHES') {
          const problem = regexProblem(value.value);
          if (problem !== undefined) this.report('PATTERN_INVALID_REGEX', `MATCHES: ${problem}`, value);
        } else if (operator === 'ISSUBSET' || operator === 'ISSUPERSET') {
          this.addressOperand(comparison, value);
        }
        return true;
      default:
        return true;
    }
  }

  private addressOperand(comparison: Comparison, value: StringLiteral): void {
    const syntax = parseAddressOrCidr(value.value);
    if (!syntax.valid) {
      this.report(
        'PATTERN_INVALID_CIDR',
        `${comparison.operator} compares IP addresses: '${value.value}' is not an IPv4 or IPv6 address or CIDR block (${syntax.reason})`,
        value,
      );
    }
    // ISSUBSET / ISSUPERSET apply to ipv4-addr / ipv6-addr values, directly or through a reference
    // (network-traffic:dst_ref.value); custom types are left alone.
    const { objectType, steps } = comparison.path;
    const throughReference = steps.some((step) => step.kind === 'property' && (step.name.endsWith('_ref') || step.name.endsWith('_refs')));
    const addressValue =
      (objectType === 'ipv4-addr' || objectType === 'ipv6-addr') &&
      steps.length === 1 &&
      steps[0].kind === 'property' &&
      steps[0].name === 'value';
    if (!throughReference && !addressValue && this.model.typeKnown(objectType, this.version)) {
      this.report(
        'PATTERN_PROPERTY_TYPE',
        `${comparison.operator} compares IP addresses and CIDR blocks; ${renderPath(comparison.path)} is not an address`,
        comparison.path,
      );
    }
  }

  private set(set: SetLiteral): void {
    if (set.values.length === 0) {
      this.report('PATTERN_EMPTY_SET', 'IN () has no members, so it never matches', set);
      return;
    }
    // The set's members are all of one type; integers and floats count as one (numbers).
    const kindOf = (literal: Literal) => (literal.kind === 'float' ? 'integer' : literal.kind);
    const first = kindOf(set.values[0]);
    for (const member of set.values) {
      this.literal(member);
      if (kindOf(member) !== first) {
        this.report(
          'PATTERN_OPERAND_TYPE',
          `the members of an IN set are of one type: ${describe(member)} among ${describe(set.values[0])}s`,
          member,
        );
        return;
      }
    }
  }

  /** Literal contents the grammar cannot see (calendar dates), and hand-made literals. */
  private literal(literal: Literal): void {
    switch (literal.kind) {
      case 'timestamp': {
        const problem = timestampProblem(literal.value);
        if (problem !== undefined) this.report('PATTERN_INVALID_TIMESTAMP', problem, literal);
        return;
      }
      case 'hex':
        if (!/^([0-9a-fA-F]{2})*$/.test(literal.value)) {
          this.report('PATTERN_INVALID_LITERAL', `h'${literal.value}' is not an even number of hexadecimal digits`, literal);
        }
        return;
      case 'binary':
        if (!/^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(literal.value)) {
          this.report('PATTERN_INVALID_LITERAL', `b'${literal.value}' is not base64`, literal);
        }
        return;
      case 'integer':
      case 'float':
        if (!Number.isFinite(literal.value)) this.report('PATTERN_INVALID_LITERAL', `${literal.value} is not a finite number`, literal);
        return;
      default:
        return;
    }
  }

  // ---------- hashes

  /** For `…hashes.'ALG'` paths: the value format of the algorithm, for = / != / IN. */
  private hashValue(comparison: Comparison): void {
    const algorithm = hashAlgorithm(comparison.path);
    if (algorithm === undefined) return;
    const lookup = lookupHashAlgorithm(algorithm, this.version);
    if (lookup.kind !== 'listed' && lookup.kind !== 'variant') return;
    if (comparison.operator !== '=' && comparison.operator !== '!=' && comparison.operator !== 'IN') return;
    const values = comparison.value.kind === 'set' ? comparison.value.values : [comparison.value];
    for (const value of values) {
      if (value.kind !== 'string') {
        this.report('PATTERN_HASH_VALUE', `hash values are strings (the ${lookup.name} digest as text), found ${describe(value)}`, value);
        continue;
      }
      const expected = hashValueProblem(lookup.name, value.value, this.version);
      if (expected !== undefined) {
        this.report('PATTERN_HASH_VALUE', `'${value.value}' is not a valid ${lookup.name} hash: expected ${expected}`, value);
      }
    }
  }

  // ---------- object paths

  /** Checks names along a path; returns the value type the model gives for it, if any. */
  private objectPath(path: ObjectPath): PatternValueType | undefined {
    const { objectType, steps } = path;
    const version = this.version;
    let valueType: PatternValueType | undefined;
    if (this.model.typeKnown(objectType, version)) {
      if (this.checkProperties) valueType = this.properties(path);
    } else {
      this.customName(path);
    }
    const algorithm = hashAlgorithm(path);
    if (algorithm !== undefined) {
      const lookup = lookupHashAlgorithm(algorithm, version);
      const step = steps[steps.length - 1];
      if (lookup.kind === 'variant') {
        this.report(
          'PATTERN_HASH_ALGORITHM',
          `the hash algorithm is spelled '${lookup.name}' in STIX ${version}, not '${algorithm}'`,
          step,
        );
      } else if (lookup.kind === 'unknown') {
        this.report(
          'PATTERN_HASH_ALGORITHM',
          `'${algorithm}' is not in the STIX ${version} hashing-algorithm vocabulary (${hashAlgorithmNames(version).join(', ')}); custom algorithms start with x_`,
          step,
        );
      }
    }
    return valueType;
  }

  /** An object type that the model does not know: custom (x-) or a warning. */
  private customName(path: ObjectPath): void {
    const type = path.objectType;
    if (!TYPE_NAME.test(type)) {
      this.report(
        'PATTERN_CUSTOM_NAME',
        `'${type}' is not a valid object type name: use a–z, 0–9 and '-', 3 to 250 characters${type.startsWith('x_') ? " (custom types start with 'x-', not 'x_')" : ''}`,
        path,
      );
    } else if (!type.startsWith(OBSERVABLE_PREFIX)) {
      this.report(
        'PATTERN_UNKNOWN_OBJECT_TYPE',
        `'${type}' is not a STIX ${this.version} cyber-observable type; custom types start with 'x-'`,
        path,
      );
    }
  }

  private properties(path: ObjectPath): PatternValueType | undefined {
    const { objectType, steps } = path;
    const resolution = this.model.resolvePath(objectType, steps, this.version);
    if (resolution.known) return resolution.valueType;
    const at = resolution.unknownAt ?? 0;
    const step = steps[at];
    if (step === undefined || step.kind !== 'property') return undefined;
    const name = step.name;
    // Custom properties (x_), custom extensions (x-…) and 2.1 extension-definition keys are not
    // the model's to know.
    if (name.startsWith(PROPERTY_PREFIX) || name.startsWith(OBSERVABLE_PREFIX) || name.startsWith('extension-definition--'))
      return undefined;
    if (at === 0 && !PROPERTY_NAME.test(name)) {
      this.report(
        'PATTERN_CUSTOM_NAME',
        `'${name}' is not a valid property name: use a–z, 0–9 and '_', 3 to 250 characters, starting with a letter${name.startsWith('x-') ? " (custom properties start with 'x_')" : ''}`,
        step,
      );
      return undefined;
    }
    const where = at === 0 ? `of ${objectType}` : `at ${renderPath({ ...path, steps: steps.slice(0, at) })}`;
    this.report(
      'PATTERN_UNKNOWN_PROPERTY',
      `'${name}' is not a STIX ${this.version} property ${where}; custom properties start with 'x_'`,
      step,
    );
    return undefined;
  }

  /** With a model that knows the property's type: does the literal or operator suit it? */
  private propertyType(comparison: Comparison, valueType: PatternValueType): void {
    const { operator, value } = comparison;
    const path = renderPath(comparison.path);
    if (valueType === 'dictionary' || valueType === 'object') {
      this.report(
        'PATTERN_PROPERTY_TYPE',
        `${path} is ${valueType === 'dictionary' ? 'a dictionary' : 'an object'}; compare one of its properties`,
        comparison,
      );
      return;
    }
    if ((operator === '<' || operator === '<=' || operator === '>' || operator === '>=') && valueType === 'boolean') {
      this.report('PATTERN_PROPERTY_TYPE', `${path} is a boolean, which has no order; ${operator} never matches`, comparison);
      return;
    }
    if ((operator === 'LIKE' || operator === 'MATCHES') && !(valueType === 'string' || valueType === 'binary' || valueType === 'hex')) {
      this.report('PATTERN_PROPERTY_TYPE', `${operator} matches text, but ${path} is ${article(valueType)}`, comparison);
      return;
    }
    if (operator === 'LIKE' || operator === 'MATCHES' || operator === 'ISSUBSET' || operator === 'ISSUPERSET') return;
    const literals = value.kind === 'set' ? value.values : [value];
    for (const literal of literals) {
      if (COMPARABLE[literal.kind].includes(valueType)) continue;
      const hint = valueType === 'timestamp' ? " (write timestamps as t'…')" : '';
      this.report('PATTERN_PROPERTY_TYPE', `${path} is ${article(valueType)}, compared with ${describe(literal)}${hint}`, literal);
      return;
    }
  }
}

const article = (type: PatternValueType) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function qualifierName(qualifier: Qualifier): string {
  return qualifier.kind === 'within' ? 'WITHIN' : qualifier.kind === 'repeats' ? 'REPEATS' : 'START … STOP';
}

/** The algorithm of a `…hashes.'ALG'` path (hashes as the last-but-one step), if it is one. */
function hashAlgorithm(path: ObjectPath): string | undefined {
  const { steps } = path;
  if (steps.length < 2) return undefined;
  const last = steps[steps.length - 1];
  const before = steps[steps.length - 2];
  if (last.kind !== 'property' || before.kind !== 'property' || before.name !== 'hashes') return undefined;
  return last.name;
}

/** For callers that want the description of a code (CLI help, docs). */
export function describePatternIssueCode(code: PatternIssueCode): string {
  return code in PatternIssueCodes
    ? PatternIssueCodes[code as PatternSemanticCode].description
    : PatternErrorCodes[code as PatternErrorCode];
}
