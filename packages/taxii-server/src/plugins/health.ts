/** GET /healthz, outside the TAXII tree and without authentication: 200 when the storage answers. */
import type { FastifyPluginAsync } from 'fastify';
import type { ContextOptions } from '../context.js';
import { TaxiiError } from '../errors.js';

const healthPlugin: FastifyPluginAsync<ContextOptions> = async (app, { ctx }) => {
  app.get('/healthz', async (request, reply) => {
    try {
      await ctx.storage.listCollections(ctx.apiRoots[0].path);
    } catch (cause) {
      request.log.error({ err: cause }, 'health check: the storage does not answer');
      throw new TaxiiError('TAXII_UNAVAILABLE', 'the storage does not answer', { cause });
    }
    return reply.code(200).header('cache-control', 'no-store').send({ status: 'ok' });
  });
};

export default healthPlugin;
