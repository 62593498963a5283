import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectVersion } from './version.js';

const id = (type: string) => `${type}--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f`;
const sdo20 = {
  type: 'campaign',
  id: id('campaign'),
  created: '2016-04-06T20:03:00.000Z',
  modified: '2016-04-06T20:03:00.000Z',
  name: 'c',
};

test('version: a bundle with spec_version 2.0 is STIX 2.0 (2.0 Part 1 §8)', () => {
  assert.equal(detectVersion({ type: 'bundle', id: id('bundle'), spec_version: '2.0', objects: [sdo20] }).version, '2.0');
});

test('version: a bundle without spec_version whose objects carry 2.1 is STIX 2.1 (2.1 §8)', () => {
  assert.equal(detectVersion({ type: 'bundle', id: id('bundle'), objects: [{ ...sdo20, spec_version: '2.1' }] }).version, '2.1');
  assert.equal(detectVersion({ type: 'bundle', id: id('bundle'), objects: [] }).version, '2.1');
});

test('version: an object follows its spec_version; without one an SDO is 2.0 (2.1 §3.2)', () => {
  assert.equal(detectVersion({ ...sdo20, spec_version: '2.1' }).version, '2.1');
  assert.equal(detectVersion(sdo20).version, '2.0');
});

test('version: 2.1-only types, top-level SCOs and 2.1-only properties mean 2.1 even without spec_version', () => {
  assert.equal(detectVersion({ type: 'grouping', id: id('grouping') }).version, '2.1');
  assert.equal(detectVersion({ type: 'ipv4-addr', id: id('ipv4-addr'), value: '198.51.100.3' }).version, '2.1');
  const d = detectVersion({ ...sdo20, type: 'indicator', pattern_type: 'stix' });
  assert.equal(d.version, '2.1');
  assert.match(d.reason, /pattern_type/);
});

test('version: a list of objects is detected from its members', () => {
  assert.equal(detectVersion([sdo20, { ...sdo20, spec_version: '2.1' }]).version, '2.1');
  assert.equal(detectVersion([sdo20]).version, '2.0');
});
