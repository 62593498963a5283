/** @taxiway/pattern: STIX Patterning 2.0 and 2.1. */
export type * from './ast.js';
export { PatternError, type PatternErrorCode, PatternErrorCodes } from './errors.js';
