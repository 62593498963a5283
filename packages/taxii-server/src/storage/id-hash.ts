/**
 * The key of an object id: the first 48 bits of SHA-256 of the id, as an integer. SQLite stores
 * it in the objects' id_hash column (migration 5), keyed its id index on it until migration 6,
 * and keys its in-memory id tables (id-rows.ts) on it now; PostgreSQL's id tables use it too. Why
 * a hash and not the id: a text of ≈ 50 bytes made SQLite's index five times larger and its
 * comparisons text ones; the 8-byte integer made the writer 1.5–1.75× faster at 500,000 to
 * 1,000,000 stored objects, and is a double in a typed array now.
 *
 * A hash is not unique, so every query on it also compares the id itself. SHA-256 and not a
 * faster non-cryptographic hash: a writer could otherwise craft many ids sharing one key and make
 * every lookup of them scan the lot. 48 bits keep the value an exact JavaScript number.
 */
import * as crypto from 'node:crypto';

/** SHA-256 of a text. crypto.hash (Node ≥ 20.12) is about 1.7× createHash's speed for a short text. */
export const sha256: (text: string) => Buffer =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'buffer')
    : (text) => crypto.createHash('sha256').update(text).digest();

export function idHash(id: string): number {
  return sha256(id).readUIntBE(0, 6);
}

/** The JSON array of the keys of `ids`, for `IN (SELECT value FROM json_each(?))`. */
export function idHashes(ids: readonly string[]): string {
  return JSON.stringify(ids.map(idHash));
}
