import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CursorSigner } from './cursor.js';
import { TaxiiError } from './errors.js';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof TaxiiError ? e.code : 'other';
  }
  return 'none';
};

test('a cursor verifies for its scope and query and returns its position', () => {
  const s = new CursorSigner('a secret of sufficient length');
  assert.equal(s.verify(s.sign('root/c1', 'q', 1234567), 'root/c1', 'q'), 1234567);
});

test('a tampered cursor is refused (400)', () => {
  const s = new CursorSigner('a secret of sufficient length');
  const cursor = s.sign('root/c1', 'q', 1000);
  const [body, mac] = cursor.split('.');
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), a: 0 })).toString('base64url');
  assert.equal(
    code(() => s.verify(`${forged}.${mac}`, 'root/c1', 'q')),
    'TAXII_INVALID_CURSOR',
  );
  assert.equal(
    code(() => s.verify(`${body}.${mac.slice(0, -2)}AA`, 'root/c1', 'q')),
    'TAXII_INVALID_CURSOR',
  );
  assert.equal(
    code(() => s.verify('garbage', 'root/c1', 'q')),
    'TAXII_INVALID_CURSOR',
  );
});

test('a cursor replayed with another query or collection is refused', () => {
  const s = new CursorSigner('a secret of sufficient length');
  const cursor = s.sign('root/c1', 'q', 1000);
  assert.equal(
    code(() => s.verify(cursor, 'root/c1', 'other')),
    'TAXII_INVALID_CURSOR',
  );
  assert.equal(
    code(() => s.verify(cursor, 'root/c2', 'q')),
    'TAXII_INVALID_CURSOR',
  );
});

test('cursors of one secret verify in another process with the same secret; random keys do not', () => {
  const a = new CursorSigner('shared secret between processes');
  const b = new CursorSigner('shared secret between processes');
  assert.equal(b.verify(a.sign('s', 'q', 5), 's', 'q'), 5);
  assert.equal(
    code(() => new CursorSigner().verify(new CursorSigner().sign('s', 'q', 5), 's', 'q')),
    'TAXII_INVALID_CURSOR',
  );
});
