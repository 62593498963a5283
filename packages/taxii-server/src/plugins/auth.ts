/**
 * The auth plugin: every request of the TAXII tree is authenticated (401 with WWW-Authenticate
 * otherwise) and must accept the TAXII media type (406 otherwise, TAXII 2.1 §3.1).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ContextOptions } from '../context.js';
import { TaxiiError } from '../errors.js';
import { acceptsTaxii } from '../media-type.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated username ('' before the auth hook ran). */
    taxiiUser: string;
  }
}

const authPlugin: FastifyPluginAsync<ContextOptions> = async (app, { ctx }) => {
  app.decorateRequest('taxiiUser', '');
  app.addHook('onRequest', async (request) => {
    request.taxiiUser = await ctx.authenticator.authenticate(request.headers.authorization);
    if (!acceptsTaxii(request.headers.accept))
      throw new TaxiiError(
        'TAXII_NOT_ACCEPTABLE',
        `this server answers in application/taxii+json;version=2.1, which the Accept header ${JSON.stringify(request.headers.accept)} excludes`,
      );
  });
};

// Not encapsulated (what fastify-plugin does): the hooks apply to the routes registered beside it.
Object.assign(authPlugin, { [Symbol.for('skip-override')]: true });

export default authPlugin;
