import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rewritePatternPaths } from './pattern-paths.js';

const up = (p: string) => rewritePatternPaths(p, '2.1').pattern;
const down = (p: string) => rewritePatternPaths(p, '2.0').pattern;

test('pattern: file and directory MAC times are renamed (2.1 §6.3, §6.7)', () => {
  assert.equal(up("[file:created > t'2016-01-01T00:00:00Z']"), "[file:ctime > t'2016-01-01T00:00:00Z']");
  assert.equal(
    up("[directory:modified = t'2016-01-01T00:00:00Z' OR file:accessed = t'2017-01-01T00:00:00Z']"),
    "[directory:mtime = t'2016-01-01T00:00:00Z' OR file:atime = t'2017-01-01T00:00:00Z']",
  );
  assert.equal(down("[file:ctime > t'2016-01-01T00:00:00Z']"), "[file:created > t'2016-01-01T00:00:00Z']");
});

test('pattern: process binary_ref / created, user-account, registry key (2.1 §6.11, §6.16, §6.17)', () => {
  assert.equal(up("[process:binary_ref.name = 'a.exe']"), "[process:image_ref.name = 'a.exe']");
  assert.equal(up("[process:created < t'2016-01-01T00:00:00Z']"), "[process:created_time < t'2016-01-01T00:00:00Z']");
  assert.equal(
    up("[user-account:password_last_changed < t'2016-01-01T00:00:00Z']"),
    "[user-account:credential_last_changed < t'2016-01-01T00:00:00Z']",
  );
  assert.equal(
    up("[windows-registry-key:modified < t'2016-01-01T00:00:00Z']"),
    "[windows-registry-key:modified_time < t'2016-01-01T00:00:00Z']",
  );
  assert.equal(down("[process:image_ref.name = 'a.exe']"), "[process:binary_ref.name = 'a.exe']");
});

test('pattern: renames follow references with one target type', () => {
  assert.equal(up("[process:parent_ref.created > t'2016-01-01T00:00:00Z']"), "[process:parent_ref.created_time > t'2016-01-01T00:00:00Z']");
  assert.equal(
    up("[process:child_refs[*].binary_ref.created > t'2016-01-01T00:00:00Z']"),
    "[process:child_refs[*].image_ref.ctime > t'2016-01-01T00:00:00Z']",
  );
  assert.equal(
    up("[file:parent_directory_ref.created > t'2016-01-01T00:00:00Z']"),
    "[file:parent_directory_ref.ctime > t'2016-01-01T00:00:00Z']",
  );
});

test('pattern: string literals, other types and nested properties are left alone', () => {
  for (const p of [
    "[file:name = 'file:created']",
    "[file:name = 'it\\'s file:modified']",
    "[ipv4-addr:value = '198.51.100.1/32']",
    "[file:extensions.'archive-ext'.version = '5']",
    "[network-traffic:src_ref.value = '203.0.113.1'] FOLLOWEDBY [url:value = 'http://x/created']",
    '[x-acme:created = 1]',
    "[email-message:from_ref.value MATCHES '.+@example\\\\.com$']",
  ]) {
    const r = rewritePatternPaths(p, '2.1');
    assert.equal(r.pattern, p);
    assert.deepEqual(r.renamed, []);
  }
});

test('pattern: the rewrite lists what it renamed', () => {
  assert.deepEqual(
    rewritePatternPaths("[file:created > t'2016-01-01T00:00:00Z' AND process:created = t'2016-01-01T00:00:00Z']", '2.1').renamed,
    ['file:created → file:ctime', 'process:created → process:created_time'],
  );
});

test('pattern: properties the target version lacks are listed, not renamed (2.0 process:name, 2.1 software:swid)', () => {
  const a = rewritePatternPaths("[process:name = 'cmd.exe' AND process:pid = 4]", '2.1');
  assert.deepEqual(a.unconvertible, ['process:name']);
  assert.equal(a.pattern, "[process:name = 'cmd.exe' AND process:pid = 4]");
  assert.deepEqual(rewritePatternPaths("[software:swid = 'x']", '2.0').unconvertible, ['software:swid']);
  // Passing case: properties both versions have, and names inside string literals.
  assert.deepEqual(rewritePatternPaths("[process:pid = 4 AND file:name = 'process:name']", '2.1').unconvertible, []);
});
