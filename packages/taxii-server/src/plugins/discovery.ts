/** GET /taxii2/ (TAXII 2.1 §4.1) and GET /taxii/ (TAXII 2.0 §4.1): the discovery resource. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ContextOptions } from '../context.js';
import { TAXII_20_MEDIA_TYPE } from '../media-type.js';
import { refuseOtherMethods } from '../method-not-allowed.js';
import { sendTaxii } from '../reply.js';

const discoveryPlugin: FastifyPluginAsync<ContextOptions> = async (app, { ctx }) => {
  const { title, description, contact } = ctx.discovery;
  const head = {
    title,
    ...(description !== undefined ? { description } : {}),
    ...(contact !== undefined ? { contact } : {}),
  };
  const paths = ctx.apiRoots.map((r) => `/${r.path}/`);
  const dflt = ctx.discovery.default !== undefined ? `/${ctx.discovery.default}/` : undefined;
  // §4.1.1: api_roots as relative URLs starting with a single "/"; default is one of them.
  const body = { ...head, ...(dflt !== undefined ? { default: dflt } : {}), api_roots: paths };
  app.get('/taxii2/', { config: { taxii: { versions: ['2.1'] } } }, async (_request, reply) => sendTaxii(reply, 200, body));
  refuseOtherMethods(app, '/taxii2/', ['GET']);

  // TAXII 2.0 §4.1.1 knows API roots only as URLs (2.1 added the relative form), and 2.0 clients
  // use them as given: absolute URLs on the host and scheme the request came by.
  const absolute = (request: FastifyRequest, path: string) => (request.host ? `${request.protocol}://${request.host}${path}` : path);
  app.get('/taxii/', { config: { taxii: { versions: ['2.0'] } } }, async (request, reply) =>
    sendTaxii(
      reply,
      200,
      {
        ...head,
        ...(dflt !== undefined ? { default: absolute(request, dflt) } : {}),
        api_roots: paths.map((p) => absolute(request, p)),
      },
      TAXII_20_MEDIA_TYPE,
    ),
  );
  refuseOtherMethods(app, '/taxii/', ['GET']);
};

export default discoveryPlugin;
