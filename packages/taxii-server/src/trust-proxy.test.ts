import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateConfig } from './config.js';
import { testConfig, testServer } from './test-fixtures.js';

const TAXII_20 = 'application/vnd.oasis.taxii+json; version=2.0';
/** What a TLS-terminating proxy in front adds to the request it passes on. */
const FORWARDED = {
  host: 'internal:8080',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'taxii.example',
  'x-forwarded-for': '198.51.100.7',
};

async function discovery20(trust: boolean | number | readonly string[] | undefined): Promise<string[]> {
  const server = await testServer(trust === undefined ? {} : { listen: { trust_proxy: trust } });
  try {
    const r = await server.request('GET', '/taxii/', { headers: { accept: TAXII_20, ...FORWARDED } });
    assert.equal(r.statusCode, 200);
    return (r.json() as { api_roots: string[] }).api_roots;
  } finally {
    await server.close();
  }
}

test("listen.trust_proxy: a trusted proxy's X-Forwarded-Proto / -Host make the TAXII 2.0 api_roots URLs https on the public host", async () => {
  // app.inject's peer is 127.0.0.1.
  for (const trust of [true, 1, ['127.0.0.1'], ['127.0.0.0/8', '::1']] as const) {
    const roots = await discovery20(trust);
    assert.ok(roots.length > 0);
    for (const url of roots) assert.match(url, /^https:\/\/taxii\.example\//, `trust_proxy ${JSON.stringify(trust)}: ${url}`);
  }
});

test('without listen.trust_proxy, or when the peer is not a listed proxy, X-Forwarded-* are ignored', async () => {
  for (const trust of [undefined, false, ['10.0.0.1']] as const) {
    const roots = await discovery20(trust);
    for (const url of roots) assert.match(url, /^http:\/\/internal:8080\//, `trust_proxy ${JSON.stringify(trust)}: ${url}`);
  }
});

test('listen.trust_proxy is checked: true/false, 1–10 hops, or a non-empty list of addresses and CIDR ranges', async () => {
  for (const [trust, message] of [
    ['yes', /listen\.trust_proxy: expected true, a number of proxy hops or a list/],
    [0, /listen\.trust_proxy: expected an integer from 1 to 10/],
    [1.5, /listen\.trust_proxy: expected an integer from 1 to 10/],
    [[], /listen\.trust_proxy: an empty list/],
    [['10.0.0.0/33'], /listen\.trust_proxy\[0\]: expected an IP address or CIDR range/],
    [['127.0.0.1', 'proxy.example'], /listen\.trust_proxy\[1\]/],
    [['::1/129'], /listen\.trust_proxy\[0\]/],
  ] as const) {
    const config = await testConfig({ listen: { trust_proxy: trust as never } });
    assert.throws(() => validateConfig(config), message, JSON.stringify(trust));
  }
  for (const trust of [true, false, 2, ['10.0.0.0/8', '2001:db8::/32', '192.0.2.1']]) {
    const config = await testConfig({ listen: { trust_proxy: trust } });
    assert.deepEqual(validateConfig(config).listen?.trust_proxy, trust);
  }
});
