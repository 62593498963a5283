/**
 * The admin API suite of admin.test.ts, re-run over PostgresStorage (every test server gets a
 * fresh schema, dropped when it closes: test-fixtures.ts, TAXIWAY_TEST_STORAGE=postgres).
 * Skipped with a message when PostgreSQL does not answer (CI always has it).
 */
import { test } from 'node:test';
import { postgresReachable, TEST_PG_URL } from './test-fixtures.js';

process.env.TAXIWAY_TEST_STORAGE = 'postgres';
if (await postgresReachable()) await import('./admin.test.js');
else test('admin.test.ts over PostgreSQL', { skip: `PostgreSQL is unreachable at ${TEST_PG_URL} (set TAXIWAY_TEST_PG_URL)` }, () => {});
