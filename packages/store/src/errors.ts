/**
 * Every error the store throws, in one table: a stable code and a message template.
 * Callers test `code`, never the message text.
 */

export const StoreErrorCodes = {
  STORE_IO: 'The file or directory cannot be read or written',
  STORE_NOT_FOUND: 'No object with this identifier in the store',
  STORE_INVALID_FILTER: 'The query filter is not valid',
  STORE_INVALID_ARGUMENT: 'The arguments contradict each other or have the wrong type',
  STORE_INVALID_CONTENT: 'The content is not a STIX object, a list of objects or a bundle',
} as const;

export type StoreErrorCode = keyof typeof StoreErrorCodes;

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  /** For STORE_IO and STORE_INVALID_CONTENT read from disk: the file concerned, when known. */
  readonly path: string | undefined;

  constructor(code: StoreErrorCode, detail?: string, options?: { path?: string; cause?: unknown }) {
    super(detail ? `${StoreErrorCodes[code]}: ${detail}` : StoreErrorCodes[code], { cause: options?.cause });
    this.name = 'StoreError';
    this.code = code;
    this.path = options?.path;
  }
}
