/** @taxiway/pattern: STIX Patterning 2.0 and 2.1 — parse, validate, print, build, match. */
export type * from './ast.js';
export * as builder from './builder.js';
export { PatternError, type PatternErrorCode, PatternErrorCodes } from './errors.js';
export {
  type FromObservableOptions,
  type FromObservedDataOptions,
  fromObservable,
  fromObservedData,
  IDENTIFYING_PROPERTIES,
  type StixObjectLike,
} from './from-observation.js';
export {
  type InspectedComparison,
  type InspectedObservation,
  type InspectedQualifier,
  inspectPattern,
  type PatternInspection,
} from './inspect.js';
export {
  type Binding,
  type ExpressionBinding,
  indexObservations,
  type MatchOptions,
  type MatchResult,
  match,
  matches,
  type ObjectSource,
  ObservationIndex,
  PatternMatchError,
} from './matcher.js';
export {
  builtinObjectModel,
  type PathResolution,
  type PatternObjectModel,
  type PatternValueType,
  STIX_CYBER_OBSERVABLE_TYPES,
} from './object-model.js';
export { MAX_NESTING, type ParseOptions, parse } from './parser.js';
export { type PrintOptions, print } from './printer.js';
export {
  describePatternIssueCode,
  type PatternIssue,
  type PatternIssueCode,
  PatternIssueCodes,
  type PatternSemanticCode,
  type PatternValidation,
  type ValidatePatternOptions,
  validatePattern,
} from './validate.js';
