/**
 * A statement and the COMMIT of its transaction in one round trip.
 *
 * node-postgres sends a query's messages and waits for ReadyForQuery before it sends the next
 * query, so `await client.query(write); await client.query('COMMIT')` costs two round trips. The
 * extended protocol allows more: Parse/Bind/Describe/Execute of the statement, then
 * Parse/Bind/Execute of COMMIT, then one Sync. PostgreSQL runs them in order; when the statement
 * fails it discards every message up to the Sync, so the COMMIT is not run and the transaction
 * stays open and aborted, for the caller's ROLLBACK as after any failure.
 *
 * The statement is sent by pg's own Query (its parameters encoded as client.query would); only its
 * closing Sync is preceded by the COMMIT's messages, through a view of the connection whose
 * execute() and sync() are wrapped.
 */
import pg from 'pg';

/** The connection as Query.submit uses it, with COMMIT sent before the Sync that ends the statement. */
function commitBeforeSync(connection: pg.Connection): pg.Connection {
  let executed = false;
  return Object.create(connection, {
    execute: {
      value(config: pg.ExecuteConfig | null, more: boolean): void {
        executed = true;
        connection.execute(config, more);
      },
    },
    sync: {
      value(): void {
        // Only after the statement's Execute: a Sync sent after a failed Bind (pg closes the
        // statement and syncs) must not commit the transaction without the statement.
        if (executed) {
          connection.parse({ name: '', text: 'COMMIT', types: [] }, false);
          connection.bind({}, false);
          connection.execute({}, false);
        }
        connection.sync();
      },
    },
  }) as pg.Connection;
}

/**
 * Runs `text` with `values` on `client`, inside the transaction the caller began, then COMMIT, in
 * one round trip. Resolves with the statement's result once both have run; rejects with the
 * statement's error (then nothing was committed: roll back) or with COMMIT's.
 */
export function queryThenCommit<R extends pg.QueryResultRow>(
  client: pg.ClientBase,
  text: string,
  values: readonly unknown[],
): Promise<pg.QueryResult<R>> {
  return new Promise((resolve, reject) => {
    let settled = false;
    // pg calls back with the error, and again on the ReadyForQuery after it: the first call counts.
    const query = new pg.Query(text, [...values], (error: Error | undefined, results: unknown) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      // Two commands ran: pg gives an array of their results, the statement's first.
      else resolve((Array.isArray(results) ? results[0] : results) as pg.QueryResult<R>);
    });
    const submit = query.submit.bind(query);
    query.submit = (connection: pg.Connection) => submit(commitBeforeSync(connection));
    client.query(query);
  });
}
