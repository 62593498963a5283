import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCharset, isCountryCode, isHttpRequestHeader, isMediaType, isPdfDocInfoKey, isServiceName, isSocketOption } from './index.js';

test('countries: ISO 3166-1 alpha-2 in upper case (2.1 §4.10)', () => {
  assert.equal(isCountryCode('US'), true);
  assert.equal(isCountryCode('us'), false);
  assert.equal(isCountryCode('UK'), false);
});

test('media types: registered IANA types, case-insensitive (2.1 §6.1 mime_type)', () => {
  assert.equal(isMediaType('application/pdf'), true);
  assert.equal(isMediaType('Application/PDF'), true);
  assert.equal(isMediaType('application/notreal'), false);
  assert.equal(isMediaType('pdf'), false);
});

test('charsets: IANA character set names and aliases, case-insensitive (2.1 §6.7 name_enc)', () => {
  assert.equal(isCharset('UTF-8'), true);
  assert.equal(isCharset('windows-1252'), true);
  assert.equal(isCharset('latin1'), true);
  assert.equal(isCharset('utf8mb4'), false);
});

test('service names: IANA service names and protocol keywords (2.1 §6.12 protocols)', () => {
  assert.equal(isServiceName('tcp'), true);
  assert.equal(isServiceName('http'), true);
  assert.equal(isServiceName('TCP'), false);
  assert.equal(isServiceName('not-a-protocol'), false);
});

test('small registries: HTTP request headers, PDF doc info keys, socket options', () => {
  assert.equal(isHttpRequestHeader('Accept-Encoding'), true);
  assert.equal(isHttpRequestHeader('X-Nothing'), false);
  assert.equal(isPdfDocInfoKey('Title'), true);
  assert.equal(isPdfDocInfoKey('title'), false);
  assert.equal(isSocketOption('SO_REUSEADDR'), true);
  assert.equal(isSocketOption('reuseaddr'), false);
});
