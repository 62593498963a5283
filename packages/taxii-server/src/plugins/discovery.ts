/** GET /taxii2/ (TAXII 2.1 §4.1): the discovery resource. */
import type { FastifyPluginAsync } from 'fastify';
import type { ContextOptions } from '../context.js';
import { refuseOtherMethods } from '../method-not-allowed.js';
import { sendTaxii } from '../reply.js';

const discoveryPlugin: FastifyPluginAsync<ContextOptions> = async (app, { ctx }) => {
  const { title, description, contact } = ctx.discovery;
  // §4.1.1: api_roots as relative URLs starting with a single "/"; default is one of them.
  const body = {
    title,
    ...(description !== undefined ? { description } : {}),
    ...(contact !== undefined ? { contact } : {}),
    ...(ctx.discovery.default !== undefined ? { default: `/${ctx.discovery.default}/` } : {}),
    api_roots: ctx.apiRoots.map((r) => `/${r.path}/`),
  };
  app.get('/taxii2/', async (_request, reply) => sendTaxii(reply, 200, body));
  refuseOtherMethods(app, '/taxii2/', ['GET']);
};

export default discoveryPlugin;
