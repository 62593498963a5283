/**
 * Hash algorithm names and value formats for `…:hashes.'ALG'` paths in patterns.
 * STIX 2.1 §10.11 hashing-algorithm-ov and the `hashes-type` schema; STIX 2.0 Part 1 §6.4
 * hash-algorithm-ov (a larger list, `ssdeep` in lower case).
 */
import type { PatternVersion } from './ast.js';

interface HashFormat {
  /** What a value looks like, for messages. */
  readonly description: string;
  readonly test: (value: string) => boolean;
}

const hex = (length: number): HashFormat => {
  const re = new RegExp(`^[0-9a-fA-F]{${length}}$`);
  return { description: `${length} hexadecimal digits`, test: (value) => re.test(value) };
};

// blocksize:hash:hash, each hash in the base64 alphabet, optionally followed by ,"file name".
const SSDEEP_RE = /^[0-9]+:[A-Za-z0-9/+]*:[A-Za-z0-9/+]*(,".*")?$/;
const ssdeep: HashFormat = { description: 'an ssdeep digest (blocksize:hash:hash)', test: (value) => SSDEEP_RE.test(value) };

// 70 hex digits (the 2.1 schema); TLSH 4.x prefixes a version, `T1`, to the same digest.
const TLSH_RE = /^(T1)?[0-9a-fA-F]{70}$/;
const tlsh: HashFormat = { description: "70 hexadecimal digits (optionally after 'T1')", test: (value) => TLSH_RE.test(value) };

/** Algorithm name → value format; `undefined` when the vocabulary fixes no format (MD6). */
const HASHES_21: ReadonlyMap<string, HashFormat | undefined> = new Map([
  ['MD5', hex(32)],
  ['SHA-1', hex(40)],
  ['SHA-256', hex(64)],
  ['SHA-512', hex(128)],
  ['SHA3-256', hex(64)],
  ['SHA3-512', hex(128)],
  ['SSDEEP', ssdeep],
  ['TLSH', tlsh],
]);

const HASHES_20: ReadonlyMap<string, HashFormat | undefined> = new Map([
  ['MD5', hex(32)],
  ['MD6', undefined],
  ['RIPEMD-160', hex(40)],
  ['SHA-1', hex(40)],
  ['SHA-224', hex(56)],
  ['SHA-256', hex(64)],
  ['SHA-384', hex(96)],
  ['SHA-512', hex(128)],
  ['SHA3-224', hex(56)],
  ['SHA3-256', hex(64)],
  ['SHA3-384', hex(96)],
  ['SHA3-512', hex(128)],
  ['ssdeep', ssdeep],
  ['WHIRLPOOL', hex(128)],
]);

const vocabulary = (version: PatternVersion) => (version === '2.0' ? HASHES_20 : HASHES_21);

/** Folds spelling variants together: `sha256`, `SHA_256` and `SHA-256` meet at `SHA256`. */
const fold = (name: string) => name.toUpperCase().replace(/[-_ ]/g, '');

export type HashAlgorithmLookup =
  /** Spelled as in the vocabulary. */
  | { readonly kind: 'listed'; readonly name: string }
  /** A spelling variant of a listed name (case, hyphens): `name` is the listed spelling. */
  | { readonly kind: 'variant'; readonly name: string }
  /** A custom algorithm (`x_` prefix, 2.0 Part 1 §6.4 / 2.1 §10.11). */
  | { readonly kind: 'custom' }
  | { readonly kind: 'unknown' };

export function lookupHashAlgorithm(name: string, version: PatternVersion): HashAlgorithmLookup {
  const vocab = vocabulary(version);
  if (vocab.has(name)) return { kind: 'listed', name };
  if (name.startsWith('x_')) return { kind: 'custom' };
  const folded = fold(name);
  for (const listed of vocab.keys()) if (fold(listed) === folded) return { kind: 'variant', name: listed };
  return { kind: 'unknown' };
}

/** The listed names, for messages. */
export function hashAlgorithmNames(version: PatternVersion): readonly string[] {
  return [...vocabulary(version).keys()];
}

/**
 * Checks a value against the format of a listed algorithm (`name` as returned by
 * lookupHashAlgorithm): undefined when it fits (or no format is fixed), else what was expected.
 */
export function hashValueProblem(name: string, value: string, version: PatternVersion): string | undefined {
  const format = vocabulary(version).get(name);
  if (format === undefined || format.test(value)) return undefined;
  return format.description;
}
