/**
 * parse(): JSON text, bytes or a parsed value in; the same content out, typed, once it is known to
 * be valid STIX. The value is returned as parsed — every property, custom ones included, and every
 * timestamp exactly as received — so serialising it again loses nothing.
 */
import { StixError } from './errors.js';
import type { Issue, StixVersion } from './issues.js';
import type { StixContent20, StixContent21 } from './types.js';
import { toJsonValue, validate } from './validate.js';
import { detectVersion } from './version.js';

export interface ParseOptions {
  /** The version to read as; detected from the input when absent. */
  readonly version?: StixVersion;
  /** Accept custom types (`x-…`), custom properties (`x_…`) and extension content as they are. Default false. */
  readonly allowCustom?: boolean;
  /** Also run the best-practice checks and refuse on any finding. Default false. */
  readonly strict?: boolean;
}

export type ParseResult<V extends StixVersion | undefined> = V extends '2.0'
  ? StixContent20
  : V extends '2.1'
    ? StixContent21
    : StixContent20 | StixContent21;

/**
 * Parses and validates; throws StixError `STIX_JSON_SYNTAX` for malformed JSON and `STIX_INVALID`
 * (with every issue) for content that is not valid STIX.
 */
export function parse<const O extends ParseOptions>(input: string | Uint8Array | unknown, options?: O): ParseResult<O['version']> {
  const value = toJsonValue(input);
  const version = options?.version ?? detectVersion(value).version;
  const allowCustom = options?.allowCustom ?? false;
  const strict = options?.strict ?? false;
  const report = validate(value, {
    version,
    allowCustom,
    strictTypes: !allowCustom,
    strictProperties: !allowCustom,
    bestPractices: strict,
    strict,
  });
  if (!report.valid) {
    const errors = report.issues.filter((i) => i.severity === 'error');
    throw new StixError('STIX_INVALID', summarise(errors, version), { issues: errors });
  }
  return value as ParseResult<O['version']>;
}

function summarise(errors: readonly Issue[], version: StixVersion): string {
  const first = errors.slice(0, 3).map((i) => `${i.path || '(root)'}: ${i.message}`);
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  return `${errors.length} error${errors.length === 1 ? '' : 's'} as STIX ${version}: ${first.join('; ')}${more}`;
}
