import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isVisibleTo, mediaTypesFor, offeredVersions, servedVersion } from './collection-media.js';
import { DEFAULT_MEDIA_TYPES } from './config.js';

const c = (...mediaTypes: string[]) => ({ mediaTypes });
const ONLY_20 = c('application/vnd.oasis.stix+json; version=2.0');
const ONLY_21 = c('application/stix+json;version=2.1');
const BOTH = c(...DEFAULT_MEDIA_TYPES);

test('offered versions: from media_types in either spelling, in order, without repeats', () => {
  assert.deepEqual(offeredVersions(BOTH), ['2.1', '2.0']);
  assert.deepEqual(offeredVersions(ONLY_20), ['2.0']);
  assert.deepEqual(offeredVersions(c('application/stix+json;version=2.0', 'application/vnd.oasis.stix+json; version=2.0')), ['2.0']);
  assert.deepEqual(offeredVersions(c()), ['2.1', '2.0'], 'nothing known: both, as before media_types was read');
});

test('a TAXII 2.0 client sees only collections offering STIX 2.0; a 2.1 client sees every one', () => {
  assert.equal(isVisibleTo(ONLY_20, '2.0'), true);
  assert.equal(isVisibleTo(BOTH, '2.0'), true);
  assert.equal(isVisibleTo(ONLY_21, '2.0'), false);
  for (const x of [ONLY_20, ONLY_21, BOTH]) assert.equal(isVisibleTo(x, '2.1'), true);
});

test('media_types in the client version: the 2.0 STIX type to 2.0 clients, 2.1 spellings to 2.1 clients', () => {
  assert.deepEqual(mediaTypesFor(BOTH, '2.0'), ['application/vnd.oasis.stix+json; version=2.0']);
  assert.deepEqual(mediaTypesFor(ONLY_20, '2.1'), ['application/stix+json;version=2.0']);
  assert.deepEqual(mediaTypesFor(BOTH, '2.1'), ['application/stix+json;version=2.1', 'application/stix+json;version=2.0']);
});

test('served version: 2.0 to TAXII 2.0; to TAXII 2.1 the latest offered (2.1 §3.4.1)', () => {
  assert.equal(servedVersion(BOTH, '2.0'), '2.0');
  assert.equal(servedVersion(BOTH, '2.1'), '2.1');
  assert.equal(servedVersion(ONLY_20, '2.1'), '2.0');
  assert.equal(servedVersion(ONLY_21, '2.1'), '2.1');
});
