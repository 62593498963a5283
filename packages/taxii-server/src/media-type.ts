/**
 * Content negotiation for TAXII 2.1 (§1.6.8, §3.1) and TAXII 2.0 (§1.5). TAXII 2.1 has one media
 * type, `application/taxii+json`, optionally with `version=2.1`; a bare one means the latest
 * version we serve (2.1). TAXII 2.0 has `application/vnd.oasis.taxii+json` for its resources and
 * `application/vnd.oasis.stix+json` for the bundles of Get Objects / Add Objects, each with
 * `version=2.0` or bare ("any version", which for us is 2.0). Accept headers are parsed per
 * RFC 9110 §12.5.1 (ranges, parameters, q-values, whitespace).
 */

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const TAXII_VERSION = '2.1';
/** TAXII 2.0 §1.5, written as the 2.0 specification writes it (with the space). */
export const TAXII_20_MEDIA_TYPE = 'application/vnd.oasis.taxii+json; version=2.0';
export const STIX_20_MEDIA_TYPE = 'application/vnd.oasis.stix+json; version=2.0';

export type TaxiiVersion = '2.0' | '2.1';

/** A response representation a route can produce: a media type and the version it stands for. */
export interface Representation {
  readonly type: string;
  readonly subtype: string;
  readonly version: string;
}

export const TAXII_21: Representation = { type: 'application', subtype: 'taxii+json', version: '2.1' };
export const TAXII_20: Representation = { type: 'application', subtype: 'vnd.oasis.taxii+json', version: '2.0' };
export const STIX_20: Representation = { type: 'application', subtype: 'vnd.oasis.stix+json', version: '2.0' };

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly params: ReadonlyMap<string, string>;
  readonly q: number;
}

/** One media type or range: `type/subtype *( OWS ";" OWS name=value )`; undefined when malformed. */
function parseMediaType(text: string): Omit<MediaRange, 'q'> | undefined {
  const parts = splitOutsideQuotes(text, ';');
  const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\/([!#$%&'*+.^_`|~0-9A-Za-z-]+)$/.exec(parts[0].trim());
  if (!m) return undefined;
  const params = new Map<string, string>();
  for (const raw of parts.slice(1)) {
    const p = raw.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq <= 0) return undefined;
    let value = p.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    params.set(p.slice(0, eq).trim().toLowerCase(), value);
  }
  return { type: m[1].toLowerCase(), subtype: m[2].toLowerCase(), params };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\\' && quoted && i + 1 < text.length) {
      current += c + text[++i];
      continue;
    }
    if (c === separator && !quoted) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

/** The ranges of an Accept header; malformed members are skipped (they cannot match anything). */
export function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const member of splitOutsideQuotes(header, ',')) {
    if (member.trim() === '') continue;
    const parsed = parseMediaType(member);
    if (!parsed) continue;
    const params = new Map(parsed.params);
    let q = 1;
    const qText = params.get('q');
    if (qText !== undefined) {
      if (!/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(qText)) continue;
      q = Number(qText);
      params.delete('q');
    }
    ranges.push({ ...parsed, params, q });
  }
  return ranges;
}

/**
 * The quality (0 … 1) an Accept header gives a representation: the q of the most specific range
 * that matches it (RFC 9110 §12.5.1), so `application/taxii+json;version=2.0, *\/*;q=0.1` gives
 * TAXII 2.1 0.1 and `application/taxii+json;q=0, *\/*` gives it 0. A range with another version
 * parameter does not match. An absent header accepts anything (1).
 */
export function acceptQuality(header: string | undefined, rep: Representation): number {
  if (header === undefined || header.trim() === '') return 1;
  let best: { specificity: number; q: number } | undefined;
  for (const range of parseAccept(header)) {
    let specificity: number;
    if (range.type === '*' && range.subtype === '*') specificity = 0;
    else if (range.type === rep.type && range.subtype === '*') specificity = 1;
    else if (range.type === rep.type && range.subtype === rep.subtype) {
      const version = range.params.get('version');
      if (version === undefined) specificity = 2;
      else if (version === rep.version) specificity = 3;
      else continue;
    } else continue;
    if (!best || specificity > best.specificity) best = { specificity, q: range.q };
  }
  return best?.q ?? 0;
}

/** The representation the client prefers (highest q > 0; ties go to the earlier one), if any. */
export function negotiate<R extends Representation>(header: string | undefined, reps: readonly R[]): R | undefined {
  let chosen: R | undefined;
  let bestQ = 0;
  for (const rep of reps) {
    const q = acceptQuality(header, rep);
    if (q > bestQ) {
      chosen = rep;
      bestQ = q;
    }
  }
  return chosen;
}

/** Whether a client with this Accept header takes our TAXII 2.1 responses. */
export function acceptsTaxii(header: string | undefined): boolean {
  return acceptQuality(header, TAXII_21) > 0;
}

/** Whether a request Content-Type is TAXII 2.1 (`application/taxii+json`, version absent or 2.1). */
export function isTaxiiContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const parsed = parseMediaType(header);
  if (parsed?.type !== 'application' || parsed.subtype !== 'taxii+json') return false;
  const version = parsed.params.get('version');
  const charset = parsed.params.get('charset');
  return (version === undefined || version === TAXII_VERSION) && (charset === undefined || charset.toLowerCase() === 'utf-8');
}

/**
 * The TAXII version of a POST body's Content-Type: 2.1 for `application/taxii+json` (version
 * absent or 2.1, an envelope), 2.0 for `application/vnd.oasis.stix+json` (version absent or 2.0,
 * a STIX 2.0 bundle, TAXII 2.0 §5.4); undefined for anything else.
 */
export function contentTypeVersion(header: string | undefined): TaxiiVersion | undefined {
  if (isTaxiiContentType(header)) return '2.1';
  if (header === undefined) return undefined;
  const parsed = parseMediaType(header);
  if (parsed?.type !== 'application' || parsed.subtype !== STIX_20.subtype) return undefined;
  const version = parsed.params.get('version');
  const charset = parsed.params.get('charset');
  return (version === undefined || version === '2.0') && (charset === undefined || charset.toLowerCase() === 'utf-8') ? '2.0' : undefined;
}

/**
 * The version a request most likely speaks, for answering it before (or instead of) negotiating:
 * the version of its Content-Type, else of the TAXII media type its Accept prefers, else 2.1.
 * Errors are written in it (a TAXII 2.0 client gets a 2.0 error resource even for a 401 or 406).
 */
export function likelyVersion(accept: string | undefined, contentType: string | undefined): TaxiiVersion {
  const posted = contentTypeVersion(contentType);
  if (posted) return posted;
  const rep = negotiate(accept, [TAXII_21, TAXII_20, STIX_20]);
  if (rep !== undefined) return rep === TAXII_21 ? '2.1' : '2.0';
  // None acceptable (a 406 follows): the vnd.oasis types, whatever their version, are TAXII 2.0's.
  const names20 = parseAccept(accept ?? '').some((r) => r.type === 'application' && r.subtype.startsWith('vnd.oasis.') && r.q > 0);
  return names20 ? '2.0' : '2.1';
}

/** The TAXII resource media type of a version. */
export function taxiiMediaType(version: TaxiiVersion): string {
  return version === '2.0' ? TAXII_20_MEDIA_TYPE : TAXII_MEDIA_TYPE;
}

/**
 * The STIX versions a collection media type (`media_types`, TAXII 2.1 §5.2.1, TAXII 2.0 §5.2.1)
 * stands for: `application/stix+json` with version 2.0 or 2.1 (bare: both), or the TAXII 2.0 name
 * `application/vnd.oasis.stix+json` with version 2.0 (bare: 2.0, the one STIX version TAXII 2.0
 * carries); undefined for anything else.
 */
export function stixVersionsOf(mediaType: string): readonly ('2.0' | '2.1')[] | undefined {
  const parsed = parseMediaType(mediaType);
  if (parsed?.type !== 'application' || [...parsed.params.keys()].some((k) => k !== 'version')) return undefined;
  const version = parsed.params.get('version');
  if (parsed.subtype === 'stix+json') {
    if (version === undefined) return ['2.1', '2.0'];
    return version === '2.0' || version === '2.1' ? [version] : undefined;
  }
  if (parsed.subtype === STIX_20.subtype) return version === undefined || version === '2.0' ? ['2.0'] : undefined;
  return undefined;
}
