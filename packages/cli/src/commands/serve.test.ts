import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin.ts');
const dir = mkdtempSync(join(tmpdir(), 'taxiway-serve-'));

function taxiway(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', bin, ...args], { input, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('hash-password reads standard input and prints a scrypt hash', () => {
  const r = taxiway(['hash-password'], 'hunter2hunter2\n');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+\n$/);
});

test('hash-password --token prints sha256$hex; an empty input is a usage error', () => {
  assert.match(taxiway(['hash-password', '--token'], 'abc').stdout, /^sha256\$ba7816bf[0-9a-f]{56}\n$/);
  assert.equal(taxiway(['hash-password'], '').code, 2);
});

test('serve needs --config or --demo (exit 2); an invalid config is exit 1 with the path', () => {
  assert.equal(taxiway(['serve']).code, 2);
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'discovery: { title: T }\napi_roots: []\n');
  const r = taxiway(['serve', '--config', bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /api_roots: at least one API root/);
});

test('serve --demo listens, prints the discovery URL and a password, and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, 'serve', '--demo', '--port', '0', '--log-level', 'warn'], {
    env: { ...process.env, TAXIWAY_SQLITE_PATH: join(dir, 'demo.db') },
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${stderr}`)), 20_000);
    child.stderr.on('data', () => {
      const m = /discovery: +(\S+)/.exec(stderr);
      if (m && /password: +\S+/.test(stderr)) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const password = /password: +(\S+)/.exec(stderr)?.[1] ?? '';
  const r = await fetch(url, {
    headers: { accept: 'application/taxii+json;version=2.1', authorization: `Basic ${Buffer.from(`demo:${password}`).toString('base64')}` },
  });
  assert.equal(r.status, 200);
  assert.equal((await r.json()).title, 'Taxiway demo TAXII server');
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await exit, 0);
});
