import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registries } from '../registries.js';
import { generateBundle } from '../testing/generate-bundle.js';
import { observableSpecs20 } from '../v20/observables.js';
import { validate } from '../validate.js';
import { convert } from './convert.js';
import { COMMON_ADDED_IN_21, LABEL_MOVES, SCO_ADDED_IN_21, SCO_REMOVED_IN_21, SCO_RENAMES_20_TO_21, SDO_ADDED_IN_21 } from './tables.js';
import type { ConversionReport, ConvertJson } from './types.js';

const errors = (content: unknown, version: '2.0' | '2.1') =>
  validate(content, { version, bestPractices: false }).issues.filter((i) => i.severity === 'error');

/** (objectId, top-level property) pairs a report names. */
function listed(...reports: ConversionReport[]): Set<string> {
  const out = new Set<string>();
  for (const r of reports)
    for (const c of r.changes) {
      const top = c.path.split(/[.[]/)[0];
      out.add(`${c.objectId} ${top}`);
      // 2.0 labels are 2.1 <type>_types: a change to one is a change to the other.
      if (top === 'labels') for (const move of Object.values(LABEL_MOVES)) out.add(`${c.objectId} ${move.property}`);
    }
  return out;
}

/** (id, property) pairs where two lists of objects differ. */
function differences(a: readonly ConvertJson[], b: readonly ConvertJson[]): string[] {
  const byId = new Map(b.map((o) => [o.id, o]));
  const out: string[] = [];
  for (const o of a) {
    const other = byId.get(o.id);
    if (!other) {
      out.push(`${String(o.id)} `);
      continue;
    }
    for (const key of new Set([...Object.keys(o), ...Object.keys(other)]))
      if (JSON.stringify(o[key]) !== JSON.stringify(other[key])) out.push(`${String(o.id)} ${key}`);
  }
  return out;
}

test('round trip: an ATT&CK-shaped 2.0 bundle → 2.1 validates, and → 2.0 again equals the original', () => {
  const original = generateBundle({ version: '2.0', objects: 3000 });
  const up = convert(original, { to: '2.1' });
  assert.equal(up.shape, 'bundle');
  if (up.shape !== 'bundle') return;
  assert.deepEqual(errors(up.bundle, '2.1'), []);
  const down = convert(up.bundle, { to: '2.0' });
  assert.equal(down.shape, 'bundle');
  if (down.shape !== 'bundle') return;
  assert.deepEqual(errors(down.bundle, '2.0'), []);
  assert.deepEqual(down.bundle, original);
  // What was added on the way up is exactly what was dropped on the way down.
  const added = up.report.changes.filter((c) => c.kind === 'defaulted-property').map((c) => `${c.objectId} ${c.path}`);
  const dropped = down.report.changes.filter((c) => c.kind === 'dropped-property').map((c) => `${c.objectId} ${c.path}`);
  assert.deepEqual(dropped.sort(), added.sort());
});

for (const seed of [2, 3, 5, 8, 13])
  test(`round trip (seed ${seed}): differences are exactly what the reports list`, () => {
    const original = generateBundle({ version: '2.0', objects: 400, seed });
    const originalObjects = original.objects as ConvertJson[];
    const up = convert(original, { to: '2.1', keepRemovedAsCustom: seed % 2 === 0 });
    assert.deepEqual(errors(up.objects, '2.1'), []);
    const down = convert(up.objects, { to: '2.0' });
    assert.deepEqual(errors(down.objects, '2.0'), []);
    const reported = listed(up.report, down.report);
    for (const d of differences(originalObjects, down.objects)) assert.ok(reported.has(d), `unreported difference ${d}`);
    // And from 2.1: the SCOs fold into their observed-data and come back with the same ids.
    const original21 = generateBundle({ version: '2.1', objects: 400, seed });
    const down21 = convert(original21, { to: '2.0' });
    assert.deepEqual(errors(down21.objects, '2.0'), []);
    const up21 = convert(down21.objects, { to: '2.1' });
    assert.deepEqual(errors(up21.objects, '2.1'), []);
    const sdo = (o: ConvertJson) =>
      o.type !== 'ipv4-addr' && o.type !== 'network-traffic' && o.type !== 'file' && o.type !== 'observed-data';
    const reported21 = listed(down21.report, up21.report);
    for (const d of differences((original21.objects as ConvertJson[]).filter(sdo), up21.objects.filter(sdo)))
      assert.ok(reported21.has(d), `unreported difference ${d}`);
  });

test('tables: every property only one version defines is renamed, removed or added in the tables', () => {
  const r20 = registries['2.0'];
  const r21 = registries['2.1'];
  for (const [type, def] of r20.types) {
    const d21 = r21.types.get(type);
    if (!d21) continue;
    const only21 = [...d21.spec.properties.keys()].filter((k) => !def.spec.properties.has(k) && k !== 'spec_version');
    const handled = new Set([...COMMON_ADDED_IN_21, ...(SDO_ADDED_IN_21[type] ?? []), LABEL_MOVES[type]?.property, 'object_refs']);
    assert.deepEqual(
      only21.filter((k) => !handled.has(k)),
      [],
      type,
    );
    assert.deepEqual(
      [...def.spec.properties.keys()].filter((k) => !d21.spec.properties.has(k)),
      [],
      type,
    );
  }
  for (const [type, spec20] of observableSpecs20) {
    const spec21 = r21.types.get(type)?.spec;
    assert.ok(spec21, type);
    const renames = SCO_RENAMES_20_TO_21[type] ?? {};
    const only20 = [...spec20.properties.keys()].filter((k) => !spec21.properties.has(k));
    const removed = new Set([...SCO_REMOVED_IN_21['*'], ...(SCO_REMOVED_IN_21[type] ?? []), ...Object.keys(renames)]);
    assert.deepEqual(
      only20.filter((k) => !removed.has(k)),
      [],
      type,
    );
    const only21 = [...spec21.properties.keys()].filter((k) => !spec20.properties.has(k));
    const added = new Set(['id', 'spec_version', ...SCO_ADDED_IN_21['*'], ...(SCO_ADDED_IN_21[type] ?? []), ...Object.values(renames)]);
    assert.deepEqual(
      only21.filter((k) => !added.has(k)),
      [],
      type,
    );
  }
});
