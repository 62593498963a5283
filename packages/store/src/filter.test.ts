import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoreError } from './errors.js';
import { compileFilter, type FilterInput, matchesAll } from './filter.js';

const technique = {
  type: 'attack-pattern',
  spec_version: '2.1',
  id: 'attack-pattern--0b7b2a4e-6f2a-4f6e-8c7e-0d2f1b3c4a5e',
  created: '2020-01-01T00:00:00.000Z',
  modified: '2021-06-01T12:00:00.123Z',
  name: 'Command and Scripting Interpreter',
  x_mitre_version: '2.1',
  x_mitre_platforms: ['Windows', 'Linux'],
  confidence: 60,
  revoked: false,
  kill_chain_phases: [
    { kill_chain_name: 'mitre-attack', phase_name: 'execution' },
    { kill_chain_name: 'mitre-attack', phase_name: 'persistence' },
  ],
  external_references: [
    { source_name: 'mitre-attack', external_id: 'T1059', url: 'https://attack.mitre.org/techniques/T1059' },
    { source_name: 'capec', external_id: 'CAPEC-1' },
  ],
  hashes: { 'SHA-256': 'abc' },
};

const match = (...filters: FilterInput[]): boolean => matchesAll(technique, filters.map(compileFilter));

const cases: { name: string; yes: FilterInput; no: FilterInput }[] = [
  { name: '= on a string', yes: ['type', '=', 'attack-pattern'], no: ['type', '=', 'malware'] },
  { name: '= on a number', yes: ['confidence', '=', 60], no: ['confidence', '=', 61] },
  { name: '= on a boolean', yes: ['revoked', '=', false], no: ['revoked', '=', true] },
  { name: '= on a list: any element', yes: ['x_mitre_platforms', '=', 'Linux'], no: ['x_mitre_platforms', '=', 'macOS'] },
  {
    name: '= on a list with a list: the whole list',
    yes: ['x_mitre_platforms', '=', ['Windows', 'Linux']],
    no: ['x_mitre_platforms', '=', ['Linux']],
  },
  { name: '!= on a string', yes: ['type', '!=', 'malware'], no: ['type', '!=', 'attack-pattern'] },
  { name: '!= on a list: no element equal', yes: ['x_mitre_platforms', '!=', 'macOS'], no: ['x_mitre_platforms', '!=', 'Linux'] },
  { name: 'in', yes: ['type', 'in', ['malware', 'attack-pattern']], no: ['type', 'in', ['malware', 'tool']] },
  { name: 'in on a list property', yes: ['x_mitre_platforms', 'in', ['macOS', 'Linux']], no: ['x_mitre_platforms', 'in', ['macOS']] },
  { name: '< on a number', yes: ['confidence', '<', 61], no: ['confidence', '<', 60] },
  { name: '<= on a number', yes: ['confidence', '<=', 60], no: ['confidence', '<=', 59] },
  { name: '> on a number', yes: ['confidence', '>', 59], no: ['confidence', '>', 60] },
  { name: '>= on a number', yes: ['confidence', '>=', 60], no: ['confidence', '>=', 61] },
  { name: '> on a timestamp', yes: ['modified', '>', '2021-06-01T12:00:00.1229Z'], no: ['modified', '>', '2021-06-01T12:00:00.123Z'] },
  { name: '< on a timestamp', yes: ['modified', '<', '2021-06-01T12:00:00.1231Z'], no: ['modified', '<', '2021-06-01T12:00:00.12300Z'] },
  {
    name: '>= on a timestamp, another precision',
    yes: ['modified', '>=', '2021-06-01T12:00:00.123000Z'],
    no: ['modified', '>=', '2021-06-01T12:00:01Z'],
  },
  {
    name: '<= with a Date',
    yes: ['modified', '<=', new Date('2021-06-01T12:00:00.123Z')],
    no: ['modified', '<=', new Date('2021-06-01T12:00:00.122Z')],
  },
  {
    name: '= on timestamps of differing precision',
    yes: ['modified', '=', '2021-06-01T12:00:00.1230Z'],
    no: ['modified', '=', '2021-06-01T12:00:00.124Z'],
  },
  { name: '< on a non-timestamp string (code-unit order)', yes: ['name', '<', 'D'], no: ['name', '<', 'A'] },
  { name: 'contains on a string: a substring', yes: ['name', 'contains', 'Scripting'], no: ['name', 'contains', 'scripting'] },
  {
    name: 'contains on a list: an element',
    yes: ['x_mitre_platforms', 'contains', 'Windows'],
    no: ['x_mitre_platforms', 'contains', 'Win'],
  },
  { name: 'contains on a dictionary: a key', yes: ['hashes', 'contains', 'SHA-256'], no: ['hashes', 'contains', 'MD5'] },
  {
    name: 'dotted path through a list: any element (external_references.external_id)',
    yes: ['external_references.external_id', '=', 'T1059'],
    no: ['external_references.external_id', '=', 'T1003'],
  },
  {
    name: 'dotted path: kill_chain_phases.phase_name',
    yes: ['kill_chain_phases.phase_name', '=', 'persistence'],
    no: ['kill_chain_phases.phase_name', '=', 'impact'],
  },
  { name: 'dotted path into a dictionary', yes: ['hashes.SHA-256', '=', 'abc'], no: ['hashes.SHA-256', '=', 'abd'] },
  {
    name: 'object form { property, op, value }',
    yes: { property: 'type', op: '=', value: 'attack-pattern' },
    no: { property: 'type', op: '=', value: 'tool' },
  },
];

for (const c of cases) {
  test(`filter ${c.name}: matches`, () => assert.equal(match(c.yes), true));
  test(`filter ${c.name}: does not match`, () => assert.equal(match(c.no), false));
}

test('filter: a missing property never matches, not even != (as python-stix2)', () => {
  assert.equal(match(['description', '!=', 'x']), false);
  assert.equal(match(['external_references.description', '=', 'x']), false);
  assert.equal(match(['name.first', '=', 'x']), false);
});

test('filter: one pair of a list element need not satisfy both parts of two filters (each filter is separate)', () => {
  assert.equal(match(['external_references.source_name', '=', 'capec'], ['external_references.external_id', '=', 'T1059']), true);
});

test('filter: several filters are combined with AND', () => {
  assert.equal(match(['type', '=', 'attack-pattern'], ['confidence', '>', 50]), true);
  assert.equal(match(['type', '=', 'attack-pattern'], ['confidence', '>', 70]), false);
});

test('filter: ordering values of different kinds do not match', () => {
  assert.equal(match(['confidence', '>', '10']), false);
  assert.equal(match(['name', '>', 1]), false);
});

test('filter: invalid filters throw STORE_INVALID_FILTER', () => {
  const bad: unknown[] = [
    ['type', '~', 'x'],
    ['', '=', 'x'],
    ['a..b', '=', 'x'],
    ['type', 'in', 'x'],
    ['type', '>', { a: 1 }],
    ['type', '='],
    { property: 'type', op: '=' },
    'type = x',
    ['modified', '>', new Date('not a date')],
  ];
  for (const f of bad) {
    assert.throws(
      () => compileFilter(f as FilterInput),
      (e: unknown) => e instanceof StoreError && e.code === 'STORE_INVALID_FILTER',
      JSON.stringify(f),
    );
  }
});
