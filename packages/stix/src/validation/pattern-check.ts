/**
 * The validator MUST `patterns` (stix2-validator): an indicator's STIX pattern is checked by
 * @taxiway/pattern — syntax and the patterning MUSTs as errors, unknown object types and
 * properties, unusual hash names and comparisons that cannot match as best-practice warnings —
 * with the pattern position in each message. 2.1 indicators are checked when `pattern_type` is
 * `stix` (§4.7: other pattern languages are not STIX patterns), in the grammar `pattern_version`
 * names (default: the indicator's own version); 2.0 indicators always hold STIX patterns.
 */
import { type PatternIssue, type PatternVersion, validatePattern } from '@taxiway/pattern';
import type { StixVersion } from '../issues.js';
import type { Constraint } from '../properties/object-spec.js';
import type { ValidationContext } from './context.js';

/** The first line of an issue message (syntax errors carry a caret drawing below it) and where. */
function describe(issue: PatternIssue): string {
  const line = issue.message.split('\n', 1)[0];
  const at = issue.position;
  return at === undefined || / at line \d+, column \d+$/.test(line) ? line : `${line} at line ${at.line}, column ${at.column}`;
}

/** Naming warnings follow the custom-content checks (101 / 102), hash names 241, the rest 501. */
function report(issue: PatternIssue, ctx: ValidationContext): void {
  const message = `pattern: ${describe(issue)} [${issue.code}]`;
  if (issue.severity === 'error') {
    ctx.error('STIX_INVALID_PATTERN', message, 'pattern');
    return;
  }
  switch (issue.code) {
    case 'PATTERN_UNKNOWN_OBJECT_TYPE':
    case 'PATTERN_UNKNOWN_PROPERTY':
    case 'PATTERN_CUSTOM_NAME':
      ctx.bestPractice(ctx.checks(101) ? 101 : 102, 'STIX_PATTERN_WARNING', message, 'pattern');
      return;
    case 'PATTERN_HASH_ALGORITHM':
      ctx.bestPractice(241, 'STIX_PATTERN_WARNING', message, 'pattern');
      return;
    default:
      ctx.bestPractice(501, 'STIX_PATTERN_WARNING', message, 'pattern');
  }
}

export function indicatorPattern(version: StixVersion): Constraint {
  return (o, ctx) => {
    const pattern = o.pattern;
    if (typeof pattern !== 'string') return; // the property's kind reports the wrong type
    let grammar: PatternVersion = version;
    if (version === '2.1') {
      if (o.pattern_type !== 'stix') return;
      if (o.pattern_version === '2.0') grammar = '2.0';
    }
    for (const issue of validatePattern(pattern, { version: grammar, objectModel: ctx.options.patternObjectModel }).issues)
      report(issue, ctx);
  };
}
