/**
 * The ingest load generator of bench/taxii.ts, in its own process so that building and sending
 * requests does not share the server's event loop (a real client is another program). Bodies are
 * built before the clock starts; undici's request() (keep-alive, one connection per client).
 * Argument: a JSON IngestJob; prints { objects, ms } as JSON.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { request } from 'undici';

export interface IngestJob {
  readonly base: string;
  readonly auth: string;
  readonly perRequest: number;
  readonly clients: number;
  readonly requests: number;
  readonly offset: number;
  /** Send Prefer: respond-async and poll the statuses once everything is sent. */
  readonly async?: boolean;
}

const TAXII = 'application/taxii+json;version=2.1';

export function indicator(i: number): Record<string, unknown> {
  const t = new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: t,
    modified: t,
    name: `C2 address ${i}`,
    indicator_types: ['malicious-activity'],
    pattern: `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`,
    pattern_type: 'stix',
    valid_from: t,
  };
}

async function waitForStatus(job: IngestJob, id: string): Promise<void> {
  const url = `${job.base.slice(0, job.base.indexOf('/collections/'))}/status/${id}/`;
  for (;;) {
    const r = await request(url, { headers: { accept: TAXII, authorization: job.auth } });
    const s = (await r.body.json()) as { status: string };
    if (s.status === 'complete') return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function run(job: IngestJob): Promise<{ objects: number; ms: number }> {
  const bodies = Array.from({ length: job.clients }, (_, c) =>
    Array.from({ length: job.requests }, (_, r) =>
      JSON.stringify({
        objects: Array.from({ length: job.perRequest }, (_, k) => indicator(job.offset + (c * job.requests + r) * job.perRequest + k)),
      }),
    ),
  );
  // Warm-up outside the clock: the first fetch loads the HTTP client.
  const warm = await request(`${job.base}/`, { headers: { accept: TAXII, authorization: job.auth } });
  await warm.body.arrayBuffer();
  const t0 = performance.now();
  const pending: string[] = [];
  const headers = {
    accept: TAXII,
    'content-type': TAXII,
    authorization: job.auth,
    ...(job.async === true ? { prefer: 'respond-async' } : {}),
  };
  await Promise.all(
    bodies.map(async (mine) => {
      for (const body of mine) {
        const response = await request(`${job.base}/objects/`, {
          method: 'POST',
          headers,
          body,
        });
        if (response.statusCode !== 202) throw new Error(`POST answered ${response.statusCode}: ${await response.body.text()}`);
        const status = (await response.body.json()) as { id: string; status: string };
        // An asynchronous client goes on posting and checks its statuses at the end.
        if (status.status !== 'complete') {
          if (job.async === true) pending.push(status.id);
          else await waitForStatus(job, status.id);
        }
      }
    }),
  );
  for (const id of pending) await waitForStatus(job, id);
  return { objects: job.clients * job.requests * job.perRequest, ms: performance.now() - t0 };
}

// Run as a program (not when bench/taxii.ts imports indicator()).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await run(JSON.parse(process.argv[2]) as IngestJob);
  process.stdout.write(JSON.stringify(result));
}
