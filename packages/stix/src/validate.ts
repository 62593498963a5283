/**
 * validate(): every problem in a STIX bundle, object or list of objects, each with a severity, a
 * stable code, a message, a JSON path and the object's id. Never throws on bad input and never
 * stops at the first problem.
 */

import { StixError } from './errors.js';
import type { Issue, StixVersion, ValidationReport } from './issues.js';
import { patternObjectModel } from './pattern-model.js';
import { isValidTypeName } from './properties/identity.js';
import { registries } from './registries.js';
import type { VersionRegistry } from './registry.js';
import { ANY_PROPERTY, toplevelExtensionProperties } from './v21/common.js';
import { resolveBestPractices } from './validation/best-practices.js';
import { type ContextOptions, describeValue, ValidationContext } from './validation/context.js';
import { detectVersion } from './version.js';

export interface ValidateOptions {
  /** The version to validate against; detected from the input when absent. */
  readonly version?: StixVersion;
  /** Run the best-practice (SHOULD) checks; true by default, as stix2-validator does. */
  readonly bestPractices?: boolean;
  /** Best-practice checks to run (numbers or names, e.g. 101 or 'custom-prefix'). */
  readonly enable?: readonly (number | string)[];
  /** Best-practice checks to skip. */
  readonly disable?: readonly (number | string)[];
  /** Best-practice findings become errors. */
  readonly strict?: boolean;
  /** Custom object types are errors (else accepted with naming warnings). */
  readonly strictTypes?: boolean;
  /** Custom properties are errors (else accepted with naming warnings). */
  readonly strictProperties?: boolean;
  /** Accept custom types and properties silently (no naming warnings). Overridden by strictTypes / strictProperties. */
  readonly allowCustom?: boolean;
  /** References (`*_ref`, `*_refs`) must point at objects in the input. */
  readonly enforceRefs?: boolean;
}

export type ValidateInput = string | Uint8Array | unknown;

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Turns a JSON text or bytes into a value; objects pass through. Throws StixError on bad JSON. */
export function toJsonValue(input: ValidateInput): unknown {
  if (typeof input === 'string') return parseJsonText(input);
  if (input instanceof Uint8Array) return parseJsonText(decoder.decode(input));
  return input;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const position = /position (\d+)/.exec(message);
    throw new StixError('STIX_JSON_SYNTAX', message, { offset: position ? Number(position[1]) : undefined, cause });
  }
}

export function contextOptions(version: StixVersion, options: ValidateOptions): ContextOptions {
  const allow = options.allowCustom ?? false;
  const customPolicy = (strict: boolean | undefined) => (strict ? 'error' : allow ? 'allow' : 'warn') as 'error' | 'allow' | 'warn';
  const bestPractices =
    options.bestPractices === false ? new Set<number>() : resolveBestPractices(version, options.enable, options.disable).enabled;
  return {
    version,
    customTypes: customPolicy(options.strictTypes),
    customProperties: customPolicy(options.strictProperties),
    bestPractices,
    strict: options.strict ?? false,
    enforceRefs: options.enforceRefs ?? false,
    patternObjectModel,
  };
}

export function validate(input: ValidateInput, options: ValidateOptions = {}): ValidationReport {
  let value: unknown;
  try {
    value = toJsonValue(input);
  } catch (error) {
    const message = error instanceof StixError ? error.message : String(error);
    const version = options.version ?? '2.1';
    return report(version, 0, [{ severity: 'error', code: 'STIX_JSON_SYNTAX', message, path: '' }], 1, 0);
  }
  const version = options.version ?? detectVersion(value).version;
  const validator = new Validator(version, options);
  if (Array.isArray(value)) {
    validator.prepare(value);
    for (let i = 0; i < value.length; i++) validator.object(value[i], i);
  } else if (value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'bundle') {
    validator.bundle(value as Record<string, unknown>);
  } else {
    validator.prepare([value]);
    validator.object(value, undefined);
  }
  return validator.finish();
}

function report(version: StixVersion, objectCount: number, issues: Issue[], errorCount: number, warningCount: number): ValidationReport {
  return { valid: errorCount === 0, version, objectCount, errorCount, warningCount, issues };
}

/**
 * One validation run, usable object by object (the streaming path feeds it one object at a
 * time). Keeps only what cross-object rules need: ids for duplicates and enforced references,
 * and extension-definitions for top-level extension properties.
 */
export class Validator {
  readonly ctx: ValidationContext;
  readonly registry: VersionRegistry;
  private objectCount = 0;
  private readonly versions = new Map<string, string | undefined>();
  private readonly duplicateCheck: boolean;
  private readonly trackIds: boolean;
  private readonly extensionDefinitions = new Map<string, readonly string[] | undefined>();

  constructor(
    readonly version: StixVersion,
    options: ValidateOptions,
  ) {
    this.ctx = new ValidationContext(contextOptions(version, options));
    this.registry = registries[version];
    this.duplicateCheck = this.ctx.checks(203);
    this.trackIds = this.duplicateCheck || this.ctx.options.enforceRefs;
  }

  /** Looks ahead for extension-definitions so their top-level properties are known (2.1 §7.3). */
  prepare(objects: readonly unknown[]): void {
    if (this.version !== '2.1') return;
    for (const o of objects) this.noteExtensionDefinition(o);
  }

  private noteExtensionDefinition(o: unknown): void {
    const obj = o as { type?: unknown; id?: unknown; extension_properties?: unknown } | null;
    if (obj?.type !== 'extension-definition' || typeof obj.id !== 'string') return;
    const props = Array.isArray(obj.extension_properties)
      ? obj.extension_properties.filter((p): p is string => typeof p === 'string')
      : undefined;
    this.extensionDefinitions.set(obj.id, props);
  }

  bundle(bundle: Record<string, unknown>): void {
    const ctx = this.ctx;
    ctx.objectId = typeof bundle.id === 'string' ? bundle.id : undefined;
    ctx.object = bundle;
    this.registry.bundle.check(bundle, ctx);
    const objects = bundle.objects;
    if (!Array.isArray(objects)) return;
    this.prepare(objects);
    ctx.path.push('objects');
    for (let i = 0; i < objects.length; i++) this.object(objects[i], i);
    ctx.path.pop();
  }

  /** Validates one top-level object; `index` is its position in the enclosing list, if any. */
  object(value: unknown, index: number | undefined): void {
    const ctx = this.ctx;
    this.objectCount++;
    if (index !== undefined) ctx.path.push(index);
    try {
      this.checkObject(value);
    } finally {
      ctx.objectId = undefined;
      ctx.object = undefined;
      ctx.extensionProperties = undefined;
      if (index !== undefined) ctx.path.pop();
    }
  }

  private checkObject(value: unknown): void {
    const ctx = this.ctx;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      ctx.error('STIX_NOT_AN_OBJECT', `expected a STIX object (a JSON object with type and id), found ${describeValue(value)}`);
      return;
    }
    const object = value as Record<string, unknown>;
    const id = object.id;
    ctx.objectId = typeof id === 'string' ? id : undefined;
    ctx.object = object;
    const type = object.type;
    if (typeof type !== 'string') {
      ctx.error(
        type === undefined ? 'STIX_MISSING_PROPERTY' : 'STIX_WRONG_JSON_TYPE',
        'every STIX object needs a type (a string such as "indicator")',
        'type',
      );
      return;
    }
    if (this.version === '2.1') {
      if (type === 'extension-definition') this.noteExtensionDefinition(object);
      if (object.extensions !== undefined) ctx.extensionProperties = toplevelExtensionProperties(object, this.extensionDefinitions);
    }
    const definition = this.registry.types.get(type);
    let spec = definition?.spec;
    if (spec === undefined) {
      if (type === 'bundle') {
        ctx.error('STIX_NOT_AN_OBJECT', 'a bundle cannot be nested inside another bundle or list', 'type');
        return;
      }
      this.customType(type, object);
      spec = object.created !== undefined || object.modified !== undefined ? this.registry.customObject : this.registry.customObservable;
    }
    spec.check(object, ctx);
    const checks = this.registry.objectChecks;
    for (let i = 0; i < checks.length; i++) checks[i](object, ctx, definition);
    if (this.trackIds && typeof id === 'string') this.trackId(id, object.modified);
  }

  private customType(type: string, object: Record<string, unknown>): void {
    const ctx = this.ctx;
    if (!isValidTypeName(type)) {
      ctx.error(
        'STIX_INVALID_TYPE_NAME',
        `${JSON.stringify(type)} is not a valid type name: expected 3 to 250 characters of a-z, 0-9 and single hyphens, starting with a letter`,
        'type',
      );
      return;
    }
    const policy = ctx.options.customTypes;
    if (policy === 'allow') return;
    if (policy === 'error') {
      ctx.error('STIX_UNKNOWN_TYPE', `${type} is not a STIX ${this.version} object type (custom types are not allowed)`, 'type');
      return;
    }
    // 2.1 §7.3: a type defined by an extension-definition (new-sdo/sco/sro) is not old-style custom
    // content, and its properties are the extension's own.
    if (this.version === '2.1' && hasNewObjectExtension(object)) {
      ctx.extensionProperties = ANY_PROPERTY;
      return;
    }
    if (ctx.checks(101)) {
      if (!/^x-[a-z0-9]+-[a-z0-9-]+$/.test(type))
        ctx.bestPractice(101, 'STIX_CUSTOM_PREFIX', `custom object type ${type} should be named x-<source>-<name>`, 'type');
    } else if (!type.startsWith('x-'))
      ctx.bestPractice(102, 'STIX_CUSTOM_PREFIX', `custom object type ${type} should start with x-`, 'type');
    if (this.version === '2.1')
      ctx.bestPractice(
        401,
        'STIX_DEPRECATED',
        `custom object type ${type} should be defined with an extension-definition (new-sdo, new-sco or new-sro; STIX 2.1 §7.3)`,
        'type',
      );
  }

  private trackId(id: string, modified: unknown): void {
    const version = typeof modified === 'string' ? modified : undefined;
    const key = `${id}\u0000${version ?? ''}`;
    if (this.duplicateCheck && this.versions.has(key))
      this.ctx.bestPractice(
        203,
        'STIX_DUPLICATE_OBJECT',
        `another object in the input has the same id${version ? ` and modified (${version})` : ''}`,
        'id',
      );
    this.versions.set(key, version);
    if (this.ctx.options.enforceRefs) this.versions.set(id, version);
  }

  finish(): ValidationReport {
    const ctx = this.ctx;
    if (ctx.options.enforceRefs) {
      for (const ref of ctx.references) {
        if (this.versions.has(ref.ref)) continue;
        const issue: Issue = {
          severity: 'error',
          code: 'STIX_UNRESOLVED_REF',
          message: `${ref.ref} is not among the objects of the input (--enforce-refs)`,
          path: ref.path,
          ...(ref.objectId !== undefined ? { objectId: ref.objectId } : {}),
        };
        ctx.issues.push(issue);
        ctx.errorCount++;
      }
    }
    return report(this.version, this.objectCount, ctx.issues, ctx.errorCount, ctx.warningCount);
  }
}

function hasNewObjectExtension(object: Record<string, unknown>): boolean {
  const ext = object.extensions;
  if (ext === null || typeof ext !== 'object') return false;
  for (const content of Object.values(ext as Record<string, unknown>)) {
    const t = (content as { extension_type?: unknown } | null)?.extension_type;
    if (t === 'new-sdo' || t === 'new-sco' || t === 'new-sro') return true;
  }
  return false;
}
