import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// Runs the CLI from source through tsx, so the tests need no build.
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin.ts');

function taxiway(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', bin, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const T = '2024-03-14T09:30:00.000Z';
const identity = {
  type: 'identity',
  spec_version: '2.1',
  id: 'identity--b7a0c4e2-3f5d-4e8a-9c1b-2d6f8e0a4b13',
  created: T,
  modified: T,
  name: 'CSIRT',
};
const bundle = (...objects: unknown[]) => JSON.stringify({ type: 'bundle', id: 'bundle--6e8a0c2e-4a6c-4e0a-82e4-8a0c2e4a6c8e', objects });
const dir = mkdtempSync(join(tmpdir(), 'taxiway-cli-'));
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
};

const valid = write('valid.json', bundle(identity));
const invalid = write('invalid.json', bundle({ ...identity, name: undefined, created: '2024-02-30T00:00:00.000Z' }));
const custom = write(
  'custom.json',
  bundle(identity, {
    type: 'x-acme-widget',
    spec_version: '2.1',
    id: 'x-acme-widget--1b5d9c7e-2b67-4a4a-9b5a-0d2b6f8c0f11',
    created: T,
    modified: T,
  }),
);
const unprefixed = write('unprefixed.json', bundle({ ...identity, score: 3 }));

test('validate: a valid file exits 0 and says so', () => {
  const r = taxiway(['validate', valid]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /✓ valid/);
  assert.match(r.stdout, /STIX 2\.1, 1 object\)/);
});

test('validate: an invalid file exits 1 and names the codes and paths', () => {
  const r = taxiway(['validate', invalid]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /objects\[0\]\.name: name is required/);
  assert.match(r.stdout, /STIX_INVALID_TIMESTAMP/);
  assert.match(r.stdout, /✗ invalid: 2 errors/);
});

test('validate: --format json is one machine-readable document', () => {
  const r = taxiway(['validate', '--format', 'json', valid, invalid]);
  assert.equal(r.code, 1);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.valid, false);
  assert.deepEqual(
    doc.files.map((f: { file: string; valid: boolean }) => [f.file, f.valid]),
    [
      [valid, true],
      [invalid, false],
    ],
  );
  assert.equal(doc.files[1].issues[0].path, 'objects[0].created');
});

test('validate: standard input with -, and without arguments when piped', () => {
  assert.equal(taxiway(['validate', '-'], bundle(identity)).code, 0);
  assert.equal(taxiway(['validate'], bundle({ ...identity, name: 3 })).code, 1);
});

test('validate: a directory is searched for .json and .json.gz files', () => {
  const sub = join(dir, 'tree');
  write('tree/a.json', bundle(identity));
  write('tree/deep/b.json.gz', gzipSync(bundle(identity)));
  write('tree/notes.txt', 'not json');
  const r = taxiway(['validate', sub]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /2 files: 2 valid, 0 invalid/);
});

test('validate: gzip input is read transparently (streaming path)', () => {
  const gz = write('bundle.json.gz', gzipSync(bundle({ ...identity, name: undefined })));
  const r = taxiway(['validate', gz]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /STIX_MISSING_PROPERTY/);
});

test('validate: malformed JSON is an invalid input, not a crash', () => {
  const broken = write('broken.json', '{"type": "bundle", "objects": [');
  const r = taxiway(['validate', broken]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /STIX_JSON_SYNTAX/);
});

test('validate: a missing file is an I/O error (exit 2), other files are still validated', () => {
  const r = taxiway(['validate', join(dir, 'nope.json'), valid]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /nope\.json: no such file or directory/);
  assert.match(r.stdout, /✓ valid/);
});

test('validate: an unknown best-practice check is a usage error (exit 2)', () => {
  const r = taxiway(['validate', '--disable', 'no-such-check', valid]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown best-practice check/);
});

test('validate: --strict turns best-practice warnings into errors', () => {
  assert.equal(taxiway(['validate', unprefixed]).code, 0);
  const r = taxiway(['validate', '--strict', unprefixed]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /101 custom-prefix/);
  assert.equal(taxiway(['validate', '--strict', '--disable', '101,102', unprefixed]).code, 0);
});

test('validate: custom types pass by default and fail under --strict-types', () => {
  assert.equal(taxiway(['validate', custom]).code, 0);
  const r = taxiway(['validate', '--strict-types', custom]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /STIX_UNKNOWN_TYPE/);
});

test('validate: custom properties fail under --strict-properties', () => {
  const r = taxiway(['validate', '--strict-properties', unprefixed]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /STIX_CUSTOM_PROPERTY/);
});

test('validate: --version 2.0 validates as STIX 2.0', () => {
  const b20 = JSON.stringify({
    type: 'bundle',
    id: 'bundle--6e8a0c2e-4a6c-4e0a-82e4-8a0c2e4a6c8e',
    spec_version: '2.0',
    objects: [{ type: 'identity', id: identity.id, created: T, modified: T, name: 'CSIRT', identity_class: 'organization' }],
  });
  const file = write('v20.json', b20);
  const r = taxiway(['validate', '--version', '2.0', file]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /STIX 2\.0/);
  // The same file as 2.1 is not valid (no spec_version on the identity, a bundle spec_version).
  assert.equal(taxiway(['validate', '--version', '2.1', file]).code, 1);
});

test('validate: --enforce-refs reports references to objects not in the input', () => {
  const file = write('refs.json', bundle({ ...identity, created_by_ref: 'identity--0b5d9c7e-2b67-4a4a-9b5a-0d2b6f8c0f11' }));
  assert.equal(taxiway(['validate', file]).code, 0);
  const r = taxiway(['validate', '--enforce-refs', file]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /STIX_UNRESOLVED_REF/);
});

test('validate: --help lists exit codes and the best-practice checks', () => {
  const r = taxiway(['validate', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /101 custom-prefix/);
  assert.match(taxiway(['--help']).stdout, /Exit codes: 0 ok, 1 the input is invalid, 2 usage or I\/O error/);
});
