/**
 * Every error the STIX library throws, in one table: a stable code and a message template.
 * Callers test `code`, never the message text.
 */
import type { Issue } from './issues.js';

export const StixErrorCodes = {
  STIX_JSON_SYNTAX: 'The input is not well-formed JSON',
  STIX_INPUT_TYPE: 'The input is not a JSON text, bytes or a parsed JSON value',
  STIX_INVALID: 'The input is not valid STIX',
  STIX_STREAM_SHAPE: 'The stream does not hold a STIX bundle, object or array of objects',
  // building (create, factory, serialize, bundle writer)
  STIX_UNKNOWN_TYPE: 'No STIX object type of this name in this version',
  STIX_WRITER_CLOSED: 'The bundle writer is already closed',
  // versioning
  STIX_NOT_VERSIONABLE: 'Objects of this type cannot be versioned',
  STIX_REVOKED: 'The object is revoked: a revoked object gets no new version',
  STIX_UNMODIFIABLE_PROPERTY: 'This property cannot change between versions of an object',
  STIX_MODIFIED_NOT_LATER: 'modified must be later than the previous version',
  // markings
  STIX_MARKING_SELECTOR: 'The selector does not resolve in the object',
  STIX_MARKING_REF: 'Not a marking-definition identifier',
  STIX_MARKING_NOT_FOUND: 'The marking to remove is not on the object',
  // conversion
  STIX_CONVERT_INPUT: 'The input cannot be converted',
} as const;

export type StixErrorCode = keyof typeof StixErrorCodes;

export class StixError extends Error {
  readonly code: StixErrorCode;
  /** For STIX_INVALID: every problem found, errors and (under `strict`) warnings. */
  readonly issues: readonly Issue[];
  /** For STIX_JSON_SYNTAX: the byte or character offset where the problem is, when known. */
  readonly offset: number | undefined;

  constructor(code: StixErrorCode, detail?: string, options?: { issues?: readonly Issue[]; offset?: number; cause?: unknown }) {
    super(detail ? `${StixErrorCodes[code]}: ${detail}` : StixErrorCodes[code], { cause: options?.cause });
    this.name = 'StixError';
    this.code = code;
    this.issues = options?.issues ?? [];
    this.offset = options?.offset;
  }
}
