/**
 * RFC 4122 / RFC 9562 UUIDs: version 4 (random) and version 5 (SHA-1 over a namespace and a name).
 */
import { createHash, randomUUID } from 'node:crypto';

/** A random (version 4) UUID, lower-case. */
export function uuid4(): string {
  return randomUUID();
}

const HEX = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidBytes(uuid: string): Buffer {
  if (!HEX.test(uuid)) throw new TypeError(`not a UUID: ${uuid}`);
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/**
 * A name-based (version 5) UUID: SHA-1 of the namespace's 16 bytes followed by the name's UTF-8
 * bytes, truncated to 16 bytes, with the version (5) and variant (RFC 4122) bits set.
 */
export function uuid5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
