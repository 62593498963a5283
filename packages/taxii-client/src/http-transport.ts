/**
 * HTTP for the client: one undici Agent (a keep-alive pool per origin), timeouts, retries with
 * backoff (retry-policy.ts), authentication, TLS, size-bounded bodies. GET follows redirects
 * (credentials are dropped when the origin changes, and HTTPS is never left for HTTP); other
 * methods do not, so a POST is never sent somewhere its caller did not name.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, type Dispatcher } from 'undici';
import { displayUrl, TaxiiClientError } from './errors.js';
import {
  backoffDelay,
  isRetryableConnectionError,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  type RetryOptions,
  type RetryPolicy,
  retryPolicy,
} from './retry-policy.js';
import { USER_AGENT } from './user-agent.js';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** HTTP Basic (RFC 7617), which TAXII clients MUST support (2.0 §8.3, 2.1 §8.5.1). */
export interface BasicAuth {
  readonly type: 'basic';
  readonly username: string;
  readonly password: string;
}

/** `Authorization: Bearer <token>` (RFC 6750). */
export interface BearerAuth {
  readonly type: 'bearer';
  readonly token: string;
}

export type Auth = BasicAuth | BearerAuth;

/** PEM text, or the path of a PEM file (read once, when the client is made). */
export type PemSource = string | Buffer;

export interface TlsOptions {
  /** CA certificate(s) to trust instead of Node's default list. */
  readonly ca?: PemSource | readonly PemSource[];
  /** Client certificate (chain) for servers that authenticate clients by certificate. */
  readonly cert?: PemSource;
  readonly key?: PemSource;
  readonly passphrase?: string;
  /** Accept any server certificate. For testing only: anyone on the path can read and change the traffic. */
  readonly insecure?: boolean;
}

export interface TimeoutOptions {
  /** Establishing a connection (TCP and TLS). Default 10 s. */
  readonly connectMs?: number;
  /** One attempt of a request, from sending to the last byte of the answer. Default 120 s. */
  readonly requestMs?: number;
}

export interface TransportOptions {
  readonly auth?: Auth;
  readonly tls?: TlsOptions;
  readonly timeouts?: TimeoutOptions;
  readonly retry?: RetryOptions;
  /** Ceiling on one response body. Default 100 MiB. */
  readonly maxResponseBytes?: number;
  /** Default `taxiway-taxii-client/<version>`. */
  readonly userAgent?: string;
  /** Sent with every request (an API key header, …). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Redirects a GET may follow. Default 5. */
  readonly maxRedirects?: number;
  /** Your own undici dispatcher (a ProxyAgent, …); `tls` and `timeouts.connectMs` then belong to it. Not closed by close(). */
  readonly dispatcher?: Dispatcher;
}

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly accept: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly method: HttpMethod;
  /** The URL that answered (after redirects). */
  readonly url: URL;
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 100 * 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

function readPem(source: PemSource, what: string): string | Buffer {
  if (typeof source !== 'string' || source.trimStart().startsWith('-----BEGIN')) return source;
  try {
    return readFileSync(source);
  } catch (cause) {
    throw new TaxiiClientError(
      'TAXII_INVALID_ARGUMENT',
      `cannot read the TLS ${what} file ${JSON.stringify(source)}: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
}

function authorization(auth: Auth | undefined): string | undefined {
  if (auth === undefined) return undefined;
  if (auth.type === 'basic') {
    // RFC 7617 §2: the user-id cannot contain a colon; no CR/LF may reach a header.
    if (auth.username.includes(':') || /[\r\n]/.test(auth.username + auth.password))
      throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', 'a Basic user name cannot contain ":", and neither part a line break');
    return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
  }
  if (auth.type === 'bearer') {
    if (auth.token === '' || /[\s]/.test(auth.token))
      throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', 'a Bearer token must be non-empty, without spaces');
    return `Bearer ${auth.token}`;
  }
  throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', `unknown auth type ${JSON.stringify((auth as { type?: unknown }).type)}`);
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', `${name} must be a positive number`);
  return value;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The cause of a failed attempt as the client's error. */
function attemptError(error: unknown, method: string, url: URL, how: { timedOut: boolean; aborted: boolean }): TaxiiClientError {
  if (error instanceof TaxiiClientError) return error;
  const where = `${method} ${displayUrl(url)}`;
  const details = { method, url: displayUrl(url), cause: error };
  if (how.aborted) return new TaxiiClientError('TAXII_ABORTED', `${where}: aborted`, details);
  const code = errorCode(error);
  if (how.timedOut || (code !== undefined && TIMEOUT_CODES.has(code)))
    return new TaxiiClientError('TAXII_TIMEOUT', `${where}: timed out${code && code !== 'UND_ERR_ABORTED' ? ` (${code})` : ''}`, details);
  const message = (error as Error | undefined)?.message ?? String(error);
  if (code !== undefined && (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')))
    return new TaxiiClientError('TAXII_TLS', `${where}: TLS failed: ${message} (${code})`, details);
  return new TaxiiClientError('TAXII_NETWORK', `${where}: ${message}${code ? ` (${code})` : ''}`, details);
}

export class HttpTransport {
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #authorization: string | undefined;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #requestMs: number;
  readonly #maxResponseBytes: number;
  readonly #maxRedirects: number;
  readonly #retry: RetryPolicy;

  constructor(options: TransportOptions = {}) {
    const connectMs = positive(options.timeouts?.connectMs, 10_000, 'timeouts.connectMs');
    this.#requestMs = positive(options.timeouts?.requestMs, 120_000, 'timeouts.requestMs');
    this.#maxResponseBytes = positive(options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes');
    this.#maxRedirects = options.maxRedirects ?? 5;
    this.#retry = retryPolicy(options.retry);
    this.#authorization = authorization(options.auth);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    headers['user-agent'] = options.userAgent ?? headers['user-agent'] ?? USER_AGENT;
    this.#headers = headers;
    if (options.dispatcher) {
      this.#dispatcher = options.dispatcher;
      this.#ownsDispatcher = false;
    } else {
      const tls = options.tls ?? {};
      const ca = tls.ca === undefined ? undefined : (Array.isArray(tls.ca) ? tls.ca : [tls.ca]).map((c: PemSource) => readPem(c, 'CA'));
      this.#dispatcher = new Agent({
        connect: {
          timeout: connectMs,
          ...(ca ? { ca } : {}),
          ...(tls.cert !== undefined ? { cert: readPem(tls.cert, 'certificate') } : {}),
          ...(tls.key !== undefined ? { key: readPem(tls.key, 'key') } : {}),
          ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase } : {}),
          rejectUnauthorized: tls.insecure !== true,
        },
        keepAliveTimeout: 10_000,
        headersTimeout: this.#requestMs,
        bodyTimeout: this.#requestMs,
      });
      this.#ownsDispatcher = true;
    }
  }

  /** Sends the request, retrying and following GET redirects; any final status is returned, not thrown. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    let url = request.url;
    let sendCredentials = true;
    for (let redirects = 0; ; redirects++) {
      const response = await this.#sendWithRetries(request, url, sendCredentials);
      const location = response.headers.location;
      if (request.method !== 'GET' || !REDIRECTS.has(response.status) || location === undefined) return response;
      const next = new URL(location, url);
      const details = { status: response.status, method: 'GET', url: displayUrl(url) };
      if (redirects >= this.#maxRedirects)
        throw new TaxiiClientError('TAXII_PROTOCOL', `GET ${displayUrl(url)}: more than ${this.#maxRedirects} redirects`, details);
      if (url.protocol === 'https:' && next.protocol !== 'https:')
        throw new TaxiiClientError(
          'TAXII_PROTOCOL',
          `GET ${displayUrl(url)}: refusing a redirect from HTTPS to ${displayUrl(next)}`,
          details,
        );
      // The fetch standard's rule: credentials never follow a redirect to another origin.
      if (next.origin !== url.origin) sendCredentials = false;
      url = next;
    }
  }

  async #sendWithRetries(request: HttpRequest, url: URL, sendCredentials: boolean): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await this.#attempt(request, url, sendCredentials);
      } catch (error) {
        const retryable =
          error instanceof TaxiiClientError &&
          error.code !== 'TAXII_ABORTED' &&
          attempt < this.#retry.retries &&
          isRetryableConnectionError(errorCode(error.cause), request.method);
        if (!retryable) throw error;
        await this.#pause(backoffDelay(attempt, this.#retry), request, url);
        continue;
      }
      if (!RETRYABLE_STATUSES.has(response.status) || attempt >= this.#retry.retries) return response;
      const after = parseRetryAfter(response.headers['retry-after']);
      // Longer than the caller allows: the answer goes back, and its error carries retryAfterMs.
      if (after !== undefined && after > this.#retry.maxRetryAfterMs) return response;
      await this.#pause(after ?? backoffDelay(attempt, this.#retry), request, url);
    }
  }

  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  async #pause(ms: number, request: HttpRequest, url: URL): Promise<void> {
    try {
      await sleep(ms, undefined, request.signal ? { signal: request.signal } : undefined);
    } catch (cause) {
      throw attemptError(cause, request.method, url, { timedOut: false, aborted: true });
    }
  }

  async #attempt(request: HttpRequest, url: URL, sendCredentials: boolean): Promise<HttpResponse> {
    const how = { timedOut: false, aborted: false };
    if (request.signal?.aborted) throw attemptError(request.signal.reason, request.method, url, { timedOut: false, aborted: true });
    const controller = new AbortController();
    const timer = setTimeout(() => {
      how.timedOut = true;
      controller.abort();
    }, this.#requestMs);
    const onAbort = () => {
      how.aborted = true;
      controller.abort();
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const headers: Record<string, string> = { ...this.#headers, accept: request.accept };
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    if (!sendCredentials) delete headers.authorization;
    else if (this.#authorization !== undefined) headers.authorization = this.#authorization;
    try {
      const response = await this.#dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal: controller.signal,
      });
      const body = await this.#readBody(response, request.method, url);
      return { method: request.method, url, status: response.statusCode, headers: flattenHeaders(response.headers), body };
    } catch (error) {
      throw attemptError(error, request.method, url, how);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  async #readBody(response: Dispatcher.ResponseData, method: string, url: URL): Promise<Buffer> {
    const limit = this.#maxResponseBytes;
    const tooLarge = (size: string) =>
      new TaxiiClientError(
        'TAXII_RESPONSE_TOO_LARGE',
        `${method} ${displayUrl(url)}: the response body (${size}) exceeds maxResponseBytes (${limit})`,
        {
          status: response.statusCode,
          method,
          url: displayUrl(url),
        },
      );
    // Destroying the body makes it emit an abort error that nobody else listens to.
    const discard = () => {
      response.body.on('error', () => {});
      response.body.destroy();
    };
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      discard();
      throw tooLarge(`${declared} bytes`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        discard();
        throw tooLarge(`more than ${limit} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks, size);
  }
}
