/**
 * TAXII 2.0 pages of a collection's objects (§3.4, §5.3, §5.5, §5.6): an item range of the
 * filtered selection read from the storage (getObjectsRange: bounded, no skip in the server),
 * served in STIX 2.0 (conversion.ts), answered 200 / 206 / 416 (range.ts). The items of a range
 * are the stored objects the filters select, so positions and totals do not depend on what
 * converts: an item left out still takes its place (X-Taxiway-Omitted counts them).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from './context.js';
import { OMITTED_HEADER, type ServedObject, servePage } from './conversion.js';
import { parseItemsRange, planPage, rangeAnswer } from './range.js';
import { setDateAddedHeaders } from './reply.js';
import type { RangeQuery } from './storage/storage.js';

export type Selection = Omit<RangeQuery, 'offset' | 'limit'>;

export interface ItemPage {
  readonly status: 200 | 206;
  readonly objects: readonly ServedObject[];
}

/**
 * Reads the range the request asks for (or the first page) and sets the status and the paging,
 * date and omission headers on the reply. `whenEmpty` runs when the selection is empty (an
 * unknown object id is 404, §5.5), before a range of it is refused with 416.
 */
export async function readItemPage(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  collectionId: string,
  selection: Selection,
  whenEmpty?: () => Promise<void>,
): Promise<ItemPage> {
  const range = parseItemsRange(request.headers.range);
  const plan = await planPage(
    range,
    ctx.maxPageSize,
    async () => (await ctx.storage.getObjectsRange(collectionId, { ...selection, offset: 0, limit: 1 })).total,
  );
  const page = await ctx.storage.getObjectsRange(collectionId, { ...selection, ...plan });
  if (page.total === 0 && whenEmpty) await whenEmpty();
  const answer = rangeAnswer(range, plan.offset, page.items.length, page.total);
  const served = await servePage(ctx.storage, collectionId, page.items, '2.0', request.log);
  reply.headers(answer.headers);
  // §3.2: date_added of the first and last item of the range (an item left out included, so that
  // added_after from these headers never stalls on objects that cannot be served).
  setDateAddedHeaders(reply, page.items);
  if (served.omitted > 0) reply.header(OMITTED_HEADER, String(served.omitted));
  return { status: answer.status, objects: served.objects };
}

/** A STIX 2.0 bundle (2.0 Part 1 §5) of served objects; no `objects` when there are none (lists MUST NOT be empty). */
export function bundleText(objects: readonly ServedObject[]): string {
  const head = `{"type":"bundle","id":"bundle--${randomUUID()}","spec_version":"2.0"`;
  return objects.length === 0 ? `${head}}` : `${head},"objects":[${objects.map((o) => o.json).join(',')}]}`;
}
