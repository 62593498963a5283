import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  acceptQuality,
  acceptsTaxii,
  contentTypeVersion,
  isTaxiiContentType,
  likelyVersion,
  negotiate,
  parseAccept,
  STIX_20,
  stixVersionsOf,
  TAXII_20,
  TAXII_21,
} from './media-type.js';

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

test('Accept: the TAXII 2.0 media types, with version=2.0 or bare, are 2.0 (TAXII 2.0 §1.5)', () => {
  for (const h of [
    'application/vnd.oasis.taxii+json; version=2.0',
    'application/vnd.oasis.taxii+json;version=2.0',
    'application/vnd.oasis.taxii+json',
    'Application/Vnd.Oasis.Taxii+Json; Version="2.0"',
  ])
    assert.equal(acceptQuality(h, TAXII_20), 1, h);
  assert.equal(acceptQuality('application/vnd.oasis.stix+json', STIX_20), 1);
  assert.equal(acceptQuality('application/vnd.oasis.stix+json; version=2.0', STIX_20), 1);
});

test('Accept: other versions of the 2.0 types, the 2.1 type, q=0 are not TAXII 2.0', () => {
  for (const h of [
    'application/vnd.oasis.taxii+json; version=2.1',
    'application/taxii+json;version=2.1',
    'application/taxii+json',
    'application/vnd.oasis.taxii+json;q=0',
    'application/vnd.oasis.stix+json; version=2.0',
  ])
    assert.equal(acceptQuality(h, TAXII_20), 0, h);
  assert.equal(acceptQuality('application/vnd.oasis.stix+json; version=2.1', STIX_20), 0);
});

test('negotiate: the highest q wins; ties and wildcards go to the first offer (2.1 before 2.0)', () => {
  const both = [TAXII_21, TAXII_20];
  assert.equal(negotiate('*/*', both), TAXII_21);
  assert.equal(negotiate(undefined, both), TAXII_21);
  assert.equal(negotiate('application/vnd.oasis.taxii+json; version=2.0', both), TAXII_20);
  assert.equal(negotiate('application/taxii+json;q=0.5, application/vnd.oasis.taxii+json', both), TAXII_20);
  assert.equal(negotiate('application/taxii+json, application/vnd.oasis.taxii+json;q=0.9', both), TAXII_21);
  assert.equal(negotiate('*/*', [TAXII_20]), TAXII_20);
  assert.equal(negotiate('application/json', both), undefined);
  assert.equal(negotiate('application/vnd.oasis.taxii+json;q=0, */*;q=0', both), undefined);
});

test('Content-Type of a POST: the STIX 2.0 type is TAXII 2.0 (a bundle, §5.4), the TAXII 2.1 type is 2.1', () => {
  assert.equal(contentTypeVersion('application/vnd.oasis.stix+json; version=2.0'), '2.0');
  assert.equal(contentTypeVersion('application/vnd.oasis.stix+json'), '2.0');
  assert.equal(contentTypeVersion('application/vnd.oasis.stix+json; version=2.0; charset=utf-8'), '2.0');
  assert.equal(contentTypeVersion('application/taxii+json;version=2.1'), '2.1');
  for (const h of [
    'application/vnd.oasis.stix+json; version=2.1',
    'application/vnd.oasis.taxii+json; version=2.0',
    'application/stix+json;version=2.0',
    'application/vnd.oasis.stix+json; charset=latin1',
    undefined,
  ])
    assert.equal(contentTypeVersion(h), undefined, String(h));
});

test('likelyVersion: Content-Type first, then the preferred TAXII type of Accept, else 2.1', () => {
  assert.equal(likelyVersion('application/taxii+json', 'application/vnd.oasis.stix+json; version=2.0'), '2.0');
  assert.equal(likelyVersion('application/vnd.oasis.taxii+json; version=2.0', undefined), '2.0');
  assert.equal(likelyVersion('application/vnd.oasis.stix+json; version=2.0', undefined), '2.0');
  assert.equal(likelyVersion('application/vnd.oasis.taxii+json; version=2.1', undefined), '2.0', 'a 2.0 type, whatever the version');
  assert.equal(likelyVersion('text/html', undefined), '2.1');
  assert.equal(likelyVersion(undefined, undefined), '2.1');
});

test('collection media types: the STIX versions each names, in both spellings; others are none', () => {
  assert.deepEqual(stixVersionsOf('application/stix+json;version=2.1'), ['2.1']);
  assert.deepEqual(stixVersionsOf('application/stix+json; version=2.0'), ['2.0']);
  assert.deepEqual(stixVersionsOf('application/stix+json'), ['2.1', '2.0']);
  assert.deepEqual(stixVersionsOf('application/vnd.oasis.stix+json; version=2.0'), ['2.0']);
  assert.deepEqual(stixVersionsOf('application/vnd.oasis.stix+json'), ['2.0']);
  for (const t of [
    'application/vnd.oasis.stix+json; version=2.1',
    'application/stix+json;version=3.0',
    'application/json',
    'application/taxii+json;version=2.1',
    'application/stix+json;charset=utf-8',
    'nonsense',
  ])
    assert.equal(stixVersionsOf(t), undefined, t);
});
