/**
 * The transport against tiny node:http fakes: retries (429/503, Retry-After, backoff, resets),
 * timeouts, size bounds, redirects, headers, and that credentials never reach a message.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaxiiClientError } from './errors.js';
import { HttpTransport, type TransportOptions } from './http-transport.js';
import { expectStatus, readJson } from './response.js';
import { API_ROOT_21, type FakeHandler, type HttpFake, json, startHttpFake, TAXII21 } from './test-http-fake.js';
import { USER_AGENT } from './user-agent.js';

async function withFake(
  handler: FakeHandler,
  run: (fake: HttpFake, transport: (o?: TransportOptions) => HttpTransport) => Promise<void>,
): Promise<void> {
  const fake = await startHttpFake(handler);
  const made: HttpTransport[] = [];
  const transport = (o: TransportOptions = {}) => {
    const t = new HttpTransport({ retry: { baseDelayMs: 10 }, ...o });
    made.push(t);
    return t;
  };
  try {
    await run(fake, transport);
  } finally {
    await Promise.all(made.map((t) => t.close()));
    await fake.close();
  }
}

const get = (t: HttpTransport, url: string, signal?: AbortSignal) =>
  t.send({ method: 'GET', url: new URL(url), accept: TAXII21, ...(signal ? { signal } : {}) });
const post = (t: HttpTransport, url: string) =>
  t.send({ method: 'POST', url: new URL(url), accept: TAXII21, headers: { 'content-type': TAXII21 }, body: '{"objects":[]}' });

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<TaxiiClientError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TaxiiClientError, String(error));
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

test('503 with Retry-After in seconds is waited for, then retried', async () => {
  await withFake(
    (_req, res, _s, i) => (i === 0 ? json(res, 503, { title: 'busy' }, { 'retry-after': '1' }) : json(res, 200, API_ROOT_21)),
    async (fake, transport) => {
      const response = await get(transport(), `${fake.url}api1/`);
      assert.equal(response.status, 200);
      assert.equal(fake.seen.length, 2);
      assert.ok(fake.seen[1].at - fake.seen[0].at >= 950, `waited ${fake.seen[1].at - fake.seen[0].at} ms`);
    },
  );
});

test('429 with Retry-After as an HTTP date is waited for, then retried', async () => {
  await withFake(
    (_req, res, _s, i) =>
      i === 0
        ? json(res, 429, { title: 'slow down' }, { 'retry-after': new Date(Date.now() + 1200).toUTCString() })
        : json(res, 200, API_ROOT_21),
    async (fake, transport) => {
      assert.equal((await get(transport(), `${fake.url}api1/`)).status, 200);
      assert.equal(fake.seen.length, 2);
      assert.ok(fake.seen[1].at - fake.seen[0].at >= 150, 'the date was honoured');
    },
  );
});

test('without Retry-After the pauses grow exponentially (with jitter)', async () => {
  await withFake(
    (_req, res, _s, i) => (i < 3 ? json(res, 503, { title: 'busy' }) : json(res, 200, API_ROOT_21)),
    async (fake, transport) => {
      assert.equal((await get(transport({ retry: { baseDelayMs: 20 } }), fake.url)).status, 200);
      const gaps = fake.seen.slice(1).map((s, i) => s.at - fake.seen[i].at);
      assert.equal(gaps.length, 3);
      assert.ok(gaps[0] >= 9 && gaps[2] >= 39, `gaps ${gaps.join(', ')}`);
    },
  );
});

test('retries exhausted: the last 503 is returned and is TAXII_HTTP_ERROR with its status', async () => {
  await withFake(
    (_req, res) => json(res, 503, { title: 'Service unavailable', description: 'maintenance' }),
    async (fake, transport) => {
      const response = await get(transport({ retry: { retries: 2, baseDelayMs: 5 } }), fake.url);
      assert.equal(fake.seen.length, 3);
      const error = await rejectsWith(
        Promise.resolve().then(() => expectStatus(response, [200])),
        'TAXII_HTTP_ERROR',
      );
      assert.equal(error.status, 503);
      assert.equal(error.taxiiError?.description, 'maintenance');
    },
  );
});

test('a Retry-After longer than maxRetryAfterMs is not waited for; the error carries retryAfterMs', async () => {
  await withFake(
    (_req, res) => json(res, 429, { title: 'quota' }, { 'retry-after': '3600' }),
    async (fake, transport) => {
      const response = await get(transport(), fake.url);
      assert.equal(fake.seen.length, 1);
      const error = await rejectsWith(
        Promise.resolve().then(() => expectStatus(response, [200])),
        'TAXII_HTTP_ERROR',
      );
      assert.equal(error.retryAfterMs, 3_600_000);
    },
  );
});

test('POST is retried on 503 (the server did not do the work)', async () => {
  await withFake(
    (_req, res, _s, i) => (i === 0 ? json(res, 503, { title: 'busy' }) : json(res, 202, { ok: true })),
    async (fake, transport) => {
      assert.equal((await post(transport(), fake.url)).status, 202);
      assert.equal(fake.seen.length, 2);
      assert.equal(fake.seen[1].body, '{"objects":[]}');
    },
  );
});

test('a reset connection: GET is retried, POST is not (it may have been processed)', async () => {
  const reset: FakeHandler = (req, res, _s, i) => (i === 0 ? req.socket.destroy() : json(res, 200, API_ROOT_21));
  await withFake(reset, async (fake, transport) => {
    assert.equal((await get(transport(), fake.url)).status, 200);
    assert.equal(fake.seen.length, 2);
  });
  await withFake(reset, async (fake, transport) => {
    await rejectsWith(post(transport(), fake.url), 'TAXII_NETWORK');
    assert.equal(fake.seen.length, 1);
  });
});

test('retries 0: a 503 comes back at once', async () => {
  await withFake(
    (_req, res) => json(res, 503, { title: 'busy' }, { 'retry-after': '1' }),
    async (fake, transport) => {
      assert.equal((await get(transport({ retry: { retries: 0 } }), fake.url)).status, 503);
      assert.equal(fake.seen.length, 1);
    },
  );
});

test('a request that outlives timeouts.requestMs is TAXII_TIMEOUT (and not retried)', async () => {
  await withFake(
    () => {},
    async (fake, transport) => {
      await rejectsWith(get(transport({ timeouts: { requestMs: 150 } }), fake.url), 'TAXII_TIMEOUT');
      assert.equal(fake.seen.length, 1);
    },
  );
});

test('a refused connection is TAXII_NETWORK after the retries', async () => {
  const fake = await startHttpFake(() => {});
  const url = fake.url;
  await fake.close();
  const t = new HttpTransport({ retry: { retries: 1, baseDelayMs: 5 } });
  try {
    const error = await rejectsWith(get(t, url), 'TAXII_NETWORK');
    assert.match(error.message, /ECONNREFUSED/);
  } finally {
    await t.close();
  }
});

test("the caller's AbortSignal: TAXII_ABORTED, also during a Retry-After pause", async () => {
  await withFake(
    (_req, res) => json(res, 503, { title: 'busy' }, { 'retry-after': '5' }),
    async (fake, transport) => {
      const started = Date.now();
      await rejectsWith(get(transport(), fake.url, AbortSignal.timeout(100)), 'TAXII_ABORTED');
      assert.ok(Date.now() - started < 2000);
    },
  );
});

test('bodies above maxResponseBytes are TAXII_RESPONSE_TOO_LARGE (declared or streamed); below pass', async () => {
  const big = JSON.stringify({ title: 'x'.repeat(5000), versions: [TAXII21], max_content_length: 1 });
  await withFake(
    (_req, res, _s, i) => {
      if (i === 0) return json(res, 200, big);
      res.writeHead(200, { 'content-type': TAXII21 });
      res.write(big.slice(0, 3000));
      res.end(big.slice(3000));
    },
    async (fake, transport) => {
      const t = transport({ maxResponseBytes: 4096 });
      await rejectsWith(get(t, fake.url), 'TAXII_RESPONSE_TOO_LARGE');
      await rejectsWith(get(t, fake.url), 'TAXII_RESPONSE_TOO_LARGE');
      const roomy = transport({ maxResponseBytes: 10_000 });
      assert.equal((await get(roomy, fake.url)).body.length, big.length);
    },
  );
});

test('JSON is read only with a JSON media type; invalid JSON is TAXII_PROTOCOL', async () => {
  const answers: [string, string][] = [
    [TAXII21, '{"title":"ok"}'],
    ['text/html', '<html>login</html>'],
    [TAXII21, '{"title":'],
    ['application/taxii+json;version=3.0', '{}'],
  ];
  await withFake(
    (_req, res, _s, i) => {
      res.writeHead(200, { 'content-type': answers[i][0] });
      res.end(answers[i][1]);
    },
    async (fake, transport) => {
      const t = transport();
      assert.deepEqual(readJson(await get(t, fake.url)), { value: { title: 'ok' }, version: '2.1' });
      for (const expected of [/text\/html/, /not valid JSON/, /version "3.0"/]) {
        const response = await get(t, fake.url);
        const error = await rejectsWith(
          Promise.resolve().then(() => readJson(response)),
          'TAXII_PROTOCOL',
        );
        assert.match(error.message, expected);
      }
    },
  );
});

test('every request names the client (User-Agent), asks for TAXII (Accept) and carries the credentials', async () => {
  await withFake(
    (_req, res) => json(res, 200, API_ROOT_21),
    async (fake, transport) => {
      await get(transport({ auth: { type: 'bearer', token: 'tok-123' }, headers: { 'X-Api-Key': 'k' } }), fake.url);
      const h = fake.seen[0].headers;
      assert.equal(h['user-agent'], USER_AGENT);
      assert.match(USER_AGENT, /^taxiway-taxii-client\/\d+\.\d+\.\d+/);
      assert.equal(h.accept, TAXII21);
      assert.equal(h.authorization, 'Bearer tok-123');
      assert.equal(h['x-api-key'], 'k');
    },
  );
});

test('a 401 is TAXII_HTTP_ERROR without the credentials anywhere in the error', async () => {
  await withFake(
    (_req, res) => json(res, 401, { title: 'Unauthorized', description: 'bad credentials' }, { 'www-authenticate': 'Basic realm="x"' }),
    async (fake, transport) => {
      const response = await get(transport({ auth: { type: 'basic', username: 'alice', password: 'pa55word' } }), fake.url);
      const error = await rejectsWith(
        Promise.resolve().then(() => expectStatus(response, [200])),
        'TAXII_HTTP_ERROR',
      );
      const encoded = Buffer.from('alice:pa55word').toString('base64');
      const everything = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
      assert.ok(!everything.includes('pa55word') && !everything.includes(encoded));
      assert.equal(error.status, 401);
    },
  );
});

test('invalid credentials options are TAXII_INVALID_ARGUMENT', () => {
  assert.throws(() => new HttpTransport({ auth: { type: 'basic', username: 'a:b', password: 'p' } }), { code: 'TAXII_INVALID_ARGUMENT' });
  assert.throws(() => new HttpTransport({ auth: { type: 'bearer', token: 'a b' } }), { code: 'TAXII_INVALID_ARGUMENT' });
  assert.throws(() => new HttpTransport({ tls: { ca: '/no/such/ca.pem' } }), { code: 'TAXII_INVALID_ARGUMENT' });
});

test('GET follows redirects: credentials kept on the same origin, dropped on another', async () => {
  const other = await startHttpFake((_req, res) => json(res, 200, API_ROOT_21));
  try {
    await withFake(
      (req, res) => {
        if (req.url === '/old/') return json(res, 302, '', { location: '/new/' });
        if (req.url === '/away/') return json(res, 307, '', { location: `${other.url}elsewhere/` });
        json(res, 200, API_ROOT_21);
      },
      async (fake, transport) => {
        const t = transport({ auth: { type: 'bearer', token: 'tok-123' } });
        const same = await get(t, `${fake.url}old/`);
        assert.equal(same.url.href, `${fake.url}new/`);
        assert.equal(fake.seen[1].headers.authorization, 'Bearer tok-123');
        const away = await get(t, `${fake.url}away/`);
        assert.equal(away.status, 200);
        assert.equal(other.seen[0].headers.authorization, undefined);
      },
    );
  } finally {
    await other.close();
  }
});

test('POST does not follow a redirect: the 3xx is TAXII_HTTP_ERROR naming the Location', async () => {
  await withFake(
    (_req, res) => json(res, 307, '', { location: '/moved/' }),
    async (fake, transport) => {
      const response = await post(transport(), `${fake.url}objects/`);
      assert.equal(fake.seen.length, 1);
      const error = await rejectsWith(
        Promise.resolve().then(() => expectStatus(response, [202])),
        'TAXII_HTTP_ERROR',
      );
      assert.match(error.message, /moved.*not followed for POST/);
    },
  );
});

test('a redirect loop stops after maxRedirects: TAXII_PROTOCOL', async () => {
  await withFake(
    (_req, res) => json(res, 302, '', { location: '/loop/' }),
    async (fake, transport) => {
      await rejectsWith(get(transport({ maxRedirects: 3 }), fake.url), 'TAXII_PROTOCOL');
      assert.equal(fake.seen.length, 4);
    },
  );
});
