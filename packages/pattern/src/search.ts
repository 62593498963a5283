/**
 * The binding search over observation expressions (STIX 2.1 §9.5, §9.5.1, §9.5.2; 2.0 Part 5
 * §4.3, §4.5). Each `[ … ]` is evaluated once per match into its candidates (the observed-data it
 * matches, sorted by first_observed); a depth-first search then picks one observation per `[ … ]`,
 * pruning as it goes instead of enumerating every combination and filtering afterwards.
 *
 * Semantics chosen where the spec leaves room (listed in the README):
 * - An observed-data is `number_observed` observations at unknown times in [first, last] (§9.1).
 *   Every `[ … ]` of a binding is satisfied by a different observation (§9.5: "two or more
 *   distinct Observations"; §9.5.1 REPEATS: "each match is a different Observation"), so one
 *   observed-data serves at most `number_observed` of them.
 * - Time constraints hold if some placement of the observations in their intervals satisfies
 *   each of them (each constraint is checked on its own, not jointly):
 *   - `a FOLLOWEDBY b`: every observation of b could be at or after every observation of a:
 *     max(first of a's) <= min(last of b's) (§9.5.2: b's timestamp >= a's).
 *   - `WITHIN n SECONDS`: all could fall in a window shorter than n seconds:
 *     max(first) - min(last) < n (§9.5.1: latest must not be equal to or later than earliest + n).
 *   - `START s STOP e`: each observation interval meets [s, e): first < e and last >= s.
 * - Qualifiers apply in the order written, each to what precedes it (§9.5.1 "a MUST be an
 *   Observation Expression or a preceding Qualifier").
 * - `REPEATS n TIMES` is n bindings of its expression on different observations; the bindings of
 *   a repetition are unordered (combinations, not permutations).
 * - OR yields the bindings of either side.
 */
import type { Observation } from './observations.js';

export type SearchNode =
  | SearchLeaf
  | { readonly kind: 'and' | 'or' | 'followedby'; readonly operands: readonly SearchNode[] }
  | { readonly kind: 'within'; readonly millis: number; readonly node: SearchNode }
  | { readonly kind: 'repeats'; readonly times: number; readonly node: SearchNode }
  | { readonly kind: 'start-stop'; readonly start: number; readonly stop: number; readonly node: SearchNode };

export interface SearchLeaf {
  readonly kind: 'leaf';
  /** Which `[ … ]` of the pattern, numbered left to right from 0. */
  readonly expression: number;
  readonly candidates: Candidates;
}

/** The observations one `[ … ]` matches, sorted by first_observed, then input order. */
export interface Candidates {
  readonly observations: Int32Array;
  /** Per candidate, the keys of the root SCOs that satisfy the comparison expression. */
  readonly roots: readonly (readonly string[])[];
}

/** One `[ … ]` satisfied by one observation. */
export interface Placement {
  readonly expression: number;
  readonly observation: number;
  readonly roots: readonly string[];
}

interface TimeFilter {
  /** Every observation's last_observed must be at least this. */
  readonly lastAtLeast: number;
  /** Every observation's first_observed must be before this. */
  readonly firstBefore: number;
}

const OPEN: TimeFilter = { lastAtLeast: Number.NEGATIVE_INFINITY, firstBefore: Number.POSITIVE_INFINITY };

interface Scope {
  readonly start: number;
  readonly millis: number;
}

/** Feasibility ignoring time and sharing; lets AND / REPEATS fail at once instead of searching. */
function possible(node: SearchNode, observations: readonly Observation[], memo: Map<SearchNode, boolean>): boolean {
  const known = memo.get(node);
  if (known !== undefined) return known;
  let result: boolean;
  switch (node.kind) {
    case 'leaf':
      result = node.candidates.observations.length > 0;
      break;
    case 'and':
    case 'followedby':
      result = node.operands.every((operand) => possible(operand, observations, memo));
      break;
    case 'or':
      result = node.operands.some((operand) => possible(operand, observations, memo));
      break;
    case 'repeats':
      result =
        possible(node.node, observations, memo) &&
        (node.node.kind !== 'leaf' || capacity(node.node.candidates, observations, 0) >= node.times);
      break;
    default:
      result = possible(node.node, observations, memo);
  }
  memo.set(node, result);
  return result;
}

function capacity(candidates: Candidates, observations: readonly Observation[], from: number): number {
  let sum = 0;
  for (let p = from; p < candidates.observations.length; p++) sum += observations[candidates.observations[p]].count;
  return sum;
}

/** A rough count of bindings, to put the most selective operand of AND first. */
function estimate(node: SearchNode): number {
  switch (node.kind) {
    case 'leaf':
      return node.candidates.observations.length;
    case 'or':
      return node.operands.reduce((sum, operand) => sum + estimate(operand), 0);
    case 'and':
    case 'followedby':
      return Math.min(...node.operands.map(estimate));
    default:
      return estimate(node.node);
  }
}

export class BindingSearch {
  readonly #observations: readonly Observation[];
  readonly #first: Float64Array;
  readonly #last: Float64Array;
  readonly #count: Int32Array;
  readonly #used: Int32Array;
  readonly #stack: Placement[] = [];
  readonly #scopes: Scope[] = [];
  readonly #possible = new Map<SearchNode, boolean>();
  readonly #ordered = new Map<SearchNode, readonly SearchNode[]>();
  readonly #suffix = new Map<Candidates, Float64Array>();

  constructor(observations: readonly Observation[]) {
    this.#observations = observations;
    const n = observations.length;
    this.#first = new Float64Array(n);
    this.#last = new Float64Array(n);
    this.#count = new Int32Array(n);
    this.#used = new Int32Array(n);
    observations.forEach((o, i) => {
      this.#first[i] = o.first;
      this.#last[i] = o.last;
      this.#count[i] = o.count;
    });
  }

  /** Each yield leaves one complete binding on the stack (read it with `placements()`). */
  *bindings(root: SearchNode): Generator<readonly Placement[]> {
    if (!this.#isPossible(root)) return;
    for (const _ of this.#search(root, OPEN)) yield this.#stack;
  }

  #isPossible(node: SearchNode): boolean {
    return possible(node, this.#observations, this.#possible);
  }

  #search(node: SearchNode, filter: TimeFilter): Generator<number> {
    switch (node.kind) {
      case 'leaf':
        return this.#leaf(node, filter, 0);
      case 'or':
        return this.#or(node.operands, filter);
      case 'and':
        return this.#and(this.#andOrder(node), 0, filter);
      case 'followedby':
        return this.#followedBy(node.operands, 0, filter, this.#stack.length);
      case 'within':
        return this.#within(node, filter);
      case 'repeats':
        return node.node.kind === 'leaf'
          ? this.#repeatLeaf(node.node, node.times, 0, 0, filter)
          : this.#repeat(node.node, node.times, 0, undefined, filter);
      case 'start-stop':
        return this.#search(node.node, {
          lastAtLeast: Math.max(filter.lastAtLeast, node.start),
          firstBefore: Math.min(filter.firstBefore, node.stop),
        });
    }
  }

  /** Yields the candidate position of each placement it makes. */
  *#leaf(leaf: SearchLeaf, filter: TimeFilter, from: number): Generator<number> {
    const { observations, roots } = leaf.candidates;
    const first = this.#first;
    const last = this.#last;
    const used = this.#used;
    const count = this.#count;
    const stack = this.#stack;
    // Open WITHIN scopes: the spread of what they hold so far bounds the next candidate.
    let firstLimit = filter.firstBefore;
    const scopes = this.#scopes;
    const scopeMaxFirst: number[] = [];
    const scopeMinLast: number[] = [];
    for (const scope of scopes) {
      let maxFirst = Number.NEGATIVE_INFINITY;
      let minLast = Number.POSITIVE_INFINITY;
      for (let s = scope.start; s < stack.length; s++) {
        const o = stack[s].observation;
        if (first[o] > maxFirst) maxFirst = first[o];
        if (last[o] < minLast) minLast = last[o];
      }
      scopeMaxFirst.push(maxFirst);
      scopeMinLast.push(minLast);
      if (minLast + scope.millis < firstLimit) firstLimit = minLast + scope.millis;
    }
    for (let p = from; p < observations.length; p++) {
      const o = observations[p];
      const f = first[o];
      if (f >= firstLimit) break; // sorted by first_observed: no later candidate fits either
      const l = last[o];
      if (l < filter.lastAtLeast || used[o] >= count[o]) continue;
      let fits = true;
      for (let s = 0; s < scopes.length && fits; s++) {
        fits = Math.max(scopeMaxFirst[s], f) - Math.min(scopeMinLast[s], l) < scopes[s].millis;
      }
      if (!fits) continue;
      used[o]++;
      stack.push({ expression: leaf.expression, observation: o, roots: roots[p] });
      yield p;
      stack.pop();
      used[o]--;
    }
  }

  *#or(operands: readonly SearchNode[], filter: TimeFilter): Generator<number> {
    for (const operand of operands) {
      if (this.#isPossible(operand)) yield* this.#search(operand, filter);
    }
  }

  #andOrder(node: SearchNode & { operands: readonly SearchNode[] }): readonly SearchNode[] {
    let ordered = this.#ordered.get(node);
    if (ordered === undefined) {
      // AND is commutative: search the most selective operand first.
      ordered = [...node.operands].sort((a, b) => estimate(a) - estimate(b));
      this.#ordered.set(node, ordered);
    }
    return ordered;
  }

  *#and(operands: readonly SearchNode[], i: number, filter: TimeFilter): Generator<number> {
    if (i === operands.length) {
      yield 0;
      return;
    }
    if (i === 0 && !operands.every((operand) => this.#isPossible(operand))) return;
    for (const _ of this.#search(operands[i], filter)) yield* this.#and(operands, i + 1, filter);
  }

  *#followedBy(operands: readonly SearchNode[], i: number, filter: TimeFilter, base: number): Generator<number> {
    if (i === operands.length) {
      yield 0;
      return;
    }
    if (i === 0 && !operands.every((operand) => this.#isPossible(operand))) return;
    let inner = filter;
    if (i > 0) {
      // Everything after must be able to come at or after everything before (§9.5.2).
      let maxFirst = filter.lastAtLeast;
      for (let s = base; s < this.#stack.length; s++) maxFirst = Math.max(maxFirst, this.#first[this.#stack[s].observation]);
      inner = { lastAtLeast: maxFirst, firstBefore: filter.firstBefore };
    }
    for (const _ of this.#search(operands[i], inner)) yield* this.#followedBy(operands, i + 1, filter, base);
  }

  *#within(node: { readonly millis: number; readonly node: SearchNode }, filter: TimeFilter): Generator<number> {
    const scope: Scope = { start: this.#stack.length, millis: node.millis };
    this.#scopes.push(scope);
    for (const _ of this.#search(node.node, filter)) {
      // The scope covers this sub-binding only: close it while the caller places more.
      this.#scopes.pop();
      yield 0;
      this.#scopes.push(scope);
    }
    this.#scopes.pop();
  }

  #suffixCapacity(candidates: Candidates): Float64Array {
    let suffix = this.#suffix.get(candidates);
    if (suffix === undefined) {
      const n = candidates.observations.length;
      suffix = new Float64Array(n + 1);
      for (let p = n - 1; p >= 0; p--) suffix[p] = suffix[p + 1] + this.#count[candidates.observations[p]];
      this.#suffix.set(candidates, suffix);
    }
    return suffix;
  }

  /** REPEATS of one `[ … ]`: multisets of candidates in position order (no permutations). */
  *#repeatLeaf(leaf: SearchLeaf, times: number, k: number, from: number, filter: TimeFilter): Generator<number> {
    if (k === times) {
      yield 0;
      return;
    }
    if (this.#suffixCapacity(leaf.candidates)[from] < times - k) return;
    for (const p of this.#leaf(leaf, filter, from)) yield* this.#repeatLeaf(leaf, times, k + 1, p, filter);
  }

  /** REPEATS of a compound expression: each repetition's binding sorts at or after the previous one. */
  *#repeat(node: SearchNode, times: number, k: number, previous: readonly number[] | undefined, filter: TimeFilter): Generator<number> {
    if (k === times) {
      yield 0;
      return;
    }
    const base = this.#stack.length;
    for (const _ of this.#search(node, filter)) {
      const key = this.#stack
        .slice(base)
        .map((p) => p.observation * 65536 + p.expression)
        .sort((a, b) => a - b);
      if (previous !== undefined && compareKeys(key, previous) < 0) continue;
      yield* this.#repeat(node, times, k + 1, key, filter);
    }
  }
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
