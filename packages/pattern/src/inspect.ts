/**
 * A summary of what a pattern looks at, in the spirit of cti-pattern-validator's inspector: per
 * observation expression the object types, paths and comparisons; for the whole pattern the
 * comparison operators, observation operators and qualifiers. For detection engineers (which
 * fields does this indicator need?) and the CLI.
 */
import type {
  ComparisonExpression,
  ComparisonOperator,
  Literal,
  ObservationExpression,
  ObservationOperator,
  Pattern,
  PatternVersion,
  Qualifier,
  SetLiteral,
  Span,
} from './ast.js';
import { renderSteps } from './path-text.js';
import { print } from './printer.js';

export interface InspectedComparison {
  readonly objectType: string;
  /** The steps as text: `hashes.'SHA-256'`. */
  readonly path: string;
  /** `EXISTS` or a comparison operator, with `NOT ` when negated: `NOT LIKE`. */
  readonly operator: string;
  /** The value as pattern text (`'a.exe'`, `(1, 2)`); absent for EXISTS. */
  readonly value?: string;
  /** The value node; absent for EXISTS. */
  readonly literal?: Literal | SetLiteral;
  readonly span?: Span;
}

export interface InspectedObservation {
  /** Distinct, in order of appearance. */
  readonly objectTypes: readonly string[];
  /** Distinct full paths, in order of appearance: `file:hashes.'SHA-256'`. */
  readonly paths: readonly string[];
  readonly comparisons: readonly InspectedComparison[];
  readonly span?: Span;
}

export interface InspectedQualifier {
  readonly kind: Qualifier['kind'];
  /** `WITHIN 600 SECONDS`, `REPEATS 5 TIMES`, `START t'…' STOP t'…'`. */
  readonly text: string;
  readonly span?: Span;
}

export interface PatternInspection {
  readonly version: PatternVersion;
  /** Distinct object types over the whole pattern, in order of appearance. */
  readonly objectTypes: readonly string[];
  /** Each `[ … ]`, in order. */
  readonly observations: readonly InspectedObservation[];
  /** Distinct comparison operators used (`=`, `NOT LIKE`, `EXISTS` …), in order of appearance. */
  readonly comparisonOperators: readonly string[];
  /** Distinct observation operators used, in order of appearance. */
  readonly observationOperators: readonly ObservationOperator[];
  /** Every qualifier, in order of appearance. */
  readonly qualifiers: readonly InspectedQualifier[];
}

/** Summarises a pattern (an AST, e.g. `validatePattern(text).pattern`). */
export function inspectPattern(pattern: Pattern): PatternInspection {
  const observations: InspectedObservation[] = [];
  const observationOperators = new Set<ObservationOperator>();
  const qualifiers: InspectedQualifier[] = [];
  const version = pattern.version;
  const text = (node: Literal | SetLiteral | Qualifier): string => {
    try {
      return print(node, { version });
    } catch {
      return node.kind === 'set' ? '(…)' : node.kind;
    }
  };

  const visit = (expression: ObservationExpression): void => {
    switch (expression.kind) {
      case 'observation': {
        const comparisons: InspectedComparison[] = [];
        collect(expression.comparison, comparisons, text);
        observations.push({
          objectTypes: distinct(comparisons.map((c) => c.objectType)),
          paths: distinct(comparisons.map((c) => `${c.objectType}:${c.path}`)),
          comparisons,
          ...(expression.span && { span: expression.span }),
        });
        return;
      }
      case 'observation-operation':
        observationOperators.add(expression.operator);
        for (const operand of expression.operands) visit(operand);
        return;
      case 'qualified':
        visit(expression.expression);
        for (const qualifier of expression.qualifiers) {
          qualifiers.push({ kind: qualifier.kind, text: text(qualifier), ...(qualifier.span && { span: qualifier.span }) });
        }
        return;
    }
  };
  visit(pattern.expression);

  const all = observations.flatMap((o) => o.comparisons);
  return {
    version,
    objectTypes: distinct(all.map((c) => c.objectType)),
    observations,
    comparisonOperators: distinct(all.map((c) => c.operator)),
    observationOperators: [...observationOperators],
    qualifiers,
  };
}

function collect(expression: ComparisonExpression, into: InspectedComparison[], text: (node: Literal | SetLiteral) => string): void {
  switch (expression.kind) {
    case 'comparison-operation':
      for (const operand of expression.operands) collect(operand, into, text);
      return;
    case 'exists':
      into.push({
        objectType: expression.path.objectType,
        path: renderSteps(expression.path),
        operator: expression.negated ? 'NOT EXISTS' : 'EXISTS',
        ...(expression.span && { span: expression.span }),
      });
      return;
    case 'comparison':
      into.push({
        objectType: expression.path.objectType,
        path: renderSteps(expression.path),
        operator: operatorText(expression.operator, expression.negated),
        value: text(expression.value),
        literal: expression.value,
        ...(expression.span && { span: expression.span }),
      });
      return;
  }
}

const operatorText = (operator: ComparisonOperator, negated: boolean) => (negated ? `NOT ${operator}` : operator);

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
