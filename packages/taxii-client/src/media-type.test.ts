import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkContentType, versionOfApiRootEntry } from './media-type.js';

test('Content-Type: TAXII and STIX JSON types are accepted, with the version they state', () => {
  assert.deepEqual(checkContentType('application/taxii+json;version=2.1'), { ok: true, version: '2.1' });
  assert.deepEqual(checkContentType('application/vnd.oasis.taxii+json; version=2.0'), { ok: true, version: '2.0' });
  assert.deepEqual(checkContentType('application/vnd.oasis.stix+json; version="2.0"; charset=utf-8'), { ok: true, version: '2.0' });
  assert.deepEqual(checkContentType('Application/TAXII+JSON'), { ok: true });
  assert.deepEqual(checkContentType('application/json; charset=utf-8'), { ok: true });
});

test('Content-Type: absent, HTML, malformed or an unknown TAXII version is refused', () => {
  for (const bad of [
    undefined,
    '',
    'text/html; charset=utf-8',
    'application/xml',
    'json',
    'application/taxii+json;version=3.0',
    'application/taxii+json;version',
  ])
    assert.equal(checkContentType(bad).ok, false, String(bad));
});

test('api-root versions: taxii-2.0 (2.0 §4.2) and the 2.1 media type (2.1 §4.2.1) name versions; others do not', () => {
  assert.equal(versionOfApiRootEntry('taxii-2.0'), '2.0');
  assert.equal(versionOfApiRootEntry('application/taxii+json;version=2.1'), '2.1');
  assert.equal(versionOfApiRootEntry('application/taxii+json; version=2.1'), '2.1');
  assert.equal(versionOfApiRootEntry('application/taxii+json;version=2.2'), undefined);
  assert.equal(versionOfApiRootEntry('application/stix+json;version=2.1'), undefined);
});
