/**
 * Syntax of the addresses and CIDR blocks that ISSUBSET / ISSUPERSET compare (STIX 2.1 §9.7,
 * 2.0 Part 5 §4.4): an IPv4 (RFC 791 dotted quad) or IPv6 (RFC 4291 §2.2) address, optionally
 * followed by `/prefix` (RFC 4632, RFC 4291 §2.3). Written here rather than with `node:net` so
 * the rules are the same everywhere and the reason for a rejection can be told.
 */

export type AddressSyntax =
  | { readonly valid: true; readonly family: 4 | 6; readonly prefix?: number }
  | { readonly valid: false; readonly reason: string };

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function ipv4Problem(text: string): string | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return `an IPv4 address has 4 dot-separated numbers, '${text}' has ${parts.length}`;
  for (const part of parts) {
    if (!DECIMAL.test(part)) {
      return part.length > 1 && /^[0-9]+$/.test(part)
        ? `'${part}' has a leading zero (ambiguous: octal in some parsers)`
        : `'${part}' is not a decimal number`;
    }
    if (Number(part) > 255) return `${part} is more than 255`;
  }
  return undefined;
}

function ipv6Problem(text: string): string | undefined {
  if (text.includes('%')) return 'zone identifiers (%…) are not part of an address value';
  const halves = text.split('::');
  if (halves.length > 2) return "'::' may appear only once";
  let groups = 0;
  const halfGroups = halves.map((half) => (half === '' ? [] : half.split(':')));
  for (let h = 0; h < halfGroups.length; h++) {
    const parts = halfGroups[h];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const last = h === halfGroups.length - 1 && i === parts.length - 1;
      if (last && part.includes('.')) {
        // RFC 4291 §2.2 form 3: the low 32 bits as a dotted quad.
        const problem = ipv4Problem(part);
        if (problem !== undefined) return problem;
        groups += 2;
        continue;
      }
      if (part === '') return "an empty group (use '::' once for a run of zeros)";
      if (!HEX_GROUP.test(part)) return `'${part}' is not a group of 1 to 4 hexadecimal digits`;
      groups++;
    }
  }
  if (halves.length === 2 ? groups > 7 : groups !== 8) {
    return halves.length === 2 ? `too many groups (${groups}) with '::'` : `an IPv6 address has 8 groups, '${text}' has ${groups}`;
  }
  return undefined;
}

/** Checks `text` is an IPv4 or IPv6 address or CIDR block. */
export function parseAddressOrCidr(text: string): AddressSyntax {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const family: 4 | 6 = address.includes(':') ? 6 : 4;
  const problem = family === 6 ? ipv6Problem(address) : ipv4Problem(address);
  if (problem !== undefined) return { valid: false, reason: problem };
  if (slash === -1) return { valid: true, family };
  const prefixText = text.slice(slash + 1);
  const max = family === 6 ? 128 : 32;
  if (!DECIMAL.test(prefixText) || Number(prefixText) > max) {
    return { valid: false, reason: `the prefix length '${prefixText}' is not a number from 0 to ${max}` };
  }
  return { valid: true, family, prefix: Number(prefixText) };
}
