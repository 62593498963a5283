/**
 * `next` cursors (TAXII 2.1 §3.5): opaque, stateless and tamper-proof. A cursor is
 * base64url(JSON {c, q, a}) "." base64url(HMAC-SHA256) where c names the collection, q hashes
 * the query it belongs to (every filter except limit and next) and a is the last dateAdded (µs)
 * served. The server keeps nothing: the key signs, and App. B's "MUST NOT implicitly trust next"
 * is kept by re-checking c and q against the request it comes back with.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TaxiiError } from './errors.js';
import type { Micros } from './storage/storage.js';

export class CursorSigner {
  readonly #key: Buffer;

  /** Without a secret, a random key: cursors then work only within this process's lifetime. */
  constructor(secret?: string) {
    this.#key = secret === undefined ? randomBytes(32) : createHash('sha256').update(`taxiway-cursor\0${secret}`).digest();
  }

  /** `scope` names the collection; `query` is any canonical text of the query. */
  sign(scope: string, query: string, after: Micros): string {
    const body = Buffer.from(JSON.stringify({ c: scope, q: queryHash(query), a: after })).toString('base64url');
    return `${body}.${this.#mac(body).toString('base64url')}`;
  }

  /** The `after` of a cursor made by sign() for this scope and query; a 400 TaxiiError otherwise. */
  verify(cursor: string, scope: string, query: string): Micros {
    const invalid = (why: string) => new TaxiiError('TAXII_INVALID_CURSOR', `next is not a cursor of this query: ${why}`);
    const dot = cursor.indexOf('.');
    if (dot <= 0 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(cursor)) throw invalid('malformed');
    const body = cursor.slice(0, dot);
    const mac = Buffer.from(cursor.slice(dot + 1), 'base64url');
    const expected = this.#mac(body);
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw invalid('bad signature');
    let payload: { c?: unknown; q?: unknown; a?: unknown };
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalid('malformed');
    }
    if (payload.c !== scope) throw invalid('it belongs to another collection or endpoint');
    if (payload.q !== queryHash(query)) throw invalid('the filters differ from those it was issued for');
    if (typeof payload.a !== 'number' || !Number.isSafeInteger(payload.a) || payload.a < 0) throw invalid('malformed');
    return payload.a;
  }

  #mac(body: string): Buffer {
    return createHmac('sha256', this.#key).update(body).digest();
  }
}

function queryHash(query: string): string {
  return createHash('sha256').update(query).digest('base64url').slice(0, 22);
}
