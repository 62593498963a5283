/** GET {api-root}/ (TAXII 2.1 §4.2), and the API root's status, collections and objects plugins. */
import type { FastifyPluginAsync } from 'fastify';
import type { ApiRootOptions } from '../context.js';
import { TAXII_MEDIA_TYPE } from '../media-type.js';
import { refuseOtherMethods } from '../method-not-allowed.js';
import { sendTaxii } from '../reply.js';
import collectionsPlugin from './collections.js';
import objectsPlugin from './objects.js';
import statusPlugin from './status.js';

const apiRootPlugin: FastifyPluginAsync<ApiRootOptions> = async (app, { ctx, root }) => {
  // Not `options` itself: it holds this plugin's prefix, which the children would add again.
  const options = { ctx, root };
  const body = {
    title: root.title,
    ...(root.description !== undefined ? { description: root.description } : {}),
    versions: [TAXII_MEDIA_TYPE],
    max_content_length: root.max_content_length,
  };
  app.get('/', { prefixTrailingSlash: 'slash' }, async (_request, reply) => sendTaxii(reply, 200, body));
  refuseOtherMethods(app, '/', ['GET']);
  await app.register(statusPlugin, options);
  await app.register(collectionsPlugin, options);
  await app.register(objectsPlugin, options);
};

export default apiRootPlugin;
