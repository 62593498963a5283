/** statementMarking (2.0 Part 1 §4.1.2, 2.1 §7.2.1.3). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StixError } from '../errors.js';
import { validate } from '../validate.js';
import { statementMarking } from './index.js';

const ID_V4 = /^marking-definition--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const IDENTITY = 'identity--311b2d2d-f010-4473-83ec-1edf84858f4c';

test('statementMarking: a valid 2.1 statement marking, id UUIDv4, created now with ms precision (2.1 §7.2.1.3)', () => {
  const m = statementMarking('Copyright 2016, Example Corp', { created_by_ref: IDENTITY, name: 'Example Corp copyright' });
  assert.match(m.id, ID_V4);
  assert.match(m.created, MS);
  assert.equal(m.spec_version, '2.1');
  assert.equal(m.definition_type, 'statement');
  assert.deepEqual(m.definition, { statement: 'Copyright 2016, Example Corp' });
  assert.equal(m.created_by_ref, IDENTITY);
  assert.equal(m.name, 'Example Corp copyright');
  assert.ok(Object.isFrozen(m) && Object.isFrozen(m.definition));
  assert.deepEqual(validate(m, { version: '2.1' }).issues, []);
  assert.notEqual(statementMarking('x').id, statementMarking('x').id);
});

test('statementMarking: a valid 2.0 statement marking, without spec_version (2.0 Part 1 §4.1.2)', () => {
  const m = statementMarking('Copyright 2016, Example Corp', { version: '2.0', created: '2016-08-01T00:00:00.000Z' });
  assert.equal('spec_version' in m, false);
  assert.equal(m.created, '2016-08-01T00:00:00.000Z');
  assert.deepEqual(validate(m, { version: '2.0' }).issues, []);
});

test('statementMarking: options that make an invalid marking definition are refused with the issues', () => {
  assert.throws(
    () => statementMarking('x', { created_by_ref: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }),
    (e: unknown) => e instanceof StixError && e.code === 'STIX_INVALID' && e.issues.some((i) => i.path.endsWith('created_by_ref')),
  );
  assert.throws(
    () => statementMarking('x', { version: '2.0', created: '2016-08-01T00:00:00Z' }),
    (e: unknown) => e instanceof StixError && e.code === 'STIX_INVALID',
  );
  assert.throws(
    () => statementMarking('x', { version: '2.0', name: 'n' } as never),
    (e: unknown) => e instanceof StixError && e.code === 'STIX_INVALID',
  );
});
