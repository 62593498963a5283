/**
 * Query filters, with the semantics of python-stix2's `Filter` so that queries written for it mean
 * the same here: a dotted property path (`external_references.external_id`), an operator and a
 * value; a path through a list matches if any element matches; an object without the property
 * never matches (not even `!=`). Filters are compiled once per query, then run per object.
 *
 * Where python-stix2's behaviour is accidental, the store is explicit (see README): `contains` on a
 * list means an element equal to the value (python tests substring on each string element), and
 * `!=` is the negation of `=` (python's `!=` on a list is true when any element differs).
 */
import { compareTimestamps, isTimestamp } from '@taxiway/stix';
import { StoreError } from './errors.js';

export type FilterOperator = '=' | '!=' | 'in' | '<' | '<=' | '>' | '>=' | 'contains';

/** `{ property: 'type', op: '=', value: 'attack-pattern' }`. */
export interface Filter {
  readonly property: string;
  readonly op: FilterOperator;
  /** A JSON value, or a Date (compared as a STIX timestamp); for `in`, a list of them. */
  readonly value: unknown;
}

/** `['type', '=', 'attack-pattern']`, as python-stix2's `Filter('type', '=', 'attack-pattern')`. */
export type FilterTuple = readonly [property: string, op: FilterOperator, value: unknown];

export type FilterInput = Filter | FilterTuple;

const OPERATORS: ReadonlySet<string> = new Set(['=', '!=', 'in', '<', '<=', '>', '>=', 'contains']);

/** A filter ready to run: the path split once, Dates turned into timestamps. */
export interface CompiledFilter {
  readonly property: string;
  readonly path: readonly string[];
  readonly op: FilterOperator;
  readonly value: unknown;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function normalise(value: unknown): unknown {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new StoreError('STORE_INVALID_FILTER', 'the Date value is invalid');
    return value.toISOString();
  }
  if (Array.isArray(value)) return value.map(normalise);
  return value;
}

export function compileFilter(input: FilterInput): CompiledFilter {
  let property: unknown;
  let op: unknown;
  let value: unknown;
  if (Array.isArray(input)) {
    if (input.length !== 3)
      throw new StoreError('STORE_INVALID_FILTER', `a filter tuple has 3 items [property, op, value], got ${input.length}`);
    [property, op, value] = input;
  } else if (isObject(input)) {
    ({ property, op, value } = input);
  } else {
    throw new StoreError('STORE_INVALID_FILTER', 'a filter is an object { property, op, value } or a tuple [property, op, value]');
  }
  if (typeof property !== 'string' || property === '')
    throw new StoreError('STORE_INVALID_FILTER', 'the property must be a non-empty string');
  const path = property.split('.');
  if (path.some((p) => p === '')) throw new StoreError('STORE_INVALID_FILTER', `the property path "${property}" has an empty segment`);
  if (typeof op !== 'string' || !OPERATORS.has(op))
    throw new StoreError('STORE_INVALID_FILTER', `unknown operator ${JSON.stringify(op)} (expected one of ${[...OPERATORS].join(' ')})`);
  if (value === undefined) throw new StoreError('STORE_INVALID_FILTER', `the filter on "${property}" has no value`);
  if (op === 'in' && !Array.isArray(value))
    throw new StoreError('STORE_INVALID_FILTER', `"in" needs a list of values (filter on "${property}")`);
  if (
    (op === '<' || op === '<=' || op === '>' || op === '>=') &&
    !(typeof value === 'string' || typeof value === 'number' || value instanceof Date)
  )
    throw new StoreError('STORE_INVALID_FILTER', `"${op}" needs a string, number or Date (filter on "${property}")`);
  return { property, path, op: op as FilterOperator, value: normalise(value) };
}

export function compileFilters(filters: readonly FilterInput[] | FilterInput | undefined): CompiledFilter[] {
  if (filters === undefined) return [];
  // A lone tuple is an array whose first item is a string.
  if (Array.isArray(filters) && (filters.length === 0 || !(typeof filters[0] === 'string')))
    return (filters as readonly FilterInput[]).map(compileFilter);
  return [compileFilter(filters as FilterInput)];
}

/** True when every filter matches (AND). */
export function matchesAll(object: unknown, filters: readonly CompiledFilter[]): boolean {
  for (let i = 0; i < filters.length; i++) if (!matches(object, filters[i])) return false;
  return true;
}

export function matches(object: unknown, filter: CompiledFilter): boolean {
  return walk(object, filter, 0);
}

function walk(node: unknown, f: CompiledFilter, i: number): boolean {
  if (i === f.path.length) return leaf(node, f);
  if (Array.isArray(node)) {
    for (const element of node) if (walk(element, f, i)) return true;
    return false;
  }
  if (!isObject(node)) return false;
  const next = node[f.path[i]];
  if (next === undefined) return false;
  return walk(next, f, i + 1);
}

function leaf(node: unknown, f: CompiledFilter): boolean {
  switch (f.op) {
    case '=':
      return equalsOrHas(node, f.value);
    case '!=':
      return !equalsOrHas(node, f.value);
    case 'in': {
      const options = f.value as readonly unknown[];
      const one = (v: unknown): boolean => options.some((o) => equal(v, o));
      return Array.isArray(node) ? node.some(one) : one(node);
    }
    case 'contains':
      if (typeof node === 'string') return typeof f.value === 'string' && node.includes(f.value);
      if (Array.isArray(node)) return node.some((v) => equal(v, f.value));
      // As in python-stix2: a string names a key of a dictionary, an object is one of its values.
      if (isObject(node))
        return typeof f.value === 'string' ? Object.hasOwn(node, f.value) : Object.values(node).some((v) => equal(v, f.value));
      return false;
    default: {
      const wanted = f.op;
      const one = (v: unknown): boolean => {
        const c = order(v, f.value);
        if (c === undefined) return false;
        return wanted === '<' ? c < 0 : wanted === '<=' ? c <= 0 : wanted === '>' ? c > 0 : c >= 0;
      };
      return Array.isArray(node) ? node.some(one) : one(node);
    }
  }
}

/** `=`: the value itself, a whole list equal to a list value, or (python-stix2) any element of a list. */
function equalsOrHas(node: unknown, value: unknown): boolean {
  if (Array.isArray(node) && !Array.isArray(value)) return node.some((v) => equal(v, value));
  return equal(node, value);
}

/** JSON equality; two timestamps are equal when they are the same instant (`.1Z` = `.100Z`). */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return isTimestamp(a) && isTimestamp(b) && compareTimestamps(a, b) === 0;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => equal(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return false;
}

/** Order of two comparable values: numbers, timestamps (as instants), or strings; undefined otherwise. */
function order(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    if (isTimestamp(a) && isTimestamp(b)) return compareTimestamps(a, b);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return undefined;
}
