/**
 * TLS options against a node:https fake with self-signed certificates made by openssl: an
 * untrusted server is TAXII_TLS; `ca` (file or PEM) trusts it; `insecure` skips verification;
 * `cert` + `key` authenticate the client to a server that asks for a certificate.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { TaxiiClient, TaxiiClientError, type TlsOptions } from './index.js';
import { API_ROOT_21, json } from './test-http-fake.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const skip = hasOpenssl() ? false : 'the openssl command is not installed: cannot make certificates';
const dir = mkdtempSync(join(tmpdir(), 'taxiway-client-tls-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function selfSigned(name: string, subject: string, san?: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}-key.pem`);
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', subject];
  if (san) args.push('-addext', `subjectAltName=${san}`);
  execFileSync('openssl', args, { stdio: 'ignore' });
  return { cert, key };
}

async function withHttps(options: ServerOptions, run: (url: string) => Promise<void>): Promise<void> {
  const server = createServer(options, (_req, res) => json(res, 200, API_ROOT_21));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/api1/`;
  try {
    await run(url);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function open(url: string, tls: TlsOptions | undefined): Promise<string> {
  const client = new TaxiiClient({ retry: { retries: 0 }, ...(tls ? { tls } : {}) });
  try {
    return (await client.openApiRoot(url)).title;
  } finally {
    await client.close();
  }
}

async function openFails(url: string, tls: TlsOptions | undefined): Promise<TaxiiClientError> {
  try {
    await open(url, tls);
  } catch (error) {
    assert.ok(error instanceof TaxiiClientError, String(error));
    return error;
  }
  assert.fail('expected the TLS handshake to fail');
}

test('TLS: an untrusted server certificate is TAXII_TLS; `ca` (a file or PEM text) trusts it', { skip }, async () => {
  const server = selfSigned('server', '/CN=localhost', 'IP:127.0.0.1,DNS:localhost');
  await withHttps({ cert: readFileSync(server.cert), key: readFileSync(server.key) }, async (url) => {
    assert.equal((await openFails(url, undefined)).code, 'TAXII_TLS');
    assert.equal(await open(url, { ca: server.cert }), 'root');
    assert.equal(await open(url, { ca: readFileSync(server.cert, 'utf8') }), 'root');
  });
});

test('TLS: a certificate for another host name is TAXII_TLS even when trusted; `insecure` skips verification', { skip }, async () => {
  const server = selfSigned('other', '/CN=other.example', 'DNS:other.example');
  await withHttps({ cert: readFileSync(server.cert), key: readFileSync(server.key) }, async (url) => {
    assert.equal((await openFails(url, { ca: server.cert })).code, 'TAXII_TLS');
    assert.equal(await open(url, { insecure: true }), 'root');
  });
});

test('TLS: a server asking for a client certificate accepts `cert` + `key` and refuses none', { skip }, async () => {
  const server = selfSigned('mtls-server', '/CN=localhost', 'IP:127.0.0.1');
  const client = selfSigned('mtls-client', '/CN=taxii-client');
  await withHttps(
    {
      cert: readFileSync(server.cert),
      key: readFileSync(server.key),
      ca: readFileSync(client.cert),
      requestCert: true,
      rejectUnauthorized: true,
    },
    async (url) => {
      assert.equal(await open(url, { ca: server.cert, cert: client.cert, key: client.key }), 'root');
      const refused = await openFails(url, { ca: server.cert });
      // In TLS 1.3 the server refuses after the client's handshake is done: the client sees the socket close.
      assert.ok(['TAXII_TLS', 'TAXII_NETWORK'].includes(refused.code), refused.code);
    },
  );
});
