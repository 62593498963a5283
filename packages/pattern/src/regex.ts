/**
 * MATCHES (STIX 2.1 §9.6.1, 2.0 Part 5 §4.4): "the search function MUST be used" (unanchored;
 * `^` / `$` anchor) and "the DOTALL option MUST be specified". The spec names PCRE; Taxiway runs
 * the regex with re2js, a linear-time RE2 port, so `(a+)+$` on a long value cannot hang the
 * matcher. PCRE syntax that needs backtracking (back-references, look-around, atomic groups,
 * possessive quantifiers, recursion) does not compile under RE2: such a pattern is rejected with a
 * PatternError (PATTERN_INVALID_LITERAL) when it is compiled, never silently unmatched.
 */
import { RE2JS } from 're2js';
import { regexProblem } from './regex-support.js';

export type RegexTest = (value: string) => boolean;

export type CompiledRegex = { readonly test: RegexTest } | { readonly problem: string };

/** Compiled regexes shared by every pattern (1,000 indicators often repeat a regex). */
const cache = new Map<string, CompiledRegex>();
const CACHE_LIMIT = 4096;

export function compileRegex(source: string): CompiledRegex {
  const cached = cache.get(source);
  if (cached !== undefined) return cached;
  let compiled: CompiledRegex;
  try {
    const regex = RE2JS.compile(source, RE2JS.DOTALL);
    compiled = { test: (value: string) => regex.test(value) };
  } catch (error) {
    const problem =
      regexProblem(source) ?? `the regular expression does not compile: ${error instanceof Error ? error.message : String(error)}`;
    compiled = { problem };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, compiled);
  return compiled;
}
