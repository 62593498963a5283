import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, hashToken, parsePasswordHash, verifyPassword, verifyUnknownUser } from './password.js';

test('hashPassword writes scrypt$N$r$p$salt$hash and verifyPassword accepts the password', async () => {
  const hash = await hashPassword('s3cret', { N: 1024 });
  assert.match(hash, /^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
  assert.equal(await verifyPassword('s3cret', hash), true);
  assert.equal(await verifyPassword('s3cret!', hash), false);
});

test('two hashes of one password differ (random salt)', async () => {
  assert.notEqual(await hashPassword('x', { N: 1024 }), await hashPassword('x', { N: 1024 }));
});

test('the default parameters are N=16384, r=8, p=1', async () => {
  const parsed = parsePasswordHash(await hashPassword('x'));
  assert.deepEqual([parsed?.N, parsed?.r, parsed?.p], [16384, 8, 1]);
});

test('N = 2^15 works (maxmem raised above Node default)', async () => {
  const hash = await hashPassword('x', { N: 32768 });
  assert.equal(await verifyPassword('x', hash), true);
});

test('malformed hashes never verify and never throw', async () => {
  for (const bad of ['', 'scrypt$', 'bcrypt$1$2$3$4$5', 'scrypt$1000$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==', 'scrypt$1024$8$1$!!$!!'])
    assert.equal(await verifyPassword('x', bad), false, bad);
});

test('an unknown user costs a verification and fails', async () => {
  assert.equal(await verifyUnknownUser('x'), false);
});

test('hashToken is sha256$ and 64 hex digits', () => {
  assert.match(hashToken('abc'), /^sha256\$ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad$/);
});
