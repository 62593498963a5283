/**
 * The media types of each TAXII version and the check of a response's Content-Type.
 * TAXII 2.0 §1.5: application/vnd.oasis.taxii+json and application/vnd.oasis.stix+json, each with
 * `; version=2.0`. TAXII 2.1 §1.6.8: application/taxii+json;version=2.1 for every endpoint, the
 * STIX objects travelling inside the envelope.
 */

export type TaxiiVersion = '2.0' | '2.1';

export interface VersionMediaTypes {
  /** Accept of the TAXII resources (discovery, api-root, collections, status, manifest). */
  readonly taxii: string;
  /** Accept of the objects endpoints, and Content-Type of a POST. */
  readonly objects: string;
}

export const MEDIA_TYPES: Readonly<Record<TaxiiVersion, VersionMediaTypes>> = {
  '2.0': { taxii: 'application/vnd.oasis.taxii+json; version=2.0', objects: 'application/vnd.oasis.stix+json; version=2.0' },
  '2.1': { taxii: 'application/taxii+json;version=2.1', objects: 'application/taxii+json;version=2.1' },
};

/** What a JSON answer may be labelled with; anything else (text/html from a proxy, …) is refused. */
const JSON_TYPES = new Set([
  'application/taxii+json',
  'application/vnd.oasis.taxii+json',
  'application/stix+json',
  'application/vnd.oasis.stix+json',
  'application/json',
]);

export interface ParsedMediaType {
  /** `type/subtype`, lower case. */
  readonly essence: string;
  readonly params: ReadonlyMap<string, string>;
}

/** `type/subtype *( OWS ";" OWS name=value )` (RFC 9110 §8.3.1); undefined when malformed. */
export function parseMediaType(header: string): ParsedMediaType | undefined {
  const [head, ...rest] = header.split(';');
  const essence = head.trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(essence)) return undefined;
  const params = new Map<string, string>();
  for (const part of rest) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq <= 0) return undefined;
    let value = p.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    params.set(p.slice(0, eq).trim().toLowerCase(), value);
  }
  return { essence, params };
}

export type ContentTypeCheck = { readonly ok: true; readonly version?: TaxiiVersion } | { readonly ok: false; readonly reason: string };

/**
 * Whether a response's Content-Type is JSON a TAXII client may parse, and the TAXII version it
 * states (`version=2.0` / `2.1` on a TAXII or STIX type). The version of the request is not
 * enforced here: a 2.0 server answering a 2.1 request in 2.0 is how the client learns its version.
 */
export function checkContentType(header: string | undefined): ContentTypeCheck {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'the response has no Content-Type' };
  const parsed = parseMediaType(header);
  if (!parsed || !JSON_TYPES.has(parsed.essence))
    return { ok: false, reason: `the response is ${JSON.stringify(header)}, not a TAXII or STIX JSON media type` };
  const v = parsed.params.get('version');
  if (parsed.essence === 'application/json' || v === undefined) return { ok: true };
  if (v === '2.0' || v === '2.1') return { ok: true, version: v };
  return { ok: false, reason: `the response is in version ${JSON.stringify(v)} (${header}); this client speaks TAXII 2.0 and 2.1` };
}

/** The TAXII version an api-root's `versions` entry names: `taxii-2.0` (2.0 §4.2) or the 2.1 media type (2.1 §4.2.1). */
export function versionOfApiRootEntry(entry: string): TaxiiVersion | undefined {
  const e = entry.trim().toLowerCase();
  if (e === 'taxii-2.0') return '2.0';
  if (e === 'taxii-2.1') return '2.1';
  const parsed = parseMediaType(e);
  if (!parsed) return undefined;
  const v = parsed.params.get('version');
  if (parsed.essence === 'application/taxii+json' && v === '2.1') return '2.1';
  if (parsed.essence === 'application/vnd.oasis.taxii+json' && v === '2.0') return '2.0';
  return undefined;
}
