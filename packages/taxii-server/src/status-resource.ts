/** The status resource on the wire: counts always, lists only when non-empty (§2). */
import type { TaxiiVersion } from './media-type.js';
import type { Status, StatusDetail } from './storage/storage.js';

const details = (list: readonly StatusDetail[]) =>
  list.map((d) => ({ id: d.id, version: d.version, ...(d.message !== undefined ? { message: d.message } : {}) }));

/** TAXII 2.1 §4.3.1: successes, failures and pendings are status-details {id, version, message}. */
export function statusResource(s: Status) {
  return {
    id: s.id,
    status: s.status,
    request_timestamp: s.requestTimestamp,
    total_count: s.totalCount,
    success_count: s.successes.length,
    ...(s.successes.length > 0 ? { successes: details(s.successes) } : {}),
    failure_count: s.failures.length,
    ...(s.failures.length > 0 ? { failures: details(s.failures) } : {}),
    pending_count: s.pendings.length,
    ...(s.pendings.length > 0 ? { pendings: details(s.pendings) } : {}),
  };
}

/**
 * TAXII 2.0 §4.3.1: successes and pendings are lists of object ids; failures are status-failure
 * {id, message}. The counts are the same as in 2.1.
 */
export function statusResource20(s: Status) {
  const failures = s.failures.map((d) => ({ id: d.id, ...(d.message !== undefined ? { message: d.message } : {}) }));
  return {
    id: s.id,
    status: s.status,
    request_timestamp: s.requestTimestamp,
    total_count: s.totalCount,
    success_count: s.successes.length,
    ...(s.successes.length > 0 ? { successes: s.successes.map((d) => d.id) } : {}),
    failure_count: s.failures.length,
    ...(failures.length > 0 ? { failures } : {}),
    pending_count: s.pendings.length,
    ...(s.pendings.length > 0 ? { pendings: s.pendings.map((d) => d.id) } : {}),
  };
}

/** The status resource in the client's TAXII version. */
export function statusFor(s: Status, version: TaxiiVersion) {
  return version === '2.0' ? statusResource20(s) : statusResource(s);
}
