/** GET {api-root}/ (TAXII 2.1 §4.2, TAXII 2.0 §4.2), and the API root's status, collections and objects plugins. */
import type { FastifyPluginAsync } from 'fastify';
import type { ApiRootOptions } from '../context.js';
import { TAXII_20_MEDIA_TYPE, TAXII_MEDIA_TYPE } from '../media-type.js';
import { refuseOtherMethods } from '../method-not-allowed.js';
import { sendTaxii } from '../reply.js';
import collectionsPlugin from './collections.js';
import objectsPlugin from './objects.js';
import statusPlugin from './status.js';

const apiRootPlugin: FastifyPluginAsync<ApiRootOptions> = async (app, { ctx, root }) => {
  // Not `options` itself: it holds this plugin's prefix, which the children would add again.
  const options = { ctx, root };
  const head = { title: root.title, ...(root.description !== undefined ? { description: root.description } : {}) };
  // 2.1 §4.2.1: versions are TAXII media types with their version; 2.0 §4.2.1: "taxii-2.0".
  const body = { ...head, versions: [TAXII_MEDIA_TYPE], max_content_length: root.max_content_length };
  const body20 = { ...head, versions: ['taxii-2.0'], max_content_length: root.max_content_length };
  app.get('/', { prefixTrailingSlash: 'slash' }, async (request, reply) =>
    request.taxiiVersion === '2.0' ? sendTaxii(reply, 200, body20, TAXII_20_MEDIA_TYPE) : sendTaxii(reply, 200, body),
  );
  refuseOtherMethods(app, '/', ['GET']);
  await app.register(statusPlugin, options);
  await app.register(collectionsPlugin, options);
  await app.register(objectsPlugin, options);
};

export default apiRootPlugin;
