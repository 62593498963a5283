/**
 * Password hashes for `users[].password_hash`: scrypt (RFC 7914) written as
 * `scrypt$N$r$p$salt$hash` with base64 salt and hash. Verification is constant-time, and a
 * failed user lookup costs the same scrypt as a wrong password (verifyUnknownUser).
 */
import { createHash, randomBytes, type ScryptOptions, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';

export interface ScryptParameters {
  /** CPU/memory cost, a power of two (default 2^14). */
  readonly N?: number;
  /** Block size (default 8). */
  readonly r?: number;
  /** Parallelisation (default 1). */
  readonly p?: number;
}

const DEFAULTS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) refuses N = 2^15 with r = 8. */
const maxmem = (N: number, r: number) => 128 * N * r * 2 + 1024 * 1024;

interface ParsedHash {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Reads `scrypt$N$r$p$salt$hash`; undefined when it is not one. */
export function parsePasswordHash(encoded: string): ParsedHash | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^[1-9]\d{0,9}$/.test(s) ? Number(s) : Number.NaN));
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0) return undefined;
  if (!Number.isInteger(r) || r > 64 || !Number.isInteger(p) || p > 16) return undefined;
  if (!BASE64.test(parts[4]) || !BASE64.test(parts[5])) return undefined;
  const salt = Buffer.from(parts[4], 'base64');
  const hash = Buffer.from(parts[5], 'base64');
  if (salt.length < 8 || hash.length < 16) return undefined;
  return { N, r, p, salt, hash };
}

export async function hashPassword(password: string, parameters: ScryptParameters = {}): Promise<string> {
  const N = parameters.N ?? DEFAULTS.N;
  const r = parameters.r ?? DEFAULTS.r;
  const p = parameters.p ?? DEFAULTS.p;
  const salt = randomBytes(SALT_LENGTH);
  const hash = await scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: maxmem(N, r) });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Whether `password` matches `encoded`; false (never a throw) for a malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parsePasswordHash(encoded);
  if (!parsed) return false;
  const { N, r, p, salt, hash } = parsed;
  const key = await scrypt(password, salt, hash.length, { N, r, p, maxmem: maxmem(N, r) });
  return timingSafeEqual(key, hash);
}

let dummy: Promise<string> | undefined;

/** The work of a verification for a username nobody has: the answer does not come faster. */
export async function verifyUnknownUser(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummy);
  return false;
}

/**
 * Bearer tokens are long random strings, so a fast hash is enough (no dictionary to slow down):
 * `token_hash` is `sha256$<hex>`.
 */
export function hashToken(token: string): string {
  return `sha256$${createHash('sha256').update(token, 'utf8').digest('hex')}`;
}

export function isTokenHash(text: string): boolean {
  return /^sha256\$[0-9a-f]{64}$/.test(text);
}
