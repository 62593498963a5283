import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

// Runs the CLI from source through tsx, so the tests need no build of the CLI.
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin.ts');

function taxiway(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', bin, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const T = '2016-04-06T20:03:00.000Z';
const malware20 = {
  type: 'malware',
  id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
  created: T,
  modified: T,
  name: 'm',
  labels: ['trojan'],
};
const bundle20 = JSON.stringify({
  type: 'bundle',
  id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
  spec_version: '2.0',
  objects: [malware20],
});
const malware21 = { type: 'malware', spec_version: '2.1', id: malware20.id, created: T, modified: T, name: 'm', is_family: true };
const bundle21 = JSON.stringify({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [malware21] });

const dir = mkdtempSync(join(tmpdir(), 'taxiway-convert-'));
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
};
const in20 = write('in/a.json', bundle20);
write('in/deep/b.json.gz', gzipSync(bundle20));
const in21 = write('b21.json', bundle21);

test('convert: a 2.0 file to 2.1 on stdout, summary by kind on stderr', () => {
  const r = taxiway(['convert', '--to', '2.1', in20]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.objects[0].spec_version, '2.1');
  assert.deepEqual(out.objects[0].malware_types, ['trojan']);
  assert.match(r.stderr, /STIX 2\.0 → 2\.1, 1 → 1 objects, 1 change/);
  assert.match(r.stderr, /defaulted-property\s+1/);
});

test('convert: 2.1 to 2.0 from stdin, --validate passes', () => {
  const r = taxiway(['convert', '--to', '2.0', '--validate', '-'], bundle21);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.spec_version, '2.0');
  assert.deepEqual(out.objects[0].labels, ['malware']);
});

test('convert: .gz output when OUT ends in .gz; --pretty indents', () => {
  const out = join(dir, 'out.json.gz');
  assert.equal(taxiway(['convert', '--to', '2.0', in21, out]).code, 0);
  assert.equal(JSON.parse(gunzipSync(readFileSync(out)).toString()).spec_version, '2.0');
  const pretty = taxiway(['convert', '--to', '2.0', '--pretty', in21]);
  assert.match(pretty.stdout, /^\{\n {2}"type": "bundle"/);
});

test('convert: a directory is converted recursively into a mirrored tree (gzip input by magic bytes)', () => {
  const out = join(dir, 'tree');
  const r = taxiway(['convert', '--to', '2.1', join(dir, 'in'), out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(readFileSync(join(out, 'a.json'), 'utf8')).objects[0].spec_version, '2.1');
  assert.equal(JSON.parse(gunzipSync(readFileSync(join(out, 'deep', 'b.json.gz'))).toString()).objects[0].spec_version, '2.1');
});

test('convert: --report writes the full report; --format json gives the summary as JSON', () => {
  const report = join(dir, 'report.json');
  const r = taxiway(['convert', '--to', '2.1', '--format', 'json', '--report', report, in20]);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stderr);
  assert.deepEqual(summary.files[0].counts, { 'defaulted-property': 1 });
  const full = JSON.parse(readFileSync(report, 'utf8'));
  assert.equal(full.files[0].report.changes[0].kind, 'defaulted-property');
  assert.equal(full.files[0].report.changes[0].path, 'is_family');
});

test('convert: --from forces the source version; --keep-removed carries properties', () => {
  const r = taxiway(['convert', '--to', '2.0', '--from', '2.1', '--keep-removed', in21]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).objects[0].x_stix21_is_family, true);
});

test('convert: --custom-objects custom carries 2.1-only objects', () => {
  const grouping = {
    type: 'grouping',
    spec_version: '2.1',
    id: 'grouping--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3',
    created: T,
    modified: T,
    context: 'suspicious-activity',
    object_refs: [malware21.id],
  };
  const input = JSON.stringify({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [malware21, grouping] });
  const custom = taxiway(['convert', '--to', '2.0', '--custom-objects', 'custom', '-'], input);
  assert.equal(JSON.parse(custom.stdout).objects[1].type, 'x-stix21-grouping');
  const dropped = taxiway(['convert', '--to', '2.0', '-'], input);
  assert.equal(JSON.parse(dropped.stdout).objects.length, 1);
  assert.match(dropped.stderr, /dropped-object\s+1/);
});

test('convert: invalid input exits 1; --validate failure exits 1 and writes nothing', () => {
  const bad = taxiway(['convert', '--to', '2.1', '-'], '{not json');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /not well-formed JSON/);
  assert.equal(taxiway(['convert', '--to', '2.1', '-'], '42').code, 1);
  const out = join(dir, 'never.json');
  const invalid = JSON.stringify({
    type: 'bundle',
    id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
    // Not a timestamp: conversion passes it through, 2.0 validation refuses it.
    objects: [{ ...malware21, created: 'yesterday' }],
  });
  const r = taxiway(['convert', '--to', '2.0', '--validate', '-', out], invalid);
  assert.equal(r.code, 1);
  assert.equal(existsSync(out), false);
});

test('convert: usage and I/O errors exit 2', () => {
  assert.equal(taxiway(['convert', in20]).code, 2);
  assert.equal(taxiway(['convert', '--to', '3.0', in20]).code, 2);
  assert.equal(taxiway(['convert', '--to', '2.1', join(dir, 'missing.json')]).code, 2);
  assert.equal(taxiway(['convert', '--to', '2.1', join(dir, 'in')]).code, 2);
});
