/** What validation reports: issues with a severity, a stable code, a message and a JSON path. */

export type Severity = 'error' | 'warning';
export type StixVersion = '2.0' | '2.1';
export type PathSegment = string | number;

export interface Issue {
  readonly severity: Severity;
  /** Stable code, e.g. `STIX_MISSING_PROPERTY`. */
  readonly code: string;
  /** For best-practice (SHOULD) checks: the stix2-validator number and name, e.g. 101 / `custom-prefix`. */
  readonly check?: { readonly number: number; readonly name: string };
  /** What is wrong and what is expected. */
  readonly message: string;
  /** JSON path into the input, e.g. `objects[12].kill_chain_phases[0].phase_name`; `` for the root. */
  readonly path: string;
  /** The `id` of the STIX object the problem is in, when it has one. */
  readonly objectId?: string;
}

export interface ValidationReport {
  /** True when there is no issue of severity `error`. */
  readonly valid: boolean;
  /** The STIX version the input was validated as. */
  readonly version: StixVersion;
  /** Number of STIX objects seen (a bundle's contents, or 1 for a single object). */
  readonly objectCount: number;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly issues: readonly Issue[];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Renders `['objects', 12, 'hashes', 'SHA-256']` as `objects[12].hashes['SHA-256']`. */
export function renderPath(segments: readonly PathSegment[], length = segments.length): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const seg = segments[i];
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
