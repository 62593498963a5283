/** @taxiway/taxii-client: a TAXII 2.0 and 2.1 client over undici. */
export type { ApiRoot, CallOptions } from './api-root.js';
export { type Discovery, TaxiiClient, type TaxiiClientOptions } from './client.js';
export type { AddObjectsOptions, AddObjectsResult, Collection } from './collection.js';
export {
  TaxiiClientError,
  type TaxiiClientErrorCode,
  TaxiiClientErrorCodes,
  type TaxiiClientErrorDetails,
  type TaxiiErrorResource,
} from './errors.js';
export type { DeleteFilters, MatchFilters, MatchValue, ObjectFilters, ObjectsFilters, VersionsFilters } from './filters.js';
export type { Auth, BasicAuth, BearerAuth, PemSource, TimeoutOptions, TlsOptions } from './http-transport.js';
export type { TaxiiVersion } from './media-type.js';
export type { Page } from './paging.js';
export type {
  ApiRootResource,
  CollectionResource,
  DiscoveryResource,
  ManifestEntry20,
  ManifestRecord,
  ManifestRecord21,
  StatusDetailResource,
  StatusResource,
  StixObject,
} from './resources.js';
export type { RetryOptions } from './retry-policy.js';
export { type Status, type StatusDetail, StatusTimeoutError, type WaitForStatusOptions } from './status.js';
export { CLIENT_VERSION, USER_AGENT } from './user-agent.js';
