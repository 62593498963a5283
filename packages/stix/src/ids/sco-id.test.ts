import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkScoId, hasDeterministicId, idContributingValues, SCO_NAMESPACE, scoId } from './sco-id.js';
import { uuid5 } from './uuid.js';

const V4 = /^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('uuid5: RFC 4122 appendix B vector (DNS namespace, "www.example.com")', () => {
  // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com')
  assert.equal(uuid5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
});

test('sco id: the STIX 2.1 test vectors (computed, not the spec example ids)', () => {
  assert.equal(scoId('ipv4-addr', { value: '198.51.100.3' }), 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
  assert.equal(scoId('domain-name', { value: 'example.com' }), 'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7');
  assert.equal(scoId('email-addr', { value: 'john@example.com' }), 'email-addr--7165e2a9-671f-585d-b1e1-ca59c671d934');
  assert.equal(
    scoId('user-account', { account_login: 'jdoe', account_type: 'unix', user_id: '1001' }),
    'user-account--f94d689e-707d-58c3-b803-c720bb6ed096',
  );
});

test('sco id: key order and non-contributing properties do not change the id', () => {
  const a = scoId('user-account', { user_id: '1001', account_type: 'unix', account_login: 'jdoe', display_name: 'J' });
  assert.equal(a, 'user-account--f94d689e-707d-58c3-b803-c720bb6ed096');
  assert.equal(
    scoId('ipv4-addr', { value: '198.51.100.3', resolves_to_refs: ['mac-addr--x'] }),
    scoId('ipv4-addr', { value: '198.51.100.3' }),
  );
});

test('sco id: a different contributing value gives a different id', () => {
  assert.notEqual(scoId('ipv4-addr', { value: '198.51.100.4' }), 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
});

test('sco id: only one hash contributes, preferring MD5, then SHA-1, SHA-256, SHA-512 (§2.9)', () => {
  assert.deepEqual(idContributingValues('file', { hashes: { 'SHA-256': 'aa', MD5: 'bb' }, name: 'x' }), {
    hashes: { MD5: 'bb' },
    name: 'x',
  });
  assert.deepEqual(idContributingValues('file', { hashes: { 'SHA-512': 'cc', 'SHA-256': 'aa' } }), { hashes: { 'SHA-256': 'aa' } });
  assert.deepEqual(idContributingValues('file', { hashes: { TLSH: 't', SSDEEP: 's' } }), { hashes: { TLSH: 't' } });
  assert.equal(scoId('file', { hashes: { MD5: 'bb', 'SHA-256': 'aa' } }), scoId('file', { hashes: { MD5: 'bb' } }));
});

test('sco id: no contributing property present, process and unknown types get a UUIDv4', () => {
  assert.match(scoId('user-account', { display_name: 'nobody' }), V4);
  assert.match(scoId('process', { pid: 1 }), V4);
  assert.match(scoId('x-acme-thing', { value: 'v' }), V4);
  assert.equal(hasDeterministicId('process'), false);
  assert.equal(hasDeterministicId('file'), true);
});

test('sco id: a custom SCO can name its contributing properties', () => {
  const id = scoId('x-acme-thing', { value: 'v' }, { contributingProperties: ['value'] });
  assert.equal(id, `x-acme-thing--${uuid5('{"value":"v"}', SCO_NAMESPACE)}`);
});

test('checkScoId: agrees and disagrees', () => {
  assert.deepEqual(checkScoId({ type: 'ipv4-addr', id: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4', value: '198.51.100.3' }), {
    expected: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
    matches: true,
  });
  assert.equal(
    checkScoId({ type: 'ipv4-addr', id: 'ipv4-addr--ff000000-77cd-5a82-a950-b5bc3caf07c4', value: '198.51.100.3' })?.matches,
    false,
  );
  assert.equal(checkScoId({ type: 'process', id: 'process--f52a906a-0dfc-40bd-92f1-e7778ead38a9' }), undefined);
});
