import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin.ts');
function taxiway(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', bin, 'pattern', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'taxiway-pattern-'));
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const T = '2016-04-06T19:58:16.000Z';
const ip = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4', value: '198.51.100.3' };
const observed21 = {
  type: 'observed-data',
  spec_version: '2.1',
  id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
  created: T,
  modified: T,
  first_observed: T,
  last_observed: T,
  number_observed: 1,
  object_refs: [ip.id],
};
const bundle = write(
  'observed.json',
  JSON.stringify({ type: 'bundle', id: 'bundle--6e8a0c2e-4a6c-4e0a-82e4-8a0c2e4a6c8e', objects: [ip, observed21] }),
);
const observed20 = write(
  'observed20.json.gz',
  gzipSync(
    JSON.stringify([
      {
        type: 'observed-data',
        id: 'observed-data--c67d30ff-02ac-498a-92f9-32f845f448cf',
        created: T,
        modified: T,
        first_observed: T,
        last_observed: T,
        number_observed: 1,
        objects: { '0': { type: 'ipv4-addr', value: '198.51.100.3' } },
      },
    ]),
  ),
);

test('pattern validate: 0 when every pattern is valid, 1 with the error, its position and a caret', () => {
  const ok = taxiway(['validate', "[ipv4-addr:value ISSUBSET '198.51.100.0/24']"]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /✓ \[ipv4-addr:value ISSUBSET/);
  const bad = taxiway(['validate', "[file:name = 'x' AND]"]);
  assert.equal(bad.code, 1);
  assert.match(
    bad.stdout,
    /error expected .* found '\]' at line 1, column 21 \[PATTERN_UNEXPECTED_TOKEN\]\n {4}\[file:name = 'x' AND\]\n {24}\^/,
  );
});

test('pattern validate: -f reads one pattern per line (# comments, blank lines skipped); --format json; --version', () => {
  const file = write('patterns.txt', "# indicators\n[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']\n\n[file:hashes.MD5 = 'xyz']\n");
  const r = taxiway(['validate', '-f', file, '--format', 'json']);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout) as { valid: boolean; patterns: Array<{ valid: boolean; issues: Array<{ code: string }> }> };
  assert.equal(out.valid, false);
  assert.deepEqual(
    out.patterns.map((p) => [p.valid, p.issues.map((i) => i.code)]),
    [
      [true, []],
      [false, ['PATTERN_HASH_VALUE']],
    ],
  );
  // EXISTS is STIX 2.1 only.
  assert.equal(taxiway(['validate', '[EXISTS windows-registry-key:values]']).code, 0);
  assert.equal(taxiway(['validate', '--version', '2.0', '[EXISTS windows-registry-key:values]']).code, 1);
});

test('pattern print: canonical text; an invalid pattern exits 1', () => {
  const r = taxiway(['print', "([a:b=1] OR [c:d=2]) AND [e:f = 'x\\'y']   REPEATS 2 TIMES"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "([a:b = 1] OR [c:d = 2]) AND [e:f = 'x\\'y'] REPEATS 2 TIMES\n");
  assert.equal(taxiway(['print', '[a:b =]']).code, 1);
});

test('pattern match: 0 and the bindings when it matches (2.1 bundle, 2.0 .json.gz), 1 when not', () => {
  const hit = taxiway(['match', "[ipv4-addr:value ISSUBSET '198.51.100.0/24']", bundle, '--format', 'json']);
  assert.equal(hit.code, 0, hit.stderr);
  const out = JSON.parse(hit.stdout) as { matched: boolean; bindings: Array<{ observedData: string[] }> };
  assert.equal(out.matched, true);
  assert.deepEqual(out.bindings[0].observedData, [observed21.id]);
  assert.equal(taxiway(['match', "[ipv4-addr:value = '198.51.100.3']", observed20]).code, 0);
  const miss = taxiway(['match', "[ipv4-addr:value = '203.0.113.1']", bundle]);
  assert.equal(miss.code, 1);
  assert.match(miss.stdout, /no match over 1 observed-data/);
});

test('pattern match: usage and I/O errors exit 2', () => {
  assert.equal(taxiway(['match', '[a:b =', bundle]).code, 2);
  assert.equal(taxiway(['match', '[a:b = 1]', join(dir, 'missing.json')]).code, 2);
  assert.equal(taxiway(['match', '[a:b = 1]', write('bad.json', '{ nope')]).code, 2);
  assert.equal(taxiway(['validate']).code, 2);
});
