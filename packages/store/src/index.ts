/** @taxiway/store: STIX objects in memory and on disk — every version kept, indexed queries, relationships. */
export { StoreError, type StoreErrorCode, StoreErrorCodes } from './errors.js';
export { FileSystemStore, type FileSystemStoreOptions } from './filesystem-store.js';
export type { Filter, FilterInput, FilterOperator, FilterTuple } from './filter.js';
export type { LoadOptions } from './io/load.js';
export type { SaveOptions } from './io/save.js';
export {
  type AddResult,
  MemoryStore,
  type ObjectRef,
  type QueryOptions,
  type RelatedToOptions,
  type RelationshipOptions,
  type StoredObject,
  type StoreInput,
  versionKey,
} from './memory-store.js';
