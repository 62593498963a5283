import { sql as initial } from './001-initial.js';
import { sql as statusActivity } from './002-status-activity.js';
import { sql as deletedCollections } from './003-deleted-collections.js';
import { sql as bytewiseKeys } from './004-bytewise-keys.js';

export interface Migration {
  /** Applied in ascending order; never renumber or edit a released migration, add a new one. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'status activity', sql: statusActivity },
  { version: 3, name: 'deleted collections', sql: deletedCollections },
  { version: 4, name: 'bytewise object keys', sql: bytewiseKeys },
];
