/**
 * Content negotiation (TAXII 2.1 §1.6.8, §3.1): the one media type is `application/taxii+json`,
 * optionally with `version=2.1`; a bare `application/taxii+json` means the latest version we
 * serve (2.1). Accept headers are parsed per RFC 9110 §12.5.1 (ranges, parameters, q-values,
 * whitespace).
 */

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const TAXII_VERSION = '2.1';

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
 * Whether a client with this Accept header takes our TAXII 2.1 responses. An absent header
 * accepts anything (RFC 9110 §12.5.1). The most specific matching range decides, so
 * `application/taxii+json;version=2.0, *\/*;q=0.1` is acceptable and
 * `application/taxii+json;q=0, *\/*` is not.
 */
export function acceptsTaxii(header: string | undefined): boolean {
  if (header === undefined || header.trim() === '') return true;
  let best: { specificity: number; q: number } | undefined;
  for (const range of parseAccept(header)) {
    let specificity: number;
    if (range.type === '*' && range.subtype === '*') specificity = 0;
    else if (range.type === 'application' && range.subtype === '*') specificity = 1;
    else if (range.type === 'application' && range.subtype === 'taxii+json') {
      const version = range.params.get('version');
      if (version === undefined) specificity = 2;
      else if (version === TAXII_VERSION) specificity = 3;
      else continue;
    } else continue;
    if (!best || specificity > best.specificity) best = { specificity, q: range.q };
  }
  return best !== undefined && best.q > 0;
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
