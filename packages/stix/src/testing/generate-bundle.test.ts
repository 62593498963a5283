import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validate } from '../validate.js';
import { generateBundle, generateBundleText } from './generate-bundle.js';

test('generated ATT&CK-sized 2.1 bundle (25,000 objects) validates with no errors', () => {
  const report = validate(generateBundleText({ version: '2.1' }));
  assert.equal(report.objectCount, 25_000);
  assert.equal(report.version, '2.1');
  assert.deepEqual(
    report.issues.filter((i) => i.severity === 'error'),
    [],
  );
});

test('generated 2.0 bundle validates with no errors', () => {
  const report = validate(generateBundleText({ version: '2.0', objects: 5_000 }));
  assert.equal(report.version, '2.0');
  assert.equal(report.errorCount, 0);
});

test('generation is deterministic: same seed, same bytes; another seed differs', () => {
  assert.equal(generateBundleText({ objects: 500, seed: 7 }), generateBundleText({ objects: 500, seed: 7 }));
  assert.notEqual(generateBundleText({ objects: 500, seed: 7 }), generateBundleText({ objects: 500, seed: 8 }));
  assert.equal((generateBundle({ objects: 123 }).objects as unknown[]).length, 123);
});
