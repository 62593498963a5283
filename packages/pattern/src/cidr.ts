/**
 * IPv4 / IPv6 addresses and CIDR blocks as bit strings, for ISSUBSET and ISSUPERSET (STIX 2.1
 * §9.6.1 set operators, 2.0 Part 5 §4.4). A value without `/n` is a single address: a /32 (IPv4)
 * or a /128 (IPv6). Bits after the prefix are ignored, so `198.51.100.7/24` is the block
 * `198.51.100.0/24` (RFC 4632 §3.1 writes blocks with zero host bits; data does not always).
 */

export interface AddressBlock {
  readonly family: 4 | 6;
  /** 4 or 16 octets, network order. */
  readonly octets: Uint8Array;
  /** Prefix length: 0–32 or 0–128. */
  readonly prefix: number;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Fills `into[at..at+3]`; returns why `text` is not a dotted quad, or undefined. */
function parseIpv4(text: string, into: Uint8Array, at: number): string | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return `an IPv4 address has 4 dot-separated numbers, '${text}' has ${parts.length}`;
  for (let i = 0; i < 4; i++) {
    const part = parts[i];
    if (!DECIMAL.test(part))
      return part.length > 1 && /^[0-9]+$/.test(part)
        ? `'${part}' has a leading zero (ambiguous: octal in some parsers)`
        : `'${part}' is not a decimal number`;
    const n = Number(part);
    if (n > 255) return `${part} is more than 255`;
    into[at + i] = n;
  }
  return undefined;
}

/** RFC 4291 §2.2: eight groups, one `::` for a run of zero groups, an IPv4 tail for the last 32 bits. */
function parseIpv6(text: string, into: Uint8Array): string | undefined {
  if (text.includes('%')) return 'zone identifiers (%…) are not part of an address value';
  const halves = text.split('::');
  if (halves.length > 2) return "'::' may appear only once";
  const groups: number[][] = [];
  for (let h = 0; h < halves.length; h++) {
    const words: number[] = [];
    const parts = halves[h] === '' ? [] : halves[h].split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (h === halves.length - 1 && i === parts.length - 1 && part.includes('.')) {
        // RFC 4291 §2.2 form 3: the low 32 bits as a dotted quad.
        const tail = new Uint8Array(4);
        const problem = parseIpv4(part, tail, 0);
        if (problem !== undefined) return problem;
        words.push((tail[0] << 8) | tail[1], (tail[2] << 8) | tail[3]);
        continue;
      }
      if (part === '') return "an empty group (use '::' once for a run of zeros)";
      if (!HEX_GROUP.test(part)) return `'${part}' is not a group of 1 to 4 hexadecimal digits`;
      words.push(Number.parseInt(part, 16));
    }
    groups.push(words);
  }
  const head = groups[0];
  const tail = groups.length === 2 ? groups[1] : [];
  const count = head.length + tail.length;
  if (groups.length === 2 ? count > 7 : count !== 8)
    return groups.length === 2 ? `too many groups (${count}) with '::'` : `an IPv6 address has 8 groups, '${text}' has ${count}`;
  const words = [...head, ...new Array<number>(8 - count).fill(0), ...tail];
  for (let i = 0; i < 8; i++) {
    into[2 * i] = words[i] >> 8;
    into[2 * i + 1] = words[i] & 0xff;
  }
  return undefined;
}

/**
 * The block `text` names (`a.b.c.d`, `a.b.c.d/n`, an IPv6 address, `…/n`), or why it is not one:
 * the one address parser of the package (the validator reports the reason, the matcher uses the
 * bits).
 */
export function readAddressBlock(text: string): AddressBlock | { readonly problem: string } {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const family: 4 | 6 = address.includes(':') ? 6 : 4;
  const octets = new Uint8Array(family === 4 ? 4 : 16);
  const problem = family === 4 ? parseIpv4(address, octets, 0) : parseIpv6(address, octets);
  if (problem !== undefined) return { problem };
  const max = family === 4 ? 32 : 128;
  let prefix = max;
  if (slash !== -1) {
    const prefixText = text.slice(slash + 1);
    if (!DECIMAL.test(prefixText) || Number(prefixText) > max)
      return { problem: `the prefix length '${prefixText}' is not a number from 0 to ${max}` };
    prefix = Number(prefixText);
  }
  return { family, octets, prefix };
}

/** The block `text` names, or undefined when it is not an address or CIDR block. */
export function parseAddressBlock(text: string): AddressBlock | undefined {
  const block = readAddressBlock(text);
  return 'problem' in block ? undefined : block;
}

/** Whether every address of `inner` is in `outer` (same family; a block contains itself). */
export function blockContains(outer: AddressBlock, inner: AddressBlock): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  const whole = outer.prefix >> 3;
  for (let i = 0; i < whole; i++) if (outer.octets[i] !== inner.octets[i]) return false;
  const rest = outer.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (outer.octets[whole] & mask) === (inner.octets[whole] & mask);
}
