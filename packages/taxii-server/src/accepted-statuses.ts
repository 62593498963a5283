/**
 * The statuses of POSTs answered before their objects were stored (`Prefer: respond-async`,
 * RFC 7240; ingest.ts). Until the write commits, the status exists only here, in the process that
 * accepted the request: GET status reads this first. Once stored, the storage has the status
 * (written complete in the same transaction as the objects) and the entry goes. A write that fails
 * leaves its status here, complete with every object a failure, for STATUS_KEEP_MS.
 */
import type { Status } from './storage/storage.js';

/** How long a failed asynchronous write's status stays readable (TAXII: at least 24 hours). */
export const FAILED_STATUS_KEEP_MS = 24 * 60 * 60 * 1000;
/** Failed statuses kept at most: the oldest go first beyond it. */
const MAX_FAILED = 10_000;

export class AcceptedStatuses {
  readonly #statuses = new Map<string, Status>();
  readonly #failed: string[] = [];

  get(id: string): Status | undefined {
    return this.#statuses.get(id);
  }

  accept(status: Status): void {
    this.#statuses.set(status.id, status);
  }

  /** The write committed: the storage answers for the status from now on. */
  stored(id: string): void {
    this.#statuses.delete(id);
  }

  /** The write failed: none of its objects were stored. */
  failed(id: string, message: string): void {
    const status = this.#statuses.get(id);
    if (status === undefined) return;
    this.#statuses.set(id, {
      ...status,
      status: 'complete',
      failures: [...status.failures, ...status.pendings.map((p) => ({ ...p, message }))],
      pendings: [],
    });
    this.#failed.push(id);
    if (this.#failed.length > MAX_FAILED) this.#statuses.delete(this.#failed.shift() as string);
    setTimeout(() => this.#statuses.delete(id), FAILED_STATUS_KEEP_MS).unref();
  }
}
