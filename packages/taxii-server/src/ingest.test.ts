import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prefersRespondAsync } from './ingest.js';

test('Prefer (RFC 7240 §2): respond-async among the preferences, case-insensitive, with or without parameters', () => {
  for (const header of [
    'respond-async',
    'Respond-Async',
    'return=minimal, respond-async',
    ' respond-async ; x=1',
    ['wait=5', 'respond-async'],
  ])
    assert.equal(prefersRespondAsync(header), true, String(header));
  for (const header of [undefined, '', 'return=minimal', 'respond-asynchronously', 'wait=respond-async', 'x; respond-async'])
    assert.equal(prefersRespondAsync(header), false, String(header));
});
