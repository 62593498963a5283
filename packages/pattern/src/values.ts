/**
 * Comparison semantics of one value against a constant (STIX 2.1 §9.2 Constants, §9.6.1–§9.6.4;
 * 2.0 Part 5 §3, §4.4). A value is a JSON value found at an object path; a constant is a pattern
 * literal. Each comparison is compiled once into a `ValueTest`.
 *
 * - Incompatible types give false, except `!=` which gives true (§9.6.1).
 * - Integers and floats compare as numbers, in full (§9.2: `1` is not equal to `1.5`).
 * - Strings compare by code point, without normalisation (§9.6.2).
 * - A property whose name ends in `_bin` (base64) or `_hex` is compared as its octets (§9.6.4);
 *   against a string constant the string is turned into octets when all its code points are below
 *   U+0100, else the comparison is incompatible. `b'…'` and `h'…'` constants are octets too, and
 *   against an ordinary string property that string is turned into octets the same way (§9.2:
 *   binary and hex constants are comparable with the string type).
 * - Octets compare as unsigned bytes, a longer value greater when otherwise equal (§9.6.3).
 * - A `t'…'` constant compares with a string value holding a timestamp as instants; a value that
 *   is not a valid timestamp is incompatible. A plain string constant compares as a string.
 * - Booleans support `=` / `!=` only; ordering them is incompatible.
 * - LIKE and MATCHES NFC-normalise the value and the constant (§9.6.2: "NFC normalization is,
 *   however, required for … LIKE and MATCHES"); a binary property is matched as one character per
 *   octet (U+0000–U+00FF, §9.6.1: no UNICODE flag for binary properties), not normalised.
 */
import type { ComparisonOperator, Literal, SetLiteral } from './ast.js';
import { type AddressBlock, blockContains, parseAddressBlock } from './cidr.js';
import { timestampMillis } from './instant.js';
import { compileLike } from './like.js';
import { compileRegex } from './regex.js';
import { compareTimestamps } from './timestamp-syntax.js';

/** How a property holds octets: named `…_bin` (base64, §2.1) or `…_hex` (§2.8); undefined: not binary. */
export type BinaryEncoding = 'base64' | 'hex' | undefined;

export function binaryEncodingOf(propertyName: string): BinaryEncoding {
  if (propertyName.endsWith('_bin')) return 'base64';
  if (propertyName.endsWith('_hex')) return 'hex';
  return undefined;
}

export type ValueTest = (value: unknown) => boolean;

/** Reports a constant that cannot be compared (an invalid literal); never returns. */
export type Fail = (node: Literal | SetLiteral, detail: string) => never;

type Constant =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string; readonly octets: Uint8Array | undefined }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'timestamp'; readonly value: string }
  | { readonly kind: 'octets'; readonly value: Uint8Array };

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeHex(text: string): Uint8Array | undefined {
  return HEX.test(text) ? new Uint8Array(Buffer.from(text, 'hex')) : undefined;
}

/** RFC 4648 base64; line feeds are ignored (§9.2 binary constant), nothing else is tolerated. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/[\r\n]/g, '');
  return BASE64.test(compact) ? new Uint8Array(Buffer.from(compact, 'base64')) : undefined;
}

/** §9.2 string constant: code points U+0000–U+00FF map to octets 00–ff; undefined if any is higher. */
export function latin1Octets(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 0xff) return undefined;
    out[i] = unit;
  }
  return out;
}

function latin1Text(octets: Uint8Array): string {
  let out = '';
  for (let i = 0; i < octets.length; i += 4096) out += String.fromCharCode(...octets.subarray(i, i + 4096));
  return out;
}

function compareOctets(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** §9.6.2: code point order. UTF-16 order differs only for surrogates against U+E000–U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixup(x) - fixup(y);
  }
  return a.length - b.length;
}

const fixup = (unit: number) => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);

function constantOf(literal: Literal, fail: Fail): Constant {
  switch (literal.kind) {
    case 'integer':
    case 'float':
      return { kind: 'number', value: literal.value };
    case 'string':
      return { kind: 'string', value: literal.value, octets: latin1Octets(literal.value) };
    case 'boolean':
      return { kind: 'boolean', value: literal.value };
    case 'timestamp':
      if (timestampMillis(literal.value) === undefined) fail(literal, `t'${literal.value}' is not a valid STIX timestamp`);
      return { kind: 'timestamp', value: literal.value };
    case 'hex': {
      const octets = decodeHex(literal.value);
      if (octets === undefined) return fail(literal, `h'${literal.value}' is not an even number of hexadecimal digits`);
      return { kind: 'octets', value: octets };
    }
    case 'binary': {
      const octets = decodeBase64(literal.value);
      if (octets === undefined) return fail(literal, `b'${literal.value}' is not base64`);
      return { kind: 'octets', value: octets };
    }
  }
}

/** The value in its native form (§9.6.4): octets for binary properties; undefined: cannot be compared. */
function nativeOf(value: unknown, encoding: BinaryEncoding): number | string | boolean | Uint8Array | undefined {
  if (encoding !== undefined) {
    if (typeof value !== 'string') return undefined;
    return encoding === 'hex' ? decodeHex(value) : decodeBase64(value);
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return undefined;
}

/**
 * Order of a native value against a constant: negative, zero, positive; undefined when the two
 * cannot be compared; NaN when they can be tested for equality only (booleans).
 */
function order(value: number | string | boolean | Uint8Array | undefined, constant: Constant): number | undefined {
  if (value === undefined) return undefined;
  switch (constant.kind) {
    case 'number':
      return typeof value === 'number' ? Math.sign(value - constant.value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? (value === constant.value ? 0 : Number.NaN) : undefined;
    case 'string':
      if (typeof value === 'string') return compareCodePoints(value, constant.value);
      if (value instanceof Uint8Array && constant.octets !== undefined) return compareOctets(value, constant.octets);
      return undefined;
    case 'timestamp':
      return typeof value === 'string' && timestampMillis(value) !== undefined ? compareTimestamps(value, constant.value) : undefined;
    case 'octets': {
      if (value instanceof Uint8Array) return compareOctets(value, constant.value);
      const octets = typeof value === 'string' ? latin1Octets(value) : undefined;
      return octets === undefined ? undefined : compareOctets(octets, constant.value);
    }
  }
}

const ORDER_TESTS: Record<'=' | '!=' | '<' | '<=' | '>' | '>=', (o: number | undefined) => boolean> = {
  '=': (o) => o === 0,
  '!=': (o) => o !== 0,
  '<': (o) => o !== undefined && o < 0,
  '<=': (o) => o !== undefined && o <= 0,
  '>': (o) => o !== undefined && o > 0,
  '>=': (o) => o !== undefined && o >= 0,
};

function nfc(text: string): string {
  // ASCII is already NFC; skip the call for the common case.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return text.normalize('NFC');
  return text;
}

/** A string to match LIKE / MATCHES against: NFC text, or one character per octet for binary properties. */
function textOf(value: unknown, encoding: BinaryEncoding): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (encoding === undefined) return nfc(value);
  const octets = encoding === 'hex' ? decodeHex(value) : decodeBase64(value);
  return octets === undefined ? undefined : latin1Text(octets);
}

function stringConstant(value: Literal | SetLiteral, operator: string, fail: Fail): string {
  if (value.kind !== 'string') return fail(value, `${operator} takes a string constant, not a ${value.kind}`);
  return value.value;
}

/** Compiles `<value> operator constant` (without NOT) for a property stored with `encoding`. */
export function compileValueTest(
  operator: ComparisonOperator,
  constant: Literal | SetLiteral,
  encoding: BinaryEncoding,
  fail: Fail,
): ValueTest {
  switch (operator) {
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (constant.kind === 'set') return fail(constant, `${operator} takes a single constant, not a set`);
      const c = constantOf(constant, fail);
      const accept = ORDER_TESTS[operator];
      return (value) => accept(order(nativeOf(value, encoding), c));
    }
    case 'IN': {
      if (constant.kind !== 'set') return fail(constant, 'IN takes a set of constants: ( … )');
      // §9.6.1 asks for a homogeneous set; a mixed one is simply tested member by member.
      const members = constant.values.map((literal) => constantOf(literal, fail));
      return (value) => {
        const native = nativeOf(value, encoding);
        for (const member of members) if (order(native, member) === 0) return true;
        return false;
      };
    }
    case 'LIKE': {
      const like = compileLike(nfc(stringConstant(constant, 'LIKE', fail)));
      return (value) => {
        const text = textOf(value, encoding);
        return text !== undefined && like(text);
      };
    }
    case 'MATCHES': {
      const source = stringConstant(constant, 'MATCHES', fail);
      const regex = compileRegex(source);
      if ('problem' in regex) return fail(constant as Literal, regex.problem);
      return (value) => {
        const text = textOf(value, encoding);
        return text !== undefined && regex.test(text);
      };
    }
    case 'ISSUBSET':
    case 'ISSUPERSET': {
      const text = stringConstant(constant, operator, fail);
      const block = parseAddressBlock(text);
      if (block === undefined) return fail(constant as Literal, `'${text}' is not an IPv4 or IPv6 address or CIDR block`);
      const subset = operator === 'ISSUBSET';
      return (value) => {
        if (typeof value !== 'string') return false;
        const own = addressOfValue(value);
        if (own === undefined) return false;
        return subset ? blockContains(block, own) : blockContains(own, block);
      };
    }
  }
}

/** Parsed address values, shared by all patterns (the same addresses are tested again and again). */
const addresses = new Map<string, AddressBlock | null>();
const ADDRESS_CACHE_LIMIT = 65536;

function addressOfValue(text: string): AddressBlock | undefined {
  let block = addresses.get(text);
  if (block === undefined) {
    block = parseAddressBlock(text) ?? null;
    if (addresses.size >= ADDRESS_CACHE_LIMIT) addresses.clear();
    addresses.set(text, block);
  }
  return block ?? undefined;
}

/**
 * A key for the equality index: values whose keys are equal are `=` to the same string, number
 * or boolean constants, and no other values are. undefined: not a simple value.
 */
export function equalityKey(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return `n${value}`;
    case 'boolean':
      return value ? 'b1' : 'b0';
    default:
      return undefined;
  }
}

/** The equality key of a constant the index can answer (`=` / IN on a non-binary property), or undefined. */
export function constantKey(literal: Literal): string | undefined {
  switch (literal.kind) {
    case 'string':
    case 'integer':
    case 'float':
    case 'boolean':
      return equalityKey(literal.value);
    default:
      return undefined;
  }
}
