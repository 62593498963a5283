/**
 * Query parameters of the objects, manifest, object, versions and delete endpoints (TAXII 2.1
 * §3.4, §3.4.1, §3.5) → a storage ObjectQuery. Malformed parameters MUST be answered 400.
 */
import { TaxiiError } from './errors.js';
import { type Micros, type ObjectQuery, parseMicros, type VersionSelector } from './storage/storage.js';

export type QueryParams = Readonly<Record<string, unknown>>;

/** Which filters an endpoint takes (§3.4.1's table; others are ignored, as it allows). */
export interface FilterSet {
  readonly id?: boolean;
  readonly type?: boolean;
  readonly version?: boolean;
  readonly specVersion?: boolean;
  readonly addedAfter?: boolean;
  readonly paging?: boolean;
}

export const OBJECTS_FILTERS: FilterSet = { id: true, type: true, version: true, specVersion: true, addedAfter: true, paging: true };
export const OBJECT_FILTERS: FilterSet = { version: true, specVersion: true, addedAfter: true, paging: true };
export const VERSIONS_FILTERS: FilterSet = { specVersion: true, addedAfter: true, paging: true };
export const DELETE_FILTERS: FilterSet = { version: true, specVersion: true };

export interface ParsedFilters {
  readonly ids?: readonly string[];
  readonly types?: readonly string[];
  readonly versions?: readonly VersionSelector[];
  readonly specVersions?: readonly string[];
  readonly addedAfter?: Micros;
  /** The client's limit, when given. */
  readonly limit?: number;
  readonly next?: string;
}

function single(params: QueryParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  // §3.4.1: each match field (and added_after, limit, next) at most once.
  if (typeof value !== 'string') throw new TaxiiError('TAXII_INVALID_PARAMETER', `${name} must be given at most once`);
  return value;
}

function list(params: QueryParams, name: string, check: (item: string) => boolean, what: string): string[] | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  const items = value.split(',');
  for (const item of items) {
    if (!check(item)) throw new TaxiiError('TAXII_INVALID_PARAMETER', `${name}: ${JSON.stringify(item)} is not ${what}`);
  }
  if (new Set(items).size !== items.length) throw new TaxiiError('TAXII_INVALID_PARAMETER', `${name}: a value is repeated`);
  return items;
}

const STIX_ID = /^[a-z0-9][a-z0-9-]*[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const STIX_TYPE = /^[a-z0-9][a-z0-9-]*[a-z0-9]$|^[a-z0-9]$/;
const SPEC_VERSION = /^\d+\.\d+$/;

export function parseFilters(params: QueryParams, allowed: FilterSet): ParsedFilters {
  const out: {
    -readonly [K in keyof ParsedFilters]: ParsedFilters[K];
  } = {};
  if (allowed.id) out.ids = list(params, 'match[id]', (s) => STIX_ID.test(s), 'a STIX identifier');
  if (allowed.type) out.types = list(params, 'match[type]', (s) => STIX_TYPE.test(s) && s.length <= 250, 'a STIX type');
  if (allowed.version) {
    const items = list(
      params,
      'match[version]',
      (s) => s === 'last' || s === 'first' || s === 'all' || parseMicros(s) !== undefined,
      'last, first, all or a timestamp',
    );
    if (items) {
      if (items.includes('all') && items.length > 1)
        throw new TaxiiError('TAXII_INVALID_PARAMETER', 'match[version]: all cannot be combined with other values');
      out.versions = items.map(
        (s): VersionSelector => (s === 'last' || s === 'first' || s === 'all' ? { kind: s } : { kind: 'exact', version: s }),
      );
    }
  }
  if (allowed.specVersion)
    out.specVersions = list(params, 'match[spec_version]', (s) => SPEC_VERSION.test(s), 'a spec version such as 2.1');
  if (allowed.addedAfter) {
    const text = single(params, 'added_after');
    if (text !== undefined) {
      const micros = parseMicros(text);
      if (micros === undefined)
        throw new TaxiiError(
          'TAXII_INVALID_PARAMETER',
          `added_after: ${JSON.stringify(text)} is not a timestamp (YYYY-MM-DDTHH:MM:SS[.ssssss]Z)`,
        );
      out.addedAfter = micros;
    }
  }
  if (allowed.paging) {
    const limit = single(params, 'limit');
    if (limit !== undefined) {
      if (!/^[1-9]\d{0,8}$/.test(limit))
        throw new TaxiiError('TAXII_INVALID_PARAMETER', `limit: ${JSON.stringify(limit)} is not a positive integer`);
      out.limit = Number(limit);
    }
    const next = single(params, 'next');
    if (next !== undefined) {
      if (next === '') throw new TaxiiError('TAXII_INVALID_PARAMETER', 'next is empty');
      out.next = next;
    }
  }
  return out;
}

/** The text a cursor is bound to: every filter except limit and next, canonically. */
export function canonicalQuery(endpoint: string, filters: ParsedFilters): string {
  const { limit: _limit, next: _next, ...rest } = filters;
  return JSON.stringify([endpoint, rest.ids, rest.types, rest.versions, rest.specVersions, rest.addedAfter]);
}

export function toObjectQuery(filters: ParsedFilters, limit: number, after: Micros | undefined): ObjectQuery {
  return {
    ...(filters.ids ? { ids: filters.ids } : {}),
    ...(filters.types ? { types: filters.types } : {}),
    ...(filters.versions ? { versions: filters.versions } : {}),
    ...(filters.specVersions ? { specVersions: filters.specVersions } : {}),
    ...(filters.addedAfter !== undefined ? { addedAfter: filters.addedAfter } : {}),
    ...(after !== undefined ? { after } : {}),
    limit,
  };
}
