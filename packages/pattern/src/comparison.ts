/**
 * A comparison expression `[ … ]`, compiled into a test on one root SCO (STIX 2.1 §9.5, §9.6).
 *
 * - All comparisons start from the same root SCO (§9.5 "MUST start matching against the same
 *   SCO"): AND / OR are evaluated on one root at a time. A comparison whose object type is not the
 *   root's is false there (its path is "not present", §9.6), so an AND of two object types never
 *   matches (§9.5: "All operands of AND … MUST be satisfiable with the same object").
 * - A path that is absent, or whose `_ref` cannot be followed, makes its comparison false
 *   whatever the operator, NOT included (§9.6: "MUST evaluate to FALSE, regardless of the
 *   operators"). EXISTS is the exception: NOT EXISTS is true on a root of its type that lacks it.
 * - `[*]` and `_refs[*]` are existential: true if any element satisfies (§9.7.2). NOT negates the
 *   whole comparison, existential included (§9.6.1: "the resultant Comparison Expression is
 *   logically negated"): `x[*] NOT = 'a'` is true when x has elements and none is 'a'.
 * - `[n]` out of range, and negative indexes (the 2.0 grammar allows `[-1]`; §9.7.2 says the index
 *   is in 0…N-1), give no value. A property step on a list gives no value (write `[*]`).
 * - A property step after a `_ref` / `_refs` property dereferences the id (2.1) or container key
 *   (2.0) in the same observed-data (§9.7.4).
 * - JSON null is treated as absent.
 */
import type { ComparisonExpression, Literal, ObjectPath, PathStep, SetLiteral } from './ast.js';
import type { Observation, ObservationIndex, RootEntry, StixObject } from './observations.js';
import { binaryEncodingOf, compileValueTest, constantKey, type Fail, type ValueTest } from './values.js';

type Compiled =
  | {
      readonly kind: 'comparison';
      readonly type: string;
      readonly steps: readonly PathStep[];
      readonly negated: boolean;
      readonly test: ValueTest;
      /** For `=` / IN on a plain property chain: the chain and the constants' equality keys. */
      readonly indexable?: { readonly names: readonly string[]; readonly keys: readonly string[] };
    }
  | { readonly kind: 'exists'; readonly type: string; readonly steps: readonly PathStep[]; readonly negated: boolean }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly Compiled[] };

export interface CompiledObservation {
  /** The object types its roots can have (the path types of its comparisons). */
  readonly types: readonly string[];
  /** Whether `root`, in its observed-data, satisfies the comparison expression. */
  test(root: RootEntry, observation: Observation): boolean;
  /** Roots of `type` that can satisfy it, found with the index; undefined: all roots of the type. */
  narrow(index: ObservationIndex, type: string): readonly RootEntry[] | undefined;
}

const isObject = (value: unknown): value is StixObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const isRefName = (name: string) => name.endsWith('_ref') || name.endsWith('_refs');

/** Calls `visit` on each value `steps[i…]` reaches from `value`; true as soon as one visit is. */
function walk(
  value: unknown,
  steps: readonly PathStep[],
  i: number,
  observation: Observation,
  afterRef: boolean,
  visit: (v: unknown) => boolean,
): boolean {
  if (i === steps.length) return visit(value);
  const step = steps[i];
  if (step.kind === 'property') {
    const target = afterRef && typeof value === 'string' ? observation.deref(value) : value;
    if (!isObject(target) || !Object.hasOwn(target, step.name)) return false;
    const next = target[step.name];
    if (next === null || next === undefined) return false;
    return walk(next, steps, i + 1, observation, isRefName(step.name), visit);
  }
  if (!Array.isArray(value)) return false;
  if (step.index === '*') {
    for (const element of value) {
      if (element !== null && element !== undefined && walk(element, steps, i + 1, observation, afterRef, visit)) return true;
    }
    return false;
  }
  const element = step.index >= 0 && step.index < value.length ? value[step.index] : undefined;
  return element !== null && element !== undefined && walk(element, steps, i + 1, observation, afterRef, visit);
}

const present = () => true;

function evaluate(node: Compiled, root: RootEntry, observation: Observation): boolean {
  switch (node.kind) {
    case 'comparison': {
      if (root.object.type !== node.type) return false;
      if (!node.negated) return walk(root.object, node.steps, 0, observation, false, node.test);
      let found = false;
      const satisfied = walk(root.object, node.steps, 0, observation, false, (v) => {
        found = true;
        return node.test(v);
      });
      return found && !satisfied;
    }
    case 'exists':
      if (root.object.type !== node.type) return false;
      return walk(root.object, node.steps, 0, observation, false, present) !== node.negated;
    case 'and':
      for (const operand of node.operands) if (!evaluate(operand, root, observation)) return false;
      return true;
    case 'or':
      for (const operand of node.operands) if (evaluate(operand, root, observation)) return true;
      return false;
  }
}

const EMPTY: readonly RootEntry[] = [];

function narrow(node: Compiled, index: ObservationIndex, type: string): readonly RootEntry[] | undefined {
  switch (node.kind) {
    case 'comparison': {
      if (node.type !== type) return EMPTY;
      if (node.negated || node.indexable === undefined) return undefined;
      const { names, keys } = node.indexable;
      if (keys.length === 1) return index.rootsWithValue(type, names, keys[0]);
      const union = new Set<RootEntry>();
      for (const key of keys) for (const root of index.rootsWithValue(type, names, key)) union.add(root);
      return [...union];
    }
    case 'exists':
      return node.type === type ? undefined : EMPTY;
    case 'and': {
      let best: readonly RootEntry[] | undefined;
      for (const operand of node.operands) {
        const some = narrow(operand, index, type);
        if (some !== undefined && (best === undefined || some.length < best.length)) best = some;
      }
      return best;
    }
    case 'or': {
      const union = new Set<RootEntry>();
      for (const operand of node.operands) {
        const some = narrow(operand, index, type);
        if (some === undefined) return undefined;
        for (const root of some) union.add(root);
      }
      return [...union];
    }
  }
}

function plainChain(path: ObjectPath): readonly string[] | undefined {
  const names: string[] = [];
  for (const step of path.steps) {
    if (step.kind !== 'property' || isRefName(step.name)) return undefined;
    names.push(step.name);
  }
  return names;
}

function lastPropertyName(path: ObjectPath): string {
  for (let i = path.steps.length - 1; i >= 0; i--) {
    const step = path.steps[i];
    if (step.kind === 'property') return step.name;
  }
  return '';
}

function indexableOf(
  path: ObjectPath,
  operator: string,
  negated: boolean,
  value: Literal | SetLiteral,
  binary: boolean,
): { names: readonly string[]; keys: readonly string[] } | undefined {
  if (negated || binary || (operator !== '=' && operator !== 'IN')) return undefined;
  const names = plainChain(path);
  if (names === undefined) return undefined;
  const literals = value.kind === 'set' ? value.values : [value];
  const keys: string[] = [];
  for (const literal of literals) {
    const key = constantKey(literal);
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return { names, keys };
}

function compileNode(expression: ComparisonExpression, types: Set<string>, fail: Fail): Compiled {
  switch (expression.kind) {
    case 'comparison': {
      const { path, operator, negated, value } = expression;
      types.add(path.objectType);
      const encoding = binaryEncodingOf(lastPropertyName(path));
      const test = compileValueTest(operator, value, encoding, fail);
      const indexable = indexableOf(path, operator, negated, value, encoding !== undefined);
      return { kind: 'comparison', type: path.objectType, steps: path.steps, negated, test, ...(indexable ? { indexable } : {}) };
    }
    case 'exists':
      types.add(expression.path.objectType);
      return { kind: 'exists', type: expression.path.objectType, steps: expression.path.steps, negated: expression.negated };
    case 'comparison-operation':
      return {
        kind: expression.operator === 'AND' ? 'and' : 'or',
        operands: expression.operands.map((operand) => compileNode(operand, types, fail)),
      };
  }
}

export function compileObservation(expression: ComparisonExpression, fail: Fail): CompiledObservation {
  const types = new Set<string>();
  const root = compileNode(expression, types, fail);
  return {
    types: [...types],
    test: (entry, observation) => evaluate(root, entry, observation),
    narrow: (index, type) => narrow(root, index, type),
  };
}
