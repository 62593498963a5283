/** The status resource on the wire (TAXII 2.1 §4.3.1): counts always, lists only when non-empty (§2). */
import type { Status, StatusDetail } from './storage/storage.js';

const details = (list: readonly StatusDetail[]) =>
  list.map((d) => ({ id: d.id, version: d.version, ...(d.message !== undefined ? { message: d.message } : {}) }));

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
