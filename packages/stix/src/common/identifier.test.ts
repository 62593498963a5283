import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIdentifier } from './identifier.js';

test('identifier: type--UUID with a lower-case RFC 4122 UUID (2.1 §2.9)', () => {
  const parsed = parseIdentifier('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f');
  assert.deepEqual(parsed, { type: 'indicator', uuid: '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', uuidVersion: 4 });
  const v5 = parseIdentifier('ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4');
  assert.equal(typeof v5 === 'object' && v5.uuidVersion, 5);
});

test('identifier: malformed identifiers are rejected with a reason', () => {
  assert.equal(parseIdentifier('indicator-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'), 'format');
  assert.equal(parseIdentifier('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cdzz'), 'uuid');
  // RFC 4122 §3: case-insensitive on input.
  assert.equal(typeof parseIdentifier('indicator--8E2E2D2B-17D4-4CBF-938F-98EE46B3CD3F'), 'object');
  assert.equal(parseIdentifier('indicator--8e2e2d2b-17d4-4cbf-c38f-98ee46b3cd3f'), 'variant');
  assert.equal(parseIdentifier('--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'), 'format');
});

test('identifier: a type ending in a hyphen still splits at the UUID', () => {
  const parsed = parseIdentifier('x-foo---8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f');
  assert.equal(typeof parsed === 'object' && parsed.type, 'x-foo-');
});
