/**
 * npm run bench [-- --corpus FILE] [--objects N] [--version 2.0|2.1] [--runs N] [--skip-large]
 *
 * Times JSON.parse, parse(), validate() (structural + MUST), validate() with every SHOULD, and the
 * streaming path on one input, and prints each path's throughput and its ratio to JSON.parse on
 * the same bytes. Then measures the streaming path's peak memory on two input sizes.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { parse, type StixVersion, validate, validateStream } from '../packages/stix/src/index.js';
import { generateBundle, generateBundleText } from '../packages/stix/src/testing/generate-bundle.js';

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
const version = values.version as StixVersion;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function loadInput(): { label: string; bytes: Buffer } {
  if (values.corpus) {
    const raw = readFileSync(values.corpus);
    return { label: values.corpus, bytes: raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw };
  }
  const n = Number(values.objects);
  return {
    label: `generated ATT&CK-shaped STIX ${version} bundle, ${n} objects`,
    bytes: Buffer.from(generateBundleText({ objects: n, version })),
  };
}

const { label, bytes } = loadInput();
const text = bytes.toString('utf8');
const mb = bytes.length / 1e6;
const objectCount = (JSON.parse(text) as { objects?: unknown[] }).objects?.length ?? 1;

function chunks(): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 65536) parts.push(bytes.subarray(i, i + 65536));
  return Readable.from(parts);
}

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

console.log(`Input: ${label}`);
console.log(`       ${mb.toFixed(1)} MB, ${objectCount.toLocaleString('en-US')} objects; median of ${runs} runs after a warm-up\n`);

const structural = validate(text, { bestPractices: false });
const full = validate(text);
const paths: Array<[string, () => unknown | Promise<unknown>]> = [
  ['JSON.parse', () => JSON.parse(text)],
  ['parse (allowCustom)', () => parse(text, { allowCustom: true })],
  ['validate (structural + MUST)', () => validate(text, { bestPractices: false })],
  ['validate (+ every SHOULD)', () => validate(text)],
  ['validateStream (structural + MUST)', () => validateStream(chunks(), { bestPractices: false })],
];

const results: Array<{ name: string; ms: number }> = [];
for (const [name, fn] of paths) results.push({ name, ms: await time(fn) });
const base = results[0].ms;
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);
console.log(`${pad('path', 38)}${lpad('median ms', 11)}${lpad('MB/s', 9)}${lpad('objects/s', 12)}${lpad('ratio', 8)}  target`);
for (const r of results) {
  const ratio = base / r.ms;
  const target = r.name.startsWith('validate (structural') ? (ratio >= 1 / 3 ? '≥ 0.33 PASS' : '≥ 0.33 FAIL') : '';
  console.log(
    `${pad(r.name, 38)}${lpad(r.ms.toFixed(0), 11)}${lpad((mb / (r.ms / 1000)).toFixed(0), 9)}${lpad(Math.round(objectCount / (r.ms / 1000)).toLocaleString('en-US'), 12)}${lpad(ratio.toFixed(2), 8)}  ${target}`,
  );
}
console.log(`\n(ratio = JSON.parse time / path time: the share of JSON.parse's throughput; validate() includes its own JSON.parse)`);
console.log(
  `structural + MUST: ${structural.errorCount} errors, ${structural.warningCount} warnings; every SHOULD: ${full.errorCount} errors, ${full.warningCount} warnings`,
);

// Streaming memory: peak RSS of a child process validating files of two sizes.
if (!values['skip-large']) {
  const dir = join(root, '.bench');
  mkdirSync(dir, { recursive: true });
  const sizes = [25_000, 250_000];
  const rows: Array<{ objects: number; mb: number; rssMb: number; ms: number; capped: boolean }> = [];
  try {
    for (const n of sizes) {
      const file = join(dir, `stream-${n}.json`);
      await writeLargeBundle(file, n);
      const child = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'stream-child.ts'), file], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`stream child failed: ${child.stderr}`);
      const result = JSON.parse(child.stdout) as { maxRssKb: number; ms: number; objects: number; errors: number };
      // The same run under a 64 MB old-space cap: it only completes if nothing accumulates.
      const capped = spawnSync(
        process.execPath,
        ['--max-old-space-size=64', '--import', 'tsx', join(root, 'bench', 'stream-child.ts'), file],
        {
          encoding: 'utf8',
        },
      );
      rows.push({
        objects: result.objects,
        mb: statSync(file).size / 1e6,
        rssMb: result.maxRssKb / 1024,
        ms: result.ms,
        capped: capped.status === 0,
      });
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nStreaming memory (validateStream from a file, structural + MUST, separate process):');
  for (const r of rows)
    console.log(
      `  ${r.objects.toLocaleString('en-US').padStart(9)} objects ${r.mb.toFixed(0).padStart(6)} MB  peak RSS ${r.rssMb.toFixed(0).padStart(4)} MB  ${(r.mb / (r.ms / 1000)).toFixed(0)} MB/s  under a 64 MB heap cap: ${r.capped ? 'completes' : 'FAILS'}`,
    );
  const growth = rows[1].rssMb / rows[0].rssMb;
  console.log(
    // Peak RSS moves with V8's lazy collection; completing under the heap cap is the firm test.
    `  peak RSS ratio for 10x the input: ${growth.toFixed(2)}; bounded heap at both sizes: ${rows.every((r) => r.capped) ? 'PASS' : 'FAIL'}; ${rows[1].rssMb < 300 ? 'under 300 MB PASS' : 'over 300 MB FAIL'}`,
  );
}

/** Writes an n-object bundle without holding it in memory: 10,000-object slices, each generated on its own seed. */
async function writeLargeBundle(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string): Promise<void> => (out.write(s) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve)));
  await write('{"type":"bundle","id":"bundle--6e8a0c2e-4a6c-4e0a-82e4-8a0c2e4a6c8e","objects":[');
  const slice = 10_000;
  for (let done = 0, seed = 1; done < n; done += slice, seed++) {
    const objects = generateBundle({ objects: Math.min(slice, n - done), seed, version: '2.1' }).objects as unknown[];
    await write(`${done === 0 ? '' : ','}${objects.map((o) => JSON.stringify(o)).join(',')}`);
  }
  await write(']}');
  await new Promise<void>((resolve) => out.end(resolve));
}
