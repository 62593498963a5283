import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idContributingValues, scoId } from '../ids/sco-id.js';
import { validate } from '../validate.js';
import { errors, id, warnings } from './test-helpers.js';

// A v5-shaped id that is not the deterministic one, for the UUID-version rules.
const v5 = (type: string) => `${type}--${id('x').slice(3, 11)}-2222-5222-8222-222222222222`;
// By default the id is the right UUIDv5 where the properties give one.
const defaultId = (type: string, props: Record<string, unknown>) => (idContributingValues(type, props) ? scoId(type, props) : v5(type));
const sco = (type: string, props: Record<string, unknown>, idValue = defaultId(type, props)) => ({
  type,
  spec_version: '2.1',
  id: idValue,
  ...props,
});

test('SCOs: the required property of each type (2.1 §6)', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['autonomous-system', { number: 15139 }, 'number'],
    ['directory', { path: 'C:\\Windows' }, 'path'],
    ['domain-name', { value: 'example.com' }, 'value'],
    ['email-addr', { value: 'john@example.com' }, 'value'],
    ['ipv4-addr', { value: '198.51.100.3' }, 'value'],
    ['ipv6-addr', { value: '2001:0db8::1' }, 'value'],
    ['mac-addr', { value: 'd2:fb:49:24:37:18' }, 'value'],
    ['mutex', { name: '__CLEANSWEEP__' }, 'name'],
    ['software', { name: 'Word' }, 'name'],
    ['url', { value: 'https://example.com/research/index.html' }, 'value'],
  ];
  for (const [type, props, key] of cases) {
    assert.deepEqual(errors(sco(type, props)), [], type);
    assert.deepEqual(errors(sco(type, {})), [`STIX_MISSING_PROPERTY@${key}`], type);
  }
});

test('ipv4-addr / ipv6-addr / mac-addr: value formats, CIDR allowed (2.1 §6.8–§6.10)', () => {
  assert.deepEqual(errors(sco('ipv4-addr', { value: '198.51.100.0/24' })), []);
  assert.deepEqual(errors(sco('ipv4-addr', { value: '198.51.100.256' })), ['STIX_INVALID_STRING@value']);
  assert.deepEqual(errors(sco('ipv6-addr', { value: '2001:db8::/96' })), []);
  assert.deepEqual(errors(sco('ipv6-addr', { value: '::ffff:198.51.100.3' })), []);
  assert.deepEqual(errors(sco('ipv6-addr', { value: '2001:db8::1::2' })), ['STIX_INVALID_STRING@value']);
  assert.deepEqual(errors(sco('mac-addr', { value: 'D2:FB:49:24:37:18' })), ['STIX_INVALID_STRING@value']);
});

test('references: each _ref/_refs points at the types the specification allows (validator OBSERVABLE_PROP_REFS)', () => {
  assert.deepEqual(
    errors(sco('ipv4-addr', { value: '198.51.100.3', resolves_to_refs: [id('mac-addr')], belongs_to_refs: [id('autonomous-system')] })),
    [],
  );
  assert.deepEqual(errors(sco('ipv4-addr', { value: '198.51.100.3', resolves_to_refs: [id('domain-name')] })), [
    'STIX_REF_TARGET_TYPE@resolves_to_refs[0]',
  ]);
  assert.deepEqual(errors(sco('email-addr', { value: 'a@b.org', belongs_to_ref: id('identity') })), [
    'STIX_REF_TARGET_TYPE@belongs_to_ref',
  ]);
  assert.deepEqual(errors(sco('file', { name: 'a', parent_directory_ref: id('file') })), ['STIX_REF_TARGET_TYPE@parent_directory_ref']);
  assert.deepEqual(errors(sco('process', { pid: 1, image_ref: id('directory') }, id('process'))), ['STIX_REF_TARGET_TYPE@image_ref']);
});

test('artifact: payload_bin or url, not both; url needs hashes (2.1 §6.1)', () => {
  assert.deepEqual(errors(sco('artifact', { payload_bin: 'aGVsbG8=' })), []);
  assert.deepEqual(errors(sco('artifact', { url: 'https://x.org/a', hashes: { 'SHA-256': 'a'.repeat(64) } })), []);
  // Without hashes or payload_bin an artifact has no ID contributing property: it also needs a UUIDv4.
  assert.deepEqual(errors(sco('artifact', { url: 'https://x.org/a' }, id('artifact'))), ['STIX_DEPENDENT_PROPERTY@url']);
  assert.deepEqual(errors(sco('artifact', { payload_bin: 'aGVsbG8=', url: 'https://x.org/a', hashes: { MD5: 'a'.repeat(32) } })), [
    'STIX_MUTUALLY_EXCLUSIVE@url',
  ]);
  assert.deepEqual(errors(sco('artifact', { payload_bin: 'not base64!' })), ['STIX_INVALID_BINARY@payload_bin']);
});

test('artifact: mime_type is type/subtype (MUST artifact_mime_type); unregistered is best practice 271', () => {
  assert.deepEqual(errors(sco('artifact', { payload_bin: 'aGVsbG8=', mime_type: 'application/pdf' })), []);
  assert.deepEqual(errors(sco('artifact', { payload_bin: 'aGVsbG8=', mime_type: 'pdf' })), ['STIX_INVALID_MIME_TYPE@mime_type']);
  assert.deepEqual(warnings(sco('artifact', { payload_bin: 'aGVsbG8=', mime_type: 'application/x-acme' })), [
    '271:STIX_EXTERNAL_REGISTRY@mime_type',
  ]);
});

test('email-message: is_multipart required; body only when not multipart, body_multipart only when multipart (2.1 §6.6)', () => {
  assert.deepEqual(errors(sco('email-message', { is_multipart: false, body: 'hi' })), []);
  assert.deepEqual(errors(sco('email-message', { is_multipart: true, body_multipart: [{ body: 'part' }] }, id('email-message'))), []);
  assert.deepEqual(errors(sco('email-message', { is_multipart: true, body: 'hi' })), ['STIX_PROPERTY_NOT_ALLOWED@body']);
  assert.deepEqual(errors(sco('email-message', { is_multipart: false, body_multipart: [{ body: 'part' }] }, id('email-message'))), [
    'STIX_PROPERTY_NOT_ALLOWED@body_multipart',
  ]);
  assert.deepEqual(
    errors(sco('email-message', { is_multipart: true, body_multipart: [{ content_type: 'text/plain' }] }, id('email-message'))),
    ['STIX_AT_LEAST_ONE@body_multipart[0]'],
  );
});

test('file: hashes or name; name_enc is an IANA charset (MUST character_set) (2.1 §6.7)', () => {
  assert.deepEqual(errors(sco('file', { hashes: { 'SHA-256': 'a'.repeat(64) } })), []);
  assert.deepEqual(errors(sco('file', { size: 3 }, id('file'))), ['STIX_AT_LEAST_ONE@']);
  assert.deepEqual(errors(sco('file', { name: 'a', name_enc: 'windows-1252' })), []);
  assert.deepEqual(errors(sco('file', { name: 'a', name_enc: 'klingon-8' })), ['STIX_INVALID_CHARSET@name_enc']);
  assert.deepEqual(errors(sco('file', { name: 'a', size: -1 })), ['STIX_OUT_OF_RANGE@size']);
});

test('file extensions: predefined extensions are checked by their own rules (2.1 §6.7.2)', () => {
  assert.deepEqual(errors(sco('file', { name: 'a.zip', extensions: { 'archive-ext': { contains_refs: [id('file')] } } })), []);
  assert.deepEqual(errors(sco('file', { name: 'a.zip', extensions: { 'archive-ext': {} } })), [
    'STIX_MISSING_PROPERTY@extensions["archive-ext"].contains_refs',
  ]);
  assert.deepEqual(errors(sco('file', { name: 'a.exe', extensions: { 'windows-pebinary-ext': { pe_type: 'exe', machine_hex: 'xyz' } } })), [
    'STIX_INVALID_HEX@extensions["windows-pebinary-ext"].machine_hex',
  ]);
  assert.deepEqual(errors(sco('file', { name: 'a', extensions: { 'ntfs-ext': {} } })), ['STIX_AT_LEAST_ONE@extensions["ntfs-ext"]']);
  assert.deepEqual(warnings(sco('file', { name: 'a', extensions: { 'windows-pebinary-ext': { pe_type: 'elf' } } })), [
    '243:STIX_VOCABULARY@extensions["windows-pebinary-ext"].pe_type',
  ]);
});

test('network-traffic: protocols required; src_ref or dst_ref; end not with is_active; end >= start (2.1 §6.12)', () => {
  const nt = (props: Record<string, unknown>) =>
    sco('network-traffic', { dst_ref: id('ipv4-addr'), src_port: 1, dst_port: 2, protocols: ['ipv4', 'tcp'], ...props });
  assert.deepEqual(errors(nt({})), []);
  assert.deepEqual(errors(nt({ protocols: undefined })), ['STIX_MISSING_PROPERTY@protocols']);
  assert.deepEqual(errors(nt({ dst_ref: undefined })), ['STIX_AT_LEAST_ONE@']);
  assert.deepEqual(errors(nt({ is_active: true, end: '2016-01-01T00:00:00Z' })), ['STIX_PROPERTY_NOT_ALLOWED@end']);
  assert.deepEqual(errors(nt({ start: '2016-01-02T00:00:00Z', end: '2016-01-01T00:00:00Z' })), ['STIX_TIMESTAMP_ORDER@end']);
  assert.deepEqual(errors(nt({ dst_port: 70000 })), ['STIX_OUT_OF_RANGE@dst_port']);
  assert.deepEqual(errors(nt({ dst_ref: id('url') })), ['STIX_REF_TARGET_TYPE@dst_ref']);
});

test('network-traffic: protocols lower-case IANA names (272), ports with tcp (301), socket options (275)', () => {
  const nt = (props: Record<string, unknown>) =>
    sco('network-traffic', { dst_ref: id('ipv4-addr'), src_port: 1, dst_port: 2, protocols: ['ipv4', 'tcp'], ...props });
  assert.deepEqual(warnings(nt({})), []);
  assert.deepEqual(warnings(nt({ protocols: ['TCP'] })), ['272:STIX_FORMAT@protocols[0]']);
  assert.deepEqual(warnings(nt({ src_port: undefined })), ['301:STIX_RECOMMENDED_PROPERTY@']);
  assert.deepEqual(warnings(nt({ extensions: { 'socket-ext': { address_family: 'AF_INET', options: { reuse: 1 } } } })), [
    '275:STIX_EXTERNAL_REGISTRY@extensions["socket-ext"].options.reuse',
  ]);
  assert.deepEqual(errors(nt({ extensions: { 'socket-ext': { address_family: 'AF_WHATEVER' } } })), [
    'STIX_NOT_IN_ENUM@extensions["socket-ext"].address_family',
  ]);
});

test('process: at least one property; always UUIDv4 (validator MUST process)', () => {
  assert.deepEqual(errors(sco('process', { pid: 1221 }, id('process'))), []);
  assert.deepEqual(errors(sco('process', {}, id('process'))), ['STIX_AT_LEAST_ONE@']);
  assert.deepEqual(errors(sco('process', { pid: 1221 })), ['STIX_UUID_VERSION@id']);
});

test('SCOs without any ID contributing property MUST use UUIDv4 (validator MUST uuid_version_check)', () => {
  assert.deepEqual(errors(sco('user-account', { display_name: 'x' }, id('user-account'))), []);
  assert.deepEqual(errors(sco('user-account', { display_name: 'x' })), ['STIX_UUID_VERSION@id']);
  assert.deepEqual(errors(sco('user-account', { user_id: '1001' })), []);
  assert.deepEqual(warnings(sco('user-account', { user_id: '1001' }, id('user-account'))), ['103:STIX_FORMAT@id']);
});

test('software: cpe is a CPE 2.3 string (MUST cpe_check); languages RFC 5646 (MUST software_language) (2.1 §6.14)', () => {
  assert.deepEqual(
    errors(sco('software', { name: 'Word', cpe: 'cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*', languages: ['en', 'fr-CA'] })),
    [],
  );
  assert.deepEqual(errors(sco('software', { name: 'Word', cpe: 'cpe:/a:microsoft:word:2000' })), ['STIX_INVALID_CPE@cpe']);
  assert.deepEqual(errors(sco('software', { name: 'Word', languages: ['english'] })), ['STIX_INVALID_LANGUAGE@languages[0]']);
});

test('windows-registry-key and x509-certificate: value rules and at-least-one (2.1 §6.17, §6.18)', () => {
  assert.deepEqual(
    errors(
      sco('windows-registry-key', { key: 'HKEY_LOCAL_MACHINE\\System', values: [{ name: 'Foo', data: 'qwerty', data_type: 'REG_SZ' }] }),
    ),
    [],
  );
  assert.deepEqual(errors(sco('windows-registry-key', { key: 'k', values: [{ data_type: 'REG_STRING' }] })), [
    'STIX_NOT_IN_ENUM@values[0].data_type',
  ]);
  assert.deepEqual(errors(sco('x509-certificate', { serial_number: '36:f7:d4:32' })), []);
  assert.deepEqual(errors(sco('x509-certificate', {}, id('x509-certificate'))), ['STIX_AT_LEAST_ONE@']);
});

test('SCO common properties: defanged is a boolean; extensions entries are predefined names, definitions or x- names', () => {
  assert.deepEqual(errors(sco('url', { value: 'https://x.org', defanged: 'yes' })), ['STIX_WRONG_JSON_TYPE@defanged']);
  assert.deepEqual(errors(sco('url', { value: 'https://x.org', extensions: { 'my-ext': { a: 1 } } })), [
    'STIX_INVALID_DICTIONARY_KEY@extensions["my-ext"]',
  ]);
  assert.deepEqual(warnings(sco('url', { value: 'https://x.org', extensions: { 'x-acme-ext': { a: 1 } } })), [
    '401:STIX_DEPRECATED@extensions["x-acme-ext"]',
  ]);
});

test('network-traffic: ipfix keys are IPFIX element names (best practice 273), values integers or strings', () => {
  const nt = (ipfix: Record<string, unknown>) =>
    sco('network-traffic', { dst_ref: id('ipv4-addr'), src_port: 1, dst_port: 2, protocols: ['ipv4', 'tcp'], ipfix });
  assert.deepEqual(warnings(nt({ minimumIpTotalLength: 32, octetDeltaCount: '5' })), []);
  assert.deepEqual(warnings(nt({ 'Total Length': 32 })), ['273:STIX_EXTERNAL_REGISTRY@ipfix["Total Length"]']);
  assert.deepEqual(errors(nt({ minimumIpTotalLength: [32] })), ['STIX_WRONG_JSON_TYPE@ipfix.minimumIpTotalLength']);
});

test('SCOs: a UUIDv5 id should be the one the ID contributing properties give (§2.9, best practice 103)', () => {
  const right = 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4';
  assert.deepEqual(warnings(sco('ipv4-addr', { value: '198.51.100.3' }, right)), []);
  assert.deepEqual(warnings(sco('ipv4-addr', { value: '198.51.100.4' }, right)), ['103:STIX_SCO_ID_MISMATCH@id']);
  // Only one hash contributes (MD5 first), so adding a SHA-256 keeps the id.
  const file = { hashes: { MD5: '3773a88f65a5e780c8dff9cdc3a056f3' }, name: 'a.dll' };
  const fileId = scoId('file', file);
  assert.deepEqual(warnings(sco('file', { ...file, hashes: { ...file.hashes, 'SHA-256': 'ab'.repeat(32) } }, fileId)), []);
  assert.deepEqual(warnings(sco('file', { ...file, name: 'b.dll' }, fileId)), ['103:STIX_SCO_ID_MISMATCH@id']);
  // Disabled with the rest of 103.
  const disabled = validate(sco('ipv4-addr', { value: '198.51.100.4' }, right), { version: '2.1', disable: [103] });
  assert.deepEqual(disabled.issues, []);
});
