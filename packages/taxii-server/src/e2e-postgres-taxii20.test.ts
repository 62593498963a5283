/**
 * The TAXII 2.0 suite of taxii20.test.ts, re-run over PostgresStorage (every test server gets a
 * fresh schema, dropped when it closes: test-fixtures.ts, TAXIWAY_TEST_STORAGE=postgres).
 * Skipped with a message when PostgreSQL does not answer.
 */
import { test } from 'node:test';
import { postgresReachable, TEST_PG_URL } from './test-fixtures.js';

process.env.TAXIWAY_TEST_STORAGE = 'postgres';
if (await postgresReachable()) await import('./taxii20.test.js');
else test('taxii20.test.ts over PostgreSQL', { skip: `PostgreSQL is unreachable at ${TEST_PG_URL} (set TAXIWAY_TEST_PG_URL)` }, () => {});
