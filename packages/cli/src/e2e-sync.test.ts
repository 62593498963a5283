/**
 * The proof of issue 7: two Taxiway servers — one on SQLite, one on PostgreSQL — STIX 2.1 content
 * pushed to the first with `taxiway push`, `taxiway sync` into a STIX 2.0-only collection on the
 * second, pulled back by a TAXII 2.0 client (`taxiway pull --taxii-version 2.0`), converted back
 * to 2.1: equal to the original, object for object, except where the conversion report of the
 * 2.1 → 2.0 → 2.1 round trip says what changed.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { convert } from '@taxiway/stix';
import { sampleObjects, startServer, type TestServer, taxiway } from './commands/test-taxii-servers.js';

const SOURCE = '3c6a2d10-8f4b-4e2a-9c1d-5b6a7c8d9e0f';
const FMN = '4d7b3e21-9a5c-4f3b-8d2e-6c7b8d9e0f1a';
const dir = mkdtempSync(join(tmpdir(), 'taxiway-e2e-sync-'));
let a: TestServer;
let b: TestServer;

before(async () => {
  a = await startServer({
    backend: 'sqlite',
    user: 'analyst',
    password: 'analyst-password-1',
    root: 'intel',
    collections: [{ id: SOURCE, title: 'Feed' }],
  });
  b = await startServer({
    backend: 'postgres',
    user: 'partner',
    password: 'partner-password-2',
    root: 'fmn',
    collections: [{ id: FMN, title: 'FMN CIEP (STIX 2.0)', media_types: ['application/vnd.oasis.stix+json; version=2.0'] }],
  });
});
after(async () => {
  await a?.close();
  await b?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** 2.1 content of many kinds, including what 2.0 cannot hold (a location, a note, a grouping). */
function content(): Record<string, unknown>[] {
  const t = '2024-03-01T12:00:00.000Z';
  const identity = `identity--${randomUUID()}`;
  const actor = `threat-actor--${randomUUID()}`;
  const campaign = `campaign--${randomUUID()}`;
  const pattern = `attack-pattern--${randomUUID()}`;
  const base = sampleObjects(8);
  const extra: Record<string, unknown>[] = [
    {
      type: 'identity',
      spec_version: '2.1',
      id: identity,
      created: t,
      modified: t,
      name: 'CERT',
      identity_class: 'organization',
      created_by_ref: undefined,
    },
    {
      type: 'threat-actor',
      spec_version: '2.1',
      id: actor,
      created: t,
      modified: t,
      name: 'APT Example',
      threat_actor_types: ['nation-state'],
      created_by_ref: identity,
    },
    { type: 'campaign', spec_version: '2.1', id: campaign, created: t, modified: t, name: 'Operation Test', created_by_ref: identity },
    {
      type: 'attack-pattern',
      spec_version: '2.1',
      id: pattern,
      created: t,
      modified: t,
      name: 'Spearphishing Attachment',
      external_references: [{ source_name: 'mitre-attack', external_id: 'T1566.001' }],
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }],
    },
    {
      type: 'relationship',
      spec_version: '2.1',
      id: `relationship--${randomUUID()}`,
      created: t,
      modified: t,
      relationship_type: 'attributed-to',
      source_ref: campaign,
      target_ref: actor,
    },
    {
      type: 'relationship',
      spec_version: '2.1',
      id: `relationship--${randomUUID()}`,
      created: t,
      modified: t,
      relationship_type: 'uses',
      source_ref: campaign,
      target_ref: pattern,
    },
    { type: 'location', spec_version: '2.1', id: `location--${randomUUID()}`, created: t, modified: t, country: 'BE' },
    {
      type: 'note',
      spec_version: '2.1',
      id: `note--${randomUUID()}`,
      created: t,
      modified: t,
      content: 'seen twice',
      object_refs: [campaign],
    },
    {
      type: 'report',
      spec_version: '2.1',
      id: `report--${randomUUID()}`,
      created: t,
      modified: t,
      name: 'Weekly',
      report_types: ['campaign'],
      published: t,
      object_refs: [campaign, actor, pattern],
      created_by_ref: identity,
    },
  ];
  for (const o of extra) if (o.created_by_ref === undefined) delete o.created_by_ref;
  return [...extra, ...base];
}

const byId = (objects: readonly Record<string, unknown>[]) => new Map(objects.map((o) => [o.id as string, o]));

test('2.1 → push (SQLite server) → sync into a 2.0-only collection (PostgreSQL server) → pull as TAXII 2.0 → 2.1: the original, modulo the report', async () => {
  const original = content();
  const file = join(dir, 'original.json');
  writeFileSync(file, JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: original }));
  const aEnv = { TAXIWAY_USER: a.user, TAXIWAY_PASSWORD: a.password };
  const pushed = await taxiway(['push', `${a.url}intel/`, '--collection', SOURCE, file, '--format', 'json', '--quiet'], { env: aEnv });
  assert.equal(pushed.code, 0, pushed.stderr);
  assert.equal((JSON.parse(pushed.stdout) as { success_count: number }).success_count, original.length);

  // Credentials for the two servers from one client config file.
  const config = join(dir, 'client.yaml');
  writeFileSync(
    config,
    `servers:\n  - { url: "${a.url}", username: ${a.user}, password: ${a.password} }\n  - { url: "${b.url}", username: ${b.user}, password: ${b.password} }\n`,
  );
  const state = join(dir, 'state.json');
  const synced = await taxiway([
    'sync',
    `${a.url}intel/${SOURCE}`,
    `${b.url}fmn/collections/${FMN}/`,
    '--state',
    state,
    '--limit',
    '7',
    '--format',
    'json',
    '--client-config',
    config,
  ]);
  assert.equal(synced.code, 0, synced.stderr);
  const round = JSON.parse(synced.stdout) as { stix_version: string; pages: number; failure_count: number; dropped: number };
  assert.equal(round.stix_version, '2.0');
  assert.equal(round.failure_count, 0);
  assert.ok(round.pages >= 3, 'several pages: SCOs and their observed-data fall on different pages');

  const out = join(dir, 'pulled-20.json');
  const pulled = await taxiway([
    'pull',
    `${b.url}fmn/`,
    '--collection',
    FMN,
    '--taxii-version',
    '2.0',
    '--limit',
    '5',
    '--out',
    out,
    '--quiet',
    '--client-config',
    config,
  ]);
  assert.equal(pulled.code, 0, pulled.stderr);
  const bundle20 = JSON.parse(readFileSync(out, 'utf8')) as { type: string; spec_version: string; objects: Record<string, unknown>[] };
  assert.equal(bundle20.spec_version, '2.0', 'a STIX 2.0 bundle, as TAXII 2.0 serves');
  assert.ok(bundle20.objects.every((o) => o.spec_version === undefined));

  // What came back, in 2.1 — against the same round trip done locally, which the report explains.
  const back = convert(bundle20.objects, { to: '2.1', from: '2.0' }).objects as Record<string, unknown>[];
  const down = convert(original, { to: '2.0', from: '2.1' });
  const up = convert(down.objects, { to: '2.1', from: '2.0' });
  const expected = byId(up.objects as Record<string, unknown>[]);
  const got = byId(back);
  assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort(), 'the same objects');
  for (const [id, o] of got) assert.deepEqual(o, expected.get(id), `${id} as the conversion makes it`);

  // And against the original: every object the report does not name came back unchanged; the
  // ones without a 2.0 form are exactly the report's dropped objects.
  const changed = new Set([...down.report.changes, ...up.report.changes].map((c) => c.objectId));
  const dropped = new Set(down.report.changes.filter((c) => c.kind === 'dropped-object').map((c) => c.objectId));
  for (const o of original) {
    const id = o.id as string;
    if (dropped.has(id)) assert.ok(!got.has(id), `${id} has no 2.0 form and is not there`);
    else if (!changed.has(id)) assert.deepEqual(got.get(id), o, `${id} unchanged`);
  }
  assert.ok(['location', 'note'].every((type) => original.some((o) => o.type === type && dropped.has(o.id as string))));
  const unchanged = original.filter((o) => !changed.has(o.id as string)).length;
  assert.ok(unchanged >= 20, `most objects round-trip exactly (${unchanged})`);
});
