/**
 * Versioning (STIX 2.0 Part 1 §3.4, 2.1 §3.6): a new version keeps the object's id, type,
 * created and created_by_ref, gets a modified later than the previous one, and is valid on its
 * own. Revocation is permanent. Marking definitions, bundles and anything else without created
 * and modified have no versions.
 *
 * 2.1 SCOs have no created or modified: an SCO is identified by its id alone, and its id comes
 * from its ID contributing properties (§2.9). newVersion() on an SCO therefore gives the same id
 * with the other properties changed, and refuses to change a contributing property of an SCO
 * whose id is a UUIDv5 (that would be a different observable, with a different id). They cannot
 * be revoked (no `revoked` property).
 */
import { requireObject } from '../common/input.js';
import { compareTimestamps, isTimestamp } from '../common/timestamp.js';
import { type Clock, clockMillis, formatTimestamp, timestampMillis } from '../create/clock.js';
import { finishObject } from '../create/create.js';
import { buildDefinition, takesProperty } from '../create/definitions.js';
import { toPlain } from '../create/plain.js';
import { StixError } from '../errors.js';
import { idContributingProperties } from '../ids/index.js';
import type { StixVersion } from '../issues.js';
import { detectVersion } from '../version.js';

export interface NewVersionOptions {
  /** The object's STIX version; detected from the object when absent. */
  readonly version?: StixVersion;
  /** The clock for the new modified; the system clock by default. */
  readonly now?: Clock;
  readonly allowCustom?: boolean;
  /** Best-practice (SHOULD) findings refuse the new version too. */
  readonly strict?: boolean;
  /** ID-contributing properties of a custom type whose id is derived from them (they then cannot change). */
  readonly contributingProperties?: readonly string[];
}

/** A literal type widened to its primitive (objects frozen as literals have literal property types). */
type Widen<T> = T extends string ? string : T extends number ? number : T extends boolean ? boolean : T;

/**
 * Changes for a new version: a value sets the property, `null` or `undefined` removes it. The
 * object's own properties keep their types; other (new, custom) properties take any JSON value.
 */
export type VersionChanges<O> = { readonly [K in keyof O]?: Widen<O[K]> | null } & { readonly [property: string]: unknown };

/** A STIX object as far as versioning needs to know. */
export interface VersionedObject {
  readonly type: string;
  readonly id: string;
}

/** 2.0 Part 1 §3.4, 2.1 §3.6: the creator's identity and the object's identity never change. */
const UNMODIFIABLE = ['id', 'type', 'created', 'created_by_ref'] as const;

/**
 * A new version of `object` with `changes` applied, validated and deeply frozen. `modified` is
 * the clock's time, or one millisecond after the previous modified when the clock is not later;
 * a `modified` given in `changes` must be later than the previous one.
 * Throws StixError: STIX_NOT_VERSIONABLE, STIX_REVOKED, STIX_UNMODIFIABLE_PROPERTY,
 * STIX_MODIFIED_NOT_LATER, STIX_INVALID.
 */
export function newVersion<O extends VersionedObject>(object: O, changes: VersionChanges<O>, options: NewVersionOptions = {}): O {
  requireObject(object, 'the object to version');
  requireObject(changes, 'the changes');
  const old = object as unknown as Readonly<Record<string, unknown>>;
  const version = versionOf(old, options);
  if (isObservable(old, version)) return updateObservable(old, changes as Readonly<Record<string, unknown>>, version, options) as O;
  const refusal = notVersionable(old, version);
  if (refusal !== undefined) throw new StixError('STIX_NOT_VERSIONABLE', refusal);
  // 2.0 Part 1 §3.1, 2.1 §3.2 revoked: "Revoking an object is permanent".
  if (old.revoked === true) throw new StixError('STIX_REVOKED', `${String(old.id)} was revoked at ${String(old.modified)}`);

  const change = changes as Readonly<Record<string, unknown>>;
  checkUnchanged(old, change, [...UNMODIFIABLE, ...(options.contributingProperties ?? idContributingProperties[String(old.type)] ?? [])]);

  const previous = old.modified as string;
  let modified: string;
  // A Date is written as a timestamp (as create() does) before it is compared: it too must be later.
  const raw: unknown = change.modified;
  const given = raw instanceof Date && !Number.isNaN(raw.getTime()) ? formatTimestamp(raw.getTime()) : raw;
  if (given !== undefined && given !== null) {
    // 2.1 §3.6 / 2.0 §3.4: each new version's modified is later than the previous one's.
    if (typeof given === 'string' && isTimestamp(given) && compareTimestamps(given, previous) <= 0)
      throw new StixError('STIX_MODIFIED_NOT_LATER', `${given} is not later than the previous modified ${previous}`);
    modified = given as string;
  } else {
    modified = formatTimestamp(clockMillis(options.now));
    if (compareTimestamps(modified, previous) <= 0) modified = formatTimestamp(timestampMillis(previous) + 1);
  }

  return finishObject<O>(applyChanges(old, { ...change, modified }), version, options);
}

function checkUnchanged(old: Readonly<Record<string, unknown>>, change: Readonly<Record<string, unknown>>, fixed: readonly string[]): void {
  for (const name of fixed) {
    if (!Object.hasOwn(change, name)) continue;
    const value = change[name] === null ? undefined : change[name];
    if (!sameValue(value, old[name]))
      throw new StixError('STIX_UNMODIFIABLE_PROPERTY', `${name} cannot change in a new version of ${String(old.id)}`);
  }
}

/** The object with `change` applied, in the old key order then the new keys; null/undefined removes. */
function applyChanges(old: Readonly<Record<string, unknown>>, change: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(old)) {
    if (!Object.hasOwn(change, key)) out[key] = old[key];
    else if (change[key] !== undefined && change[key] !== null) out[key] = change[key];
  }
  for (const key of Object.keys(change)) {
    if (key in out || change[key] === undefined || change[key] === null) continue;
    out[key] = change[key];
  }
  return toPlain(out, []) as Record<string, unknown>;
}

function isObservable(object: Readonly<Record<string, unknown>>, version: StixVersion): boolean {
  if (version !== '2.1' || typeof object.type !== 'string') return false;
  try {
    return buildDefinition(version, object.type, { allowCustom: true }).category === 'sco';
  } catch {
    return false;
  }
}

/** A 2.1 SCO with changes: same id; contributing properties locked when the id is derived from them. */
function updateObservable(
  old: Readonly<Record<string, unknown>>,
  change: Readonly<Record<string, unknown>>,
  version: StixVersion,
  options: NewVersionOptions,
): Record<string, unknown> {
  if (typeof old.id !== 'string') throw new StixError('STIX_NOT_VERSIONABLE', 'not a STIX object (no id)');
  if (Object.hasOwn(change, 'revoked'))
    throw new StixError('STIX_NOT_VERSIONABLE', `${old.type} is a cyber observable: SCOs have no revoked property and cannot be revoked`);
  const derived = /^[^-]+(?:-[^-]+)*--[0-9a-f]{8}-[0-9a-f]{4}-5/i.test(old.id);
  const contributing = options.contributingProperties ?? idContributingProperties[String(old.type)] ?? [];
  checkUnchanged(old, change, ['id', 'type', 'spec_version', ...(derived ? contributing : [])]);
  return finishObject(applyChanges(old, change), version, options);
}

/** revoke(): the new version with `revoked: true` (and nothing else changed). */
export function revoke<O extends VersionedObject>(object: O, options: NewVersionOptions = {}): O {
  return newVersion(object, { revoked: true } as unknown as VersionChanges<O>, options);
}

/** Whether newVersion() can version this object (its revocation aside). */
export function isVersionable(object: unknown, options: Pick<NewVersionOptions, 'version'> = {}): boolean {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return false;
  const o = object as Readonly<Record<string, unknown>>;
  const version = versionOf(o, options);
  return isObservable(o, version) || notVersionable(o, version) === undefined;
}

/**
 * What tells versions of one object apart (2.0 Part 1 §3.4, 2.1 §3.6: id and modified):
 * `id@modified`, or the id alone for objects without modified.
 */
export function versionKey(object: { readonly id: string; readonly modified?: string }): string {
  return object.modified === undefined ? object.id : `${object.id}@${object.modified}`;
}

function versionOf(object: Readonly<Record<string, unknown>>, options: Pick<NewVersionOptions, 'version'>): StixVersion {
  if (options.version) return options.version;
  if (object.spec_version === '2.1') return '2.1';
  return detectVersion(object).version;
}

/** Why the object cannot be versioned, or undefined when it can. */
function notVersionable(object: Readonly<Record<string, unknown>>, version: StixVersion): string | undefined {
  const type = object.type;
  if (typeof type !== 'string' || typeof object.id !== 'string') return 'not a STIX object (no type or id)';
  if (type === 'bundle') return 'a bundle is not a STIX object and has no versions';
  let definition: ReturnType<typeof buildDefinition>;
  try {
    // Any custom type name: what makes a custom object versionable is its created and modified.
    definition = buildDefinition(version, type, { allowCustom: true });
  } catch {
    return `${type} objects are not versioned in STIX ${version}`;
  }
  if (type === 'marking-definition') return 'marking definitions cannot be versioned (2.0 Part 1 §4.1, 2.1 §7.2.1)';
  if (!takesProperty(definition, 'modified')) return `${type} objects have no modified property`;
  if (!isTimestamp(object.created) || !isTimestamp(object.modified))
    return `${object.id} has no valid created and modified: only objects with both can be versioned`;
  return undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
