/**
 * Every error the pattern package throws, in one table: a stable code and what it means. Callers
 * test `code`, never the message text.
 */
import type { Position } from './ast.js';

export const PatternErrorCodes = {
  PATTERN_UNEXPECTED_TOKEN: 'The pattern has something else where the grammar expects a token',
  PATTERN_UNEXPECTED_END: 'The pattern ends where the grammar expects more',
  PATTERN_INVALID_CHARACTER: 'A character that no token of the grammar starts with',
  PATTERN_UNTERMINATED_LITERAL: 'A quoted literal is not closed',
  PATTERN_INVALID_ESCAPE: "A backslash in a string literal is not followed by ' or \\",
  PATTERN_INVALID_LITERAL: 'A literal does not have the form the grammar gives it (t, h, b, number)',
  PATTERN_NOT_IN_VERSION: 'The construct is not part of this STIX version of the language (EXISTS in 2.0)',
  PATTERN_TOO_DEEP: 'Parentheses and brackets are nested deeper than the parser allows',
  PATTERN_INPUT_TYPE: 'The pattern is not a string',
  PATTERN_MATCH_INPUT: 'The observations given to match() are not observed-data, bundles or SCOs of the shape STIX gives them',
  PATTERN_INVALID_NODE: 'A node made in code cannot be written as pattern text (object path, operands, qualifier, operator)',
} as const;

export type PatternErrorCode = keyof typeof PatternErrorCodes;

/**
 * A syntax error: what was expected, what was found, where. `message` ends with the pattern line
 * and a caret under the position, e.g.
 *
 *     expected a comparison operator (=, !=, <, …), found 'foo' at line 1, column 18
 *       [file:name NOT foo 'x']
 *                      ^
 */
export class PatternError extends Error {
  readonly code: PatternErrorCode;
  /** Where the problem is. */
  readonly position: Position;
  /** What the grammar allows here, e.g. ["']'", 'AND', 'OR']; empty when not applicable. */
  readonly expected: readonly string[];
  /** What is there instead: a token's text, or 'end of pattern'. */
  readonly found: string;
  /** The line of the pattern with a caret under the position (two lines of text). */
  readonly caret: string;

  constructor(
    code: PatternErrorCode,
    detail: string,
    options: { position: Position; expected?: readonly string[]; found?: string; pattern: string },
  ) {
    const caret = caretLines(options.pattern, options.position);
    super(`${detail} at line ${options.position.line}, column ${options.position.column}\n${caret}`);
    this.name = 'PatternError';
    this.code = code;
    this.position = options.position;
    this.expected = options.expected ?? [];
    this.found = options.found ?? '';
    this.caret = caret;
  }
}

/** The source line holding `position`, and a caret under its column (long lines are cut around it). */
export function caretLines(pattern: string, position: Position): string {
  const lineStart = pattern.lastIndexOf('\n', position.offset - 1) + 1;
  let lineEnd = pattern.indexOf('\n', position.offset);
  if (lineEnd === -1) lineEnd = pattern.length;
  let from = lineStart;
  let to = lineEnd;
  // Keep at most 60 characters either side so a 100 KB one-line pattern gives a readable message.
  if (position.offset - from > 60) from = position.offset - 60;
  if (to - position.offset > 60) to = position.offset + 60;
  const text = `${from > lineStart ? '…' : ''}${pattern.slice(from, to)}${to < lineEnd ? '…' : ''}`;
  const pad = position.offset - from + (from > lineStart ? 1 : 0);
  return `  ${text}\n  ${' '.repeat(pad)}^`;
}
