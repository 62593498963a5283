/**
 * Fuzzing validate(): mutate valid objects at random and check that validation never throws and
 * that the mutation is reported at its path.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { validate } from './validate.js';

const T1 = '2016-04-06T20:03:00.000Z';
const T2 = '2016-05-07T11:22:30.000Z';
const identity = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';

/** Valid base objects written from the STIX 2.1 specification (§4, §5, §6). */
const bases21: Record<string, unknown>[] = [
  {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    created_by_ref: identity,
    created: T1,
    modified: T2,
    name: 'Poison Ivy Malware',
    description: 'This file is part of Poison Ivy',
    indicator_types: ['malicious-activity'],
    pattern: "[file:hashes.'SHA-256' = '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877']",
    pattern_type: 'stix',
    valid_from: T1,
    kill_chain_phases: [{ kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'installation' }],
  },
  {
    type: 'malware',
    spec_version: '2.1',
    id: 'malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
    created: T1,
    modified: T1,
    name: 'Cryptolocker',
    is_family: true,
    malware_types: ['ransomware'],
    external_references: [{ source_name: 'capec', external_id: 'CAPEC-163' }],
  },
  {
    type: 'relationship',
    spec_version: '2.1',
    id: 'relationship--57b56a43-b8b0-4cba-9deb-34e3e1faed9e',
    created: T1,
    modified: T1,
    relationship_type: 'indicates',
    source_ref: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    target_ref: 'malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
  },
  {
    type: 'observed-data',
    spec_version: '2.1',
    id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
    created: T1,
    modified: T1,
    first_observed: T1,
    last_observed: T2,
    number_observed: 50,
    object_refs: ['ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4'],
  },
  { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4', value: '198.51.100.3' },
];

/** Required properties of each base (from the specification), with a wrong-typed replacement. */
const requiredOf: Record<string, string[]> = {
  indicator: ['type', 'spec_version', 'id', 'created', 'modified', 'pattern', 'pattern_type', 'valid_from'],
  malware: ['type', 'spec_version', 'id', 'created', 'modified', 'is_family'],
  relationship: ['type', 'spec_version', 'id', 'created', 'modified', 'relationship_type', 'source_ref', 'target_ref'],
  'observed-data': ['type', 'spec_version', 'id', 'created', 'modified', 'first_observed', 'last_observed', 'number_observed'],
  'ipv4-addr': ['type', 'id', 'value'],
};

test('fuzz: the base objects are valid', () => {
  for (const base of bases21) {
    const report = validate(base, { bestPractices: false });
    assert.deepEqual(report.issues, [], String(base.type));
  }
});

test('fuzz: removing any required property is reported at that property', () => {
  fc.assert(
    fc.property(fc.nat(), fc.nat(), (i, j) => {
      const base = bases21[i % bases21.length];
      const required = requiredOf[base.type as string];
      const key = required[j % required.length];
      const { [key]: _removed, ...mutated } = base;
      const report = validate(mutated, { version: '2.1', bestPractices: false });
      assert.equal(report.valid, false, `removing ${key} from ${String(base.type)}`);
      if (key !== 'type')
        assert.ok(
          report.issues.some((x) => x.path === key || x.path.startsWith(`${key}`) || x.path === ''),
          `path of ${key}`,
        );
    }),
    { numRuns: 200 },
  );
});

const FORMATTED = new Set([
  'spec_version',
  'id',
  'created_by_ref',
  'created',
  'modified',
  'valid_from',
  'first_observed',
  'last_observed',
  'source_ref',
  'target_ref',
  'value',
]);

const wrongValues = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant('  '),
  fc.double(),
);

test('fuzz: a wrong-typed value in any defined property is an error at its path', () => {
  fc.assert(
    fc.property(fc.nat(), fc.nat(), wrongValues, (i, j, value) => {
      const base = bases21[i % bases21.length];
      const keys = Object.keys(base).filter((k) => k !== 'type');
      const key = keys[j % keys.length];
      const original = base[key];
      // Skip replacements that are still valid for that property (another integer for
      // number_observed, another free-text string for name); a blank string is still wrong for
      // formatted strings (timestamps, identifiers, spec_version, IP addresses).
      const sameType = typeof original === typeof value && Array.isArray(original) === Array.isArray(value) && value !== null;
      if (sameType && !(typeof value === 'string' && FORMATTED.has(key))) return;
      const mutated = { ...base, [key]: value };
      const report = validate(mutated, { version: '2.1', bestPractices: false });
      assert.equal(report.valid, false, `${String(base.type)}.${key} = ${JSON.stringify(value)}`);
      assert.ok(
        report.issues.some(
          (x) =>
            x.severity === 'error' && (x.path === key || x.path.startsWith(`${key}.`) || x.path.startsWith(`${key}[`) || x.path === ''),
        ),
        `${String(base.type)}.${key} = ${JSON.stringify(value)}: ${JSON.stringify(report.issues)}`,
      );
    }),
    { numRuns: 300 },
  );
});

test('fuzz: arbitrary JSON anywhere never makes validate throw', () => {
  const json = fc.jsonValue({ maxDepth: 3 });
  fc.assert(
    fc.property(fc.nat(), fc.array(fc.tuple(fc.string({ maxLength: 12 }), json), { maxLength: 4 }), (i, edits) => {
      const base = structuredClone(bases21[i % bases21.length]);
      for (const [key, value] of edits) base[key] = value;
      const report = validate({ type: 'bundle', id: 'bundle--1b5d9c7e-2b67-4a4a-9b5a-0d2b6f8c0f11', objects: [base] });
      assert.equal(typeof report.valid, 'boolean');
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(json, (value) => {
      assert.equal(typeof validate(value).valid, 'boolean');
      assert.equal(typeof validate(JSON.stringify(value)).valid, 'boolean');
    }),
    { numRuns: 300 },
  );
});
