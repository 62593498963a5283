/**
 * The client's one error table (STYLE.md: fastify's lib/errors.js). Callers test `code`, never
 * message text. Messages name the method and URL (credentials removed) and never include a
 * request header: the Authorization value cannot leak through an error.
 */

export const TaxiiClientErrorCodes = {
  TAXII_HTTP_ERROR: 'the server answered with an HTTP error status (the TAXII error resource, when sent, is in `taxiiError`)',
  TAXII_TIMEOUT: 'connecting or the request took longer than its timeout',
  TAXII_NETWORK: 'the connection failed (refused, reset, DNS, closed client)',
  TAXII_TLS: 'the TLS handshake failed (certificate not trusted, wrong host name, client certificate refused)',
  TAXII_PROTOCOL: 'the server answered something TAXII does not allow (bad JSON, media type, resource or paging headers)',
  TAXII_RESPONSE_TOO_LARGE: 'a response body exceeded maxResponseBytes',
  TAXII_NO_DEFAULT_API_ROOT: 'the discovery resource names no default API root',
  TAXII_OBJECT_TOO_LARGE: "one object alone does not fit in the API root's max_content_length",
  TAXII_UNSUPPORTED: 'the operation or filter does not exist in the TAXII version of this API root',
  TAXII_STATUS_TIMEOUT: 'a status was still pending when waitForStatus gave up',
  TAXII_ABORTED: "the caller's AbortSignal fired",
  TAXII_INVALID_ARGUMENT: 'an option or argument is invalid (URL, filter, TLS file)',
} as const satisfies Record<string, string>;

export type TaxiiClientErrorCode = keyof typeof TaxiiClientErrorCodes;

/** TAXII 2.0 §3.6 / 2.1 §3.6.1: the error resource a server sends with an error status. */
export interface TaxiiErrorResource {
  readonly title: string;
  readonly description?: string;
  readonly error_id?: string;
  readonly error_code?: string;
  readonly http_status?: string;
  readonly external_details?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface TaxiiClientErrorDetails {
  /** HTTP status of the answer (TAXII_HTTP_ERROR, some TAXII_PROTOCOL). */
  readonly status?: number;
  readonly method?: string;
  /** The request URL without user info. */
  readonly url?: string;
  /** The server's error resource, when the body held one. */
  readonly taxiiError?: TaxiiErrorResource;
  /** The object in question (TAXII_OBJECT_TOO_LARGE). */
  readonly objectId?: string;
  /** What the server asked to wait, when it asked longer than the client may (429/503). */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

export class TaxiiClientError extends Error {
  override readonly name = 'TaxiiClientError';
  readonly status?: number;
  readonly method?: string;
  readonly url?: string;
  readonly taxiiError?: TaxiiErrorResource;
  readonly objectId?: string;
  readonly retryAfterMs?: number;

  constructor(
    readonly code: TaxiiClientErrorCode,
    message: string,
    details: TaxiiClientErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.status !== undefined) this.status = details.status;
    if (details.method !== undefined) this.method = details.method;
    if (details.url !== undefined) this.url = details.url;
    if (details.taxiiError !== undefined) this.taxiiError = details.taxiiError;
    if (details.objectId !== undefined) this.objectId = details.objectId;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** The URL as it may appear in a message: no user name or password. */
export function displayUrl(url: URL | string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.href;
}
