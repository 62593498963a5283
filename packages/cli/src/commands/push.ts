/**
 * `taxiway push URL --collection ID FILE…`: STIX bundles, lists or single objects (files,
 * directories, .gz, or - for stdin) into a collection. Everything is validated first; nothing is
 * sent when an object is invalid (unless --skip-invalid). Objects are converted to the STIX
 * version the collection takes, sent in requests that fit the API root's max_content_length,
 * and each status is followed until complete; the failures the server reports are printed.
 *
 * Exit codes: 0 every object stored; 1 some object invalid or refused by the server; 2 usage or
 * I/O error.
 */
import { type StixVersion, validate } from '@taxiway/stix';
import type { Status, StatusDetail, StixObject } from '@taxiway/taxii-client';
import { type Command, Option } from 'commander';
import { ExitCode, UsageError } from '../exit-codes.js';
import { describeIoError, readAll, resolveInputs } from '../input.js';
import { adapt, stixVersionFor } from '../taxii/adapt.js';
import { startProgress } from '../taxii/progress.js';
import { addConnectionOptions, type ConnectionFlags, makeClient, targetUrl } from '../taxii/remote.js';
import { reportFailure } from './discover.js';

interface PushFlags extends ConnectionFlags {
  readonly collection: string;
  readonly validate: boolean;
  readonly skipInvalid?: boolean;
  readonly stixVersion?: StixVersion;
  readonly batch: string;
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
  readonly async?: boolean;
}

/** The objects of one parsed input: a bundle, a TAXII envelope, a list, or one object. */
export function objectsOf(value: unknown, name: string): StixObject[] {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  let list: unknown;
  if (Array.isArray(value)) list = value;
  else if (isObject(value) && value.type === 'bundle') list = value.objects ?? [];
  else if (isObject(value) && Array.isArray(value.objects) && value.type === undefined) list = value.objects;
  else if (isObject(value)) list = [value];
  else throw new UsageError(`${name}: expected a STIX bundle, a list of objects or one object`);
  if (!Array.isArray(list)) throw new UsageError(`${name}: the bundle's objects is not a list`);
  list.forEach((o, i) => {
    if (!isObject(o) || typeof o.type !== 'string' || typeof o.id !== 'string')
      throw new UsageError(`${name}: objects[${i}] is not a STIX object (type and id are required)`);
  });
  return list as StixObject[];
}

export function registerPush(program: Command, setExitCode: (code: number) => void): void {
  addConnectionOptions(
    program
      .command('push')
      .description('validate STIX content and add it to a collection, in requests that fit the server; print the outcome')
      .argument('<url>', "an API root URL (https://host/api1/), or a server URL for its discovery's default API root")
      .argument('<files...>', 'bundles, lists or objects: files, directories (recursively), .json.gz, or - for stdin')
      .requiredOption('--collection <id>', 'the collection id (or alias)')
      .option('--no-validate', 'send without validating first')
      .option('--skip-invalid', 'send the valid objects and report the invalid ones (default: send nothing when one is invalid)')
      .addOption(
        new Option('--stix-version <version>', 'the STIX version to send (default: what the collection takes, converting)').choices([
          '2.0',
          '2.1',
        ]),
      )
      .option('--batch <n>', 'objects per add call (each split further to fit max_content_length)', '1000')
      .option('--async', 'send Prefer: respond-async (the server stores each request after answering) and check every status at the end')
      .option('--quiet', 'no progress on stderr')
      .option('--timeout <duration>', 'per request (e.g. 30s, 2m; default 120s)')
      .option('--client-config <file>', 'credentials and TLS per server (default ~/.config/taxiway/client.yaml)')
      .addOption(
        new Option('--format <format>', 'the outcome: text on stderr, or json on stdout').choices(['text', 'json']).default('text'),
      ),
  ).action(async (url: string, files: string[], flags: PushFlags) => setExitCode(await push(url, files, flags)));
}

async function readObjects(files: readonly string[]): Promise<StixObject[]> {
  const { inputs, errors } = await resolveInputs(files);
  if (errors.length > 0) throw new UsageError(errors.join('; '));
  const all: StixObject[] = [];
  for (const input of inputs) {
    let text: string;
    try {
      text = (await readAll(input.open())).toString('utf8');
    } catch (error) {
      throw new UsageError(`${input.name}: ${describeIoError(error)}`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${input.name}: not JSON: ${(error as Error).message}`);
    }
    for (const o of objectsOf(value, input.name)) all.push(o);
  }
  return all;
}

interface Invalid {
  readonly object: StixObject;
  readonly id: string;
  readonly errors: readonly string[];
}

function invalidObjects(objects: readonly StixObject[]): Invalid[] {
  const out: Invalid[] = [];
  for (const o of objects) {
    const report = validate(o, { bestPractices: false });
    if (report.valid) continue;
    const errors = report.issues.filter((i) => i.severity === 'error').map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    out.push({ object: o, id: o.id, errors });
  }
  return out;
}

const line = (d: StatusDetail) => `  ${d.id}${d.version ? ` ${d.version}` : ''}${d.message ? `: ${d.message}` : ''}`;

async function push(text: string, files: readonly string[], flags: PushFlags): Promise<number> {
  const url = targetUrl(text);
  const batch = Number(flags.batch);
  if (!Number.isInteger(batch) || batch < 1)
    throw new UsageError(`--batch: expected a positive integer, not ${JSON.stringify(flags.batch)}`);
  let objects = await readObjects(files);
  const invalid = flags.validate ? invalidObjects(objects) : [];
  if (invalid.length > 0) {
    for (const i of invalid.slice(0, 50)) process.stderr.write(`taxiway: invalid ${i.id}: ${i.errors.slice(0, 3).join('; ')}\n`);
    if (invalid.length > 50) process.stderr.write(`taxiway: … and ${invalid.length - 50} more invalid objects\n`);
    if (!flags.skipInvalid) {
      process.stderr.write(
        `taxiway: ${invalid.length} of ${objects.length} objects are invalid; nothing sent (--skip-invalid sends the others)\n`,
      );
      return ExitCode.Invalid;
    }
    const bad = new Set(invalid.map((i) => i.object));
    objects = objects.filter((o) => !bad.has(o));
  }
  const client = makeClient(url, flags);
  const progress = startProgress('push', { quiet: flags.quiet === true });
  try {
    const root = await client.openApiRoot(url);
    const collection = root.collection(flags.collection);
    const info = root.version === '2.1' ? await collection.info() : await collection.info().catch(() => undefined);
    const version = flags.stixVersion ?? stixVersionFor(root.version, info);
    const adapted = adapt(objects, version);
    if (adapted.converted > 0)
      progress.log(
        `taxiway: converted ${adapted.converted} objects to STIX ${version}${adapted.dropped > 0 ? ` (${adapted.dropped} have no STIX ${version} form and are left out)` : ''}`,
      );
    progress.total(adapted.objects.length);
    const statuses: Status[] = [];
    for (let i = 0; i < adapted.objects.length; i += batch) {
      const slice = adapted.objects.slice(i, i + batch);
      // --async: the next batch is sent while the server stores this one; statuses polled below.
      const result = await collection.addObjects(slice, flags.async ? { respondAsync: true } : { wait: true });
      statuses.push(...result.statuses);
      progress.step(slice.length, Buffer.byteLength(JSON.stringify(slice)), `request ${statuses.length}`);
    }
    for (const [i, status] of statuses.entries()) if (status.status !== 'complete') statuses[i] = await root.waitForStatus(status);
    progress.stop();
    const requests = statuses.length;
    const successes: StatusDetail[] = statuses.flatMap((st) => st.successes);
    const failures: StatusDetail[] = statuses.flatMap((st) => st.failures);
    const pendings: StatusDetail[] = statuses.flatMap((st) => st.pendings);
    const summary = {
      api_root: root.url,
      collection: flags.collection,
      taxii_version: root.version,
      stix_version: version,
      read: objects.length + invalid.length,
      invalid: invalid.length,
      converted: adapted.converted,
      dropped: adapted.dropped,
      sent: adapted.objects.length,
      requests,
      success_count: successes.length,
      failure_count: failures.length,
      pending_count: pendings.length,
      failures,
      ...(pendings.length > 0 ? { pendings } : {}),
      changes: adapted.changes,
      seconds: Number(progress.seconds.toFixed(3)),
    };
    if (flags.format === 'json') process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else if (!flags.quiet) {
      const out = [
        `taxiway: sent ${summary.sent} objects in ${requests} request(s): ${successes.length} stored, ${failures.length} failed${pendings.length > 0 ? `, ${pendings.length} still pending` : ''}`,
      ];
      if (failures.length > 0) out.push('failures:', ...failures.slice(0, 100).map(line));
      if (failures.length > 100) out.push(`  … and ${failures.length - 100} more (--format json lists all)`);
      process.stderr.write(`${out.join('\n')}\n`);
    }
    return failures.length > 0 || invalid.length > 0 || pendings.length > 0 ? ExitCode.Invalid : ExitCode.Ok;
  } catch (error) {
    progress.stop();
    return reportFailure(error);
  } finally {
    await client.close();
  }
}
