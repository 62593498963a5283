/**
 * Dictionaries and hashes (2.0 Part 1 §2.5/§2.6, 2.1 §2.6/§2.7).
 */
import { describeValue, type ValidationContext } from '../validation/context.js';
import { type PropertyKind, string } from './kinds.js';

// 2.0 Part 1 §2.5: keys 3–256 ASCII letters, digits, hyphen, underscore.
const KEY_20 = /^[a-zA-Z0-9_-]{3,256}$/;
// 2.1 §2.7: keys 1–250 ASCII letters, digits, hyphen, underscore; SHOULD be lower case.
const KEY_21 = /^[a-zA-Z0-9_-]{1,250}$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

export interface DictionaryOptions {
  /**
   * `standard`: the specification's dictionary key rules; `ascii`: any printable ASCII up to 250
   * (for dictionaries whose keys are external names, e.g. HTTP headers, environment variables).
   */
  readonly keys?: 'standard' | 'ascii';
  /** Runs for each key (after the key rules), e.g. a registry lookup. */
  readonly keyCheck?: (key: string, ctx: ValidationContext) => void;
}

export function dictionary(value?: PropertyKind, options: DictionaryOptions = {}): PropertyKind {
  const keys = options.keys ?? 'standard';
  const keyCheck = options.keyCheck;
  const description = value ? `a dictionary of ${value.description.replace(/^an? /, '')} values` : 'a dictionary';
  return {
    shape: { kind: 'dictionary', value },
    description,
    check(input, ctx) {
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        ctx.error('STIX_WRONG_JSON_TYPE', `expected ${description} (a JSON object), found ${describeValue(input)}`);
        return;
      }
      const dict = input as Record<string, unknown>;
      let count = 0;
      const path = ctx.path;
      for (const key in dict) {
        count++;
        checkDictionaryKey(key, keys, ctx);
        if (keyCheck) keyCheck(key, ctx);
        if (value) {
          path.push(key);
          value.check(dict[key], ctx);
          path.pop();
        }
      }
      // 2.1 §2.7: a dictionary MUST have at least one entry.
      if (count === 0 && ctx.version === '2.1')
        ctx.error('STIX_EMPTY_DICTIONARY', 'the dictionary is empty: STIX 2.1 dictionaries must hold at least one key');
    },
  };
}

export function checkDictionaryKey(key: string, rule: 'standard' | 'ascii', ctx: ValidationContext): void {
  if (rule === 'ascii') {
    if (key.length > 250 || !PRINTABLE_ASCII.test(key))
      ctx.error('STIX_INVALID_DICTIONARY_KEY', `key ${JSON.stringify(key)}: expected 1 to 250 printable ASCII characters`, key);
    return;
  }
  if (ctx.version === '2.0') {
    if (!KEY_20.test(key))
      ctx.error(
        'STIX_INVALID_DICTIONARY_KEY',
        `key ${JSON.stringify(key)}: STIX 2.0 dictionary keys are 3 to 256 ASCII letters, digits, hyphens or underscores`,
        key,
      );
  } else if (!KEY_21.test(key)) {
    ctx.error(
      'STIX_INVALID_DICTIONARY_KEY',
      `key ${JSON.stringify(key)}: STIX 2.1 dictionary keys are 1 to 250 ASCII letters, digits, hyphens or underscores`,
      key,
    );
  }
}

interface HashFormat {
  readonly test: RegExp;
  readonly description: string;
}
const hexOf = (n: number): HashFormat => ({ test: new RegExp(`^[0-9a-fA-F]{${n}}$`), description: `${n} hex digits` });
const SSDEEP: HashFormat = { test: /^[0-9]{1,10}:[a-zA-Z0-9/+]+:[a-zA-Z0-9/+]+$/, description: 'an ssdeep hash (blocksize:hash:hash)' };
// TLSH digests: 70 hex digits, or 72 with the "T1" version prefix.
const TLSH: HashFormat = { test: /^(?:T1)?[0-9a-fA-F]{70}$/, description: 'a TLSH digest (70 hex digits, optionally prefixed T1)' };

/** hashing-algorithm-ov with each value's digest form (2.1 §10.11; 2.0 Part 1 §6.3). */
export const hashFormats21: ReadonlyMap<string, HashFormat> = new Map([
  ['MD5', hexOf(32)],
  ['SHA-1', hexOf(40)],
  ['SHA-256', hexOf(64)],
  ['SHA-512', hexOf(128)],
  ['SHA3-256', hexOf(64)],
  ['SHA3-512', hexOf(128)],
  ['SSDEEP', SSDEEP],
  ['TLSH', TLSH],
]);

export const hashFormats20: ReadonlyMap<string, HashFormat> = new Map([
  ['MD5', hexOf(32)],
  ['MD6', { test: /^[0-9a-fA-F]{32,128}$/, description: 'hex digits' }],
  ['RIPEMD-160', hexOf(40)],
  ['SHA-1', hexOf(40)],
  ['SHA-224', hexOf(56)],
  ['SHA-256', hexOf(64)],
  ['SHA-384', hexOf(96)],
  ['SHA-512', hexOf(128)],
  ['SHA3-224', hexOf(56)],
  ['SHA3-256', hexOf(64)],
  ['SHA3-384', hexOf(96)],
  ['SHA3-512', hexOf(128)],
  ['ssdeep', SSDEEP],
  ['WHIRLPOOL', hexOf(128)],
]);

/** Finds the vocabulary spelling of an algorithm name written another way ("sha256" → "SHA-256"). */
function canonicalAlgorithm(key: string, formats: ReadonlyMap<string, HashFormat>): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[-_ ]/g, '');
  const k = squash(key);
  for (const name of formats.keys()) if (squash(name) === k) return name;
  return undefined;
}

/**
 * The hashes type: algorithm name → digest. A listed algorithm's digest MUST have its form
 * (an error); an algorithm outside hashing-algorithm-ov is best practice 241.
 */
const hashDigest = string();

export function hashes(): PropertyKind {
  return {
    shape: { kind: 'dictionary', value: hashDigest },
    description: 'hashes',
    check(input, ctx) {
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        ctx.error('STIX_WRONG_JSON_TYPE', `expected hashes (a JSON object of algorithm: digest), found ${describeValue(input)}`);
        return;
      }
      const formats = ctx.version === '2.0' ? hashFormats20 : hashFormats21;
      const dict = input as Record<string, unknown>;
      let count = 0;
      for (const key in dict) {
        count++;
        const digest = dict[key];
        if (typeof digest !== 'string') {
          ctx.error('STIX_WRONG_JSON_TYPE', `expected the ${key} digest as a string, found ${describeValue(digest)}`, key);
          continue;
        }
        // 2.1 §2.6: custom hash names are 3–250 characters.
        if (key.length < 3 || key.length > 250 || !/^[a-zA-Z0-9_-]+$/.test(key)) {
          ctx.error(
            'STIX_INVALID_DICTIONARY_KEY',
            `hash algorithm name ${JSON.stringify(key)}: expected 3 to 250 ASCII letters, digits, hyphens or underscores`,
            key,
          );
          continue;
        }
        const format = formats.get(key);
        if (format) {
          if (!format.test.test(digest))
            ctx.error('STIX_INVALID_HASH', `${describeValue(digest)} is not a ${key} digest: expected ${format.description}`, key);
          continue;
        }
        const canonical = canonicalAlgorithm(key, formats);
        if (canonical) {
          ctx.bestPractice(
            241,
            'STIX_VOCABULARY',
            `hash algorithm ${JSON.stringify(key)} should be written ${JSON.stringify(canonical)} (hash-algorithm-ov)`,
            key,
          );
          const format2 = formats.get(canonical);
          if (format2 && !format2.test.test(digest))
            ctx.bestPractice(
              150,
              'STIX_FORMAT',
              `${describeValue(digest)} does not look like a ${canonical} digest: expected ${format2.description}`,
              key,
            );
        } else if (!/^x_/.test(key)) {
          ctx.bestPractice(
            241,
            'STIX_VOCABULARY',
            `hash algorithm ${JSON.stringify(key)} is not in hash-algorithm-ov (${[...formats.keys()].join(', ')})`,
            key,
          );
        }
      }
      if (count === 0 && ctx.version === '2.1') ctx.error('STIX_EMPTY_DICTIONARY', 'hashes is empty: it must hold at least one algorithm');
    },
  };
}
