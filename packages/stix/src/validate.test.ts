import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StixError } from './errors.js';
import { parse } from './parse.js';
import { validate } from './validate.js';

const uuid = '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';
const uuid2 = '1b5d9c7e-2b67-4a4a-9b5a-0d2b6f8c0f11';
const T = '2016-04-06T20:03:00.000Z';
const custom = { type: 'x-acme-widget', spec_version: '2.1', id: `x-acme-widget--${uuid}`, created: T, modified: T, x_acme_size: 3 };
const bundle = (...objects: unknown[]) => ({ type: 'bundle', id: `bundle--${uuid2}`, objects });
const codes = (r: { issues: readonly { code: string }[] }) => r.issues.map((i) => i.code);

test('validate: malformed JSON is reported as an issue, never thrown', () => {
  const report = validate('{"type": "bundle",');
  assert.equal(report.valid, false);
  assert.deepEqual(codes(report), ['STIX_JSON_SYNTAX']);
});

test('validate: strings, bytes and parsed values give the same report', () => {
  const text = JSON.stringify(bundle(custom));
  const a = validate(text, { allowCustom: true });
  const b = validate(new TextEncoder().encode(text), { allowCustom: true });
  const c = validate(JSON.parse(text), { allowCustom: true });
  assert.deepEqual(a, b);
  assert.deepEqual(a, c);
  assert.equal(a.valid, true);
  assert.equal(a.objectCount, 1);
});

test('validate: never throws, whatever the input', () => {
  for (const input of [
    null,
    3,
    'null',
    '[]',
    '[1, "a", null, []]',
    { type: 'bundle', objects: 'x' },
    { type: 7 },
    [{ type: 'bundle' }],
    new Uint8Array([0xff, 0xfe]),
  ])
    assert.doesNotThrow(() => validate(input));
});

test('validate: a non-object in a bundle is reported at its path', () => {
  const report = validate(bundle(custom, 42), { allowCustom: true });
  assert.deepEqual(
    report.issues.map((i) => [i.code, i.path]),
    [['STIX_NOT_AN_OBJECT', 'objects[1]']],
  );
});

test('validate: every object needs a type', () => {
  const report = validate(bundle({ id: `x-a--${uuid}` }));
  assert.deepEqual(
    report.issues.map((i) => [i.code, i.path]),
    [['STIX_MISSING_PROPERTY', 'objects[0].type']],
  );
});

test('validate: custom types follow the naming rules (MUST) and prefix (best practice 101)', () => {
  assert.deepEqual(codes(validate(bundle({ ...custom, type: 'Acme_Widget', id: `Acme_Widget--${uuid}` }))).slice(0, 1), [
    'STIX_INVALID_TYPE_NAME',
  ]);
  const unprefixed = validate(bundle({ ...custom, type: 'widget', id: `widget--${uuid}` }));
  assert.equal(unprefixed.valid, true);
  assert.ok(unprefixed.issues.some((i) => i.code === 'STIX_CUSTOM_PREFIX' && i.check?.number === 101 && i.severity === 'warning'));
});

test('validate: strictTypes rejects custom types; allowCustom accepts them silently', () => {
  assert.deepEqual(codes(validate(bundle(custom), { strictTypes: true, bestPractices: false })), ['STIX_UNKNOWN_TYPE']);
  assert.deepEqual(codes(validate(bundle(custom), { allowCustom: true })), []);
});

test('validate: custom objects still get their common properties checked', () => {
  const report = validate(bundle({ ...custom, created: 'yesterday', id: `x-other--${uuid}` }), { allowCustom: true });
  assert.deepEqual(codes(report), ['STIX_ID_TYPE_MISMATCH', 'STIX_INVALID_TIMESTAMP']);
  assert.equal(report.issues[0].path, 'objects[0].id');
  assert.equal(report.issues[0].objectId, `x-other--${uuid}`);
});

test('validate: a nested bundle is refused', () => {
  assert.deepEqual(codes(validate(bundle(bundle()))), ['STIX_NOT_AN_OBJECT']);
});

test('validate: duplicate id and modified in one bundle is best practice 203', () => {
  const report = validate(bundle(custom, custom), { allowCustom: true });
  assert.deepEqual(codes(report), ['STIX_DUPLICATE_OBJECT']);
  assert.equal(report.issues[0].path, 'objects[1].id');
  assert.equal(report.valid, true);
  assert.equal(validate(bundle(custom, { ...custom, modified: '2017-01-01T00:00:00.000Z' }), { allowCustom: true }).issues.length, 0);
});

test('validate: enforceRefs requires references to resolve inside the input', () => {
  const marked = { ...custom, object_marking_refs: [`marking-definition--${uuid2}`] };
  assert.equal(validate(bundle(marked), { allowCustom: true }).valid, true);
  const report = validate(bundle(marked), { allowCustom: true, enforceRefs: true });
  assert.deepEqual(
    report.issues.map((i) => [i.code, i.path]),
    [['STIX_UNRESOLVED_REF', 'objects[0].object_marking_refs[0]']],
  );
});

test('validate: a 2.1 bundle must not carry spec_version (2.1 §8)', () => {
  assert.deepEqual(codes(validate({ ...bundle(custom), spec_version: '2.1' }, { version: '2.1', allowCustom: true })), [
    'STIX_SPEC_VERSION',
  ]);
});

test('parse: returns the input unchanged — custom content and timestamp precision kept', () => {
  const text = JSON.stringify(bundle({ ...custom, created: '2016-04-06T20:03:00.123456Z', modified: '2016-04-06T20:03:00.1234567Z' }));
  const parsed = parse(text, { allowCustom: true });
  assert.equal(JSON.stringify(parsed), text);
});

test('parse: custom content is refused without allowCustom, with every issue attached', () => {
  assert.throws(
    () => parse(bundle(custom)),
    (e: unknown) => e instanceof StixError && e.code === 'STIX_INVALID' && e.issues.some((i) => i.code === 'STIX_UNKNOWN_TYPE'),
  );
});

test('parse: malformed JSON throws STIX_JSON_SYNTAX with the offset', () => {
  assert.throws(
    () => parse('{"type": "bundle", }'),
    (e: unknown) => e instanceof StixError && e.code === 'STIX_JSON_SYNTAX' && typeof e.offset === 'number',
  );
});
