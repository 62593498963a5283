import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, test } from 'node:test';
import { TLP_MARKING_IDS } from '@taxiway/stix';
import pino from 'pino';
import { servePage } from './conversion.js';
import type { IncomingObject, Storage, StoredObject } from './storage/storage.js';
import { testStorage } from './test-fixtures.js';

const T = '2024-01-01T00:00:00.000Z';
const log = pino({ level: 'silent' });
const u = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let storage: Storage;
let c: string;
beforeEach(async () => {
  storage = testStorage();
  await storage.open();
  c = randomUUID();
});
afterEach(() => storage.close());

function stored(o: Record<string, unknown>, specVersion = '2.1'): IncomingObject {
  const version = typeof o.modified === 'string' ? o.modified : typeof o.created === 'string' ? o.created : undefined;
  return { id: String(o.id), type: String(o.type), version, specVersion, raw: JSON.stringify(o) };
}
async function items(objects: IncomingObject[], collection = c): Promise<readonly StoredObject[]> {
  await storage.addObjects(collection, objects);
  return (await storage.getObjects(collection, { limit: 100 })).items;
}

test('objects already in the target version pass through as stored, byte for byte', async () => {
  const raw = '{"type":"indicator","id":"indicator--00000000-0000-4000-8000-000000000001","created":"2024-01-01T00:00:00.000Z", "x":1}';
  const page = await items([{ id: `indicator--${u(1)}`, type: 'indicator', version: T, specVersion: '2.0', raw }]);
  const served = await servePage(storage, c, page, '2.0', log);
  assert.deepEqual(
    served.objects.map((o) => o.json),
    [raw],
  );
  assert.equal(served.omitted, 0);
});

test('2.1 → 2.0: TLP 2.0 AMBER and AMBER+STRICT both become TLP 1.0 AMBER, served once per page', async () => {
  const tlp2 = (level: 'amber' | 'amber+strict') => ({
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKING_IDS['2.0'][level],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${level.toUpperCase()}`,
  });
  const page = await items([stored(tlp2('amber')), stored(tlp2('amber+strict'))]);
  const served = await servePage(storage, c, page, '2.0', log);
  assert.deepEqual(
    served.objects.map((o) => o.id),
    [TLP_MARKING_IDS['1.0'].amber],
  );
  assert.equal(served.omitted, 1);
});

test('2.1 → 2.0: observables are folded from the same collection only; without any, the observed-data is left out', async () => {
  const ip = { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${u(2)}`, value: '198.51.100.1' };
  const od = {
    type: 'observed-data',
    spec_version: '2.1',
    id: `observed-data--${u(3)}`,
    created: T,
    modified: T,
    first_observed: T,
    last_observed: T,
    number_observed: 1,
    object_refs: [ip.id],
  };
  await storage.addObjects(randomUUID(), [stored(ip)]);
  const elsewhere = await servePage(storage, c, await items([stored(od)]), '2.0', log);
  assert.deepEqual(elsewhere, { objects: [], omitted: 1 });
  const here = randomUUID();
  const page = await items([stored(ip), stored(od)], here);
  const served = await servePage(storage, here, page, '2.0', log);
  assert.equal(served.omitted, 1, 'the standalone SCO');
  assert.deepEqual(JSON.parse(served.objects[0].json).objects, { 0: { type: 'ipv4-addr', value: '198.51.100.1' } });
});

test('2.1 → 2.0: created/modified with microseconds are cut to milliseconds; the served version follows', async () => {
  const o = {
    type: 'malware',
    spec_version: '2.1',
    id: `malware--${u(4)}`,
    created: '2024-01-01T00:00:00.123456Z',
    modified: '2024-01-01T00:00:00.123456Z',
    name: 'm',
    is_family: false,
  };
  const [served] = (await servePage(storage, c, await items([stored(o)]), '2.0', log)).objects;
  assert.equal(served.version, '2024-01-01T00:00:00.123Z');
  assert.equal(served.item.version, '2024-01-01T00:00:00.123456Z');
});
