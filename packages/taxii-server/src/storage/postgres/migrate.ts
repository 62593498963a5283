import type { PoolClient } from 'pg';
import { migrations } from './migrations/index.js';

/** Class id of the advisory lock (first key); the second is a hash of the schema name. */
const MIGRATION_LOCK_CLASS = 0x7a1;

/**
 * Applies the pending numbered migrations to `schema` in one transaction. Several server processes
 * may start together: pg_advisory_xact_lock serialises them (the losers wait, then find every
 * migration recorded and do nothing); the lock is released at COMMIT/ROLLBACK. DDL is
 * transactional in PostgreSQL, so a failed migration leaves the schema as it was.
 */
export async function migrate(client: PoolClient, schema: string): Promise<void> {
  const quoted = quoteIdentifier(schema);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`SET LOCAL search_path TO ${quoted}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(applied.rows.map((r) => r.version));
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Schema names are identifiers, which cannot be parameters: accept only plain ones. */
export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new RangeError(`invalid PostgreSQL schema name: ${JSON.stringify(name)}`);
  }
  return `"${name}"`;
}
