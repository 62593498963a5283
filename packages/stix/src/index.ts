/**
 * @taxiway/stix — STIX 2.0 and 2.1: types, parse, validate.
 */

export { type ParsedIdentifier, parseIdentifier } from './common/identifier.js';
export { checkTimestamp, compareTimestamps, isTimestamp, type TimestampPrecision } from './common/timestamp.js';
export * from './convert/index.js';
export * from './create/index.js';
export { StixError, type StixErrorCode, StixErrorCodes } from './errors.js';
export * from './ids/index.js';
export { type Issue, type PathSegment, renderPath, type Severity, type StixVersion, type ValidationReport } from './issues.js';
export * from './markings/index.js';
export { type ParseOptions, type ParseResult, parse } from './parse.js';
export { patternObjectModel } from './pattern-model.js';
export { type BundleEnvelope, type BundleStreamOptions, type ByteSource, parseBundleStream } from './stream/bundle-stream.js';
export type { Bundle, CustomObject, StixContent, StixContent20, StixContent21, StixObject } from './types.js';
export type * as v20 from './v20/types.js';
export type * as v21 from './v21/types.js';
export { type ValidateInput, type ValidateOptions, validate } from './validate.js';
export { type ValidateStreamOptions, validateStream } from './validate-stream.js';
export { type BestPracticeCheck, bestPracticeChecks } from './validation/best-practices.js';
export { type IssueCode, IssueCodes } from './validation/codes.js';
export { type DetectedVersion, detectVersion } from './version.js';
export * from './versioning/index.js';
