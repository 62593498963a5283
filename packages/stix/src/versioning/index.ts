/** Versioning: new versions and revocation of STIX objects (2.0 Part 1 §3.4, 2.1 §3.6). */
export {
  isVersionable,
  type NewVersionOptions,
  newVersion,
  revoke,
  type VersionChanges,
  type VersionedObject,
  versionKey,
} from './version.js';
