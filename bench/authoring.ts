/**
 * npm run bench [-- --corpus FILE] [--objects N] [--runs N]
 *
 * Authoring and interop figures: create() objects/s, deterministic SCO ids/s, serialize() MB/s,
 * newVersion() objects/s, conversion objects/s in both directions on an ATT&CK-sized bundle, and
 * @taxiway/store load time and query latency. With --corpus, conversion runs on that bundle from
 * its own version to the other one, and the store loads it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { convert, create, detectVersion, newVersion, type StixVersion, scoId, serialize, validate } from '../packages/stix/src/index.js';
import { generateBundleText } from '../packages/stix/src/testing/generate-bundle.js';
import { benchStore } from '../packages/store/bench/store-bench.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    objects: { type: 'string', default: '25000' },
    version: { type: 'string', default: '2.1' },
    runs: { type: 'string', default: '5' },
    'skip-large': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const n = Number(values.objects);

function median(fn: () => unknown): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rows: Array<[string, string, string]> = [];
const rate = (count: number, ms: number) => `${Math.round(count / (ms / 1000)).toLocaleString('en-US')}/s`;
const row = (name: string, ms: number, figure: string) => {
  rows.push([name, ms.toFixed(1), figure]);
  console.log(`${name.padEnd(52)}${ms.toFixed(1).padStart(10)} ms  ${figure}`);
};

console.log(`Authoring (median of ${runs} runs after a warm-up):`);

// create(): a realistic mix of SDOs and SROs, validated as create() always does.
const identity = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';
const CREATES = 10_000;
const createMs = median(() => {
  for (let i = 0; i < CREATES; i++) {
    const k = i % 4;
    if (k === 0)
      create('indicator', {
        name: `bad ip ${i}`,
        pattern: `[ipv4-addr:value = '198.51.${(i >> 8) & 255}.${i & 255}']`,
        pattern_type: 'stix',
        valid_from: '2024-01-01T00:00:00Z',
        created_by_ref: identity,
      });
    else if (k === 1) create('malware', { name: `m${i}`, is_family: true, malware_types: ['backdoor'] });
    else if (k === 2)
      create('attack-pattern', {
        name: `technique ${i}`,
        kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'execution' }],
        external_references: [{ source_name: 'mitre-attack', external_id: `T${1000 + i}` }],
      });
    else
      create('relationship', {
        relationship_type: 'uses',
        source_ref: 'intrusion-set--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
        target_ref: 'attack-pattern--7e33a43e-e34b-40ec-89da-36c9bb2cacd5',
      });
  }
});
row('create() SDOs/SROs, validated', createMs, rate(CREATES, createMs));

const IDS = 50_000;
const idsMs = median(() => {
  for (let i = 0; i < IDS; i++) scoId('ipv4-addr', { value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });
});
row('scoId() deterministic UUIDv5 (ipv4-addr)', idsMs, rate(IDS, idsMs));
const fileIdsMs = median(() => {
  for (let i = 0; i < IDS; i++) scoId('file', { name: `f${i}.exe`, hashes: { 'SHA-256': i.toString(16).padStart(64, '0') } });
});
row('scoId() deterministic UUIDv5 (file, hashes + name)', fileIdsMs, rate(IDS, fileIdsMs));

const scoCreateMs = median(() => {
  for (let i = 0; i < CREATES; i++) create('domain-name', { value: `host${i}.example.com` });
});
row('create() SCOs with deterministic ids, validated', scoCreateMs, rate(CREATES, scoCreateMs));

const malware = create('malware', { name: 'm', is_family: true });
const versionMs = median(() => {
  for (let i = 0; i < CREATES; i++) newVersion(malware, { description: `v${i}` });
});
row('newVersion()', versionMs, rate(CREATES, versionMs));

// Conversion and serialization on a bundle of ATT&CK's size and shape (or the corpus).
function load(): { label: string; text: string } {
  if (values.corpus) {
    const raw = readFileSync(values.corpus);
    return { label: values.corpus, text: (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8') };
  }
  return { label: `generated ATT&CK-shaped STIX 2.0 bundle, ${n} objects`, text: generateBundleText({ objects: n, version: '2.0' }) };
}
const { label, text } = load();
const input = JSON.parse(text) as { objects: unknown[] };
const from: StixVersion = values.corpus ? detectVersion(input).version : '2.0';
const to: StixVersion = from === '2.0' ? '2.1' : '2.0';
const count = input.objects.length;
console.log(`\nConversion and serialization: ${label} (${(text.length / 1e6).toFixed(1)} MB, ${count.toLocaleString('en-US')} objects)`);

const there = convert(input, { to });
const thereMs = median(() => convert(input, { to }));
row(`convert() ${from} → ${to}`, thereMs, rate(count, thereMs));
const back = convert(there.shape === 'bundle' ? there.bundle : there.objects, { to: from });
const backMs = median(() => convert(there.shape === 'bundle' ? there.bundle : there.objects, { to: from }));
row(`convert() ${to} → ${from} (the result back)`, backMs, rate(count, backMs));
const converted = validate(there.shape === 'bundle' ? there.bundle : there.objects, { version: to, bestPractices: false });
console.log(
  `  ${from} → ${to}: ${converted.errorCount} validation errors; report: ${JSON.stringify(there.report.counts)}\n  ${to} → ${from}: report: ${JSON.stringify(back.report.counts)}`,
);

const serializeMs = median(() => serialize(input));
row('serialize() the bundle', serializeMs, `${(text.length / 1e6 / (serializeMs / 1000)).toFixed(0)} MB/s`);
const stringifyMs = median(() => JSON.stringify(input));
row('JSON.stringify() the bundle (reference)', stringifyMs, `${(text.length / 1e6 / (stringifyMs / 1000)).toFixed(0)} MB/s`);

// The store: load ATT&CK-sized content and ask "which techniques does intrusion-set X use".
const storeText = values.corpus ? text : generateBundleText({ objects: n, version: '2.1' });
const store = await benchStore(storeText);
console.log(`\nStore (@taxiway/store MemoryStore, ${store.objects.toLocaleString('en-US')} objects, ${store.megabytes.toFixed(1)} MB):`);
row('load from text (JSON.parse + index)', store.loadMs, `JSON.parse alone ${store.parseMs.toFixed(0)} ms`);
row(`techniques used by ${store.intrusionSet ?? '(none)'}`.slice(0, 52), store.queryMs, `${store.techniques} techniques`);
row(
  `the same for all ${store.groups} intrusion sets`,
  store.allGroupsMs,
  `${(store.allGroupsMs / Math.max(1, store.groups)).toFixed(3)} ms each`,
);
row("query(type = 'attack-pattern') (type index)", store.typeQueryMs, '');
row("query(external_references.external_id = 'T1059') (scan)", store.scanQueryMs, '');
const total = store.loadMs + store.queryMs;
console.log(`  load + first query: ${total.toFixed(0)} ms — target well under 1 s: ${total < 1000 ? 'PASS' : 'FAIL'}`);

// The streaming bundle writer: create() + write N objects to a file, in a separate process each.
if (!values['skip-large']) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '.bench');
  mkdirSync(dir, { recursive: true });
  console.log('\nStreaming bundle writer (create() + createBundleWriter to a file, separate process):');
  const sizes: Array<{ n: number; rssMb: number }> = [];
  try {
    for (const count of [100_000, 1_000_000]) {
      const file = join(dir, `writer-${count}.json`);
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(dirname(fileURLToPath(import.meta.url)), 'writer-child.ts'), file, String(count)],
        {
          encoding: 'utf8',
        },
      );
      if (child.status !== 0) throw new Error(`writer child failed: ${child.stderr}`);
      const r = JSON.parse(child.stdout) as { ms: number; objects: number; maxRssKb: number };
      const mb = statSync(file).size / 1e6;
      rmSync(file);
      sizes.push({ n: count, rssMb: r.maxRssKb / 1024 });
      console.log(
        `  ${count.toLocaleString('en-US').padStart(9)} objects ${mb.toFixed(0).padStart(5)} MB  ${rate(count, r.ms)} (${(mb / (r.ms / 1000)).toFixed(0)} MB/s)  peak RSS ${(r.maxRssKb / 1024).toFixed(0)} MB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const growth = sizes[1].rssMb / sizes[0].rssMb;
  console.log(`  peak RSS ratio for 10x the objects: ${growth.toFixed(2)} — flat memory: ${growth < 1.5 ? 'PASS' : 'FAIL'}`);
}
