/**
 * When to try a request again, and after how long. 429 and 503 are retried for every method: the
 * server says it did not do the work (RFC 6585 §4, RFC 9110 §15.6.4). A broken connection is
 * retried only for GET: a POST may have reached the server, and a second one would add the
 * objects twice (a DELETE that went through answers 404 the second time).
 */

export interface RetryOptions {
  /** Retries after the first attempt. Default 4; 0 turns retrying off. */
  readonly retries?: number;
  /** First backoff (before jitter). Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Ceiling of a backoff without Retry-After. Default 30 s. */
  readonly maxDelayMs?: number;
  /** A Retry-After above this is not waited for: the error is thrown with `retryAfterMs`. Default 120 s. */
  readonly maxRetryAfterMs?: number;
}

export interface RetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    retries: options.retries ?? 4,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
  };
}

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Error codes of a connection that broke or never opened (Node and undici). */
const CONNECTION_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT']);
/** Of those, the ones where the request cannot have been sent: safe to retry for any method. */
const NOT_SENT_ERRORS = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT']);

export function isRetryableConnectionError(code: string | undefined, method: string): boolean {
  if (code === undefined || !CONNECTION_ERRORS.has(code)) return false;
  return method === 'GET' || NOT_SENT_ERRORS.has(code);
}

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Milliseconds from `now`, 0 for a
 * date in the past, undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date names its weekday and GMT; Date.parse reads IMF-fixdate, RFC 850 and asctime.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Exponential backoff with jitter: attempt n (0-based) waits between half and all of
 * min(max, base·2ⁿ), so that clients that failed together do not come back together.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
