/**
 * The auth plugin: every request of the TAXII tree is authenticated (401 with WWW-Authenticate
 * otherwise) and must accept a media type of the route in TAXII 2.1 or 2.0 (406 otherwise,
 * TAXII 2.1 §3.1; negotiation.ts decides the version).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ContextOptions } from '../context.js';
import { likelyVersion, type TaxiiVersion } from '../media-type.js';
import { negotiateVersion } from '../negotiation.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated username ('' before the auth hook ran). */
    taxiiUser: string;
  }
}

const authPlugin: FastifyPluginAsync<ContextOptions> = async (app, { ctx }) => {
  app.decorateRequest('taxiiUser', '');
  // null until the hook below sets it: errors raised before read the headers (negotiation.ts versionOf).
  app.decorateRequest('taxiiVersion', null as unknown as TaxiiVersion);
  app.addHook('onRequest', async (request, reply) => {
    // One URL, two versions chosen by Accept: caches must key on it (RFC 9110 §12.5.5).
    reply.header('vary', 'Accept');
    // First the likely version, so that a 401 or a 406 reaches a TAXII 2.0 client in 2.0.
    request.taxiiVersion = likelyVersion(request.headers.accept, request.headers['content-type']);
    request.taxiiUser = await ctx.authenticator.authenticate(request.headers.authorization, request.ip);
    request.taxiiVersion = negotiateVersion(request);
  });
};

// Not encapsulated (what fastify-plugin does): the hooks apply to the routes registered beside it.
Object.assign(authPlugin, { [Symbol.for('skip-override')]: true });

export default authPlugin;
