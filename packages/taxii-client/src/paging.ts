/**
 * Paging, followed transparently, one request per page as the caller iterates.
 *
 * TAXII 2.1 §3.5: `more` says whether something is left; continue with `next` when the server
 * sent one (same query plus `next`), else with `added_after` = the X-TAXII-Date-Added-Last of
 * the page. A page that cannot be continued or would repeat for ever is TAXII_PROTOCOL.
 *
 * TAXII 2.0 §3.4: item ranges. Ask `Range: items=a-b`; a 206 carries `Content-Range: items
 * a-b/total` (or `/*`). Stop when the total is reached; with no total, stop at a page shorter
 * than asked (the server's own cap cannot be told apart from the end there); a 416 is the end;
 * a 200 is the whole result (a server that ignores Range) and ends the walk.
 */
import { type ContentRange, parseContentRange, type RangeSyntax, rangeHeader } from './content-range.js';
import { withQuery } from './filters.js';
import type { HttpResponse } from './http-transport.js';
import type { EnvelopeContent } from './resources.js';
import { expectStatus, protocolError, readJson } from './response.js';

export interface Page<T> {
  readonly objects: readonly T[];
  /** Whether the server holds more after this page (the last page says false). */
  readonly more: boolean;
  /** X-TAXII-Date-Added-First / -Last: date_added of the first and last item of this page. */
  readonly dateAddedFirst?: string;
  readonly dateAddedLast?: string;
  /** 2.1: the server's cursor to the next page. */
  readonly next?: string;
  /** 2.0: the size of the whole result, when the server states it. */
  readonly total?: number;
}

export type GetPage = (url: URL, headers?: Readonly<Record<string, string>>) => Promise<HttpResponse>;

function dates(response: HttpResponse): Pick<Page<unknown>, 'dateAddedFirst' | 'dateAddedLast'> {
  const first = response.headers['x-taxii-date-added-first'];
  const last = response.headers['x-taxii-date-added-last'];
  return { ...(first !== undefined ? { dateAddedFirst: first } : {}), ...(last !== undefined ? { dateAddedLast: last } : {}) };
}

export async function* pages21<T>(
  get: GetPage,
  url: URL,
  params: readonly (readonly [string, string])[],
  read: (response: HttpResponse, value: unknown) => EnvelopeContent<T>,
): AsyncGenerator<Page<T>> {
  let next: string | undefined;
  let addedAfter: string | undefined;
  for (;;) {
    const query: (readonly [string, string])[] =
      addedAfter === undefined ? [...params] : [...params.filter(([k]) => k !== 'added_after'), ['added_after', addedAfter]];
    if (next !== undefined) query.push(['next', next]);
    const response = await get(withQuery(url, query));
    expectStatus(response, [200]);
    const content = read(response, readJson(response).value);
    const pageDates = dates(response);
    yield {
      objects: content.items,
      more: content.more,
      ...pageDates,
      ...(content.next !== undefined ? { next: content.next } : {}),
    };
    if (!content.more) return;
    if (content.next !== undefined) {
      if (content.next === next && content.items.length === 0)
        throw protocolError(response, 'more is true, the page is empty and next is the one just sent: paging would never end');
      next = content.next;
    } else if (pageDates.dateAddedLast !== undefined) {
      if (pageDates.dateAddedLast === addedAfter)
        throw protocolError(response, 'more is true but X-TAXII-Date-Added-Last did not advance: paging would never end');
      addedAfter = pageDates.dateAddedLast;
      next = undefined;
    } else {
      throw protocolError(
        response,
        'more is true but neither next nor X-TAXII-Date-Added-Last says where the next page starts (TAXII 2.1 §3.5)',
      );
    }
  }
}

/** Per API root: the Range syntax the server turned out to accept. */
export interface RangeState {
  syntax: RangeSyntax;
  /** A ranged request in `syntax` was answered 206: it is not questioned again. */
  confirmed: boolean;
}

const otherSyntax = (s: RangeSyntax): RangeSyntax => (s === 'equals' ? 'space' : 'equals');

export interface RangeWalk {
  /** Items per Range. */
  readonly pageSize: number;
  /** Send a Range from the first request (objects, manifest) or only once the server pages (collections, object by id). */
  readonly rangeFirst: boolean;
  readonly state: RangeState;
}

export async function* pages20<T>(
  get: GetPage,
  url: URL,
  walk: RangeWalk,
  read: (response: HttpResponse, value: unknown) => readonly T[],
): AsyncGenerator<Page<T>> {
  let start = 0;
  let ranged = walk.rangeFirst;
  let triedOtherSyntax = false;
  let pageSize = walk.pageSize;
  for (;;) {
    const response = await get(url, ranged ? { range: rangeHeader(start, start + pageSize - 1, walk.state.syntax) } : {});
    if (response.status === 416) {
      // Range Not Satisfiable: `start` is past the end — an empty result, or the end of one whose total was unknown.
      const cr = parseContentRange(response.headers['content-range']);
      yield { objects: [], more: false, ...(cr?.kind === 'unsatisfied' ? { total: cr.total } : {}) };
      return;
    }
    if (response.status === 400 && ranged && !walk.state.confirmed && !triedOtherSyntax) {
      // The 2.0 text writes `items 0-49`, RFC 7233 `items=0-49`: servers exist that accept only one.
      triedOtherSyntax = true;
      walk.state.syntax = otherSyntax(walk.state.syntax);
      continue;
    }
    if (response.status === 400 && triedOtherSyntax && !walk.state.confirmed) walk.state.syntax = otherSyntax(walk.state.syntax);
    expectStatus(response, [200, 206]);
    if (ranged && response.status === 206) walk.state.confirmed = true;
    const items = read(response, readJson(response).value);
    const pageDates = dates(response);
    if (response.status === 200) {
      // The whole result: the server ignored Range. What earlier pages gave is skipped.
      yield { objects: start > 0 ? items.slice(start) : items, more: false, ...pageDates, total: items.length };
      return;
    }
    const cr: ContentRange | undefined = parseContentRange(response.headers['content-range']);
    if (cr === undefined)
      throw protocolError(
        response,
        `a 206 needs Content-Range: items first-last/total, not ${JSON.stringify(response.headers['content-range'] ?? null)} (TAXII 2.0 §3.4)`,
      );
    if (cr.kind === 'unsatisfied')
      throw protocolError(response, `a 206 with an unsatisfied Content-Range (${response.headers['content-range']})`);
    if (cr.first !== start) throw protocolError(response, `asked for items from ${start}, the server sent ${cr.first}-${cr.last}`);
    if (cr.last - cr.first + 1 !== items.length)
      throw protocolError(
        response,
        `Content-Range says ${cr.last - cr.first + 1} items (${cr.first}-${cr.last}), the body holds ${items.length}`,
      );
    const asked = ranged ? pageSize : Number.POSITIVE_INFINITY;
    const more = cr.total !== undefined ? cr.last + 1 < cr.total : items.length >= asked || !ranged;
    yield { objects: items, more, ...pageDates, ...(cr.total !== undefined ? { total: cr.total } : {}) };
    if (!more) return;
    if (!ranged) pageSize = Math.max(1, items.length);
    start = cr.last + 1;
    ranged = true;
  }
}
