/**
 * Syntax of the addresses and CIDR blocks that ISSUBSET / ISSUPERSET compare (STIX 2.1 §9.7,
 * 2.0 Part 5 §4.4): an IPv4 (RFC 791 dotted quad) or IPv6 (RFC 4291 §2.2) address, optionally
 * followed by `/prefix` (RFC 4632, RFC 4291 §2.3). Written here rather than with `node:net` so
 * the rules are the same everywhere and the reason for a rejection can be told.
 */
import { readAddressBlock } from './cidr.js';

export type AddressSyntax =
  | { readonly valid: true; readonly family: 4 | 6; readonly prefix?: number }
  | { readonly valid: false; readonly reason: string };

/** Checks `text` is an IPv4 or IPv6 address or CIDR block (the parser of cidr.ts, with its reason). */
export function parseAddressOrCidr(text: string): AddressSyntax {
  const block = readAddressBlock(text);
  if ('problem' in block) return { valid: false, reason: block.problem };
  return text.includes('/') ? { valid: true, family: block.family, prefix: block.prefix } : { valid: true, family: block.family };
}
