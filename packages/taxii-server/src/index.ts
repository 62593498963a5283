/** @taxiway/taxii-server: a TAXII 2.1 (and 2.0) server over SQLite or PostgreSQL. */
export {
  type ApiRootConfig,
  applyEnvironment,
  type CollectionConfig,
  type DiscoveryConfig,
  type Environment,
  type LimitsConfig,
  type ListenConfig,
  loadConfig,
  type ServerConfig,
  type StorageConfig,
  type TlsConfig,
  type TokenConfig,
  type UserConfig,
  validateConfig,
} from './config.js';
export { createDemo, type Demo, type DemoOptions } from './demo.js';
export {
  ConfigError,
  type ConfigErrorCode,
  ConfigErrorCodes,
  type ConfigIssue,
  TaxiiError,
  type TaxiiErrorCode,
  TaxiiErrorCodes,
} from './errors.js';
export { acceptsTaxii, isTaxiiContentType, STIX_20_MEDIA_TYPE, TAXII_20_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media-type.js';
export { hashPassword, hashToken, type ScryptParameters, verifyPassword } from './password.js';
export { type CreateServerOptions, createServer, openStorage } from './server.js';
export { PostgresStorage, type PostgresStorageOptions } from './storage/postgres/postgres-storage.js';
export { SqliteStorage, type SqliteStorageOptions } from './storage/sqlite/sqlite-storage.js';
export { SqliteWriterError, ThreadedSqliteStorage } from './storage/sqlite/threaded-sqlite-storage.js';
export type { Storage } from './storage/storage.js';
