/**
 * Store benchmark: building a MemoryStore from a bundle's text and answering the ATT&CK question
 * "which techniques does this intrusion set use". Wired into `npm run bench` by the caller;
 * `node --import tsx packages/store/bench/store-bench.ts [FILE]` runs it alone (default: a
 * generated 25,000-object ATT&CK-shaped bundle).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { MemoryStore } from '../src/index.js';

export interface StoreBenchResult {
  readonly megabytes: number;
  readonly objects: number;
  readonly runs: number;
  /** JSON.parse of the text alone, for reference (median over runs). */
  readonly parseMs: number;
  /** JSON.parse plus indexing every object: the whole load from text (median over runs). */
  readonly loadMs: number;
  /** The intrusion set asked about (the one with the most outgoing relationships) and how many techniques it uses. */
  readonly intrusionSet: string | undefined;
  readonly techniques: number;
  /** "Techniques used by intrusion-set X" (relatedTo through 'uses', source only, type attack-pattern), first call on a fresh store. */
  readonly queryMs: number;
  /** The same question, warmed: mean over 1,000 calls. */
  readonly warmQueryMs: number;
  /** The same question asked of every intrusion set in the store, in total. */
  readonly allGroupsMs: number;
  readonly groups: number;
  /** query([['type', '=', 'attack-pattern']]): the type index. */
  readonly typeQueryMs: number;
  /** A full scan: query([['external_references.external_id', '=', 'T1059']]). */
  readonly scanQueryMs: number;
}

const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
};

const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

const techniquesOf = (store: MemoryStore, group: string) =>
  store.relatedTo(group, { relationshipType: 'uses', sourceOnly: true, filters: [['type', '=', 'attack-pattern']] });

export async function benchStore(text: string, options: { runs?: number } = {}): Promise<StoreBenchResult> {
  const runs = Math.max(1, options.runs ?? 3);
  JSON.parse(text); // warm-up: the first parse of a process also pays for growing the heap
  const parses: number[] = [];
  const loads: number[] = [];
  let store = new MemoryStore();
  for (let i = 0; i < runs; i++) {
    collect();
    parses.push(time(() => JSON.parse(text))[1]);
    collect();
    const [s, ms] = time(() => new MemoryStore(JSON.parse(text)));
    loads.push(ms);
    store = s;
  }
  const groups = store.query([['type', '=', 'intrusion-set']]);
  let intrusionSet: string | undefined;
  let most = -1;
  for (const g of groups) {
    const n = store.relationships(g, { sourceOnly: true }).length;
    if (n > most) [most, intrusionSet] = [n, g.id];
  }
  collect();
  const fresh = new MemoryStore(JSON.parse(text));
  const [techniques, queryMs] = time(() => (intrusionSet === undefined ? [] : techniquesOf(fresh, intrusionSet)));
  const [, warmTotal] = time(() => {
    for (let i = 0; i < 1000 && intrusionSet !== undefined; i++) techniquesOf(fresh, intrusionSet);
  });
  const [, allGroupsMs] = time(() => {
    for (const g of groups) techniquesOf(store, g.id);
  });
  const [, typeQueryMs] = time(() => store.query([['type', '=', 'attack-pattern']]));
  const [, scanQueryMs] = time(() => store.query([['external_references.external_id', '=', 'T1059']]));
  return {
    megabytes: Buffer.byteLength(text) / 1e6,
    objects: store.size,
    runs,
    parseMs: median(parses),
    loadMs: median(loads),
    intrusionSet,
    techniques: techniques.length,
    queryMs,
    warmQueryMs: warmTotal / 1000,
    allGroupsMs,
    groups: groups.length,
    typeQueryMs,
    scanQueryMs,
  };
}

async function main(): Promise<void> {
  const file = process.argv[2];
  let text: string;
  if (file !== undefined) {
    const raw = readFileSync(file);
    text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
  } else {
    const { generateBundleText } = await import('../../stix/src/testing/generate-bundle.js');
    text = generateBundleText({ objects: 25000 });
  }
  const result = await benchStore(text);
  const fmt = (n: number): string => n.toFixed(1);
  console.log(`${file ?? 'generated 25,000 objects'}: ${fmt(result.megabytes)} MB, ${result.objects} objects`);
  console.log(`  JSON.parse ${fmt(result.parseMs)} ms; load (parse + index) ${fmt(result.loadMs)} ms (median of ${result.runs})`);
  console.log(
    `  techniques used by ${result.intrusionSet}: ${result.techniques} in ${fmt(result.queryMs)} ms (warm: ${(result.warmQueryMs * 1000).toFixed(0)} µs)`,
  );
  console.log(`  the same for all ${result.groups} intrusion sets: ${fmt(result.allGroupsMs)} ms`);
  console.log(`  type query ${fmt(result.typeQueryMs)} ms; full-scan query ${fmt(result.scanQueryMs)} ms`);
  if (file !== undefined) {
    const [store, fileMs] = await (async (): Promise<[MemoryStore, number]> => {
      const t0 = performance.now();
      const s = await MemoryStore.load(file);
      return [s, performance.now() - t0];
    })();
    console.log(`  MemoryStore.load(file) ${fmt(fileMs)} ms (${store.size} objects)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
