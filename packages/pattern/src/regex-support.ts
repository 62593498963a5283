/**
 * MATCHES takes a PCRE regular expression (STIX 2.1 §9.7, 2.0 Part 5 §4.4). Taxiway matches with
 * re2js, which runs in linear time and so cannot run the PCRE features that need backtracking:
 * back-references, look-around, atomic groups, possessive quantifiers, recursion, conditionals.
 * A regex that re2js cannot compile can never be matched here, so the validator reports it.
 */
import { RE2JS } from 're2js';

/** PCRE constructs that re2js rejects, found by a light scan so the message can name them. */
function unsupportedFeature(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `a back-reference (\\${next})`;
      if (!inClass && (next === 'k' || next === 'g')) return `a back-reference (\\${next}…)`;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      // A ']' first in the class (or after '^') is a literal.
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2, i + 4);
      if (rest.startsWith('=')) return 'a lookahead (?=…)';
      if (rest.startsWith('!')) return 'a negative lookahead (?!…)';
      if (rest === '<=') return 'a lookbehind (?<=…)';
      if (rest === '<!') return 'a negative lookbehind (?<!…)';
      if (rest.startsWith('>')) return 'an atomic group (?>…)';
      if (rest.startsWith('(')) return 'a conditional group (?(…)…)';
      if (rest.startsWith('|')) return 'a branch-reset group (?|…)';
      if (rest.startsWith('#')) return 'a comment group (?#…)';
      if (/^[R0-9+-]/.test(rest)) return 'a recursive pattern (?R) / (?1)';
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && source[i + 1] === '+') return `a possessive quantifier (${c}+)`;
  }
  return undefined;
}

/** undefined when re2js can compile `source`, else a sentence saying why not. */
export function regexProblem(source: string): string | undefined {
  const feature = unsupportedFeature(source);
  try {
    RE2JS.compile(source, RE2JS.DOTALL);
  } catch (error) {
    if (feature !== undefined)
      return `the regular expression uses ${feature}, which needs backtracking; Taxiway matches with a linear-time engine (RE2) that cannot run it`;
    const detail = error instanceof Error ? error.message : String(error);
    return `the regular expression does not compile: ${detail}`;
  }
  return undefined;
}
