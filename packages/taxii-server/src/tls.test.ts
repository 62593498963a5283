import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createServer } from './server.js';
import { testConfig, testStorage, tokenOf } from './test-fixtures.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const skip = hasOpenssl() ? false : 'the openssl command is not installed: cannot make a self-signed certificate';

test('HTTPS with a self-signed certificate: TLS 1.2+ only (TAXII 2.1 §8.2.2)', { skip }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'taxiway-tls-'));
  const storage = testStorage();
  await storage.open();
  try {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'],
      { stdio: 'ignore' },
    );
    const app = await createServer(await testConfig({ listen: { host: '127.0.0.1', port: 0, tls: { cert, key } } }), { storage });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const get = (options: { maxVersion?: 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'; minVersion?: 'TLSv1' | 'TLSv1.2' }) =>
      new Promise<{ status: number; protocol: string; body: string }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/taxii2/',
            rejectUnauthorized: false,
            agent: false,
            headers: { authorization: `Bearer ${tokenOf('alice')}` },
            ...options,
          },
          (res) => {
            const protocol = (res.socket as import('node:tls').TLSSocket).getProtocol() ?? '';
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, protocol, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    const tls13 = await get({});
    assert.equal(tls13.status, 200);
    assert.equal(tls13.protocol, 'TLSv1.3');
    const tls12 = await get({ maxVersion: 'TLSv1.2' });
    assert.equal(tls12.status, 200);
    assert.equal(JSON.parse(tls12.body).title, 'Test server');
    await assert.rejects(get({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1' }));
    await app.close();
  } finally {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  }
});
