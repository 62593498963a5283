/**
 * The TAXII resources as they travel (snake_case, the specification's names), and the checks that
 * turn a parsed body into one: required properties present with their types (TAXII 2.0 §3.8,
 * 2.1 §3.8), anything else kept as sent. A resource that fails is TAXII_PROTOCOL naming the
 * property. Custom properties (2.0 §6.1, 2.1 §7.1) pass through.
 */
import type { HttpResponse } from './http-transport.js';
import { protocolError } from './response.js';

/** A STIX object: what the client needs of it is a type and an id; the rest is the caller's. */
export interface StixObject {
  readonly type: string;
  readonly id: string;
  readonly [property: string]: unknown;
}

/** 2.0 §4.1, 2.1 §4.1.1. */
export interface DiscoveryResource {
  readonly title: string;
  readonly description?: string;
  readonly contact?: string;
  readonly default?: string;
  readonly api_roots?: readonly string[];
  readonly [custom: string]: unknown;
}

/** 2.0 §4.2, 2.1 §4.2.1. `versions`: `taxii-2.0` in 2.0, `application/taxii+json;version=2.1` in 2.1. */
export interface ApiRootResource {
  readonly title: string;
  readonly description?: string;
  readonly versions: readonly string[];
  readonly max_content_length: number;
  readonly [custom: string]: unknown;
}

/** 2.0 §5.2, 2.1 §5.2.1 (`alias` is 2.1 only). */
export interface CollectionResource {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly alias?: string;
  readonly can_read: boolean;
  readonly can_write: boolean;
  readonly media_types?: readonly string[];
  readonly [custom: string]: unknown;
}

/** 2.1 §4.3.1 status-details; in 2.0 successes and pendings are bare ids and failures `{id, message}`. */
export interface StatusDetailResource {
  readonly id: string;
  readonly version?: string;
  readonly message?: string;
}

/** 2.0 §4.3, 2.1 §4.3.1. */
export interface StatusResource {
  readonly id: string;
  readonly status: string;
  readonly request_timestamp?: string;
  readonly total_count: number;
  readonly success_count: number;
  readonly successes?: readonly (StatusDetailResource | string)[];
  readonly failure_count: number;
  readonly failures?: readonly (StatusDetailResource | string)[];
  readonly pending_count: number;
  readonly pendings?: readonly (StatusDetailResource | string)[];
  readonly [custom: string]: unknown;
}

/** 2.1 §5.3.1: one record per object version. */
export interface ManifestRecord21 {
  readonly id: string;
  readonly date_added: string;
  readonly version: string;
  readonly media_type?: string;
  readonly [custom: string]: unknown;
}

/** 2.0 §5.6: one entry per object, its versions listed. */
export interface ManifestEntry20 {
  readonly id: string;
  readonly date_added?: string;
  readonly versions?: readonly string[];
  readonly media_types?: readonly string[];
  readonly [custom: string]: unknown;
}

export type ManifestRecord = ManifestRecord21 | ManifestEntry20;

type Json = Readonly<Record<string, unknown>>;

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? 'a string' : typeof v);

/** Reads one JSON object of a response, failing with the path of the first wrong property. */
class ResourceReader {
  constructor(
    private readonly response: HttpResponse,
    readonly value: Json,
    private readonly path: string,
  ) {}

  static of(response: HttpResponse, value: unknown, path: string): ResourceReader {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw protocolError(response, `${path} must be a JSON object, not ${describe(value)}`);
    return new ResourceReader(response, value as Json, path);
  }

  #fail(key: string, expected: string, found: unknown): never {
    throw protocolError(this.response, `${this.path}.${key} must be ${expected}, not ${describe(found)}`);
  }

  #get(key: string, required: boolean): unknown {
    const v = this.value[key];
    if (v === undefined && required) throw protocolError(this.response, `${this.path}.${key} is required and missing`);
    return v;
  }

  string(key: string, required: boolean): void {
    const v = this.#get(key, required);
    if (v !== undefined && typeof v !== 'string') this.#fail(key, 'a string', v);
  }

  boolean(key: string, required: boolean): void {
    const v = this.#get(key, required);
    if (v !== undefined && typeof v !== 'boolean') this.#fail(key, 'a boolean', v);
  }

  count(key: string, required: boolean, min = 0): void {
    const v = this.#get(key, required);
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < min)) this.#fail(key, `an integer ≥ ${min}`, v);
  }

  strings(key: string, required: boolean): void {
    const v = this.#get(key, required);
    if (v === undefined) return;
    if (!Array.isArray(v)) this.#fail(key, 'a list of strings', v);
    v.forEach((item, i) => {
      if (typeof item !== 'string') this.#fail(`${key}[${i}]`, 'a string', item);
    });
  }

  /** A list of JSON objects, each read by `each`. */
  objects(key: string, each?: (item: ResourceReader) => void): readonly Json[] {
    const v = this.#get(key, false);
    if (v === undefined) return [];
    if (!Array.isArray(v)) this.#fail(key, 'a list', v);
    return v.map((item, i) => {
      const r = ResourceReader.of(this.response, item, `${this.path}.${key}[${i}]`);
      each?.(r);
      return r.value;
    });
  }
}

export function toDiscovery(res: HttpResponse, value: unknown): DiscoveryResource {
  const r = ResourceReader.of(res, value, 'discovery');
  r.string('title', true);
  r.string('description', false);
  r.string('contact', false);
  r.string('default', false);
  r.strings('api_roots', false);
  return r.value as DiscoveryResource;
}

export function toApiRoot(res: HttpResponse, value: unknown): ApiRootResource {
  const r = ResourceReader.of(res, value, 'api-root');
  r.string('title', true);
  r.strings('versions', true);
  r.count('max_content_length', true, 1);
  return r.value as ApiRootResource;
}

/** Whether a resource of unknown kind is an api-root (versions + max_content_length) rather than a discovery. */
export function looksLikeApiRoot(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Json;
  return Array.isArray(v.versions) && v.max_content_length !== undefined && v.api_roots === undefined;
}

function readCollection(r: ResourceReader): void {
  r.string('id', true);
  r.string('title', true);
  r.string('description', false);
  r.string('alias', false);
  r.boolean('can_read', true);
  r.boolean('can_write', true);
  r.strings('media_types', false);
}

export function toCollection(res: HttpResponse, value: unknown): CollectionResource {
  const r = ResourceReader.of(res, value, 'collection');
  readCollection(r);
  return r.value as CollectionResource;
}

/** `collections` (2.0 §5.1, 2.1 §5.1.1): the key is absent when there are none. */
export function toCollections(res: HttpResponse, value: unknown): readonly CollectionResource[] {
  return ResourceReader.of(res, value, 'collections').objects('collections', readCollection) as readonly CollectionResource[];
}

export function toStatus(res: HttpResponse, value: unknown): StatusResource {
  const r = ResourceReader.of(res, value, 'status');
  r.string('id', true);
  r.string('status', true);
  r.string('request_timestamp', false);
  for (const key of ['total_count', 'success_count', 'failure_count', 'pending_count']) r.count(key, true);
  for (const key of ['successes', 'failures', 'pendings']) {
    const list = r.value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw protocolError(res, `status.${key} must be a list, not ${describe(list)}`);
    list.forEach((item, i) => {
      if (typeof item === 'string') return;
      const d = ResourceReader.of(res, item, `status.${key}[${i}]`);
      d.string('id', true);
      d.string('version', false);
      d.string('message', false);
    });
  }
  const state = r.value.status;
  if (state !== 'complete' && state !== 'pending')
    throw protocolError(res, `status.status must be "complete" or "pending", not ${JSON.stringify(state)}`);
  return r.value as StatusResource;
}

function readStixObject(r: ResourceReader): void {
  r.string('type', true);
  r.string('id', true);
}

export interface EnvelopeContent<T> {
  readonly items: readonly T[];
  readonly more: boolean;
  readonly next?: string;
}

/** 2.1 §3.7 envelope: `{more, next, objects}`, every key optional. */
export function toEnvelope(res: HttpResponse, value: unknown): EnvelopeContent<StixObject> {
  const r = ResourceReader.of(res, value, 'envelope');
  r.boolean('more', false);
  r.string('next', false);
  const items = r.objects('objects', readStixObject) as readonly StixObject[];
  return page(r, items);
}

/** 2.0 §3.7: the objects of a STIX bundle (an empty result is a bundle without `objects`). */
export function toBundleObjects(res: HttpResponse, value: unknown): readonly StixObject[] {
  const r = ResourceReader.of(res, value, 'bundle');
  if (r.value.type !== 'bundle') throw protocolError(res, `bundle.type must be "bundle", not ${JSON.stringify(r.value.type)}`);
  return r.objects('objects', readStixObject) as readonly StixObject[];
}

/** 2.1 §5.3.1 manifest (`next` is absent from its table; servers send it, so it is read). */
export function toManifest21(res: HttpResponse, value: unknown): EnvelopeContent<ManifestRecord21> {
  const r = ResourceReader.of(res, value, 'manifest');
  r.boolean('more', false);
  r.string('next', false);
  const items = r.objects('objects', (m) => {
    m.string('id', true);
    m.string('date_added', true);
    m.string('version', true);
    m.string('media_type', false);
  }) as readonly ManifestRecord21[];
  return page(r, items);
}

/** 2.0 §5.6 manifest: `objects` of manifest-entry. */
export function toManifest20(res: HttpResponse, value: unknown): readonly ManifestEntry20[] {
  return ResourceReader.of(res, value, 'manifest').objects('objects', (m) => {
    m.string('id', true);
    m.string('date_added', false);
    m.strings('versions', false);
    m.strings('media_types', false);
  }) as readonly ManifestEntry20[];
}

/** 2.1 §5.8.1 versions: `{more, next, versions}`. */
export function toVersions(res: HttpResponse, value: unknown): EnvelopeContent<string> {
  const r = ResourceReader.of(res, value, 'versions');
  r.boolean('more', false);
  r.string('next', false);
  r.strings('versions', false);
  return page(r, (r.value.versions as readonly string[] | undefined) ?? []);
}

function page<T>(r: ResourceReader, items: readonly T[]): EnvelopeContent<T> {
  const next = r.value.next as string | undefined;
  return { items, more: r.value.more === true, ...(next !== undefined ? { next } : {}) };
}
