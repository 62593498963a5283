/**
 * The server configuration: a YAML or JSON file (loadConfig) or an object (createServer), checked
 * in full before anything starts — every problem is reported with its path (ConfigError).
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, type ConfigIssue } from './errors.js';
import { stixVersionsOf } from './media-type.js';
import { parsePasswordHash } from './password.js';
import type { CollectionRecord } from './storage/storage.js';

export interface TlsConfig {
  /** PEM certificate chain: a file path, or the PEM text itself. */
  readonly cert: string;
  /** PEM private key: a file path, or the PEM text itself. */
  readonly key: string;
}

export interface ListenConfig {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 8080 (0: any free port). */
  readonly port?: number;
  /** Serve HTTPS (TLS 1.2 or later, TAXII 2.1 §8.2.2). */
  readonly tls?: TlsConfig;
  /**
   * Behind a TLS-terminating proxy: whom to believe for X-Forwarded-For / -Proto / -Host — the
   * client's address in logs, and the scheme and host of the absolute URLs TAXII 2.0 discovery
   * gives. `true`: any peer (only when nothing but the proxy can reach the port); a number: that
   * many proxy hops; a list: the proxies' addresses or CIDR ranges. Default: nobody.
   */
  readonly trust_proxy?: boolean | number | readonly string[];
}

export interface DiscoveryConfig {
  readonly title: string;
  readonly description?: string;
  readonly contact?: string;
  /** The `path` of the default API root. */
  readonly default?: string;
}

export type UserConfig =
  | { readonly username: string; readonly password_hash: string; readonly password?: undefined }
  | { readonly username: string; readonly password: string; readonly password_hash?: undefined };

export type TokenConfig =
  | { readonly token: string; readonly username: string; readonly token_hash?: undefined }
  | { readonly token_hash: string; readonly username: string; readonly token?: undefined };

export interface CollectionConfig {
  /** UUIDv4 (TAXII 2.1 §5.2.1). */
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** Unique within the API root; usable in place of the id in URLs. */
  readonly alias?: string;
  /** Usernames that may read / write; `*` means every authenticated user. */
  readonly read: readonly string[];
  readonly write: readonly string[];
  /**
   * The STIX versions offered (collection-media.ts): application/stix+json;version=2.1 and/or
   * ;version=2.0, or the TAXII 2.0 name application/vnd.oasis.stix+json; version=2.0. Default:
   * application/stix+json;version=2.1 and ;version=2.0.
   */
  readonly media_types?: readonly string[];
}

export interface ApiRootConfig {
  /** The URL path of the API root, without slashes around it (`demo`, `feeds/public`). */
  readonly path: string;
  readonly title: string;
  readonly description?: string;
  /** Octets; POST bodies above it get 413 (TAXII 2.1 §4.2.1). */
  readonly max_content_length: number;
  readonly collections: readonly CollectionConfig[];
}

export interface LimitsConfig {
  /** Server cap on objects per page (default 1000). */
  readonly max_page_size?: number;
  /** Default 120000; 0 disables. */
  readonly request_timeout_ms?: number;
  /**
   * A pending status (a POST stored in the background, ingest.ts) that has recorded no stored
   * chunk for this long is taken for abandoned — its server process died — and settled: complete,
   * the objects not stored as failures. Default 600000 (10 minutes). Keep it far above the time
   * one chunk can take: with several processes on one database, a shorter one settles the status
   * of a request another process is still storing.
   */
  readonly pending_status_timeout_ms?: number;
  /**
   * How long a collection's record (read/write lists, media types) is remembered between requests
   * (collection-cache.ts). Default 1000; 0 reads it on every request. A change made over the admin
   * API of this process applies at once; one made by another process within this time.
   */
  readonly collection_cache_ms?: number;
  /**
   * At most `max` requests per user per window of `window_ms` (a fixed window from the user's
   * first request) to the TAXII endpoints (discovery and the API roots; not /healthz,
   * /openapi.json or the admin API), counted by each server process; beyond it 429 with
   * Retry-After. Absent: no limit.
   */
  readonly rate_limit?: WindowLimitConfig;
  /**
   * At most `max` wrong credentials per client address per window of `window_ms` (fixed, from its
   * first failure); then 429 with Retry-After, the credentials unchecked, until the window ends
   * (failure-limiter.ts). Counted by each server process; a request without credentials is not a
   * failure. Behind a proxy, set listen.trust_proxy, or every client shares the proxy's address.
   * Absent: no limit.
   */
  readonly auth_failures?: WindowLimitConfig;
}

/** At most `max` events in a window of `window_ms` (limits.rate_limit, limits.auth_failures). */
export interface WindowLimitConfig {
  readonly max: number;
  readonly window_ms: number;
}

export type StorageConfig = { readonly driver: 'sqlite'; readonly path: string } | { readonly driver: 'postgres'; readonly url: string };

export interface ServerConfig {
  readonly listen?: ListenConfig;
  readonly discovery: DiscoveryConfig;
  readonly users?: readonly UserConfig[];
  readonly tokens?: readonly TokenConfig[];
  readonly api_roots: readonly ApiRootConfig[];
  /**
   * Usernames (of `users`) allowed to use the admin API (/admin/, admin.ts), by password or by a
   * token of theirs. None: the admin API is absent.
   */
  readonly admins?: readonly string[];
  readonly limits?: LimitsConfig;
  /** Default: SQLite in ./taxiway.db. */
  readonly storage?: StorageConfig;
  /**
   * Key of the HMAC that signs `next` cursors. Without it a random key is made at each start:
   * cursors then die with the process, and several processes behind one address MUST share it.
   */
  readonly cursor_secret?: string;
}

export const DEFAULT_MAX_PAGE_SIZE = 1000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
export const DEFAULT_PENDING_STATUS_TIMEOUT_MS = 600_000;
export const DEFAULT_MEDIA_TYPES = ['application/stix+json;version=2.1', 'application/stix+json;version=2.0'] as const;

export const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SEGMENT = /^[A-Za-z0-9._~-]+$/;
const ALIAS = /^[A-Za-z0-9._~-]+$/;
// taxii2 and taxii are the TAXII 2.1 and 2.0 discovery URLs.
// admin is the admin API's (plugins/admin.ts).
const RESERVED_ROOTS = new Set(['taxii2', 'taxii', 'healthz', 'openapi.json', 'admin']);

type Json = Record<string, unknown>;

/** An IPv4 / IPv6 address, optionally with a /prefix of a valid length. */
function isAddressOrRange(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const [address = '', prefix, extra] = value.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

class Checker {
  readonly issues: ConfigIssue[] = [];

  fail(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  object(value: unknown, path: string, known: readonly string[]): Json | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, `expected an object, found ${describe(value)}`);
      return undefined;
    }
    for (const key of Object.keys(value))
      if (!known.includes(key)) this.fail(join(path, key), `unknown property (expected one of ${known.join(', ')})`);
    return value as Json;
  }

  string(o: Json, key: string, path: string, required: boolean, pattern?: RegExp, hint?: string): string | undefined {
    const value = o[key];
    if (value === undefined) {
      if (required) this.fail(join(path, key), 'is required');
      return undefined;
    }
    if (typeof value !== 'string' || value === '') {
      this.fail(join(path, key), `expected a non-empty string, found ${describe(value)}`);
      return undefined;
    }
    if (pattern && !pattern.test(value)) {
      this.fail(join(path, key), `${JSON.stringify(value)} is not ${hint ?? `of the form ${pattern}`}`);
      return undefined;
    }
    return value;
  }

  integer(o: Json, key: string, path: string, required: boolean, min: number, max: number): number | undefined {
    const value = o[key];
    if (value === undefined) {
      if (required) this.fail(join(path, key), 'is required');
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(join(path, key), `expected an integer from ${min} to ${max}, found ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  array(o: Json, key: string, path: string, required: boolean): unknown[] | undefined {
    const value = o[key];
    if (value === undefined) {
      if (required) this.fail(join(path, key), 'is required');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.fail(join(path, key), `expected a list, found ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  strings(o: Json, key: string, path: string, required: boolean): string[] | undefined {
    const list = this.array(o, key, path, required);
    if (!list) return undefined;
    list.forEach((item, i) => {
      if (typeof item !== 'string' || item === '')
        this.fail(`${join(path, key)}[${i}]`, `expected a non-empty string, found ${describe(item)}`);
    });
    return list as string[];
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}

/**
 * The rules of one `api_roots[].collections[]` entry. Returns its id and alias when they are
 * well-formed, for the checks across entries (unique per API root) that the caller makes.
 */
function checkCollection(
  c: Checker,
  entry: unknown,
  cpath: string,
  usernames: ReadonlySet<string>,
): { readonly id?: string; readonly alias?: string } {
  const collection = c.object(entry, cpath, ['id', 'title', 'description', 'alias', 'read', 'write', 'media_types']);
  if (!collection) return {};
  const id = c.string(collection, 'id', cpath, true, UUID4, 'a lowercase UUIDv4');
  c.string(collection, 'title', cpath, true);
  c.string(collection, 'description', cpath, false);
  let alias = c.string(collection, 'alias', cpath, false, ALIAS, 'an alias of unreserved URL characters');
  if (alias !== undefined && UUID4.test(alias)) {
    c.fail(join(cpath, 'alias'), 'an alias must not look like a collection id');
    alias = undefined;
  }
  for (const list of ['read', 'write'] as const) {
    c.strings(collection, list, cpath, true)?.forEach((name, k) => {
      if (typeof name === 'string' && name !== '*' && !usernames.has(name))
        c.fail(`${join(cpath, list)}[${k}]`, `no user ${JSON.stringify(name)} in users (use "*" for every authenticated user)`);
    });
  }
  const mediaTypes = c.strings(collection, 'media_types', cpath, false);
  if (mediaTypes && mediaTypes.length === 0) c.fail(join(cpath, 'media_types'), 'must not be empty (omit it for the default)');
  // The STIX versions the collection offers (collection-media.ts), in TAXII 2.1 or 2.0 spelling.
  mediaTypes?.forEach((mediaType, k) => {
    if (typeof mediaType === 'string' && mediaType !== '' && stixVersionsOf(mediaType) === undefined)
      c.fail(
        `${join(cpath, 'media_types')}[${k}]`,
        `${JSON.stringify(mediaType)} is not a STIX media type this server serves (application/stix+json;version=2.1, application/stix+json;version=2.0 or application/vnd.oasis.stix+json; version=2.0)`,
      );
  });
  return { ...(id !== undefined ? { id } : {}), ...(alias !== undefined ? { alias } : {}) };
}

/**
 * One collection entry from elsewhere than the configuration file (the admin API's PUT body),
 * checked by the rules of `api_roots[].collections[]` against the configured usernames; issue
 * paths are relative to the entry (`read[0]`). Uniqueness across collections is the caller's.
 */
export function checkCollectionConfig(
  value: unknown,
  usernames: ReadonlySet<string>,
): { readonly issues: readonly ConfigIssue[]; readonly collection?: CollectionConfig } {
  const c = new Checker();
  checkCollection(c, value, '', usernames);
  return c.issues.length > 0 ? { issues: c.issues } : { issues: [], collection: value as CollectionConfig };
}

/** A collection entry as the storage keeps it (upserted at start, or PUT by the admin API). */
export function collectionRecord(apiRoot: string, c: CollectionConfig): CollectionRecord {
  return {
    apiRoot,
    id: c.id,
    title: c.title,
    ...(c.description !== undefined ? { description: c.description } : {}),
    ...(c.alias !== undefined ? { alias: c.alias } : {}),
    read: c.read,
    write: c.write,
    mediaTypes: c.media_types ?? DEFAULT_MEDIA_TYPES,
  };
}

/** Checks a configuration value in full; returns it typed, or throws ConfigError with every issue. */
export function validateConfig(value: unknown, file?: string): ServerConfig {
  const c = new Checker();
  const root = c.object(value, '', ['listen', 'discovery', 'users', 'tokens', 'api_roots', 'admins', 'limits', 'storage', 'cursor_secret']);
  if (!root) throw new ConfigError(c.issues, file);

  if (root.listen !== undefined) {
    const listen = c.object(root.listen, 'listen', ['host', 'port', 'tls', 'trust_proxy']);
    if (listen) {
      c.string(listen, 'host', 'listen', false);
      c.integer(listen, 'port', 'listen', false, 0, 65535);
      const trust = listen.trust_proxy;
      if (typeof trust === 'number') c.integer(listen, 'trust_proxy', 'listen', false, 1, 10);
      else if (Array.isArray(trust)) {
        if (trust.length === 0) c.fail('listen.trust_proxy', 'an empty list trusts nobody: leave trust_proxy out');
        trust.forEach((a, i) => {
          if (!isAddressOrRange(a))
            c.fail(`listen.trust_proxy[${i}]`, `expected an IP address or CIDR range (10.0.0.0/8), found ${describe(a)}`);
        });
      } else if (trust !== undefined && typeof trust !== 'boolean')
        c.fail('listen.trust_proxy', `expected true, a number of proxy hops or a list of addresses, found ${describe(trust)}`);
      if (listen.tls !== undefined) {
        const tls = c.object(listen.tls, 'listen.tls', ['cert', 'key']);
        if (tls) {
          c.string(tls, 'cert', 'listen.tls', true);
          c.string(tls, 'key', 'listen.tls', true);
        }
      }
    }
  }

  if (root.discovery === undefined) c.fail('discovery', 'is required');
  const discovery =
    root.discovery === undefined ? undefined : c.object(root.discovery, 'discovery', ['title', 'description', 'contact', 'default']);
  if (discovery) {
    c.string(discovery, 'title', 'discovery', true);
    c.string(discovery, 'description', 'discovery', false);
    c.string(discovery, 'contact', 'discovery', false);
    c.string(discovery, 'default', 'discovery', false);
  }

  const usernames = new Set<string>();
  c.array(root, 'users', '', false)?.forEach((item, i) => {
    const path = `users[${i}]`;
    const user = c.object(item, path, ['username', 'password_hash', 'password']);
    if (!user) return;
    const name = c.string(user, 'username', path, true, /^[^:\s]+$/, 'a username without colons or spaces');
    if (name !== undefined) {
      if (usernames.has(name)) c.fail(`${path}.username`, `duplicate username ${JSON.stringify(name)}`);
      usernames.add(name);
    }
    if ((user.password_hash === undefined) === (user.password === undefined))
      c.fail(path, 'give exactly one of password_hash and password');
    const hash = c.string(user, 'password_hash', path, false);
    if (hash !== undefined && !parsePasswordHash(hash))
      c.fail(`${path}.password_hash`, 'is not a scrypt hash (scrypt$N$r$p$salt$hash; make one with `taxiway hash-password`)');
    c.string(user, 'password', path, false);
  });

  c.strings(root, 'admins', '', false)?.forEach((name, i) => {
    if (typeof name === 'string' && name !== '' && !usernames.has(name)) c.fail(`admins[${i}]`, `no user ${JSON.stringify(name)} in users`);
  });

  const tokens = new Set<string>();
  c.array(root, 'tokens', '', false)?.forEach((item, i) => {
    const path = `tokens[${i}]`;
    const token = c.object(item, path, ['token', 'token_hash', 'username']);
    if (!token) return;
    const name = c.string(token, 'username', path, true);
    if (name !== undefined && !usernames.has(name)) c.fail(`${path}.username`, `no user ${JSON.stringify(name)} in users`);
    if ((token.token === undefined) === (token.token_hash === undefined)) c.fail(path, 'give exactly one of token and token_hash');
    const plain = c.string(token, 'token', path, false, /^[\x21-\x7e]{16,}$/, 'a token of at least 16 printable ASCII characters');
    const hash = c.string(token, 'token_hash', path, false, /^sha256\$[0-9a-f]{64}$/, 'a token hash (sha256$ and 64 hex digits)');
    const key = plain ?? hash;
    if (key !== undefined) {
      if (tokens.has(key)) c.fail(path, 'duplicate token');
      tokens.add(key);
    }
  });

  const rootPaths = new Set<string>();
  const apiRoots = c.array(root, 'api_roots', '', true);
  if (apiRoots && apiRoots.length === 0) c.fail('api_roots', 'at least one API root is required (TAXII 2.1 §8.2.1)');
  apiRoots?.forEach((item, i) => {
    const path = `api_roots[${i}]`;
    const apiRoot = c.object(item, path, ['path', 'title', 'description', 'max_content_length', 'collections']);
    if (!apiRoot) return;
    const rootPath = c.string(apiRoot, 'path', path, true);
    if (rootPath !== undefined) {
      const segments = rootPath.split('/');
      if (!segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..'))
        c.fail(`${path}.path`, `${JSON.stringify(rootPath)} is not a URL path of unreserved characters without leading or trailing '/'`);
      else if (RESERVED_ROOTS.has(segments[0])) c.fail(`${path}.path`, `${JSON.stringify(segments[0])} is reserved`);
      if (rootPaths.has(rootPath)) c.fail(`${path}.path`, `duplicate API root ${JSON.stringify(rootPath)}`);
      rootPaths.add(rootPath);
    }
    c.string(apiRoot, 'title', path, true);
    c.string(apiRoot, 'description', path, false);
    c.integer(apiRoot, 'max_content_length', path, true, 1, 2 ** 31);
    const ids = new Set<string>();
    const aliases = new Set<string>();
    c.array(apiRoot, 'collections', path, true)?.forEach((entry, j) => {
      const cpath = `${path}.collections[${j}]`;
      const checked = checkCollection(c, entry, cpath, usernames);
      if (checked.id !== undefined) {
        if (ids.has(checked.id)) c.fail(`${cpath}.id`, `duplicate collection id ${checked.id}`);
        ids.add(checked.id);
      }
      if (checked.alias !== undefined) {
        if (aliases.has(checked.alias))
          c.fail(`${cpath}.alias`, `duplicate alias ${JSON.stringify(checked.alias)} (unique per API root, TAXII 2.1 §5.2.1)`);
        aliases.add(checked.alias);
      }
    });
  });

  const dflt = discovery?.default;
  if (typeof dflt === 'string' && apiRoots && !rootPaths.has(dflt))
    c.fail('discovery.default', `${JSON.stringify(dflt)} is not the path of an API root (TAXII 2.1 §4.1.1)`);

  if (root.limits !== undefined) {
    const limits = c.object(root.limits, 'limits', [
      'max_page_size',
      'request_timeout_ms',
      'pending_status_timeout_ms',
      'collection_cache_ms',
      'rate_limit',
      'auth_failures',
    ]);
    if (limits) {
      c.integer(limits, 'max_page_size', 'limits', false, 1, 100_000);
      c.integer(limits, 'request_timeout_ms', 'limits', false, 0, 86_400_000);
      c.integer(limits, 'pending_status_timeout_ms', 'limits', false, 1000, 604_800_000);
      c.integer(limits, 'collection_cache_ms', 'limits', false, 0, 60_000);
      for (const key of ['rate_limit', 'auth_failures'] as const) {
        if (limits[key] === undefined) continue;
        const rate = c.object(limits[key], `limits.${key}`, ['max', 'window_ms']);
        if (rate) {
          c.integer(rate, 'max', `limits.${key}`, true, 1, 1_000_000_000);
          c.integer(rate, 'window_ms', `limits.${key}`, true, 1000, 86_400_000);
        }
      }
    }
  }

  if (root.storage !== undefined) {
    const storage = c.object(root.storage, 'storage', ['driver', 'path', 'url']);
    if (storage) {
      if (storage.driver === 'sqlite') {
        c.string(storage, 'path', 'storage', true);
        if (storage.url !== undefined) c.fail('storage.url', 'is for driver postgres');
      } else if (storage.driver === 'postgres') {
        c.string(storage, 'url', 'storage', true, /^postgres(?:ql)?:\/\//, 'a postgres:// URL');
        if (storage.path !== undefined) c.fail('storage.path', 'is for driver sqlite');
      } else c.fail('storage.driver', `expected "sqlite" or "postgres", found ${describe(storage.driver)}`);
    }
  }

  c.string(root, 'cursor_secret', '', false, /^.{16,}$/s, 'a secret of at least 16 characters');

  if (c.issues.length > 0) throw new ConfigError(c.issues, file);
  return value as ServerConfig;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * TAXIWAY_HOST, TAXIWAY_PORT, TAXIWAY_DATABASE_URL (→ postgres; wins over the next one) and
 * TAXIWAY_SQLITE_PATH (→ sqlite) override the file.
 */
export function applyEnvironment(config: ServerConfig, env: Environment, file?: string): ServerConfig {
  let listen = config.listen ?? {};
  let storage = config.storage;
  if (env.TAXIWAY_HOST) listen = { ...listen, host: env.TAXIWAY_HOST };
  if (env.TAXIWAY_PORT) {
    const port = /^\d{1,5}$/.test(env.TAXIWAY_PORT) ? Number(env.TAXIWAY_PORT) : Number.NaN;
    if (!(port <= 65535))
      throw new ConfigError(
        [{ path: 'env.TAXIWAY_PORT', message: `expected a port number, found ${JSON.stringify(env.TAXIWAY_PORT)}` }],
        file,
      );
    listen = { ...listen, port };
  }
  if (env.TAXIWAY_DATABASE_URL) storage = { driver: 'postgres', url: env.TAXIWAY_DATABASE_URL };
  else if (env.TAXIWAY_SQLITE_PATH) storage = { driver: 'sqlite', path: env.TAXIWAY_SQLITE_PATH };
  return validateConfig({ ...config, listen, ...(storage ? { storage } : {}) }, file);
}

/** Reads a YAML or JSON file, checks it, applies the environment. Relative file paths in it are relative to it. */
export async function loadConfig(path: string, env: Environment = process.env): Promise<ServerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((cause as Error).message);
    throw new ConfigError([{ path: '', message: `cannot read the configuration: ${reason}` }], path, { cause });
  }
  let value: unknown;
  try {
    value = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new ConfigError(
      [{ path: '', message: `not well-formed ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${(cause as Error).message}` }],
      path,
      { cause },
    );
  }
  const config = validateConfig(value, path);
  const base = dirname(resolve(path));
  const rel = (p: string) => (isAbsolute(p) || p.startsWith('-----BEGIN') ? p : resolve(base, p));
  const tls = config.listen?.tls;
  const storage = config.storage;
  const located: ServerConfig = {
    ...config,
    ...(config.listen ? { listen: { ...config.listen, ...(tls ? { tls: { cert: rel(tls.cert), key: rel(tls.key) } } : {}) } } : {}),
    ...(storage?.driver === 'sqlite' && storage.path !== ':memory:' ? { storage: { driver: 'sqlite', path: rel(storage.path) } } : {}),
  };
  return applyEnvironment(located, env, path);
}
