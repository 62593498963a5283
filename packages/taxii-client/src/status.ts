/**
 * Status resources in one shape for both versions, and polling one until it is complete
 * (TAXII 2.1 §5.5: a client SHOULD poll a pending status; §4.3: and stop once it is complete).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { TaxiiClientError } from './errors.js';
import type { StatusDetailResource, StatusResource } from './resources.js';

export interface StatusDetail {
  readonly id: string;
  /** 2.1 only. */
  readonly version?: string;
  readonly message?: string;
}

export interface Status {
  readonly id: string;
  readonly status: 'complete' | 'pending';
  readonly requestTimestamp?: string;
  readonly totalCount: number;
  readonly successCount: number;
  readonly failureCount: number;
  readonly pendingCount: number;
  readonly successes: readonly StatusDetail[];
  readonly failures: readonly StatusDetail[];
  readonly pendings: readonly StatusDetail[];
  /** The resource as the server sent it. */
  readonly raw: StatusResource;
}

function details(list: readonly (StatusDetailResource | string)[] | undefined): readonly StatusDetail[] {
  return (list ?? []).map((d) =>
    typeof d === 'string'
      ? { id: d }
      : {
          id: d.id,
          ...(d.version !== undefined ? { version: d.version } : {}),
          ...(d.message !== undefined ? { message: d.message } : {}),
        },
  );
}

/** 2.0 lists successes and pendings as ids and 2.1 as status-details: both become StatusDetail. */
export function normaliseStatus(raw: StatusResource): Status {
  return {
    id: raw.id,
    status: raw.status === 'complete' ? 'complete' : 'pending',
    ...(raw.request_timestamp !== undefined ? { requestTimestamp: raw.request_timestamp } : {}),
    totalCount: raw.total_count,
    successCount: raw.success_count,
    failureCount: raw.failure_count,
    pendingCount: raw.pending_count,
    successes: details(raw.successes),
    failures: details(raw.failures),
    pendings: details(raw.pendings),
    raw,
  };
}

export interface WaitForStatusOptions {
  /** Give up (TAXII_STATUS_TIMEOUT) after this long. Default 5 minutes. */
  readonly timeoutMs?: number;
  /** First pause between polls, doubled each time up to maxIntervalMs. Default 250 ms. */
  readonly intervalMs?: number;
  /** Default 5 s. */
  readonly maxIntervalMs?: number;
  readonly signal?: AbortSignal;
}

export class StatusTimeoutError extends TaxiiClientError {
  constructor(
    message: string,
    /** The last status seen, still pending. */
    readonly lastStatus: Status,
  ) {
    super('TAXII_STATUS_TIMEOUT', message);
  }
}

/** Polls `fetch` until the status is complete, with growing pauses, until the timeout. */
export async function pollUntilComplete(
  first: Status | undefined,
  fetch: () => Promise<Status>,
  options: WaitForStatusOptions = {},
): Promise<Status> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const maxIntervalMs = options.maxIntervalMs ?? 5_000;
  let interval = options.intervalMs ?? 250;
  const deadline = Date.now() + timeoutMs;
  let status = first ?? (await fetch());
  while (status.status !== 'complete') {
    const left = deadline - Date.now();
    if (left <= 0)
      throw new StatusTimeoutError(
        `status ${status.id} is still pending after ${timeoutMs} ms (${status.pendingCount} of ${status.totalCount} objects pending)`,
        status,
      );
    try {
      await sleep(Math.min(interval, left), undefined, options.signal ? { signal: options.signal } : undefined);
    } catch (cause) {
      throw new TaxiiClientError('TAXII_ABORTED', `waiting for status ${status.id}: aborted`, { cause });
    }
    interval = Math.min(maxIntervalMs, interval * 2);
    status = await fetch();
  }
  return status;
}
