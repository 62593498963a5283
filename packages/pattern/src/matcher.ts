/**
 * match(): does a STIX pattern match a set of observed-data, and which observations make it match
 * (STIX 2.1 §9, 2.0 Part 5). The pattern is compiled once (cached per AST and per text); each
 * `[ … ]` is evaluated once per observation index, visiting only roots of its object types (and,
 * for `=` / IN on a plain property, only roots holding the value); bindings are then searched
 * depth first with pruning (see search.ts), stopping at `maxBindings` (or at the first).
 */
import type { Literal, ObservationExpression, Pattern, PatternVersion, Position, Qualifier, SetLiteral } from './ast.js';
import { type CompiledObservation, compileObservation } from './comparison.js';
import { PatternError } from './errors.js';
import { timestampMillis } from './instant.js';
import { indexObservations, type ObjectSource, ObservationIndex, PatternMatchError } from './observations.js';
import { parse } from './parser.js';
import { BindingSearch, type Candidates, type SearchNode } from './search.js';

export type { ObjectSource };
export { indexObservations, ObservationIndex, PatternMatchError };

export interface MatchOptions {
  /** Grammar for a pattern given as text (default '2.1'); an AST carries its own. */
  readonly version?: PatternVersion;
  /**
   * 2.1 SCOs that observed-data `object_refs` name, when they are not in `observations` itself:
   * a list, or a lookup by id. Ignored when `observations` is an ObservationIndex.
   */
  readonly objects?: ObjectSource;
  /** At most this many bindings are returned (default 100). */
  readonly maxBindings?: number;
  /** Stop at the first binding (same as maxBindings: 1). */
  readonly first?: boolean;
}

/** One `[ … ]` of the pattern, satisfied by one observation. */
export interface ExpressionBinding {
  /** Which `[ … ]`: 0, 1, … in the order they are written in the pattern. */
  readonly expression: number;
  /** The observed-data's id. */
  readonly observedData: string;
  /** Its position among the observed-data of the input (bundles unpacked), in input order. */
  readonly index: number;
  /** The root SCOs that satisfy the comparison expression: 2.1 ids, 2.0 container keys. */
  readonly objects: readonly string[];
}

/** One way the pattern matches. */
export interface Binding {
  /** The observed-data ids used, each once, in input order. */
  readonly observedData: readonly string[];
  /**
   * One entry per `[ … ]` satisfied, by expression number; REPEATS gives an expression several
   * entries, an OR only the side that matched. An observed-data with number_observed > 1 may
   * appear in several entries (it holds that many observations).
   */
  readonly expressions: readonly ExpressionBinding[];
}

export interface MatchResult {
  readonly matched: boolean;
  readonly bindings: readonly Binding[];
}

type Template =
  | { readonly kind: 'leaf'; readonly expression: number }
  | { readonly kind: 'and' | 'or' | 'followedby'; readonly operands: readonly Template[] }
  | { readonly kind: 'within'; readonly millis: number; readonly node: Template }
  | { readonly kind: 'repeats'; readonly times: number; readonly node: Template }
  | { readonly kind: 'start-stop'; readonly start: number; readonly stop: number; readonly node: Template };

interface CompiledPattern {
  readonly template: Template;
  /** Per `[ … ]`, in written order. */
  readonly leaves: readonly CompiledObservation[];
}

const ORIGIN: Position = { offset: 0, line: 1, column: 1 };
const DEFAULT_MAX_BINDINGS = 100;

const compiledAsts = new WeakMap<Pattern, CompiledPattern>();
const compiledTexts = new Map<string, CompiledPattern>();
const TEXT_CACHE_LIMIT = 4096;

function compile(pattern: Pattern, text: string): CompiledPattern {
  const leaves: CompiledObservation[] = [];
  const fail = (node: { readonly span?: { readonly start: Position } }, detail: string): never => {
    throw new PatternError('PATTERN_INVALID_LITERAL', detail, { position: node.span?.start ?? ORIGIN, pattern: text });
  };
  const failLiteral = (node: Literal | SetLiteral, detail: string): never => fail(node, detail);

  const qualify = (qualifier: Qualifier, node: Template): Template => {
    switch (qualifier.kind) {
      case 'within': {
        const seconds = qualifier.seconds.value;
        // §9.5.1: x MUST be a positive floating-point or integer value.
        if (!(seconds > 0) || !Number.isFinite(seconds))
          fail(qualifier.seconds, `WITHIN takes a positive number of seconds, not ${seconds}`);
        return { kind: 'within', millis: seconds * 1000, node };
      }
      case 'repeats': {
        const times = qualifier.times.value;
        if (!Number.isSafeInteger(times) || times < 1) fail(qualifier.times, `REPEATS takes a positive integer, not ${times}`);
        return { kind: 'repeats', times, node };
      }
      case 'start-stop': {
        const start = timestampMillis(qualifier.start.value);
        const stop = timestampMillis(qualifier.stop.value);
        if (start === undefined) return fail(qualifier.start, `START '${qualifier.start.value}' is not a valid STIX timestamp`);
        if (stop === undefined) return fail(qualifier.stop, `STOP '${qualifier.stop.value}' is not a valid STIX timestamp`);
        if (!(start < stop)) fail(qualifier.stop, 'STOP must be later than START (the window is [START, STOP))');
        return { kind: 'start-stop', start, stop, node };
      }
    }
  };

  const build = (expression: ObservationExpression): Template => {
    switch (expression.kind) {
      case 'observation': {
        leaves.push(compileObservation(expression.comparison, failLiteral));
        return { kind: 'leaf', expression: leaves.length - 1 };
      }
      case 'observation-operation': {
        const kind = expression.operator === 'AND' ? 'and' : expression.operator === 'OR' ? 'or' : 'followedby';
        return { kind, operands: expression.operands.map(build) };
      }
      case 'qualified': {
        let node = build(expression.expression);
        for (const qualifier of expression.qualifiers) node = qualify(qualifier, node);
        return node;
      }
    }
  };

  if (typeof pattern !== 'object' || pattern === null || pattern.kind !== 'pattern') {
    throw new PatternError('PATTERN_INPUT_TYPE', 'match() takes a pattern string or a Pattern AST', { position: ORIGIN, pattern: '' });
  }
  return { template: build(pattern.expression), leaves };
}

function compiled(pattern: Pattern | string, version: PatternVersion): CompiledPattern {
  if (typeof pattern === 'string') {
    const key = `${version}\u0000${pattern}`;
    let found = compiledTexts.get(key);
    if (found === undefined) {
      found = compile(parse(pattern, { version }), pattern);
      if (compiledTexts.size >= TEXT_CACHE_LIMIT) compiledTexts.clear();
      compiledTexts.set(key, found);
    }
    return found;
  }
  let found = compiledAsts.get(pattern);
  if (found === undefined) {
    found = compile(pattern, '');
    compiledAsts.set(pattern, found);
  }
  return found;
}

/** The observations one `[ … ]` matches on `index`, computed once per index. */
function candidatesOf(leaf: CompiledObservation, index: ObservationIndex): Candidates {
  const memo = index.memo.get(leaf) as Candidates | undefined;
  if (memo !== undefined) return memo;
  const byObservation = new Map<number, string[]>();
  for (const type of leaf.types) {
    const roots = leaf.narrow(index, type) ?? index.rootsOfType(type);
    for (const root of roots) {
      if (!leaf.test(root, index.observations[root.observation])) continue;
      const keys = byObservation.get(root.observation);
      if (keys === undefined) byObservation.set(root.observation, [root.key]);
      else if (!keys.includes(root.key)) keys.push(root.key);
    }
  }
  const { observations } = index;
  const order = [...byObservation.keys()].sort((a, b) => observations[a].first - observations[b].first || a - b);
  const candidates: Candidates = { observations: Int32Array.from(order), roots: order.map((o) => byObservation.get(o) as string[]) };
  index.memo.set(leaf, candidates);
  return candidates;
}

/** Whether the pattern can still match when the leaves counted so far have these many candidates. */
function stillPossible(template: Template, counts: readonly (number | undefined)[]): boolean {
  switch (template.kind) {
    case 'leaf':
      return counts[template.expression] !== 0;
    case 'and':
    case 'followedby':
      return template.operands.every((t) => stillPossible(t, counts));
    case 'or':
      return template.operands.some((t) => stillPossible(t, counts));
    default:
      return stillPossible(template.node, counts);
  }
}

/**
 * Evaluates the `[ … ]` cheapest first (fewest roots to visit after the index narrows them) and
 * stops as soon as the pattern cannot match, so `[rare] AND [costly regex]` never runs the regex
 * when nothing is rare. false: the pattern cannot match.
 */
function evaluateLeaves(template: Template, leaves: readonly CompiledObservation[], index: ObservationIndex): boolean {
  const cost = leaves.map((leaf) => {
    if (index.memo.has(leaf)) return -1;
    let sum = 0;
    for (const type of leaf.types) sum += (leaf.narrow(index, type) ?? index.rootsOfType(type)).length;
    return sum;
  });
  const order = leaves.map((_, i) => i).sort((a, b) => cost[a] - cost[b]);
  const counts: (number | undefined)[] = new Array(leaves.length).fill(undefined);
  for (const i of order) {
    counts[i] = candidatesOf(leaves[i], index).observations.length;
    if (!stillPossible(template, counts)) return false;
  }
  return true;
}

function instantiate(template: Template, leaves: readonly CompiledObservation[], index: ObservationIndex): SearchNode {
  switch (template.kind) {
    case 'leaf':
      return { kind: 'leaf', expression: template.expression, candidates: candidatesOf(leaves[template.expression], index) };
    case 'and':
    case 'or':
    case 'followedby':
      return { kind: template.kind, operands: template.operands.map((t) => instantiate(t, leaves, index)) };
    default:
      return { ...template, node: instantiate(template.node, leaves, index) };
  }
}

function maxBindingsOf(options: MatchOptions): number {
  if (options.first === true) return 1;
  const max = options.maxBindings ?? DEFAULT_MAX_BINDINGS;
  if (!Number.isSafeInteger(max) || max < 1)
    throw new PatternMatchError(`maxBindings must be a positive integer, found ${String(max)}`, 'options.maxBindings');
  return max;
}

/**
 * Match `pattern` against `observations`: observed-data (2.0 `objects` or 2.1 `object_refs`),
 * bundles (unpacked) and, for 2.1, the SCOs the observed-data name; or an ObservationIndex built
 * once with `indexObservations()` for many patterns. Throws PatternError: a syntax error for
 * pattern text, PATTERN_INVALID_LITERAL for a constant or qualifier that cannot be matched (bad
 * timestamp, hex, base64, CIDR, a regex RE2 cannot run), PATTERN_MATCH_INPUT for bad input.
 */
export function match(
  pattern: Pattern | string,
  observations: readonly unknown[] | ObservationIndex,
  options: MatchOptions = {},
): MatchResult {
  const max = maxBindingsOf(options);
  const { template, leaves } = compiled(pattern, options.version ?? '2.1');
  const index =
    observations instanceof ObservationIndex
      ? observations
      : indexObservations(observations, options.objects === undefined ? {} : { objects: options.objects });
  if (!evaluateLeaves(template, leaves, index)) return { matched: false, bindings: [] };
  const root = instantiate(template, leaves, index);
  const search = new BindingSearch(index.observations);
  const bindings: Binding[] = [];
  for (const placements of search.bindings(root)) {
    const expressions = placements
      .map((p): ExpressionBinding => {
        const observation = index.observations[p.observation];
        return { expression: p.expression, observedData: observation.id, index: observation.index, objects: p.roots };
      })
      .sort((a, b) => a.expression - b.expression);
    const used = [...new Set(placements.map((p) => p.observation))].sort((a, b) => a - b);
    bindings.push({ observedData: used.map((o) => index.observations[o].id), expressions });
    if (bindings.length >= max) break;
  }
  return { matched: bindings.length > 0, bindings };
}

/** Whether `pattern` matches: `match(…, { first: true }).matched`. */
export function matches(
  pattern: Pattern | string,
  observations: readonly unknown[] | ObservationIndex,
  options: Omit<MatchOptions, 'first' | 'maxBindings'> = {},
): boolean {
  return match(pattern, observations, { ...options, first: true }).matched;
}
