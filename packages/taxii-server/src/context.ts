/** What every plugin of one server shares. */
import type { AcceptedStatuses } from './accepted-statuses.js';
import type { Authenticator } from './authenticator.js';
import type { ApiRootConfig, DiscoveryConfig, WindowLimitConfig } from './config.js';
import type { CursorSigner } from './cursor.js';
import type { GroupCommit } from './group-commit.js';
import type { Storage } from './storage/storage.js';

export interface ServerContext {
  readonly storage: Storage;
  /** Every object write goes through it (group commit). */
  readonly writes: GroupCommit;
  readonly authenticator: Authenticator;
  readonly cursors: CursorSigner;
  readonly discovery: DiscoveryConfig;
  readonly apiRoots: readonly ApiRootConfig[];
  /** The configured users (the names a collection's read / write lists may hold). */
  readonly usernames: ReadonlySet<string>;
  /** Who may use the admin API; empty: it is absent. */
  readonly admins: ReadonlySet<string>;
  readonly maxPageSize: number;
  /** limits.pending_status_timeout_ms: a pending status idle this long is settled as abandoned. */
  readonly pendingStatusTimeoutMs: number;
  /** limits.rate_limit, when set (server.ts registers it on the TAXII tree). */
  readonly rateLimit: WindowLimitConfig | undefined;
  /** limits.auth_failures, when set (the authenticator counts them). */
  readonly authFailures: WindowLimitConfig | undefined;
  /** Statuses of POSTs answered before their objects were stored (Prefer: respond-async). */
  readonly accepted: AcceptedStatuses;
  /** Background work (the chunks of large POSTs, asynchronous POSTs); close() waits for it. */
  readonly jobs: Set<Promise<void>>;
}

export interface ContextOptions {
  readonly ctx: ServerContext;
}

export interface ApiRootOptions extends ContextOptions {
  readonly root: ApiRootConfig;
}
