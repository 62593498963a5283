/**
 * @taxiway/stix — STIX 2.0 and 2.1: types, parse, validate.
 */
export { StixError, StixErrorCodes, type StixErrorCode } from './errors.js';
export { renderPath, type Issue, type PathSegment, type Severity, type StixVersion, type ValidationReport } from './issues.js';
export { parse, type ParseOptions, type ParseResult } from './parse.js';
export { validate, type ValidateInput, type ValidateOptions } from './validate.js';
export { validateStream, type ValidateStreamOptions } from './validate-stream.js';
export { parseBundleStream, type BundleEnvelope, type BundleStreamOptions, type ByteSource } from './stream/bundle-stream.js';
export { detectVersion, type DetectedVersion } from './version.js';
export { IssueCodes, type IssueCode } from './validation/codes.js';
export { bestPracticeChecks, type BestPracticeCheck } from './validation/best-practices.js';
export { checkTimestamp, compareTimestamps, isTimestamp, type TimestampPrecision } from './common/timestamp.js';
export { parseIdentifier, type ParsedIdentifier } from './common/identifier.js';
export type { Bundle, CustomObject, StixContent, StixContent20, StixContent21, StixObject } from './types.js';
export type * as v20 from './v20/types.js';
export type * as v21 from './v21/types.js';
