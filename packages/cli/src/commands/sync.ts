/**
 * `taxiway sync SRC_URL/COLL DST_URL/COLL`: copies what is new in one collection into another,
 * converting each object to the STIX version the destination takes (2.0 ⇄ 2.1), page by page.
 *
 * Resumable: after each page is stored (every status complete), the page's
 * X-TAXII-Date-Added-Last goes into the state file; the next run asks the source for
 * added_after that instant only. A run cut off mid-page re-sends that page, which the
 * destination answers as duplicates (adding an identical object again is not an error, TAXII 2.1
 * §5.5). This relies on the source giving each object its own date_added (Taxiway does, to the
 * microsecond); a source that gives several objects one date_added and splits them across pages
 * could have the rest of that instant skipped.
 *
 * `--watch 5m` keeps polling; SIGINT / SIGTERM stop it after the page in progress.
 *
 * Exit codes: 0 everything copied; 1 the destination refused some objects (listed; the sync
 * moves on — refusals such as a conflicting version are permanent); 2 usage or I/O error.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { StatusDetail } from '@taxiway/taxii-client';
import { type Command, Option } from 'commander';
import { ExitCode, UsageError } from '../exit-codes.js';
import { addChanges, PageAdapter, stixVersionFor } from '../taxii/adapt.js';
import { startProgress } from '../taxii/progress.js';
import { addConnectionOptions, makeClient, parseDuration, sideFlags, splitCollectionUrl } from '../taxii/remote.js';
import { SyncState } from '../taxii/sync-state.js';
import { reportFailure } from './discover.js';
import { parseLimit, parseMatches } from './pull.js';

interface SyncFlags extends Record<string, unknown> {
  readonly state: string;
  readonly watch?: string;
  readonly limit: string;
  readonly match: readonly string[];
  readonly from?: string;
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
}

const collect = (value: string, previous: readonly string[]) => [...previous, value];

export function registerSync(program: Command, setExitCode: (code: number) => void): void {
  let command = program
    .command('sync')
    .description('copy what is new in one collection into another (converting STIX 2.0 ⇄ 2.1 as needed); resumable')
    .argument('<source>', 'the source collection: API_ROOT_URL/COLLECTION_ID (or …/collections/ID/)')
    .argument('<destination>', 'the destination collection, the same way')
    .option('--state <file>', 'where the last copied date_added of each pair is kept', 'taxiway-sync-state.json')
    .option('--watch <interval>', 'keep polling, every interval (e.g. 30s, 5m, 1h)')
    .option('--from <timestamp>', 'on the first run, start after this date_added instead of from the beginning')
    .option('--match <key=values>', 'copy only these: type=…, id=…, version=…, spec_version=… (repeatable)', collect, [])
    .option('--limit <n>', 'objects per source page', '1000')
    .option('--quiet', 'no progress on stderr')
    .option('--timeout <duration>', 'per request (e.g. 30s, 2m; default 120s)')
    .option('--client-config <file>', 'credentials and TLS per server (default ~/.config/taxiway/client.yaml)')
    .addOption(
      new Option('--format <format>', 'the summary of each round: text on stderr, or a JSON line on stdout')
        .choices(['text', 'json'])
        .default('text'),
    );
  command = addConnectionOptions(command, 'source-', 'source');
  command = addConnectionOptions(command, 'dest-', 'destination');
  command.action(async (source: string, destination: string, flags: SyncFlags) => setExitCode(await sync(source, destination, flags)));
}

interface Round {
  readonly copied: number;
  readonly pages: number;
  readonly converted: number;
  readonly dropped: number;
  /** Conversion changes by kind (the report's counts, added up). */
  readonly changes: Readonly<Record<string, number>>;
  readonly failures: readonly StatusDetail[];
  readonly pending: number;
  readonly lastDateAdded?: string;
  readonly seconds: number;
}

async function sync(sourceText: string, destinationText: string, flags: SyncFlags): Promise<number> {
  const source = splitCollectionUrl(sourceText, 'source');
  const destination = splitCollectionUrl(destinationText, 'destination');
  const interval = flags.watch === undefined ? undefined : parseDuration(flags.watch);
  if (flags.watch !== undefined && (interval === undefined || interval < 1000))
    throw new UsageError(`--watch: expected an interval of at least 1s such as 30s or 5m, not ${JSON.stringify(flags.watch)}`);
  const limit = parseLimit(flags.limit);
  const match = flags.match.length > 0 ? parseMatches(flags.match) : undefined;
  const state = await SyncState.load(flags.state);
  const sourceClient = makeClient(source.apiRoot, sideFlags(flags, 'source'));
  const destinationClient = makeClient(destination.apiRoot, sideFlags(flags, 'dest'));
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let failed = false;
  try {
    const sourceRoot = await sourceClient.openApiRoot(source.apiRoot);
    const destinationRoot = await destinationClient.openApiRoot(destination.apiRoot);
    const from = sourceRoot.collection(source.collection);
    const to = destinationRoot.collection(destination.collection);
    const info = await to.info();
    if (!info.can_write) throw new UsageError(`you may not write to the destination collection ${destination.collection}`);
    const version = stixVersionFor(destinationRoot.version, info);
    // Objects another page of the source refers to (a 2.1 observed-data's SCOs), by id.
    const adapter = new PageAdapter(version, async (id) => {
      try {
        const versions = await from.getObject(id, {}, { signal: stop.signal });
        return versions[versions.length - 1];
      } catch {
        return undefined;
      }
    });
    const sourceKey = from.url;
    const destinationKey = to.url;
    for (;;) {
      const before = state.get(sourceKey, destinationKey);
      const progress = startProgress('sync', { quiet: flags.quiet === true });
      const failures: StatusDetail[] = [];
      let pages = 0;
      let converted = 0;
      let dropped = 0;
      let pending = 0;
      const changes = {};
      let last = before?.lastDateAdded ?? flags.from;
      let copied = before?.copied ?? 0;
      let warned = false;
      try {
        const source = from
          .objectPages({ limit, ...(last !== undefined ? { addedAfter: last } : {}), ...(match ? { match } : {}) }, { signal: stop.signal })
          [Symbol.asyncIterator]();
        // The next source page is fetched while this one is written: reading and writing overlap.
        let ahead = source.next();
        for (;;) {
          const next = await ahead;
          if (next.done) break;
          const page = next.value;
          ahead = source.next();
          // Handled where it is awaited; this keeps a failure after the last page from going unhandled.
          ahead.catch(() => {});
          pages++;
          const adapted = await adapter.adapt(page.objects);
          converted += adapted.converted;
          dropped += adapted.dropped;
          addChanges(changes, adapted.changes);
          if (adapted.objects.length > 0) {
            const result = await to.addObjects(adapted.objects, { wait: true });
            failures.push(...result.failures);
            pending += result.pendingCount;
          }
          copied += adapted.objects.length;
          if (page.dateAddedLast !== undefined) {
            last = page.dateAddedLast;
            await state.set({
              source: sourceKey,
              destination: destinationKey,
              lastDateAdded: last,
              copied,
              updated: new Date().toISOString(),
            });
          } else if (!warned && page.objects.length > 0) {
            warned = true;
            progress.log('taxiway: the source sends no X-TAXII-Date-Added-Last: this sync cannot resume where it stopped');
          }
          progress.step(adapted.objects.length, 0, `page ${pages}`);
          if (stop.signal.aborted) break;
        }
      } finally {
        progress.stop();
      }
      const round: Round = {
        copied: progress.objects,
        pages,
        converted,
        dropped,
        changes,
        failures,
        pending,
        ...(last !== undefined ? { lastDateAdded: last } : {}),
        seconds: progress.seconds,
      };
      if (failures.length > 0) failed = true;
      report(round, flags, sourceKey, destinationKey, version);
      if (interval === undefined || stop.signal.aborted) break;
      try {
        await sleep(interval, undefined, { signal: stop.signal });
      } catch {
        break;
      }
    }
    return failed ? ExitCode.Invalid : ExitCode.Ok;
  } catch (error) {
    if (stop.signal.aborted) return failed ? ExitCode.Invalid : ExitCode.Ok;
    return reportFailure(error);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await sourceClient.close();
    await destinationClient.close();
  }
}

function report(round: Round, flags: SyncFlags, source: string, destination: string, version: string): void {
  if (flags.format === 'json') {
    process.stdout.write(
      `${JSON.stringify({
        source,
        destination,
        stix_version: version,
        copied: round.copied,
        pages: round.pages,
        converted: round.converted,
        dropped: round.dropped,
        changes: round.changes,
        failure_count: round.failures.length,
        failures: round.failures,
        pending_count: round.pending,
        last_date_added: round.lastDateAdded ?? null,
        seconds: Number(round.seconds.toFixed(3)),
        objects_per_second: Math.round(round.copied / Math.max(round.seconds, 1e-3)),
      })}\n`,
    );
    return;
  }
  if (flags.quiet) return;
  const lines = [
    `taxiway: sync copied ${round.copied} objects in ${round.pages} page(s)${round.converted > 0 ? `, ${round.converted} converted to STIX ${version}` : ''}${round.dropped > 0 ? `, ${round.dropped} without a STIX ${version} form left out` : ''}${round.failures.length > 0 ? `, ${round.failures.length} refused` : ''}; up to ${round.lastDateAdded ?? '(nothing yet)'}`,
  ];
  for (const f of round.failures.slice(0, 50))
    lines.push(`  refused ${f.id}${f.version ? ` ${f.version}` : ''}${f.message ? `: ${f.message}` : ''}`);
  process.stderr.write(`${lines.join('\n')}\n`);
}
