/**
 * GET {api-root}/collections/ and {api-root}/collections/{id or alias}/ (TAXII 2.1 §5.1, §5.2;
 * TAXII 2.0 §5.1, §5.2). Each client sees the collections its TAXII version can use
 * (collection-media.ts); TAXII 2.0 pages the list with item ranges (§3.4, range.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import { permissionsOf, resolveCollection } from '../access.js';
import { isVisibleTo, mediaTypesFor } from '../collection-media.js';
import type { ApiRootOptions } from '../context.js';
import { type TaxiiVersion, taxiiMediaType } from '../media-type.js';
import { refuseOtherMethods } from '../method-not-allowed.js';
import { parseItemsRange, planPage, rangeAnswer } from '../range.js';
import { sendTaxii } from '../reply.js';
import type { CollectionRecord } from '../storage/storage.js';
import { collectionParams } from './schemas.js';

export function collectionResource(c: CollectionRecord, user: string, version: TaxiiVersion = '2.1') {
  const { read, write } = permissionsOf(c, user);
  return {
    id: c.id,
    title: c.title,
    ...(c.description !== undefined ? { description: c.description } : {}),
    // alias is TAXII 2.1 (§5.2.1); a 2.0 collection has none.
    ...(c.alias !== undefined && version === '2.1' ? { alias: c.alias } : {}),
    can_read: read,
    can_write: write,
    media_types: mediaTypesFor(c, version),
  };
}

const collectionsPlugin: FastifyPluginAsync<ApiRootOptions> = async (app, { ctx, root }) => {
  app.get('/collections/', async (request, reply) => {
    const user = request.taxiiUser;
    const version = request.taxiiVersion;
    // Collections the requester can neither read nor write are left out (§1.6.9); sorted by id
    // for §3.3's "consistent sort order" (which 2.0 §3.3 needs for paging).
    const visible = (await ctx.storage.listCollections(root.path))
      .filter((c) => {
        const p = permissionsOf(c, user);
        return (p.read || p.write) && isVisibleTo(c, version);
      })
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (version === '2.1')
      return sendTaxii(reply, 200, visible.length > 0 ? { collections: visible.map((c) => collectionResource(c, user)) } : {});
    const range = parseItemsRange(request.headers.range);
    const plan = await planPage(range, ctx.maxPageSize, async () => visible.length);
    const page = visible.slice(plan.offset, plan.offset + plan.limit);
    const answer = rangeAnswer(range, plan.offset, page.length, visible.length);
    return sendTaxii(
      reply.headers(answer.headers),
      answer.status,
      page.length > 0 ? { collections: page.map((c) => collectionResource(c, user, '2.0')) } : {},
      taxiiMediaType('2.0'),
    );
  });
  refuseOtherMethods(app, '/collections/', ['GET']);

  app.get<{ Params: { collection: string } }>(
    '/collections/:collection/',
    { schema: { params: collectionParams } },
    async (request, reply) => {
      const version = request.taxiiVersion;
      const { collection } = await resolveCollection(ctx.storage, root.path, request.params.collection, request.taxiiUser, 'see', version);
      return sendTaxii(reply, 200, collectionResource(collection, request.taxiiUser, version), taxiiMediaType(version));
    },
  );
  refuseOtherMethods(app, '/collections/:collection/', ['GET']);
};

export default collectionsPlugin;
