/**
 * `taxiway discover URL` (the server's discovery resource and its API roots) and
 * `taxiway collections URL` (the collections of an API root, or of the server's default one).
 */
import type { ApiRoot } from '@taxiway/taxii-client';
import { type Command, Option } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { addConnectionOptions, type ConnectionFlags, makeClient, targetUrl } from '../taxii/remote.js';
import { describeRemoteError } from '../taxii/remote-errors.js';

interface RemoteFlags extends ConnectionFlags {
  readonly format: 'text' | 'json';
}

function common(command: Command): Command {
  return addConnectionOptions(command)
    .option('--timeout <duration>', 'per request (e.g. 30s, 2m; default 120s)')
    .option('--client-config <file>', 'credentials and TLS per server (default ~/.config/taxiway/client.yaml)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
}

export function registerDiscover(program: Command, setExitCode: (code: number) => void): void {
  common(
    program
      .command('discover')
      .description('show a TAXII server: its discovery resource and each API root (title, versions, max_content_length)')
      .argument('<url>', 'a server URL (https://host/) or a discovery URL (https://host/taxii2/)'),
  ).action(async (url: string, flags: RemoteFlags) => setExitCode(await discover(url, flags)));

  common(
    program
      .command('collections')
      .description('list the collections of an API root you can see (id, title, alias, read/write, media types)')
      .argument('<url>', "an API root URL (https://host/api1/), or a server URL for its discovery's default API root"),
  ).action(async (url: string, flags: RemoteFlags) => setExitCode(await collections(url, flags)));
}

async function discover(text: string, flags: RemoteFlags): Promise<number> {
  const url = targetUrl(text);
  const client = makeClient(url, flags);
  try {
    const found = await client.discover(url);
    // Each API root is asked for too: its versions and size limit are what a user needs next.
    const roots: { url: string; title?: string; versions?: readonly string[]; max_content_length?: number; error?: string }[] = [];
    for (const rootUrl of found.apiRoots) {
      try {
        const root = await client.openApiRoot(rootUrl);
        roots.push({
          url: rootUrl,
          title: root.title,
          versions: root.resource.versions,
          max_content_length: root.maxContentLength,
        });
      } catch (error) {
        roots.push({ url: rootUrl, error: describeRemoteError(error) });
      }
    }
    if (flags.format === 'json') {
      process.stdout.write(
        `${JSON.stringify({ url: found.url, taxii_version: found.version, discovery: found.resource, api_roots: roots }, null, 2)}\n`,
      );
    } else {
      const d = found.resource;
      const lines = [`${d.title}  (TAXII ${found.version}, ${found.url})`];
      if (d.description) lines.push(`  ${d.description}`);
      if (d.contact) lines.push(`  contact: ${d.contact}`);
      lines.push(`  default API root: ${found.defaultApiRoot ?? '(none)'}`);
      lines.push(roots.length === 0 ? '  no API roots listed' : '  API roots:');
      for (const r of roots)
        lines.push(
          r.error !== undefined
            ? `    ${r.url}  (${r.error})`
            : `    ${r.url}  ${r.title ?? ''}  versions: ${(r.versions ?? []).join(', ')}  max_content_length: ${r.max_content_length}`,
        );
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return ExitCode.Ok;
  } catch (error) {
    return reportFailure(error);
  } finally {
    await client.close();
  }
}

async function collections(text: string, flags: RemoteFlags): Promise<number> {
  const url = targetUrl(text);
  const client = makeClient(url, flags);
  try {
    const root: ApiRoot = await client.openApiRoot(url);
    const list = await root.collections();
    if (flags.format === 'json') {
      process.stdout.write(`${JSON.stringify({ api_root: root.url, taxii_version: root.version, collections: list }, null, 2)}\n`);
      return ExitCode.Ok;
    }
    const lines = [`${root.title}  (TAXII ${root.version}, ${root.url})`];
    if (list.length === 0) lines.push('  no collections you can see');
    for (const c of list) {
      const access = `${c.can_read ? 'r' : '-'}${c.can_write ? 'w' : '-'}`;
      lines.push(`  ${c.id}  ${access}  ${c.title}${c.alias ? `  (alias ${c.alias})` : ''}`);
      if (c.media_types && c.media_types.length > 0) lines.push(`      ${c.media_types.join(', ')}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return ExitCode.Ok;
  } catch (error) {
    return reportFailure(error);
  } finally {
    await client.close();
  }
}

/** A remote failure on stderr: exit 2 (usage or I/O). */
export function reportFailure(error: unknown): number {
  process.stderr.write(`taxiway: ${describeRemoteError(error)}\n`);
  return ExitCode.Usage;
}
