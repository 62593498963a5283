import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptsTaxii, isTaxiiContentType, parseAccept } from './media-type.js';

test('Accept: the TAXII 2.1 media type, bare or with version=2.1, is acceptable (TAXII 2.1 §1.6.8)', () => {
  for (const h of [
    'application/taxii+json;version=2.1',
    'application/taxii+json; version=2.1',
    'application/taxii+json',
    'APPLICATION/TAXII+JSON;VERSION=2.1',
    'application/taxii+json;version="2.1"',
    'text/html, application/taxii+json;version=2.1;q=0.5',
    '*/*',
    'application/*',
    'application/taxii+json;version=2.0, */*;q=0.1',
    undefined,
    '',
  ])
    assert.equal(acceptsTaxii(h), true, String(h));
});

test('Accept: other types, other versions and q=0 are not acceptable', () => {
  for (const h of [
    'application/json',
    'text/html',
    'application/taxii+json;version=2.0',
    'application/taxii+json;q=0',
    'application/taxii+json;version=2.1;q=0, */*',
    '*/*;q=0',
    'application/stix+json;version=2.1',
    'garbage',
  ])
    assert.equal(acceptsTaxii(h), false, h);
});

test('parseAccept reads q-values and skips malformed members', () => {
  const ranges = parseAccept('a/b;q=0.3, c/d , bad, e/f;q=2');
  assert.deepEqual(
    ranges.map((r) => [r.type, r.subtype, r.q]),
    [
      ['a', 'b', 0.3],
      ['c', 'd', 1],
    ],
  );
});

test('Content-Type: application/taxii+json with version 2.1 or none is TAXII; others are not', () => {
  assert.equal(isTaxiiContentType('application/taxii+json;version=2.1'), true);
  assert.equal(isTaxiiContentType('application/taxii+json; version=2.1; charset=utf-8'), true);
  assert.equal(isTaxiiContentType('application/taxii+json'), true);
  assert.equal(isTaxiiContentType('application/taxii+json;version=2.0'), false);
  assert.equal(isTaxiiContentType('application/json'), false);
  assert.equal(isTaxiiContentType('application/stix+json;version=2.1'), false);
  assert.equal(isTaxiiContentType(undefined), false);
});
