/**
 * Object specifications: a declarative list of properties (kind, required or not) plus
 * co-constraints, compiled once into one checking function. Used for top-level STIX objects and
 * for embedded types (kill-chain-phase, external-reference, extensions…).
 */
import { compareTimestamps, isTimestamp } from '../common/timestamp.js';
import { describeValue, type ValidationContext } from '../validation/context.js';
import type { PropertyKind } from './kinds.js';

export interface PropertyDef {
  readonly kind: PropertyKind;
  readonly required: boolean;
  /** Present in the specification but deprecated: best practice 304 (2.1). */
  readonly deprecated: boolean;
}

export function required(kind: PropertyKind): PropertyDef {
  return { kind, required: true, deprecated: false };
}
export function optional(kind: PropertyKind): PropertyDef {
  return { kind, required: false, deprecated: false };
}
export function deprecated(kind: PropertyKind): PropertyDef {
  return { kind, required: false, deprecated: true };
}

export type PropertyMap = Readonly<Record<string, PropertyKind | PropertyDef>>;

/** A rule over the whole object, run after every property was checked. */
export type Constraint = (object: Readonly<Record<string, unknown>>, ctx: ValidationContext) => void;

export interface ObjectSpecOptions {
  /**
   * How to treat properties the specification does not define: `custom` applies the context's
   * custom-property policy (the default), `forbid` rejects them (closed structures), `defined`
   * accepts any well-formed name: they are defined elsewhere (an extension-definition's schema),
   * so they are not custom properties and the x_ prefix advice does not apply.
   */
  readonly unknownProperties?: 'custom' | 'forbid' | 'defined';
  /** Property names the spec reserves: present means error. */
  readonly reserved?: readonly string[];
}

const PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;
const CUSTOM_PROPERTY_STRICT = /^x_[a-z0-9]+_[a-z0-9_]+$/;
const CUSTOM_PROPERTY_LAX = /^x_[a-z0-9_]+$/;

export class ObjectSpec implements PropertyKind {
  readonly description: string;
  readonly properties: ReadonlyMap<string, PropertyDef>;
  readonly requiredNames: readonly string[];
  private readonly table: Record<string, PropertyDef>;
  private readonly constraints: Constraint[] = [];
  private readonly unknown: 'custom' | 'forbid' | 'defined';
  private readonly reserved: ReadonlySet<string>;

  constructor(
    readonly name: string,
    properties: PropertyMap,
    options: ObjectSpecOptions = {},
  ) {
    this.description = `a ${name} object`;
    const entries = Object.entries(properties).map(([key, def]): [string, PropertyDef] => [key, 'kind' in def ? def : optional(def)]);
    this.properties = new Map(entries);
    // A null-prototype table: a property lookup is one hash probe and never hits Object.prototype.
    this.table = Object.assign(Object.create(null) as Record<string, PropertyDef>, Object.fromEntries(entries));
    this.requiredNames = entries.filter(([, d]) => d.required).map(([k]) => k);
    this.unknown = options.unknownProperties ?? 'custom';
    this.reserved = new Set(options.reserved ?? []);
  }

  /** Adds co-constraints; returns this for chaining. */
  with(...constraints: Constraint[]): this {
    this.constraints.push(...constraints);
    return this;
  }

  /** A new spec with more (or replaced) properties and the same constraints plus `constraints`. */
  extend(name: string, properties: PropertyMap, options?: ObjectSpecOptions, ...constraints: Constraint[]): ObjectSpec {
    const merged: Record<string, PropertyKind | PropertyDef> = {};
    for (const [k, d] of this.properties) merged[k] = d;
    Object.assign(merged, properties);
    const spec = new ObjectSpec(name, merged, options ?? { unknownProperties: this.unknown, reserved: [...this.reserved] });
    spec.constraints.push(...this.constraints, ...constraints);
    return spec;
  }

  check(value: unknown, ctx: ValidationContext): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      ctx.error('STIX_WRONG_JSON_TYPE', `expected ${this.description} (a JSON object), found ${describeValue(value)}`);
      return;
    }
    const object = value as Record<string, unknown>;
    const table = this.table;
    const path = ctx.path;
    for (const key in object) {
      const value = object[key];
      // A property set to undefined (possible from JavaScript, never from JSON) is absent.
      if (value === undefined) continue;
      const def = table[key];
      if (def !== undefined) {
        path.push(key);
        def.kind.check(value, ctx);
        if (def.deprecated) ctx.bestPractice(304, 'STIX_DEPRECATED', `${key} is deprecated in STIX ${ctx.version}`);
        path.pop();
      } else if (this.reserved.has(key)) {
        ctx.error('STIX_RESERVED_PROPERTY', `${key} is reserved by the specification and must not be used`, key);
      } else {
        this.unknownProperty(key, ctx);
      }
    }
    const requiredNames = this.requiredNames;
    for (let i = 0; i < requiredNames.length; i++) {
      const name = requiredNames[i];
      if (object[name] === undefined) ctx.error('STIX_MISSING_PROPERTY', `${name} is required on ${this.name} but absent`, name);
    }
    const constraints = this.constraints;
    for (let i = 0; i < constraints.length; i++) constraints[i](object, ctx);
  }

  private unknownProperty(key: string, ctx: ValidationContext): void {
    if (this.unknown === 'forbid') {
      ctx.error('STIX_PROPERTY_NOT_ALLOWED', `${key} is not a property of ${this.name}`, key);
      return;
    }
    if (this.unknown === 'defined') {
      if (!PROPERTY_NAME.test(key))
        ctx.error(
          'STIX_INVALID_PROPERTY_NAME',
          `${JSON.stringify(key)} is not a valid property name: expected 3 to 250 characters of a-z, 0-9 and _`,
          key,
        );
      return;
    }
    checkCustomPropertyName(key, ctx);
  }
}

/**
 * The rules for a property the specification does not define (2.0 Part 1 §7, 2.1 §11.1):
 * names are 3–250 of a-z, 0-9, _ (a MUST); the x_<source>_ prefix is a best practice (101/102).
 */
export function checkCustomPropertyName(key: string, ctx: ValidationContext): void {
  if (ctx.extensionProperties?.has(key)) return;
  if (!PROPERTY_NAME.test(key) && key !== 'id') {
    ctx.error(
      'STIX_INVALID_PROPERTY_NAME',
      `${JSON.stringify(key)} is not a valid property name: expected 3 to 250 characters of a-z, 0-9 and _`,
      key,
    );
    return;
  }
  const policy = ctx.options.customProperties;
  if (policy === 'allow') return;
  if (policy === 'error') {
    ctx.error('STIX_CUSTOM_PROPERTY', `${key} is not a property the specification defines here (custom properties are not allowed)`, key);
    return;
  }
  if (ctx.checks(101)) {
    if (!CUSTOM_PROPERTY_STRICT.test(key))
      ctx.bestPractice(101, 'STIX_CUSTOM_PREFIX', `custom property ${key} should be named x_<source>_<name>`, key);
  } else if (!CUSTOM_PROPERTY_LAX.test(key)) {
    ctx.bestPractice(102, 'STIX_CUSTOM_PREFIX', `custom property ${key} should start with x_`, key);
  }
}

const present = (object: Readonly<Record<string, unknown>>, key: string): boolean => object[key] !== undefined;

/** At least one of `names` must be present. */
export function atLeastOne(...names: string[]): Constraint {
  return (object, ctx) => {
    for (const n of names) if (present(object, n)) return;
    ctx.error('STIX_AT_LEAST_ONE', `at least one of ${names.join(', ')} is required`);
  };
}

/** At most one of `names` may be present. */
export function mutuallyExclusive(...names: string[]): Constraint {
  return (object, ctx) => {
    const found = names.filter((n) => present(object, n));
    if (found.length > 1) ctx.error('STIX_MUTUALLY_EXCLUSIVE', `${found.join(' and ')} must not both be present`, found[1]);
  };
}

/** Exactly one of `names` must be present. */
export function exactlyOne(...names: string[]): Constraint {
  return (object, ctx) => {
    const found = names.filter((n) => present(object, n));
    if (found.length === 0) ctx.error('STIX_AT_LEAST_ONE', `exactly one of ${names.join(', ')} is required, found none`);
    else if (found.length > 1)
      ctx.error('STIX_MUTUALLY_EXCLUSIVE', `exactly one of ${names.join(', ')} is allowed, found ${found.join(' and ')}`, found[1]);
  };
}

/** When `name` is present, every one of `needs` must be too. */
export function dependsOn(name: string, ...needs: string[]): Constraint {
  return (object, ctx) => {
    if (!present(object, name)) return;
    for (const n of needs)
      if (!present(object, n)) ctx.error('STIX_DEPENDENT_PROPERTY', `${name} is present, so ${n} is required too`, name);
  };
}

/**
 * Timestamp order (validator MUST timestamp_compare): `later` must be after `earlier`, or equal
 * when `allowEqual`. Only checked when both are valid timestamps (their own errors come first).
 */
export function timestampOrder(later: string, earlier: string, allowEqual: boolean): Constraint {
  return (object, ctx) => {
    const a = object[later];
    const b = object[earlier];
    if (!isTimestamp(a) || !isTimestamp(b)) return;
    const cmp = compareTimestamps(a, b);
    if (cmp < 0 || (cmp === 0 && !allowEqual))
      ctx.error(
        'STIX_TIMESTAMP_ORDER',
        `${later} (${a}) must be ${allowEqual ? 'later than or equal to' : 'later than'} ${earlier} (${b})`,
        later,
      );
  };
}
