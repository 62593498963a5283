/**
 * Statements sent together, in one round trip.
 *
 * node-postgres sends a query's messages and waits for ReadyForQuery before it sends the next
 * query, so `await client.query(write); await client.query('COMMIT')` costs two round trips. The
 * extended protocol allows more: Parse/Bind/Execute of several statements, then one Sync.
 * PostgreSQL runs them in order, each with its own snapshot (READ COMMITTED); when one fails it
 * discards every message up to the Sync, so the statements after it are not run.
 *
 * The main statement is sent by pg's own Query (its parameters encoded as client.query would);
 * the others' messages go before it (`before`) or just before its closing Sync (COMMIT), through
 * a view of the connection whose parse(), bind(), execute() and sync() are wrapped.
 */
import pg from 'pg';

/** The unnamed Parse, Bind and Execute of `sql`: a statement without parameters or rows. */
function sendPlain(connection: pg.Connection, sql: string): void {
  // `more` is not read by pg 8: each message is written (and the socket corked per turn) anyway.
  connection.parse({ name: '', text: sql, types: [] }, false);
  connection.bind({}, false);
  connection.execute({}, false);
}

/** The connection as Query.submit uses it, with `before` sent first and `after` before the Sync. */
function around(connection: pg.Connection, before: string | undefined, after: string | undefined): pg.Connection {
  let parse: [query: pg.QueryParse, more: boolean] | undefined;
  let executed = false;
  return Object.create(connection, {
    parse: {
      value(query: pg.QueryParse, more: boolean): void {
        // Held until the Bind: `before`'s unnamed Parse would replace an unnamed statement.
        parse = [query, more];
      },
    },
    bind: {
      value(config: pg.BindConfig | null, more: boolean): void {
        // The values are encoded before anything is sent: one that cannot be encoded throws here,
        // and pg closes the statement and syncs with nothing of the pipeline run.
        const mapper = config?.valueMapper;
        const values = config?.values?.map((v, i) => (mapper === undefined ? v : mapper(v, i)));
        if (before !== undefined) sendPlain(connection, before);
        if (parse !== undefined) connection.parse(...parse);
        connection.bind(config === null ? null : { ...config, values, valueMapper: undefined }, more);
      },
    },
    execute: {
      value(config: pg.ExecuteConfig | null, more: boolean): void {
        executed = true;
        connection.execute(config, more);
      },
    },
    sync: {
      value(): void {
        // Only after the statement's Execute: a Sync sent after a failed Bind (pg closes the
        // statement and syncs) must not run `after` without the statement.
        if (executed && after !== undefined) sendPlain(connection, after);
        connection.sync();
      },
    },
  }) as pg.Connection;
}

/**
 * Runs `before` (a statement without parameters or rows; optional), then `text` with `values`
 * (a named prepared statement when `name` is given: parsed once per connection), then `after`
 * (optional), in one round trip. Resolves with the main statement's result once all have run;
 * rejects with the first error (then the statements after it did not run).
 *
 * Without BEGIN, the statements up to the Sync are one implicit transaction (committed at the
 * Sync, rolled back as a whole on an error). On an error the connection's record of its prepared
 * statements may be wrong (pg marks `name` parsed on any ParseComplete, `before`'s included):
 * release such a connection as broken.
 */
export function queryPipelined<R extends pg.QueryResultRow>(
  client: pg.ClientBase,
  statement: {
    readonly before?: string;
    readonly text: string;
    readonly values: readonly unknown[];
    readonly name?: string;
    readonly after?: string;
  },
): Promise<pg.QueryResult<R>> {
  const { before, text, values, name, after } = statement;
  return new Promise((resolve, reject) => {
    let settled = false;
    // pg calls back with the error, and again on the ReadyForQuery after it: the first call counts.
    const query = new pg.Query(
      { text, values: [...values], ...(name === undefined ? {} : { name }) },
      (error: Error | undefined, results: unknown) => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        // Several commands ran: pg gives an array of their results, in order.
        else resolve((Array.isArray(results) ? results[before === undefined ? 0 : 1] : results) as pg.QueryResult<R>);
      },
    );
    const submit = query.submit.bind(query);
    query.submit = (connection: pg.Connection) => submit(around(connection, before, after));
    client.query(query);
  });
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
  name?: string,
): Promise<pg.QueryResult<R>> {
  return queryPipelined<R>(client, { text, values, after: 'COMMIT', ...(name === undefined ? {} : { name }) });
}
