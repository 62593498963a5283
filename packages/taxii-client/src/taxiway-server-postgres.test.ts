/**
 * taxiway-server.test.ts over PostgreSQL, so that a plain test run covers both backends. Skipped
 * with a message when PostgreSQL does not answer (TAXIWAY_TEST_PG_URL).
 */
import { test } from 'node:test';
import { postgresReachable, TEST_PG_URL } from './test-taxii-server.js';

process.env.TAXIWAY_TEST_STORAGE = 'postgres';
if (await postgresReachable()) await import('./taxiway-server.test.js');
else
  test('taxiway-server.test.ts over PostgreSQL', {
    skip: `PostgreSQL is unreachable at ${TEST_PG_URL} (set TAXIWAY_TEST_PG_URL)`,
  }, () => {});
