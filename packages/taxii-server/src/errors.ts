/**
 * The server's one error table (STYLE.md: fastify's lib/errors.js). Callers and tests check
 * codes, never message text. Every error a client sees is a TAXII error resource (TAXII 2.1
 * §3.6.1, TAXII 2.0 §3.6.1: the same properties) built from one of these entries by the error
 * handler (error-handler.ts), in the media type of the client's TAXII version.
 */

export const TaxiiErrorCodes = {
  TAXII_BAD_REQUEST: { status: 400, title: 'Bad request' },
  TAXII_INVALID_PARAMETER: { status: 400, title: 'Malformed query parameter' },
  TAXII_INVALID_CURSOR: { status: 400, title: 'Invalid next cursor' },
  TAXII_MALFORMED_BODY: { status: 400, title: 'Malformed request body' },
  TAXII_UNAUTHORIZED: { status: 401, title: 'Authentication required' },
  TAXII_FORBIDDEN: { status: 403, title: 'Forbidden' },
  TAXII_NOT_FOUND: { status: 404, title: 'Not found' },
  TAXII_METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  TAXII_NOT_ACCEPTABLE: { status: 406, title: 'Not acceptable' },
  TAXII_REQUEST_TIMEOUT: { status: 408, title: 'Request timeout' },
  TAXII_PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  TAXII_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  TAXII_RANGE_NOT_SATISFIABLE: { status: 416, title: 'Requested range not satisfiable' },
  TAXII_UNPROCESSABLE: { status: 422, title: 'Unprocessable entity' },
  TAXII_TOO_MANY_REQUESTS: { status: 429, title: 'Too many requests' },
  TAXII_INTERNAL: { status: 500, title: 'Internal server error' },
  TAXII_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  // The admin API (plugins/admin.ts); it answers the codes above too (401, 403, 404, 405, 413, 415).
  ADMIN_INVALID_COLLECTION: { status: 400, title: 'Invalid collection' },
  ADMIN_CONFIG_COLLECTION: { status: 409, title: 'Collection defined in the configuration' },
  ADMIN_ALIAS_TAKEN: { status: 409, title: 'Alias taken' },
} as const satisfies Record<string, { readonly status: number; readonly title: string }>;

export type TaxiiErrorCode = keyof typeof TaxiiErrorCodes;

/** An error with a TAXII answer: code, HTTP status, a description safe to show to the client. */
export class TaxiiError extends Error {
  override readonly name = 'TaxiiError';
  readonly statusCode: number;
  readonly title: string;
  /** Response headers the answer needs (WWW-Authenticate on 401, Allow on 405). */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** The problems of a request body, each with its path into the body (ADMIN_INVALID_COLLECTION). */
  readonly issues: readonly ConfigIssue[];

  constructor(
    readonly code: TaxiiErrorCode,
    description: string,
    options: { headers?: Record<string, string | readonly string[]>; issues?: readonly ConfigIssue[]; cause?: unknown } = {},
  ) {
    super(description, options.cause === undefined ? undefined : { cause: options.cause });
    this.statusCode = TaxiiErrorCodes[code].status;
    this.title = TaxiiErrorCodes[code].title;
    this.headers = options.headers ?? {};
    this.issues = options.issues ?? [];
  }
}

export interface ConfigIssue {
  /** Path into the configuration, e.g. `api_roots[0].collections[1].id`. */
  readonly path: string;
  readonly message: string;
}

/** The codes of ConfigError, each with the heading of its message. */
export const ConfigErrorCodes = {
  /** The configuration is wrong in itself (validateConfig, loadConfig). */
  TAXII_CONFIG_INVALID: 'invalid configuration',
  /**
   * Found at start (createServer): a collection of the configuration declares an alias that
   * another collection of its API root, one the configuration does not define (made over the admin
   * API), holds in the storage. TAXII 2.1 §5.2.1: an alias is unique per API root.
   */
  TAXII_CONFIG_ALIAS_TAKEN: 'the configuration does not fit the storage',
} as const satisfies Record<string, string>;

export type ConfigErrorCode = keyof typeof ConfigErrorCodes;

/** A configuration that cannot run: every problem found, each with its path. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code: ConfigErrorCode;

  constructor(
    readonly issues: readonly ConfigIssue[],
    /** The file the configuration came from, when it came from one. */
    readonly file?: string,
    options: { cause?: unknown; code?: ConfigErrorCode } = {},
  ) {
    const code = options.code ?? 'TAXII_CONFIG_INVALID';
    super(
      `${file ? `${file}: ` : ''}${ConfigErrorCodes[code]}:\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
  }
}
