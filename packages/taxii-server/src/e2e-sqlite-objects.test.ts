/**
 * Issue 6: the HTTP suite of objects.test.ts, re-run over the server's own SQLite store —
 * ThreadedSqliteStorage on a file, writes on the writer thread (test-fixtures.ts,
 * TAXIWAY_TEST_STORAGE=sqlite-file; each test server gets a fresh directory, removed when it closes).
 */
export {};

process.env.TAXIWAY_TEST_STORAGE = 'sqlite-file';
await import('./objects.test.js');
