/**
 * What the TAXII commands share: where to connect (a server URL, an API root URL, or for sync a
 * collection URL), with which credentials and TLS settings, and the client made from them.
 *
 * Credentials, first found wins: the command's flags, then the environment (TAXIWAY_TOKEN, or
 * TAXIWAY_USER + TAXIWAY_PASSWORD), then the client config file (--client-config, else
 * $TAXIWAY_CLIENT_CONFIG, else ~/.config/taxiway/client.yaml when it exists): a list of servers
 * whose longest `url` prefix matching the target applies. Secrets are never printed: errors name
 * the user and where a secret came from, not the secret.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Auth, TaxiiClient, type TaxiiClientOptions, type TaxiiVersion } from '@taxiway/taxii-client';
import { type Command, Option } from 'commander';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../exit-codes.js';

export interface ConnectionFlags {
  readonly user?: string;
  readonly password?: string;
  readonly token?: string;
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly insecure?: boolean;
  readonly taxiiVersion?: TaxiiVersion;
  readonly timeout?: string;
  readonly clientConfig?: string;
}

/** One entry of the client config file. */
interface ServerEntry {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  readonly token?: string;
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly insecure?: boolean;
  readonly version?: TaxiiVersion;
}

/** Adds the connection flags (with an optional prefix, e.g. `source-` for sync) to a command. */
export function addConnectionOptions(command: Command, prefix = '', side = ''): Command {
  const of = side === '' ? '' : ` of the ${side}`;
  return command
    .option(`--${prefix}user <name>`, `HTTP Basic user${of} (or TAXIWAY_USER); the password from TAXIWAY_PASSWORD`)
    .option(`--${prefix}password <password>`, `HTTP Basic password${of} (prefer TAXIWAY_PASSWORD: a flag is visible to other local users)`)
    .option(`--${prefix}token <token>`, `bearer token${of} (or TAXIWAY_TOKEN)`)
    .option(`--${prefix}ca <file>`, `PEM file of the CA(s) to trust${of}`)
    .option(`--${prefix}cert <file>`, `client certificate (PEM)${of}`)
    .option(`--${prefix}key <file>`, `client certificate key (PEM)${of}`)
    .option(`--${prefix}insecure`, `do not verify the TLS certificate${of} (testing only)`)
    .addOption(new Option(`--${prefix}taxii-version <version>`, `speak only this TAXII version${of}`).choices(['2.0', '2.1']));
}

/** The flags of one side (`source` / `dest`) of a two-server command, without their prefix. */
export function sideFlags(flags: Readonly<Record<string, unknown>>, prefix: string): ConnectionFlags {
  const pick = (name: string) => flags[`${prefix}${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`];
  const out: Record<string, unknown> = {};
  for (const name of ['user', 'password', 'token', 'ca', 'cert', 'key', 'insecure', 'taxiiVersion'])
    if (pick(name) !== undefined) out[name] = pick(name);
  if (flags.timeout !== undefined) out.timeout = flags.timeout;
  if (flags.clientConfig !== undefined) out.clientConfig = flags.clientConfig;
  return out as ConnectionFlags;
}

function configPath(flags: ConnectionFlags, env: NodeJS.ProcessEnv): { path: string; explicit: boolean } | undefined {
  if (flags.clientConfig !== undefined) return { path: flags.clientConfig, explicit: true };
  if (env.TAXIWAY_CLIENT_CONFIG) return { path: env.TAXIWAY_CLIENT_CONFIG, explicit: true };
  return { path: join(homedir(), '.config', 'taxiway', 'client.yaml'), explicit: false };
}

function readServers(flags: ConnectionFlags, env: NodeJS.ProcessEnv): readonly ServerEntry[] {
  const where = configPath(flags, env);
  if (where === undefined) return [];
  let text: string;
  try {
    text = readFileSync(where.path, 'utf8');
  } catch (error) {
    if (!where.explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UsageError(`cannot read the client config ${where.path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new UsageError(`${where.path}: not YAML or JSON: ${(error as Error).message}`);
  }
  const servers = (value as { servers?: unknown } | null)?.servers;
  if (!Array.isArray(servers)) throw new UsageError(`${where.path}: expected { servers: [ { url, username, password | token, … } ] }`);
  return servers.map((s, i) => {
    if (s === null || typeof s !== 'object' || typeof (s as ServerEntry).url !== 'string')
      throw new UsageError(`${where.path}: servers[${i}] needs a url`);
    return s as ServerEntry;
  });
}

/** The config entry with the longest URL prefix of `target`. */
function entryFor(target: URL, servers: readonly ServerEntry[]): ServerEntry | undefined {
  let best: ServerEntry | undefined;
  for (const s of servers) {
    let prefix: string;
    try {
      prefix = new URL(s.url).href;
    } catch {
      continue;
    }
    if (!prefix.endsWith('/')) prefix += '/';
    const href = target.href.endsWith('/') ? target.href : `${target.href}/`;
    if (href.startsWith(prefix) && (best === undefined || prefix.length > new URL(best.url).href.length)) best = s;
  }
  return best;
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
}

function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new UsageError(`--timeout: expected a duration such as 30s or 2m, not ${JSON.stringify(text)}`);
  return ms;
}

/** `90`, `90s`, `5m`, `1h`, `250ms` → milliseconds (a bare number is seconds). */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return Math.round(n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000));
}

/** The client options for `target` from flags, environment and config file (see the header). */
export function clientOptions(target: URL, flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): TaxiiClientOptions {
  const entry = entryFor(target, readServers(flags, env));
  let auth: Auth | undefined;
  if (flags.token !== undefined) auth = { type: 'bearer', token: flags.token };
  else if (flags.user !== undefined) {
    const password = flags.password ?? env.TAXIWAY_PASSWORD ?? (entry?.username === flags.user ? entry.password : undefined);
    if (password === undefined) throw new UsageError(`no password for ${flags.user}: set TAXIWAY_PASSWORD (or --password)`);
    auth = { type: 'basic', username: flags.user, password };
  } else if (env.TAXIWAY_TOKEN) auth = { type: 'bearer', token: env.TAXIWAY_TOKEN };
  else if (env.TAXIWAY_USER) {
    if (env.TAXIWAY_PASSWORD === undefined) throw new UsageError(`TAXIWAY_USER is ${env.TAXIWAY_USER} but TAXIWAY_PASSWORD is not set`);
    auth = { type: 'basic', username: env.TAXIWAY_USER, password: env.TAXIWAY_PASSWORD };
  } else if (entry?.token !== undefined) auth = { type: 'bearer', token: entry.token };
  else if (entry?.username !== undefined) {
    if (entry.password === undefined)
      throw new UsageError(`the client config names user ${entry.username} for ${entry.url} but no password`);
    auth = { type: 'basic', username: entry.username, password: entry.password };
  }
  const ca = flags.ca ?? entry?.ca;
  const cert = flags.cert ?? entry?.cert;
  const key = flags.key ?? entry?.key;
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('a client certificate needs both --cert and --key');
  const insecure = flags.insecure ?? entry?.insecure ?? false;
  const tls =
    ca !== undefined || cert !== undefined || insecure
      ? {
          ...(ca !== undefined ? { ca: readPem(ca, 'CA file') } : {}),
          ...(cert !== undefined ? { cert: readPem(cert, 'client certificate') } : {}),
          ...(key !== undefined ? { key: readPem(key, 'client key') } : {}),
          ...(insecure ? { insecure: true } : {}),
        }
      : undefined;
  const version = flags.taxiiVersion ?? entry?.version;
  const requestMs = parseTimeout(flags.timeout);
  return {
    ...(auth ? { auth } : {}),
    ...(tls ? { tls } : {}),
    ...(version ? { version } : {}),
    ...(requestMs !== undefined ? { timeouts: { requestMs } } : {}),
  };
}

/** A URL argument, checked (with a message a user understands). */
export function targetUrl(text: string, what = 'URL'): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${what}: not a URL: ${JSON.stringify(text)} (expected e.g. https://taxii.example.org/api1/)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${what}: expected an http(s) URL, not ${url.protocol}`);
  if (url.username !== '' || url.password !== '')
    throw new UsageError(`${what}: put credentials in --user / TAXIWAY_PASSWORD or the client config, not in the URL`);
  return url;
}

/**
 * `https://host/api1/collections/<id>/`, or `https://host/api1/<id>` (the last path segment is
 * the collection's id or alias), into the API root URL and the collection.
 */
export function splitCollectionUrl(text: string, what: string): { apiRoot: URL; collection: string } {
  const url = targetUrl(text, what);
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const at = segments.lastIndexOf('collections');
  let rootSegments: string[];
  let collection: string | undefined;
  if (at >= 0 && at === segments.length - 2) {
    rootSegments = segments.slice(0, at);
    collection = segments[at + 1];
  } else {
    rootSegments = segments.slice(0, -1);
    collection = segments[segments.length - 1];
  }
  if (collection === undefined || rootSegments.length === 0)
    throw new UsageError(`${what}: expected API_ROOT_URL/COLLECTION, e.g. https://host/api1/<collection id>/ (got ${url.href})`);
  const apiRoot = new URL(url.href);
  apiRoot.pathname = `/${rootSegments.join('/')}/`;
  apiRoot.search = '';
  apiRoot.hash = '';
  return { apiRoot, collection: decodeURIComponent(collection) };
}

export function makeClient(target: URL, flags: ConnectionFlags): TaxiiClient {
  return new TaxiiClient(clientOptions(target, flags));
}
