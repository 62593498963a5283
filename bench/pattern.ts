/**
 * npm run bench: STIX patterning figures — parse, parse + validate (with the STIX object model),
 * print, on 10,000 generated realistic patterns; simple patterns alone; and matching: 1,000
 * patterns against 10,000 observed-data objects (patterns × observed-data per second).
 */
import { parseArgs } from 'node:util';
import { indexObservations, match, parse, print, validatePattern } from '../packages/pattern/src/index.js';
import { generateObservations, generatePatterns } from '../packages/pattern/src/testing/generate-patterns.js';
import { patternObjectModel } from '../packages/stix/src/index.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    objects: { type: 'string' },
    version: { type: 'string' },
    runs: { type: 'string', default: '5' },
    'skip-large': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);

function median(fn: () => unknown): number {
  fn();
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
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));
const fmt = (n: number) => n.toLocaleString('en-US');
const row = (name: string, ms: number, figure: string, target = '') =>
  console.log(`${name.padEnd(58)}${ms.toFixed(1).padStart(9)} ms  ${figure.padEnd(26)}${target}`);

const patterns = generatePatterns(10_000);
const simple = Array.from({ length: 10_000 }, (_, i) => `[ipv4-addr:value = '198.51.${(i >> 8) & 255}.${i & 255}']`);
console.log(
  `Patterns: 10,000 generated (hashes, IPv4/IPv6 CIDR, URLs with LIKE, domains, email, registry, FOLLOWEDBY/WITHIN, REPEATS, MATCHES); median of ${runs} runs\n`,
);

const parseSimple = median(() => {
  for (const p of simple) parse(p);
});
row('parse, simple ([ipv4-addr:value = …])', parseSimple, `${fmt(perSecond(simple.length, parseSimple))} patterns/s`);
const validateSimple = median(() => {
  for (const p of simple) validatePattern(p, { objectModel: patternObjectModel });
});
const simpleRate = perSecond(simple.length, validateSimple);
row(
  'parse + validate, simple (STIX object model)',
  validateSimple,
  `${fmt(simpleRate)} patterns/s`,
  `target > 100,000/s: ${simpleRate > 100_000 ? 'PASS' : 'FAIL'}`,
);
const parseMixed = median(() => {
  for (const p of patterns) parse(p);
});
row('parse, the realistic mix', parseMixed, `${fmt(perSecond(patterns.length, parseMixed))} patterns/s`);
let invalid = 0;
const validateMixed = median(() => {
  invalid = 0;
  for (const p of patterns) if (!validatePattern(p, { objectModel: patternObjectModel }).valid) invalid++;
});
row(
  'parse + validate, the realistic mix',
  validateMixed,
  `${fmt(perSecond(patterns.length, validateMixed))} patterns/s`,
  `(${invalid} invalid)`,
);
const asts = patterns.map((p) => parse(p));
const printMs = median(() => {
  for (const a of asts) print(a);
});
row('print (canonical), the realistic mix', printMs, `${fmt(perSecond(asts.length, printMs))} patterns/s`);

// Matching: 1,000 patterns × 10,000 observed-data (2.1: SCOs beside observed-data).
const { objects, observedData } = generateObservations(10_000);
const matchPatterns = patterns.slice(0, 1_000).map((p) => parse(p));
const t0 = performance.now();
const index = indexObservations(objects);
const indexMs = performance.now() - t0;
row(`index ${fmt(observedData)} observed-data (${fmt(objects.length)} objects)`, indexMs, '');
let matched = 0;
const matchMs = median(() => {
  matched = 0;
  for (const p of matchPatterns) if (match(p, index, { maxBindings: 1 }).matched) matched++;
});
row(
  `match 1,000 patterns × ${fmt(observedData)} observed-data`,
  matchMs,
  `${fmt(perSecond(matchPatterns.length * observedData, matchMs))} pattern×obs/s`,
  `(${matched} patterns match; ${fmt(perSecond(matchPatterns.length, matchMs))} patterns/s)`,
);
const allBindingsMs = median(() => {
  for (const p of matchPatterns.slice(0, 100)) match(p, index, { maxBindings: 100 });
});
row('match 100 patterns, up to 100 bindings each', allBindingsMs, `${fmt(perSecond(100, allBindingsMs))} patterns/s`);
