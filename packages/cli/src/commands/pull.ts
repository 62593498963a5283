/**
 * `taxiway pull URL --collection ID`: every object of a collection (or what the filters select),
 * page after page, into one STIX bundle (a file, `.gz` compressed, or standard output) or into a
 * directory with one bundle per page. A file is written under a temporary name and renamed when
 * complete, so an interrupted pull never leaves a truncated bundle behind.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type BundleWriter, bundle, createBundleWriter, type StixVersion, serialize } from '@taxiway/stix';
import type { MatchFilters, ObjectsFilters } from '@taxiway/taxii-client';
import { type Command, Option } from 'commander';
import { ExitCode, UsageError } from '../exit-codes.js';
import { adapt, addChanges } from '../taxii/adapt.js';
import { startProgress } from '../taxii/progress.js';
import { addConnectionOptions, type ConnectionFlags, makeClient, targetUrl } from '../taxii/remote.js';
import { reportFailure } from './discover.js';

interface PullFlags extends ConnectionFlags {
  readonly collection: string;
  readonly addedAfter?: string;
  readonly match: readonly string[];
  readonly limit: string;
  readonly out?: string;
  readonly stixVersion?: StixVersion;
  readonly pretty?: boolean;
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
}

const MATCH_KEYS: Readonly<Record<string, keyof MatchFilters>> = {
  id: 'id',
  type: 'type',
  version: 'version',
  spec_version: 'specVersion',
};

/** `--match type=indicator,malware` (repeatable) into the client's match filters. */
export function parseMatches(values: readonly string[]): MatchFilters {
  const match: Record<string, string[]> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    const key = eq > 0 ? MATCH_KEYS[v.slice(0, eq)] : undefined;
    if (key === undefined || eq === v.length - 1)
      throw new UsageError(`--match ${JSON.stringify(v)}: expected id=…, type=…, version=… or spec_version=… (comma-separated values)`);
    const list = match[key] ?? [];
    list.push(...v.slice(eq + 1).split(','));
    match[key] = list;
  }
  return match as MatchFilters;
}

export function parseLimit(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit: expected a positive integer, not ${JSON.stringify(text)}`);
  return n;
}

const collect = (value: string, previous: readonly string[]) => [...previous, value];

export function registerPull(program: Command, setExitCode: (code: number) => void): void {
  addConnectionOptions(
    program
      .command('pull')
      .description('download the objects of a collection (all of them, or what the filters select) as STIX bundles')
      .argument('<url>', "an API root URL (https://host/api1/), or a server URL for its discovery's default API root")
      .requiredOption('--collection <id>', 'the collection id (or alias)')
      .option('--added-after <timestamp>', 'only objects added to the collection after this instant (e.g. 2024-01-01T00:00:00Z)')
      .option('--match <key=values>', 'filter: id=…, type=…, version=last|first|all|<timestamp>, spec_version=… (repeatable)', collect, [])
      .option('--limit <n>', 'objects per page asked of the server', '1000')
      .option('--out <file|dir>', 'one bundle file (.gz: compressed), or a directory (one bundle per page); default standard output')
      .addOption(new Option('--stix-version <version>', 'convert the objects to this STIX version').choices(['2.0', '2.1']))
      .option('--pretty', 'indent the JSON')
      .option('--quiet', 'no progress on stderr')
      .option('--timeout <duration>', 'per request (e.g. 30s, 2m; default 120s)')
      .option('--client-config <file>', 'credentials and TLS per server (default ~/.config/taxiway/client.yaml)')
      .addOption(
        new Option('--format <format>', 'the summary: text on stderr, or json (on stdout with --out, else stderr)')
          .choices(['text', 'json'])
          .default('text'),
      ),
  ).action(async (url: string, flags: PullFlags) => setExitCode(await pull(url, flags)));
}

interface Sink {
  write(objects: readonly Record<string, unknown>[], page: number): Promise<number>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

async function isDirectoryTarget(out: string): Promise<boolean> {
  if (out.endsWith('/')) return true;
  return (await stat(out).catch(() => undefined))?.isDirectory() === true;
}

/** One bundle, streamed: to stdout, or to `out` through `out.partial` (gzip for .gz). */
async function bundleSink(out: string | undefined, version: StixVersion, pretty: boolean): Promise<Sink> {
  const counting = new PassThrough();
  let done: Promise<void>;
  const partial = out === undefined ? undefined : `${out}.partial`;
  if (partial === undefined) {
    counting.pipe(process.stdout, { end: false });
    done = new Promise<void>((resolve) => counting.once('end', () => resolve()));
  } else {
    const file = createWriteStream(partial);
    done = out?.endsWith('.gz') ? pipeline(counting, createGzip(), file) : pipeline(counting, file);
  }
  // The writer's text is collected and handed to the stream once per page: one write (and one
  // backpressure wait) per page instead of one per object.
  const chunks: string[] = [];
  const writer: BundleWriter = createBundleWriter((chunk) => void chunks.push(chunk), { version, pretty });
  const flush = async (): Promise<number> => {
    const text = chunks.join('');
    chunks.length = 0;
    if (text === '') return 0;
    if (!counting.write(text)) await new Promise<void>((resolve) => counting.once('drain', () => resolve()));
    return Buffer.byteLength(text);
  };
  return {
    async write(objects) {
      for (const o of objects) await writer.write(o);
      return flush();
    },
    async finish() {
      await writer.close();
      await flush();
      counting.end();
      await done;
      if (partial !== undefined && out !== undefined) await rename(partial, out);
    },
    async abort() {
      counting.destroy();
      if (partial !== undefined) await rm(partial, { force: true });
    },
  };
}

function directorySink(dir: string, version: StixVersion, pretty: boolean): Sink {
  return {
    async write(objects, page) {
      await mkdir(dir, { recursive: true });
      const made = version === '2.0' ? bundle(objects, { version: '2.0' }) : bundle(objects);
      const text = `${serialize(made, { pretty })}\n`;
      const name = join(dir, `page-${String(page).padStart(6, '0')}.json`);
      await writeFile(`${name}.partial`, text);
      await rename(`${name}.partial`, name);
      return Buffer.byteLength(text);
    },
    async finish() {},
    async abort() {},
  };
}

async function pull(text: string, flags: PullFlags): Promise<number> {
  const url = targetUrl(text);
  const filters: ObjectsFilters = {
    limit: parseLimit(flags.limit),
    ...(flags.addedAfter !== undefined ? { addedAfter: flags.addedAfter } : {}),
    ...(flags.match.length > 0 ? { match: parseMatches(flags.match) } : {}),
  };
  const client = makeClient(url, flags);
  let sink: Sink | undefined;
  const progress = startProgress('pull', { quiet: flags.quiet === true });
  try {
    const root = await client.openApiRoot(url);
    const collection = root.collection(flags.collection);
    const version: StixVersion = flags.stixVersion ?? (root.version === '2.0' ? '2.0' : '2.1');
    const toDirectory = flags.out !== undefined && (await isDirectoryTarget(flags.out));
    sink = toDirectory
      ? directorySink(flags.out as string, version, flags.pretty === true)
      : await bundleSink(flags.out, version, flags.pretty === true);
    let pages = 0;
    let first: string | undefined;
    let last: string | undefined;
    let converted = 0;
    let dropped = 0;
    const changes = {};
    for await (const page of collection.objectPages(filters)) {
      pages++;
      first ??= page.dateAddedFirst;
      last = page.dateAddedLast ?? last;
      if (page.total !== undefined) progress.total(page.total);
      let objects = page.objects as readonly Record<string, unknown>[];
      if (flags.stixVersion !== undefined) {
        const a = adapt(page.objects, flags.stixVersion);
        objects = a.objects;
        converted += a.converted;
        dropped += a.dropped;
        addChanges(changes, a.changes);
      }
      const bytes = await sink.write(objects, pages);
      progress.step(page.objects.length, bytes, `page ${pages}`);
    }
    await sink.finish();
    progress.stop();
    const summary = {
      api_root: root.url,
      collection: flags.collection,
      taxii_version: root.version,
      stix_version: version,
      objects: progress.objects,
      pages,
      bytes: progress.bytes,
      seconds: Number(progress.seconds.toFixed(3)),
      objects_per_second: Math.round(progress.objects / Math.max(progress.seconds, 1e-3)),
      ...(first !== undefined ? { date_added_first: first } : {}),
      ...(last !== undefined ? { date_added_last: last } : {}),
      ...(flags.stixVersion !== undefined ? { converted, dropped, changes } : {}),
      out: flags.out ?? '-',
    };
    if (flags.format === 'json') (flags.out === undefined ? process.stderr : process.stdout).write(`${JSON.stringify(summary)}\n`);
    else if (!flags.quiet)
      process.stderr.write(
        `taxiway: pulled ${summary.objects} objects in ${pages} page(s) (${summary.objects_per_second} objects/s)${last ? `, last added ${last}` : ''}${flags.stixVersion ? `; converted ${converted}, left out ${dropped}` : ''} → ${summary.out}\n`,
      );
    return ExitCode.Ok;
  } catch (error) {
    progress.stop();
    await sink?.abort();
    return reportFailure(error);
  } finally {
    await client.close();
  }
}
