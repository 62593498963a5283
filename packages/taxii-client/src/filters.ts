/**
 * Filters (TAXII 2.0 §3.5, 2.1 §3.4) to query parameters. Each endpoint takes its own subset;
 * `match[spec_version]` and `limit` are 2.1 parameters — in 2.0 `limit` becomes the size of the
 * Range asked for (2.0 §3.4), and `match[spec_version]` is refused before any request is sent.
 */
import { TaxiiClientError } from './errors.js';
import type { TaxiiVersion } from './media-type.js';

/** One value, or several (OR-ed: sent comma-separated). */
export type MatchValue = string | readonly string[];

export interface MatchFilters {
  /** STIX ids. */
  readonly id?: MatchValue;
  /** STIX types. */
  readonly type?: MatchValue;
  /** `last` (the server's default), `first`, `all`, or version timestamps. */
  readonly version?: MatchValue;
  /** `2.0`, `2.1` (TAXII 2.1 only; the server's default is each object's latest). */
  readonly specVersion?: MatchValue;
}

/** Get Objects and Get Object Manifests. */
export interface ObjectsFilters {
  /** Only what was added to the collection strictly after this (date_added, not the STIX timestamps). */
  readonly addedAfter?: string | Date;
  /** Objects per page (2.1 `limit`; the size of each 2.0 Range). The server may send fewer. */
  readonly limit?: number;
  readonly match?: MatchFilters;
}

/** Get an Object. */
export interface ObjectFilters {
  readonly addedAfter?: string | Date;
  readonly limit?: number;
  readonly match?: Pick<MatchFilters, 'version' | 'specVersion'>;
}

/** Get Object Versions (2.1). */
export interface VersionsFilters {
  readonly addedAfter?: string | Date;
  readonly limit?: number;
  readonly match?: Pick<MatchFilters, 'specVersion'>;
}

/** Delete an Object (2.1). */
export interface DeleteFilters {
  readonly match?: Pick<MatchFilters, 'version' | 'specVersion'>;
}

const MATCH_FIELDS = [
  ['id', 'id'],
  ['type', 'type'],
  ['version', 'version'],
  ['specVersion', 'spec_version'],
] as const;

function joined(name: string, value: MatchValue): string {
  const list = typeof value === 'string' ? [value] : [...value];
  if (list.length === 0 || list.some((v) => v === '' || v.includes(',')))
    throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', `match.${name} needs one or more non-empty values without commas`);
  return list.join(',');
}

function timestamp(value: string | Date): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', 'addedAfter is an invalid Date');
    return value.toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value))
    throw new TaxiiClientError(
      'TAXII_INVALID_ARGUMENT',
      `addedAfter must be a UTC timestamp like 2024-01-01T00:00:00.000Z, not ${JSON.stringify(value)}`,
    );
  return value;
}

export interface QueryParameters {
  /** In order, unencoded. */
  readonly params: readonly (readonly [string, string])[];
  /** The `limit` asked for, if any. */
  readonly limit?: number;
}

/** The query parameters of a set of filters (without `limit` for 2.0, where it sizes the Range). */
export function queryParameters(filters: ObjectsFilters | undefined, version: TaxiiVersion): QueryParameters {
  const params: [string, string][] = [];
  if (filters?.addedAfter !== undefined) params.push(['added_after', timestamp(filters.addedAfter)]);
  for (const [key, wire] of MATCH_FIELDS) {
    const value = filters?.match?.[key];
    if (value === undefined) continue;
    if (key === 'specVersion' && version === '2.0')
      throw new TaxiiClientError('TAXII_UNSUPPORTED', 'match[spec_version] is a TAXII 2.1 filter; this API root speaks TAXII 2.0');
    params.push([`match[${wire}]`, joined(key, value)]);
  }
  const limit = filters?.limit;
  if (limit !== undefined) {
    if (!Number.isSafeInteger(limit) || limit <= 0)
      throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', `limit must be a positive integer, not ${limit}`);
    if (version === '2.1') params.push(['limit', String(limit)]);
    return { params, limit };
  }
  return { params };
}

/**
 * The URL with these parameters. Brackets, commas and colons stay literal (`match[type]=a,b`,
 * timestamps): every server reads them so, and some split the comma list before decoding.
 */
export function withQuery(base: URL, params: readonly (readonly [string, string])[]): URL {
  const url = new URL(base);
  if (params.length === 0) return url;
  const encode = (s: string) => encodeURIComponent(s).replace(/%5B/g, '[').replace(/%5D/g, ']').replace(/%2C/g, ',').replace(/%3A/g, ':');
  url.search = params.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  return url;
}
