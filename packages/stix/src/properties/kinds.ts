/**
 * Property kinds: the declarative building blocks of every object specification, in the manner of
 * python-stix2's property classes. Each kind checks one JSON value at the context's current path
 * and reports what is wrong and what was expected. Kinds are created once when the specifications
 * load and reused for every object, so `check` must not allocate on success.
 */
import { identifierType, parseIdentifier } from '../common/identifier.js';
import { checkTimestamp, describeTimestampProblem, type TimestampPrecision } from '../common/timestamp.js';
import { renderPath } from '../issues.js';
import { describeValue, type ValidationContext } from '../validation/context.js';

export interface PropertyKind {
  /** What a valid value looks like, for messages: "a timestamp", "a list of identifiers". */
  readonly description: string;
  /** True for a property the object's table lists as "Not Applicable": it must be absent. */
  readonly forbidden?: boolean;
  /**
   * The value's shape, for tools that walk the object model (pattern object paths): absent when
   * the kind does not say (any JSON value).
   */
  readonly shape?: KindShape;
  check(value: unknown, ctx: ValidationContext): void;
}

/** What a kind holds: a scalar type, a reference, a list, a dictionary or (ObjectSpec) an object. */
export type KindShape =
  | { readonly kind: 'string' | 'integer' | 'float' | 'boolean' | 'timestamp' | 'binary' | 'hex' }
  | { readonly kind: 'reference'; readonly targets?: readonly string[] }
  | { readonly kind: 'list'; readonly item: PropertyKind }
  | {
      readonly kind: 'dictionary';
      /** The kind of every value, when the dictionary has one. */
      readonly value?: PropertyKind;
      /** Named entries with their own kinds (extensions: the predefined extension names). */
      readonly entries?: Readonly<Record<string, PropertyKind>>;
    };

function wrongType(ctx: ValidationContext, expected: string, value: unknown): void {
  ctx.error('STIX_WRONG_JSON_TYPE', `expected ${expected}, found ${describeValue(value)}`);
}

export interface StringOptions {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  /** Said in the message when `pattern` fails: "lower case letters, digits and hyphens". */
  readonly patternDescription?: string;
  /** Extra check, returning a message when the value is wrong. */
  readonly test?: (value: string) => string | undefined;
  readonly code?: Parameters<ValidationContext['error']>[0];
}

export function string(options: StringOptions = {}): PropertyKind {
  const { minLength, maxLength, pattern, patternDescription, test } = options;
  const code = options.code ?? 'STIX_INVALID_STRING';
  return {
    shape: { kind: 'string' },
    description: 'a string',
    check(value, ctx) {
      if (typeof value !== 'string') return wrongType(ctx, 'a string', value);
      if (minLength !== undefined && value.length < minLength)
        ctx.error(code, `expected at least ${minLength} characters, found ${value.length}`);
      else if (maxLength !== undefined && value.length > maxLength)
        ctx.error(code, `expected at most ${maxLength} characters, found ${value.length}`);
      else if (pattern && !pattern.test(value))
        ctx.error(code, `${describeValue(value)} is not ${patternDescription ?? `of the form ${pattern.source}`}`);
      else if (test) {
        const problem = test(value);
        if (problem) ctx.error(code, problem);
      }
    },
  };
}

export interface NumberOptions {
  readonly min?: number;
  readonly max?: number;
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` between ${min} and ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

export function integer(options: NumberOptions = {}): PropertyKind {
  const { min, max } = options;
  const description = `an integer${rangeText(min, max)}`;
  return {
    shape: { kind: 'integer' },
    description,
    check(value, ctx) {
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType(ctx, description, value);
      if ((min !== undefined && value < min) || (max !== undefined && value > max))
        ctx.error('STIX_OUT_OF_RANGE', `expected ${description}, found ${value}`);
    },
  };
}

export function float(options: NumberOptions = {}): PropertyKind {
  const { min, max } = options;
  const description = `a number${rangeText(min, max)}`;
  return {
    shape: { kind: 'float' },
    description,
    check(value, ctx) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType(ctx, description, value);
      if ((min !== undefined && value < min) || (max !== undefined && value > max))
        ctx.error('STIX_OUT_OF_RANGE', `expected ${description}, found ${value}`);
    },
  };
}

export function boolean(): PropertyKind {
  return {
    shape: { kind: 'boolean' },
    description: 'a boolean',
    check(value, ctx) {
      if (typeof value !== 'boolean') wrongType(ctx, 'a boolean (true or false)', value);
    },
  };
}

export function timestamp(precision: TimestampPrecision = 'any'): PropertyKind {
  return {
    shape: { kind: 'timestamp' },
    description: 'a timestamp',
    check(value, ctx) {
      if (typeof value !== 'string') return wrongType(ctx, 'a timestamp string such as 2016-05-12T08:17:27.000Z', value);
      const problem = checkTimestamp(value, precision);
      if (problem)
        ctx.error(
          problem === 'precision' ? 'STIX_TIMESTAMP_PRECISION' : 'STIX_INVALID_TIMESTAMP',
          `${describeValue(value)}: ${describeTimestampProblem(problem, precision)}`,
        );
    },
  };
}

/** Which object types a reference may point at. */
export interface RefTarget {
  /** For messages: "identity", "an SCO or SRO". */
  readonly description: string;
  /** The types accepted, when they are a fixed list. */
  readonly types?: readonly string[];
  accepts(type: string, ctx: ValidationContext): boolean;
}

/** Any object type: for references such as report `object_refs`. */
export const anyType: RefTarget = { description: 'any STIX object', accepts: () => true };

export function targetTypes(...types: string[]): RefTarget {
  const set = new Set(types);
  return {
    description: types.length === 1 ? `an ${types[0]}` : `one of ${types.join(', ')}`,
    types,
    accepts: (type) => set.has(type),
  };
}

/**
 * An identifier (2.0 Part 1 §2.7, 2.1 §2.9). With `target`, a reference: its type part must be
 * one the property allows. References are recorded for `enforceRefs`.
 */
export function identifier(target?: RefTarget): PropertyKind {
  const description = target ? `an identifier of ${target.description}` : 'an identifier';
  return {
    shape: { kind: 'reference', targets: target?.types },
    description,
    check(value, ctx) {
      if (typeof value !== 'string') return wrongType(ctx, `${description} (type--UUID)`, value);
      const parsed = parseIdentifier(value);
      if (typeof parsed === 'string') {
        ctx.error(
          'STIX_INVALID_IDENTIFIER',
          `${describeValue(value)} is not an identifier: expected <object type>--<RFC 4122 UUID>${
            parsed === 'variant' ? ' (the UUID variant digit must be 8, 9, a or b)' : ''
          }`,
        );
        return;
      }
      if (target) {
        if (!target.accepts(parsed.type, ctx))
          ctx.error('STIX_REF_TARGET_TYPE', `${describeValue(value)} points at a ${parsed.type}, expected ${target.description}`);
        if (ctx.options.enforceRefs) ctx.references.push({ path: renderPath(ctx.path), objectId: ctx.objectId, ref: value });
      }
    },
  };
}

export { identifierType };

export interface ListOptions {
  /** Lists MUST NOT be empty in both versions (2.0 Part 1 §2.9, 2.1 §2.8); minItems defaults to 1. */
  readonly minItems?: number;
  readonly unique?: boolean;
}

export function list(item: PropertyKind, options: ListOptions = {}): PropertyKind {
  const minItems = options.minItems ?? 1;
  const unique = options.unique ?? false;
  const description = `a list of ${item.description.replace(/^an? /, '')}s`;
  return {
    shape: { kind: 'list', item },
    description,
    check(value, ctx) {
      if (!Array.isArray(value)) return wrongType(ctx, description, value);
      if (value.length < minItems) {
        ctx.error(
          'STIX_EMPTY_LIST',
          minItems === 1 ? 'the list is empty: lists must hold at least one item' : `expected at least ${minItems} items`,
        );
        return;
      }
      const path = ctx.path;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        item.check(value[i], ctx);
        path.pop();
      }
      if (unique && new Set(value).size !== value.length) ctx.error('STIX_DUPLICATE_ITEM', 'the list holds the same value more than once');
    },
  };
}

/**
 * A closed set of values (the spec's enumerations: "MUST be one of"). An error when outside.
 */
export function enumeration(values: readonly string[], name?: string): PropertyKind {
  const set = new Set(values);
  const description = name ? `a value of ${name}` : `one of ${values.join(', ')}`;
  return {
    shape: { kind: 'string' },
    description,
    check(value, ctx) {
      if (typeof value !== 'string') return wrongType(ctx, description, value);
      if (!set.has(value)) ctx.error('STIX_NOT_IN_ENUM', `${describeValue(value)} is not allowed: expected one of ${values.join(', ')}`);
    },
  };
}

const OPEN_VOCAB_FORMAT = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * An open vocabulary (the spec's `-ov`): any string, but a value outside the suggested list is a
 * best-practice finding under check `checkNumber` (and the all-vocabs group 210).
 */
export function vocabulary(name: string, values: readonly string[], checkNumber: number): PropertyKind {
  const set = new Set(values);
  return {
    shape: { kind: 'string' },
    description: `a value of ${name}`,
    check(value, ctx) {
      if (typeof value !== 'string') return wrongType(ctx, `a string (from ${name})`, value);
      if (!set.has(value)) {
        ctx.bestPractice(
          checkNumber,
          'STIX_VOCABULARY',
          `${describeValue(value)} is not in ${name}; the specification suggests: ${values.join(', ')}`,
        );
        if (!OPEN_VOCAB_FORMAT.test(value))
          ctx.bestPractice(111, 'STIX_FORMAT', `${describeValue(value)}: open-vocabulary values should be lower case with hyphens`);
      }
    },
  };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function binary(): PropertyKind {
  return {
    shape: { kind: 'binary' },
    description: 'base64 binary',
    check(value, ctx) {
      if (typeof value !== 'string') return wrongType(ctx, 'a base64 string', value);
      if (!BASE64.test(value)) ctx.error('STIX_INVALID_BINARY', 'expected base64 (RFC 4648 §4) with padding');
    },
  };
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

export function hex(): PropertyKind {
  return {
    shape: { kind: 'hex' },
    description: 'hex',
    check(value, ctx) {
      if (typeof value !== 'string') return wrongType(ctx, 'a hex string', value);
      if (!HEX.test(value)) ctx.error('STIX_INVALID_HEX', `${describeValue(value)}: expected an even number of hex digits`);
    },
  };
}

// RFC 3986 §3: a scheme, a colon and no whitespace. Deliberately loose: STIX says "valid URL"
// and real feeds carry IRIs; the point is to catch values that are not URLs at all.
const URL_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;

export function url(): PropertyKind {
  return {
    shape: { kind: 'string' },
    description: 'a URL',
    check(value, ctx) {
      if (typeof value !== 'string') return wrongType(ctx, 'a URL string', value);
      if (!URL_FORM.test(value)) ctx.error('STIX_INVALID_URL', `${describeValue(value)} is not a URL (RFC 3986): expected scheme:rest`);
    },
  };
}

/** Any JSON value: for properties whose content the specification leaves open. */
export function json(): PropertyKind {
  return { description: 'a JSON value', check() {} };
}

/** A value that may be one of several kinds (first kind whose JSON type fits decides). */
export function either(...kinds: ReadonlyArray<{ readonly when: (value: unknown) => boolean; readonly kind: PropertyKind }>): PropertyKind {
  const description = kinds.map((k) => k.kind.description).join(' or ');
  return {
    description,
    check(value, ctx) {
      for (const k of kinds) if (k.when(value)) return k.kind.check(value, ctx);
      wrongType(ctx, description, value);
    },
  };
}
