/** Building STIX content: create(), a factory with defaults, serialize(), bundles and a streaming bundle writer. */
export {
  type BundleOf,
  type BundleOptions,
  type BundleWriter,
  type BundleWriterOptions,
  bundle,
  createBundleWriter,
  type FunctionSink,
  type WritableSink,
} from './bundle.js';
export type { Clock } from './clock.js';
export { type CreateOptions, type CreateOptions20, type CreateOptions21, create, createUntyped } from './create.js';
export {
  createFactory,
  type FactoryCustomOptions,
  type FactoryDefaults,
  type FactoryOptions,
  type StixFactory,
  type WithDefaults,
} from './factory.js';
export { type SerializeOptions, serialize } from './serialize.js';
export type {
  BuildProps,
  CreateProps20,
  CreateProps21,
  CreatePropsOf,
  CustomProps,
  CustomTypeName,
  GeneratedProperty,
  StixObjectOf,
  StixObjectOf20,
  StixObjectOf21,
  StixType20,
  StixType21,
  StixTypeOf,
} from './types.js';
