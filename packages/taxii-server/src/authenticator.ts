/**
 * Who is asking (TAXII 2.1 §1.6.9, §8.2.2): HTTP Basic (RFC 7617) against scrypt hashes, or
 * `Authorization: Bearer` tokens (RFC 6750) against SHA-256 token hashes. Every failure is the
 * same 401 with the same challenges, and costs the same whether or not the user exists.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { TokenConfig, UserConfig, WindowLimitConfig } from './config.js';
import { TaxiiError } from './errors.js';
import { FailureLimiter } from './failure-limiter.js';
import { hashPassword, hashToken, verifyPassword, verifyUnknownUser } from './password.js';

export const CHALLENGES = ['Basic realm="taxiway", charset="UTF-8"', 'Bearer realm="taxiway"'] as const;

const CACHE_SIZE = 1000;
const CACHE_TTL_MS = 60_000;

export class Authenticator {
  readonly #passwords = new Map<string, string>();
  readonly #tokens = new Map<string, string>();
  /**
   * scrypt costs ~50 ms of a core by design; a client sending Basic on every request would pay it
   * every time. Successful verifications are remembered for a minute, keyed by an HMAC of the
   * header under a per-process key (no credential is kept in memory in the clear).
   */
  readonly #cache = new Map<string, { readonly user: string; readonly expires: number }>();
  readonly #cacheKey = randomBytes(32);
  /** limits.auth_failures, when set. */
  readonly #failures: FailureLimiter | undefined;

  private constructor(failures: FailureLimiter | undefined) {
    this.#failures = failures;
  }

  /** Plain `password`s are hashed here, once, so that every check costs one scrypt. */
  static async create(
    users: readonly UserConfig[],
    tokens: readonly TokenConfig[],
    authFailures?: WindowLimitConfig,
  ): Promise<Authenticator> {
    const auth = new Authenticator(authFailures && new FailureLimiter(authFailures.max, authFailures.window_ms));
    for (const user of users) auth.#passwords.set(user.username, user.password_hash ?? (await hashPassword(user.password ?? '')));
    for (const token of tokens) auth.#tokens.set(token.token_hash ?? hashToken(token.token ?? ''), token.username);
    return auth;
  }

  /**
   * The username of an Authorization header; a 401 TaxiiError when there is none or it fails.
   * `client` (the peer's address) is what limits.auth_failures counts: a client past it gets a 429
   * TaxiiError, its credentials unchecked. A request without credentials is not a failure.
   */
  async authenticate(header: string | undefined, client = ''): Promise<string> {
    if (header === undefined || header === '') throw unauthorized('this endpoint requires authentication (HTTP Basic or a Bearer token)');
    const cacheKey = createHmac('sha256', this.#cacheKey).update(header).digest('base64');
    const cached = this.#cache.get(cacheKey);
    if (cached && cached.expires > Date.now()) return cached.user;
    const wait = this.#failures?.blockedFor(client);
    if (wait !== undefined)
      throw new TaxiiError('TAXII_TOO_MANY_REQUESTS', `too many failed authentications from this address: retry in ${wait} s`, {
        headers: { 'retry-after': String(wait) },
      });
    const user = await this.#check(header);
    if (user === undefined) {
      this.#failures?.fail(client);
      throw unauthorized('the credentials were not accepted');
    }
    if (this.#cache.size >= CACHE_SIZE) {
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
    this.#cache.set(cacheKey, { user, expires: Date.now() + CACHE_TTL_MS });
    return user;
  }

  async #check(header: string): Promise<string | undefined> {
    const m = /^([A-Za-z]+) +([A-Za-z0-9._~+/=-]+) *$/.exec(header);
    if (!m) return undefined;
    const scheme = m[1].toLowerCase();
    if (scheme === 'bearer') {
      // A hash lookup: the token's SHA-256 is not under the client's control, so timing leaks nothing.
      return this.#tokens.get(`sha256$${createHash('sha256').update(m[2], 'utf8').digest('hex')}`);
    }
    if (scheme !== 'basic') return undefined;
    const decoded = Buffer.from(m[2], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const hash = this.#passwords.get(username);
    if (hash === undefined) return verifyUnknownUser(password).then(() => undefined);
    return (await verifyPassword(password, hash)) ? username : undefined;
  }
}

function unauthorized(description: string): TaxiiError {
  return new TaxiiError('TAXII_UNAUTHORIZED', description, { headers: { 'www-authenticate': CHALLENGES } });
}
