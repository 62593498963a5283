import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idHash } from './id-hash.js';
import { IdRows } from './id-rows.js';

test('IdRows: every rowid added under a hash is found, through growth, and nothing else', () => {
  const rows = new IdRows();
  const expected = new Map<number, number[]>();
  for (let i = 1; i <= 20_000; i++) {
    const hash = idHash(`indicator--${i % 7000}`);
    rows.add(hash, i);
    expected.set(hash, [...(expected.get(hash) ?? []), i]);
  }
  assert.equal(rows.size, 20_000);
  for (const [hash, rowids] of expected)
    assert.deepEqual(
      rows.rowidsOf(hash).sort((a, b) => a - b),
      rowids,
    );
  assert.deepEqual(rows.rowidsOf(idHash('indicator--absent')), []);
});

test('IdRows: adding a pair twice keeps one; a removed pair is gone and its slot reused', () => {
  const rows = new IdRows();
  const hash = idHash('malware--1');
  rows.add(hash, 5);
  rows.add(hash, 5);
  rows.add(hash, 9);
  assert.deepEqual(rows.rowidsOf(hash), [5, 9]);
  rows.remove(hash, 5);
  assert.deepEqual(rows.rowidsOf(hash), [9]);
  rows.remove(hash, 42); // not held: nothing changes
  assert.equal(rows.size, 1);
  // Many adds and removes: the removed slots do not make the table grow without bound.
  for (let i = 0; i < 100_000; i++) {
    const h = idHash(`x--${i}`);
    rows.add(h, i);
    rows.remove(h, i);
  }
  assert.equal(rows.size, 1);
  assert.deepEqual(rows.rowidsOf(hash), [9]);
});

test('IdRows: hashes that share their low bits (one probe chain) are told apart', () => {
  const rows = new IdRows();
  const base = 0x1234_0000_0000;
  for (let i = 0; i < 50; i++) rows.add(base + i * 2 ** 32, i);
  for (let i = 0; i < 50; i++) assert.deepEqual(rows.rowidsOf(base + i * 2 ** 32), [i]);
  assert.deepEqual(rows.rowidsOf(base + 50 * 2 ** 32), []);
});
