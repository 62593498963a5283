/**
 * RFC 5646 language tags, checked offline against the IANA Language Subtag Registry (shipped by
 * the npm package `language-subtag-registry`). Used by `lang` (2.1 §3.2, validator MUST
 * "language"), language-content `contents` keys, software `languages` and granular markings.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Registry {
  readonly language: ReadonlySet<string>;
  readonly extlang: ReadonlySet<string>;
  readonly script: ReadonlySet<string>;
  readonly region: ReadonlySet<string>;
  readonly variant: ReadonlySet<string>;
  readonly grandfathered: ReadonlySet<string>;
}

let registry: Registry | undefined;

// Loaded on first use: importing the library stays fast for callers that never meet a `lang`.
function load(): Registry {
  if (registry) return registry;
  const keys = (name: string): ReadonlySet<string> =>
    new Set(Object.keys(require(`language-subtag-registry/data/json/${name}.json`) as Record<string, number>).map((k) => k.toLowerCase()));
  registry = {
    language: keys('language'),
    extlang: keys('extlang'),
    script: keys('script'),
    region: keys('region'),
    variant: keys('variant'),
    grandfathered: keys('grandfathered'),
  };
  return registry;
}

const ALPHA = /^[a-z]+$/;
const DIGIT = /^[0-9]+$/;
const ALNUM = /^[a-z0-9]+$/;

const cache = new Map<string, boolean>();

/** True when `tag` is a well-formed RFC 5646 tag whose subtags are all registered. */
export function isLanguageTag(tag: string): boolean {
  const hit = cache.get(tag);
  if (hit !== undefined) return hit;
  const result = check(tag);
  if (cache.size < 10_000) cache.set(tag, result);
  return result;
}

function check(tag: string): boolean {
  if (tag.length === 0 || tag.length > 256 || !/^[A-Za-z0-9-]+$/.test(tag)) return false;
  const lower = tag.toLowerCase();
  const reg = load();
  if (reg.grandfathered.has(lower)) return true;
  const parts = lower.split('-');
  if (parts.some((p) => p.length === 0 || p.length > 8)) return false;
  let i = 0;
  // privateuse: "x" 1*("-" (1*8alphanum))
  if (parts[0] === 'x') return parts.length > 1;
  // language: 2*3ALPHA ["-" extlang] / 4ALPHA (reserved) / 5*8ALPHA (registered)
  const language = parts[i++];
  if (!ALPHA.test(language) || language.length === 4 || !reg.language.has(language)) {
    // Ranges qaa..qtz are private use and listed as a range in the registry.
    if (!(language.length === 3 && language >= 'qaa' && language <= 'qtz')) return false;
  }
  // extlang: up to three 3ALPHA (RFC 5646 permits at most one in valid tags, §2.2.2)
  let extlangs = 0;
  while (i < parts.length && parts[i].length === 3 && ALPHA.test(parts[i]) && language.length <= 3) {
    if (!reg.extlang.has(parts[i]) || ++extlangs > 1) return false;
    i++;
  }
  // script: 4ALPHA
  if (i < parts.length && parts[i].length === 4 && ALPHA.test(parts[i])) {
    const script = parts[i++];
    if (!reg.script.has(script) && !(script >= 'qaaa' && script <= 'qabx')) return false;
  }
  // region: 2ALPHA / 3DIGIT
  if (i < parts.length && ((parts[i].length === 2 && ALPHA.test(parts[i])) || (parts[i].length === 3 && DIGIT.test(parts[i])))) {
    const region = parts[i++];
    const privateRegion = region === 'aa' || region === 'zz' || (region >= 'qm' && region <= 'qz') || (region >= 'xa' && region <= 'xz');
    if (!reg.region.has(region) && !privateRegion) return false;
  }
  // variants: 5*8alphanum / (DIGIT 3alphanum); no duplicates (§2.2.5)
  const seenVariants = new Set<string>();
  while (i < parts.length && ((parts[i].length >= 5 && ALNUM.test(parts[i])) || (parts[i].length === 4 && /^[0-9]/.test(parts[i])))) {
    const variant = parts[i++];
    if (!reg.variant.has(variant) || seenVariants.has(variant)) return false;
    seenVariants.add(variant);
  }
  // extensions: singleton 1*("-" (2*8alphanum)); no duplicate singletons (§2.2.6)
  const seenSingletons = new Set<string>();
  while (i < parts.length && parts[i].length === 1 && parts[i] !== 'x') {
    const singleton = parts[i++];
    if (seenSingletons.has(singleton)) return false;
    seenSingletons.add(singleton);
    let count = 0;
    while (i < parts.length && parts[i].length >= 2) {
      if (!ALNUM.test(parts[i])) return false;
      i++;
      count++;
    }
    if (count === 0) return false;
  }
  // privateuse
  if (i < parts.length && parts[i] === 'x') {
    i++;
    if (i >= parts.length) return false;
    while (i < parts.length) if (!ALNUM.test(parts[i++])) return false;
  }
  return i === parts.length;
}
