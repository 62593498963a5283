/**
 * Fuzzing the authoring functions: on any JSON input, create(), newVersion(), the marking
 * functions and convert() either return or throw a StixError with a stable code — never a
 * TypeError or anything else — and never change their input.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { convert } from './convert/index.js';
import { bundle, createFactory, createUntyped, serialize } from './create/index.js';
import { StixError } from './errors.js';
import { checkScoId, scoId } from './ids/index.js';
import { addMarkings, getMarkings, mostRestrictiveTlp, removeMarkings, tlpLevel } from './markings/index.js';
import { generateBundle } from './testing/generate-bundle.js';
import { newVersion } from './versioning/index.js';

const TYPES = ['indicator', 'malware', 'observed-data', 'relationship', 'sighting', 'file', 'ipv4-addr', 'bundle', 'x-acme', 'grouping'];
const KEYS = [
  'type',
  'id',
  'created',
  'modified',
  'spec_version',
  'objects',
  'object_refs',
  'labels',
  'name',
  'pattern',
  'granular_markings',
  'object_marking_refs',
  'x_y',
];

/** JSON objects shaped a little like STIX, so that the code paths past the first checks run. */
const stixish = fc.dictionary(
  fc.constantFrom(...KEYS),
  fc.oneof(fc.constantFrom(...TYPES), fc.jsonValue({ maxDepth: 3 }), fc.constant({ '0': { type: 'file', name: 'a' } })),
  { maxKeys: 8 },
);

function onlyStixErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof StixError, `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    assert.match(error.code, /^STIX_[A-Z_]+$/);
  }
}

test('fuzz: create, newVersion, markings and convert serialize, bundle, ids and convert throw only StixError and leave the input alone', () => {
  fc.assert(
    fc.property(
      fc.oneof({ arbitrary: stixish, weight: 9 }, { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 }),
      fc.constantFrom('2.0', '2.1') as fc.Arbitrary<'2.0' | '2.1'>,
      (input, version) => {
        const before = JSON.stringify(input);
        const record = (input !== null && typeof input === 'object' ? input : {}) as Record<string, unknown>;
        const type = typeof record.type === 'string' ? record.type : 'indicator';
        onlyStixErrors(() => createUntyped(type, input as Record<string, unknown>, { version, allowCustom: true }));
        onlyStixErrors(() => newVersion(input as { type: string; id: string }, { name: 'n' }, { version }));
        onlyStixErrors(() => addMarkings(input as { type: string }, 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed'));
        onlyStixErrors(() => addMarkings(input as { type: string }, 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', 'name'));
        onlyStixErrors(() => removeMarkings(input as { type: string }, 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed'));
        onlyStixErrors(() => getMarkings(input as { type: string }, 'name', { inherited: true, descendants: true }));
        onlyStixErrors(() => mostRestrictiveTlp(input as { type: string }));
        onlyStixErrors(() => convert(input, { to: version }));
        onlyStixErrors(() => scoId('ipv4-addr', input as Record<string, unknown>));
        onlyStixErrors(() => checkScoId(input as Record<string, unknown>));
        onlyStixErrors(() => serialize(input, { sortKeys: true }));
        onlyStixErrors(() => bundle([input]));
        onlyStixErrors(() => createFactory(input as { version?: '2.1' }));
        onlyStixErrors(() => tlpLevel(input as { id: string }));
        onlyStixErrors(() =>
          convert({ type: 'bundle', id: 'bundle--6e8a0c2e-4a6c-4e0a-82e4-8a0c2e4a6c8e', objects: [input] }, { to: version }),
        );
        assert.equal(JSON.stringify(input), before);
      },
    ),
    { numRuns: 400 },
  );
});

test('fuzz: convert round trip 2.0 → 2.1 → 2.0 is the identity on generated ATT&CK-shaped bundles (any seed)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
      const original = generateBundle({ objects: 60, seed, version: '2.0' });
      const up = convert(original, { to: '2.1' });
      const down = convert(up.objects, { to: '2.0' });
      // What the 2.0 → 2.1 report calls defaulted (is_family) is what 2.1 → 2.0 drops: nothing else differs.
      assert.equal(up.report.counts['defaulted-property'] ?? 0, down.report.counts['dropped-property'] ?? 0);
      assert.deepEqual(down.objects, original.objects);
    }),
    { numRuns: 15 },
  );
});
