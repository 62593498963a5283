/**
 * The one error handler (STYLE.md): every error — ours, Fastify's (schema, body, media type,
 * size), an unknown route, a bug — leaves as a TAXII error resource (TAXII 2.1 §3.6.1) with the
 * TAXII media type of the client's version (2.0 or 2.1). Nothing else: no HTML, no stack trace;
 * 5xx details go to the log only.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TaxiiError, type TaxiiErrorCode, TaxiiErrorCodes } from './errors.js';
import { taxiiMediaType } from './media-type.js';
import { versionOf } from './negotiation.js';
import { sendTaxii } from './reply.js';

const FASTIFY_CODES: Readonly<Record<string, TaxiiErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'TAXII_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'TAXII_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'TAXII_BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'TAXII_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'TAXII_MALFORMED_BODY',
  FST_ERR_BAD_URL: 'TAXII_BAD_REQUEST',
  FST_ERR_NOT_FOUND: 'TAXII_NOT_FOUND',
};

const BY_STATUS = new Map<number, TaxiiErrorCode>(
  (Object.entries(TaxiiErrorCodes) as [TaxiiErrorCode, { status: number }][]).reverse().map(([code, e]) => [e.status, code]),
);

interface SchemaFailure {
  readonly keyword?: string;
  readonly instancePath?: string;
}

/**
 * A query string's schema failure (plugins/schemas.ts) in TAXII terms: which parameter and why,
 * not the schema's wording ("querystring/limit must match pattern …").
 */
function queryFailureMessage(failures: readonly SchemaFailure[], fallback: string | undefined): string | undefined {
  const first = failures[0];
  const name = first?.instancePath?.replace(/^\//, '').replace(/~1/g, '/').replace(/~0/g, '~');
  if (first === undefined || !name) return fallback;
  // Every parameter is a string in the schemas: another type is a repeated parameter (a list).
  if (first.keyword === 'type')
    return `${name} is given more than once${name.startsWith('match[') ? ' (each match field at most once, TAXII 2.1 §3.4.1)' : ''}`;
  if (name === 'limit') return 'limit must be a positive integer';
  if (first.keyword === 'minLength') return `${name} is empty`;
  if (first.keyword === 'maxLength') return `${name} is too long`;
  return fallback;
}

/** The TAXII answer for any thrown value. */
export function toTaxiiError(error: unknown): TaxiiError {
  if (error instanceof TaxiiError) return error;
  const e = error as Partial<FastifyError> | undefined;
  if (e && Array.isArray(e.validation)) {
    const message = e.validationContext === 'querystring' ? queryFailureMessage(e.validation, e.message) : e.message;
    return new TaxiiError('TAXII_INVALID_PARAMETER', message ?? 'malformed request', { cause: error });
  }
  const mapped = e?.code ? FASTIFY_CODES[e.code] : undefined;
  if (mapped) return new TaxiiError(mapped, e?.message ?? TaxiiErrorCodes[mapped].title, { cause: error });
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = BY_STATUS.get(status) ?? 'TAXII_BAD_REQUEST';
    return new TaxiiError(code, e?.message ?? TaxiiErrorCodes[code].title, { cause: error });
  }
  return new TaxiiError('TAXII_INTERNAL', 'the server could not answer this request; the error is in its log', { cause: error });
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const taxii = toTaxiiError(error);
  if (taxii.statusCode >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: taxii.code, status: taxii.statusCode }, taxii.message);
  for (const [name, value] of Object.entries(taxii.headers)) reply.header(name, value);
  // TAXII 2.0 §3.6.1 has the same error resource as 2.1; only the media type differs.
  return sendTaxii(
    reply,
    taxii.statusCode,
    {
      title: taxii.title,
      description: taxii.message,
      error_code: taxii.code,
      http_status: String(taxii.statusCode),
      ...(request.id ? { error_id: String(request.id) } : {}),
    },
    taxiiMediaType(versionOf(request)),
  );
}

/**
 * The same errors for the admin API (plugins/admin.ts), which is not TAXII: plain JSON
 * `{ "error": { "code", "message", "issues"? } }` with the entry's HTTP status.
 */
export function sendJsonError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const e = toTaxiiError(error);
  if (e.statusCode >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: e.code, status: e.statusCode }, e.message);
  for (const [name, value] of Object.entries(e.headers)) reply.header(name, value);
  const body = { code: e.code, message: e.message, ...(e.issues.length > 0 ? { issues: e.issues } : {}) };
  return reply.code(e.statusCode).header('cache-control', 'no-store').send({ error: body });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const hint = path.endsWith('/') ? '' : ' (TAXII URLs end with "/")';
    return sendError(request, reply, new TaxiiError('TAXII_NOT_FOUND', `no endpoint ${request.method} ${path}${hint}`));
  });
}
