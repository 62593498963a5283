import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCpe23 } from './cpe.js';

test('cpe: CPE 2.3 formatted strings are valid (NISTIR 7695 §6.2)', () => {
  for (const cpe of [
    'cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*',
    'cpe:2.3:o:microsoft:windows_10:-:*:*:en-us:*:*:*:*',
    'cpe:2.3:a:foo\\:bar:big\\$money_manager_2010:*:*:*:*:*:*:*:*',
    'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*',
  ])
    assert.equal(isCpe23(cpe), true, cpe);
});

test('cpe: malformed CPE strings are invalid', () => {
  for (const cpe of [
    'cpe:/a:microsoft:word:2000',
    'cpe:2.3:x:microsoft:word:2000:*:*:*:*:*:*:*',
    'cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*',
    'cpe:2.3:a:microsoft:word 2000:2000:*:*:*:*:*:*:*',
    'cpe:2.3:a:microsoft:word:2000:*:*:english:*:*:*:*',
    'cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*\\',
    'cpe:2.3:a:micro*soft:word:2000:*:*:*:*:*:*:*',
    'cpe:2.3:a:*:*?:*:*:*:*:*:*:*:*',
  ])
    assert.equal(isCpe23(cpe), false, cpe);
});
