/** Public surface of this module: re-exported by ../index.ts. */
export { convert } from './convert.js';
export { type PatternRewrite, rewritePatternPaths } from './pattern-paths.js';
export type {
  ConversionChange,
  ConversionChangeKind,
  ConversionReport,
  ConvertJson,
  ConvertOptions,
  ConvertResult,
} from './types.js';
