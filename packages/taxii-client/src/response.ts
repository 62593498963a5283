/** Turning an HttpResponse into JSON, or into the client's error for its status. */
import { displayUrl, TaxiiClientError, type TaxiiErrorResource } from './errors.js';
import type { HttpResponse } from './http-transport.js';
import { checkContentType, type TaxiiVersion } from './media-type.js';
import { parseRetryAfter } from './retry-policy.js';

const MAX_DESCRIPTION = 500;

function parseText(body: Buffer): unknown {
  const text = body.toString('utf8');
  // RFC 8259 §8.1: a parser MAY ignore a byte order mark.
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** The error resource of an error answer, when its body is one (TAXII 2.0 §3.6, 2.1 §3.6.1). */
function errorResource(response: HttpResponse): TaxiiErrorResource | undefined {
  if (response.body.length === 0) return undefined;
  let value: unknown;
  try {
    value = parseText(response.body);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const title = (value as { title?: unknown }).title;
  return typeof title === 'string' ? (value as TaxiiErrorResource) : undefined;
}

const clip = (text: string) => (text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION)}…` : text);

/** TAXII_HTTP_ERROR for an answer whose status the caller does not accept. */
export function httpError(response: HttpResponse): TaxiiClientError {
  const taxiiError = errorResource(response);
  const where = `${response.method} ${displayUrl(response.url)}`;
  let message = `${where}: HTTP ${response.status}`;
  if (taxiiError) message += ` ${clip(taxiiError.title)}${taxiiError.description ? `: ${clip(taxiiError.description)}` : ''}`;
  const location = response.headers.location;
  if (response.status >= 300 && response.status < 400 && location !== undefined)
    message += ` (a redirect to ${displayUrl(new URL(location, response.url))}, not followed for ${response.method})`;
  let retryAfterMs: number | undefined;
  if (response.status === 429 || response.status === 503) {
    retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    if (retryAfterMs !== undefined) message += ` (the server asks to retry after ${Math.ceil(retryAfterMs / 1000)} s)`;
  }
  return new TaxiiClientError('TAXII_HTTP_ERROR', message, {
    status: response.status,
    method: response.method,
    url: displayUrl(response.url),
    ...(taxiiError ? { taxiiError } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

export function protocolError(response: HttpResponse, reason: string): TaxiiClientError {
  return new TaxiiClientError('TAXII_PROTOCOL', `${response.method} ${displayUrl(response.url)}: ${reason}`, {
    status: response.status,
    method: response.method,
    url: displayUrl(response.url),
  });
}

export function expectStatus(response: HttpResponse, accepted: readonly number[]): void {
  if (!accepted.includes(response.status)) throw httpError(response);
}

export interface JsonBody {
  readonly value: unknown;
  /** The TAXII version the Content-Type states, when it states one. */
  readonly version?: TaxiiVersion;
}

/** The body as JSON, after checking its media type. */
export function readJson(response: HttpResponse): JsonBody {
  const type = checkContentType(response.headers['content-type']);
  if (!type.ok) throw protocolError(response, type.reason);
  let value: unknown;
  try {
    value = parseText(response.body);
  } catch (cause) {
    throw new TaxiiClientError(
      'TAXII_PROTOCOL',
      `${response.method} ${displayUrl(response.url)}: the body is not valid JSON (${(cause as Error).message})`,
      {
        status: response.status,
        method: response.method,
        url: displayUrl(response.url),
        cause,
      },
    );
  }
  return type.version ? { value, version: type.version } : { value };
}
