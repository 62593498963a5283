/**
 * TAXII 2.0 §3.4 paging headers: the `items` range unit over RFC 7233. A request asks for
 * `Range: items=0-49` (RFC 7233 §3.1 other-ranges-specifier; the 2.0 text's example writes
 * `items 0-49`, see rangeHeader); a 206 answers `Content-Range: items 0-49/500` (or `/*` when the
 * total is unknown), a 416 `Content-Range: items *\/500`.
 */

export type RangeSyntax = 'equals' | 'space';

/** `first` and `last` are inclusive and zero-based (2.0 §3.4). */
export function rangeHeader(first: number, last: number, syntax: RangeSyntax): string {
  return `items${syntax === 'equals' ? '=' : ' '}${first}-${last}`;
}

export type ContentRange =
  | { readonly kind: 'range'; readonly first: number; readonly last: number; readonly total?: number }
  | { readonly kind: 'unsatisfied'; readonly total: number };

/** A Content-Range of the `items` unit; undefined when it is absent, of another unit, or malformed. */
export function parseContentRange(header: string | undefined): ContentRange | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*items\s+(?:(\d+)-(\d+)\/(\d+|\*)|\*\/(\d+))\s*$/i.exec(header);
  if (!m) return undefined;
  if (m[4] !== undefined) return { kind: 'unsatisfied', total: Number(m[4]) };
  const first = Number(m[1]);
  const last = Number(m[2]);
  if (last < first) return undefined;
  if (m[3] === '*') return { kind: 'range', first, last };
  const total = Number(m[3]);
  // RFC 7233 §4.2: a valid range has last < total.
  if (last >= total) return undefined;
  return { kind: 'range', first, last, total };
}
