/** Writing TAXII responses: the exact media type (no charset appended), JSON text as given. */
import type { FastifyReply } from 'fastify';
import { TAXII_MEDIA_TYPE } from './media-type.js';
import { formatMicros, type Micros } from './storage/storage.js';

/**
 * `body` is a value to serialise, or JSON text already made (envelopes and bundles of stored
 * objects); `mediaType` defaults to TAXII 2.1's.
 */
export function sendTaxii(reply: FastifyReply, statusCode: number, body: unknown, mediaType: string = TAXII_MEDIA_TYPE): FastifyReply {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  // A Buffer keeps Fastify from appending "; charset=utf-8" to the media type (TAXII 2.1 §3.1).
  return reply.code(statusCode).header('content-type', mediaType).send(Buffer.from(text, 'utf8'));
}

/** TAXII 2.1 §3.2, TAXII 2.0 §3.2: date_added of the first and last object of this response. */
export function setDateAddedHeaders(reply: FastifyReply, items: readonly { readonly dateAdded: Micros }[]): void {
  if (items.length === 0) return;
  reply.header('x-taxii-date-added-first', formatMicros(items[0].dateAdded));
  reply.header('x-taxii-date-added-last', formatMicros(items[items.length - 1].dateAdded));
}
