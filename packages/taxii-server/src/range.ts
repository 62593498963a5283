/**
 * TAXII 2.0 pagination (§3.4): HTTP ranges (RFC 7233, now RFC 9110 §14) in the `items` unit,
 * zero-indexed and inclusive. The 2.0 text writes the header `Range: items 0-49`; RFC 7233 and
 * most clients (taxii2-client first) write `items=0-49`: both are read.
 *
 * What a server does with them, to the letter of §3.4.1 and RFC 9110:
 *  - A range it cannot read (another unit, several ranges, last < first, no digits) is ignored, as
 *    RFC 9110 §14.2 has recipients do with an invalid range set: the answer is the one without it.
 *  - A range whose first item is at or beyond the end (500-600 of 100 items; any range of an empty
 *    result) is 416 with `Content-Range: items *\/<total>`.
 *  - Otherwise 206 with `Content-Range: items <first>-<last>/<total>`, "even if the entire resource
 *    is contained in the response"; the range MAY be shorter than asked (the server's page size).
 *  - Without a range: 200 with everything when it fits the page size; when it does not, the first
 *    page as a 206 with Content-Range (§3.4.1: a server MAY answer 206 to a request without Range).
 *  - `Accept-Ranges: items` on every answer of a paged endpoint.
 */
import { TaxiiError } from './errors.js';

/** What a request's Range header asks for. */
export type ItemsRange =
  /** items first-last */
  | { readonly kind: 'bounded'; readonly first: number; readonly last: number }
  /** items first- (to the end) */
  | { readonly kind: 'from'; readonly first: number }
  /** items -n (the last n) */
  | { readonly kind: 'suffix'; readonly length: number };

const RANGE = /^\s*items\s*[=\s]\s*(\d{0,15})\s*-\s*(\d{0,15})\s*$/i;

/** The range a Range header asks for; undefined when absent or not a single items range (ignored). */
export function parseItemsRange(header: string | string[] | undefined): ItemsRange | undefined {
  if (typeof header !== 'string') return undefined;
  const m = RANGE.exec(header);
  if (!m) return undefined;
  const [first, last] = [m[1], m[2]];
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const length = Number(last);
    return length > 0 ? { kind: 'suffix', length } : undefined;
  }
  if (last === '') return { kind: 'from', first: Number(first) };
  const a = Number(first);
  const b = Number(last);
  return b < a ? undefined : { kind: 'bounded', first: a, last: b };
}

/** Where a page starts and how many items it may hold at most, for a request. */
export interface PagePlan {
  readonly offset: number;
  readonly limit: number;
}

/**
 * The page to read for a range (or none), capped at `pageSize`. A suffix range needs the total
 * first: `total` is asked for only then.
 */
export async function planPage(range: ItemsRange | undefined, pageSize: number, total: () => Promise<number>): Promise<PagePlan> {
  if (range === undefined) return { offset: 0, limit: pageSize };
  if (range.kind === 'bounded') return { offset: range.first, limit: Math.min(range.last - range.first + 1, pageSize) };
  if (range.kind === 'from') return { offset: range.first, limit: pageSize };
  const n = await total();
  return { offset: Math.max(0, n - range.length), limit: Math.min(range.length, pageSize) };
}

/** The status and headers of the answer for a page at `offset` of `count` items out of `total`. */
export function rangeAnswer(
  range: ItemsRange | undefined,
  offset: number,
  count: number,
  total: number,
): { readonly status: 200 | 206; readonly headers: Readonly<Record<string, string>> } {
  if (range !== undefined && (count === 0 || offset >= total))
    throw new TaxiiError('TAXII_RANGE_NOT_SATISFIABLE', `the result holds ${total} item(s): the range starts beyond its end`, {
      headers: { 'content-range': `items */${total}`, 'accept-ranges': 'items' },
    });
  const partial = range !== undefined || count < total;
  if (!partial) return { status: 200, headers: { 'accept-ranges': 'items' } };
  return { status: 206, headers: { 'accept-ranges': 'items', 'content-range': `items ${offset}-${offset + count - 1}/${total}` } };
}
