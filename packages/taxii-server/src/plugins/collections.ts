/** GET {api-root}/collections/ and {api-root}/collections/{id or alias}/ (TAXII 2.1 §5.1, §5.2). */
import type { FastifyPluginAsync } from 'fastify';
import { permissionsOf, resolveCollection } from '../access.js';
import type { ApiRootOptions } from '../context.js';
import { refuseOtherMethods } from '../method-not-allowed.js';
import { sendTaxii } from '../reply.js';
import type { CollectionRecord } from '../storage/storage.js';
import { collectionParams } from './schemas.js';

export function collectionResource(c: CollectionRecord, user: string) {
  const { read, write } = permissionsOf(c, user);
  return {
    id: c.id,
    title: c.title,
    ...(c.description !== undefined ? { description: c.description } : {}),
    ...(c.alias !== undefined ? { alias: c.alias } : {}),
    can_read: read,
    can_write: write,
    ...(c.mediaTypes.length > 0 ? { media_types: c.mediaTypes } : {}),
  };
}

const collectionsPlugin: FastifyPluginAsync<ApiRootOptions> = async (app, { ctx, root }) => {
  app.get('/collections/', async (request, reply) => {
    const user = request.taxiiUser;
    // Collections the requester can neither read nor write are left out (§1.6.9); sorted by id
    // for §3.3's "consistent sort order".
    const visible = (await ctx.storage.listCollections(root.path))
      .filter((c) => {
        const p = permissionsOf(c, user);
        return p.read || p.write;
      })
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return sendTaxii(reply, 200, visible.length > 0 ? { collections: visible.map((c) => collectionResource(c, user)) } : {});
  });
  refuseOtherMethods(app, '/collections/', ['GET']);

  app.get<{ Params: { collection: string } }>(
    '/collections/:collection/',
    { schema: { params: collectionParams } },
    async (request, reply) => {
      const { collection } = await resolveCollection(ctx.storage, root.path, request.params.collection, request.taxiiUser, 'see');
      return sendTaxii(reply, 200, collectionResource(collection, request.taxiiUser));
    },
  );
  refuseOtherMethods(app, '/collections/:collection/', ['GET']);
};

export default collectionsPlugin;
