/**
 * 002: when a status last showed life, for settling abandoned statuses (settleAbandonedStatuses).
 *
 * updated_at: µs since the epoch of the last write that recorded an outcome on the status (a
 * stored chunk of a large POST); NULL before the first, the request time then counts. A pending
 * status idle for long belongs to a server process that died. The partial index holds the few
 * pending statuses only, so finding them does not read the day of completed ones.
 */
export const sql = `
ALTER TABLE statuses ADD COLUMN updated_at bigint;
CREATE INDEX statuses_pending ON statuses (id) WHERE status = 'pending';
`;
