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

const DECIMAL = /^(0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string, into: Uint8Array, at: number): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    if (!DECIMAL.test(parts[i])) return false;
    const n = Number(parts[i]);
    if (n > 255) return false;
    into[at + i] = n;
  }
  return true;
}

/** RFC 4291 §2.2: eight groups, one `::` for a run of zero groups, an IPv4 tail for the last 32 bits. */
function parseIpv6(text: string, into: Uint8Array): boolean {
  if (text.includes('%')) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups: number[][] = [];
  for (let h = 0; h < halves.length; h++) {
    const words: number[] = [];
    const parts = halves[h] === '' ? [] : halves[h].split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (h === halves.length - 1 && i === parts.length - 1 && part.includes('.')) {
        const tail = new Uint8Array(4);
        if (!parseIpv4(part, tail, 0)) return false;
        words.push((tail[0] << 8) | tail[1], (tail[2] << 8) | tail[3]);
        continue;
      }
      if (!HEX_GROUP.test(part)) return false;
      words.push(Number.parseInt(part, 16));
    }
    groups.push(words);
  }
  const head = groups[0];
  const tail = groups.length === 2 ? groups[1] : [];
  const count = head.length + tail.length;
  if (groups.length === 2 ? count > 7 : count !== 8) return false;
  const words = [...head, ...new Array<number>(8 - count).fill(0), ...tail];
  for (let i = 0; i < 8; i++) {
    into[2 * i] = words[i] >> 8;
    into[2 * i + 1] = words[i] & 0xff;
  }
  return true;
}

/** The block `text` names (`a.b.c.d`, `a.b.c.d/n`, an IPv6 address, `…/n`), or undefined. */
export function parseAddressBlock(text: string): AddressBlock | undefined {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const family: 4 | 6 = address.includes(':') ? 6 : 4;
  const octets = new Uint8Array(family === 4 ? 4 : 16);
  if (!(family === 4 ? parseIpv4(address, octets, 0) : parseIpv6(address, octets))) return undefined;
  const max = family === 4 ? 32 : 128;
  let prefix = max;
  if (slash !== -1) {
    const prefixText = text.slice(slash + 1);
    if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > max) return undefined;
  }
  return { family, octets, prefix };
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
