/** 405 with Allow for the methods a known TAXII path does not take (RFC 9110 §15.5.6). */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { TaxiiError } from './errors.js';

const METHODS: readonly HTTPMethods[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

export function refuseOtherMethods(app: FastifyInstance, url: string, allowed: readonly HTTPMethods[]): void {
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])].join(', ');
  app.route({
    method: METHODS.filter((m) => !allowed.includes(m)),
    url,
    prefixTrailingSlash: 'slash',
    // Refused before the body is read: onRequest runs ahead of content-type parsing.
    onRequest: async () => {
      throw new TaxiiError('TAXII_METHOD_NOT_ALLOWED', `this endpoint takes ${allow}`, { headers: { allow } });
    },
    handler: async () => undefined,
  });
}
