/**
 * createServer(): a Fastify instance serving TAXII 2.1 (every endpoint of §4 and §5) and, on the
 * same API roots and data, TAXII 2.0 (negotiation.ts) over a Storage. The TAXII tree (/taxii2/,
 * /taxii/ and the API roots) sits behind the auth plugin; the admin API (/admin/, its own JSON
 * errors and admin check), /healthz and /openapi.json sit outside it.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Server as HttpsServer } from 'node:https';
import rateLimit from '@fastify/rate-limit';
import fastify, { type FastifyHttpsOptions, type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import type { LoggerOptions } from 'pino';
import { AcceptedStatuses } from './accepted-statuses.js';
import { Authenticator } from './authenticator.js';
import { COLLECTION_CACHE_MS, withCollectionCache } from './collection-cache.js';
import {
  type ApiRootConfig,
  collectionRecord,
  DEFAULT_MAX_PAGE_SIZE,
  DEFAULT_PENDING_STATUS_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type ServerConfig,
  type StorageConfig,
  validateConfig,
} from './config.js';
import type { ContextOptions, ServerContext } from './context.js';
import { CursorSigner } from './cursor.js';
import { installErrorHandling, sendError } from './error-handler.js';
import { ConfigError, type ConfigIssue, TaxiiError } from './errors.js';
import { GroupCommit } from './group-commit.js';
import { TAXII_MEDIA_TYPE } from './media-type.js';
import { buildOpenApi } from './openapi.js';
import adminPlugin from './plugins/admin.js';
import apiRootPlugin from './plugins/api-root.js';
import authPlugin from './plugins/auth.js';
import discoveryPlugin from './plugins/discovery.js';
import healthPlugin from './plugins/health.js';
import type { CollectionRecord, Storage } from './storage/storage.js';

export interface CreateServerOptions {
  /** The storage to serve; the caller opened it and closes it. Default: the one `config.storage` names, opened and closed by the server. */
  readonly storage?: Storage;
  /** Fastify's logger: false (default), true, or pino options (plus `stream`, e.g. process.stderr). */
  readonly logger?: boolean | (LoggerOptions & { readonly stream?: NodeJS.WritableStream });
}

/** TLS 1.2+ with AEAD ciphers only: TAXII 2.1 §8.2.2 asks to avoid RFC 7540 App. A's TLS 1.2 blacklist. */
const TLS_CIPHERS = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'DHE-RSA-AES128-GCM-SHA256',
  'DHE-RSA-AES256-GCM-SHA384',
].join(':');

const STATUS_RETENTION_US = 24 * 3600 * 1_000_000;
const EXPIRY_INTERVAL_MS = 3600 * 1000;

export async function openStorage(config: StorageConfig): Promise<Storage> {
  if (config.driver === 'postgres') {
    const { PostgresStorage } = await import('./storage/postgres/postgres-storage.js');
    return new PostgresStorage({ url: config.url });
  }
  if (config.path === ':memory:') {
    const { SqliteStorage } = await import('./storage/sqlite/sqlite-storage.js');
    return new SqliteStorage({ path: config.path });
  }
  // Writes on a thread of their own, so that a commit never holds the event loop.
  const { ThreadedSqliteStorage } = await import('./storage/sqlite/threaded-sqlite-storage.js');
  return new ThreadedSqliteStorage({ path: config.path });
}

/**
 * At every start: the configuration file is the truth for the collections it defines (the admin
 * API refuses to change them, this would undo it). An alias the file gives one of them while a
 * collection the file does not define (made over the admin API) holds it in the same API root
 * stops the start with a ConfigError (TAXII_CONFIG_ALIAS_TAKEN) naming both — before anything is
 * written — rather than the unique index's raw error. An alias the file moves from one of its
 * collections to another is let go first.
 */
async function applyConfigCollections(storage: Storage, roots: readonly ApiRootConfig[]): Promise<void> {
  const stored = await Promise.all(roots.map((root) => storage.listCollections(root.path)));
  const clashes = roots.flatMap((root, i) => aliasClashes(root, i, stored[i] ?? []));
  if (clashes.length > 0) throw new ConfigError(clashes, undefined, { code: 'TAXII_CONFIG_ALIAS_TAKEN' });
  for (const [i, root] of roots.entries()) {
    const inFile = new Map(root.collections.map((c) => [c.id, c]));
    const claimed = new Set(root.collections.flatMap((c) => c.alias ?? []));
    for (const s of stored[i] ?? []) {
      const c = inFile.get(s.id);
      if (c === undefined || s.alias === undefined || s.alias === c.alias || !claimed.has(s.alias)) continue;
      const { alias: _released, ...record } = collectionRecord(root.path, c);
      await storage.upsertCollection(record);
    }
    for (const c of root.collections) {
      try {
        await storage.upsertCollection(collectionRecord(root.path, c));
      } catch (error) {
        // Taken since the check (another process, the admin API): the unique index refused it.
        const late = aliasClashes(root, i, await storage.listCollections(root.path));
        if (late.length > 0) throw new ConfigError(late, undefined, { code: 'TAXII_CONFIG_ALIAS_TAKEN', cause: error });
        throw error;
      }
    }
  }
}

/** The aliases of `root`'s configured collections that a collection the file does not define holds. */
function aliasClashes(root: ApiRootConfig, index: number, stored: readonly CollectionRecord[]): ConfigIssue[] {
  const inFile = new Set(root.collections.map((c) => c.id));
  const issues: ConfigIssue[] = [];
  for (const [j, c] of root.collections.entries()) {
    const holder = c.alias === undefined ? undefined : stored.find((s) => s.alias === c.alias && !inFile.has(s.id));
    if (holder === undefined) continue;
    issues.push({
      path: `api_roots[${index}].collections[${j}].alias`,
      message:
        `alias ${JSON.stringify(c.alias)} of collection ${c.id} is already collection ${holder.id}'s in API root ` +
        `${JSON.stringify(root.path)}, which the configuration does not define (made over the admin API; an alias is ` +
        `unique per API root, TAXII 2.1 §5.2.1): change the alias here, or that collection's over the admin API`,
    });
  }
  return issues;
}

/** listen.trust_proxy as Fastify's option; a hop count as proxy-addr's "the first n hops". */
function trustProxy(trust: boolean | number | readonly string[] | undefined): Pick<FastifyServerOptions, 'trustProxy'> {
  if (trust === undefined || trust === false) return {};
  if (typeof trust === 'number') return { trustProxy: (_address: string, hop: number) => hop < trust };
  return { trustProxy: trust === true ? true : [...trust] };
}

const pem = async (value: string) => (value.startsWith('-----BEGIN') ? value : readFile(value, 'utf8'));

export async function createServer(config: ServerConfig, options: CreateServerOptions = {}): Promise<FastifyInstance> {
  const valid = validateConfig(config);
  const tlsConfig = valid.listen?.tls;
  const tls = tlsConfig ? { cert: await pem(tlsConfig.cert), key: await pem(tlsConfig.key) } : undefined;

  const fastifyOptions: FastifyServerOptions = {
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    requestTimeout: valid.limits?.request_timeout_ms ?? DEFAULT_REQUEST_TIMEOUT_MS,
    routerOptions: { maxParamLength: 512, ignoreTrailingSlash: false },
    return503OnClosing: true,
    frameworkErrors: (error, request, reply) => sendError(request, reply, error),
    // Nobody by default: X-Forwarded-* from an untrusted peer would let it choose its logged address
    // and the URLs discovery hands out.
    ...trustProxy(valid.listen?.trust_proxy),
  };
  const app = (tls
    ? fastify({
        ...(fastifyOptions as FastifyHttpsOptions<HttpsServer>),
        https: { ...tls, minVersion: 'TLSv1.2', ciphers: TLS_CIPHERS, honorCipherOrder: true },
      })
    : fastify(fastifyOptions)) as unknown as FastifyInstance;

  const owned = options.storage === undefined;
  let storage: Storage;
  try {
    storage = options.storage ?? (await openStorage(valid.storage ?? { driver: 'sqlite', path: 'taxiway.db' }));
    if (owned) await storage.open();
    await applyConfigCollections(storage, valid.api_roots);
  } catch (error) {
    await app.close();
    throw error;
  }

  for (const user of valid.users ?? [])
    if (user.password !== undefined)
      app.log.warn(
        { user: user.username },
        'a plain password is in the configuration: store password_hash instead (taxiway hash-password)',
      );
  for (const token of valid.tokens ?? [])
    if (token.token !== undefined)
      app.log.warn({ user: token.username }, 'a plain token is in the configuration: store token_hash instead');
  if (valid.cursor_secret === undefined)
    app.log.info(
      'no cursor_secret configured: next cursors are signed with a random key and end with this process (configure one when several processes serve one database)',
    );
  if (!tls) app.log.warn('serving plain HTTP: TAXII 2.1 §8.2.2 requires HTTPS (set listen.tls, or terminate TLS in front)');

  const ctx: ServerContext = {
    storage: withCollectionCache(storage, valid.limits?.collection_cache_ms ?? COLLECTION_CACHE_MS),
    writes: new GroupCommit(storage),
    authenticator: await Authenticator.create(valid.users ?? [], valid.tokens ?? [], valid.limits?.auth_failures),
    cursors: new CursorSigner(valid.cursor_secret),
    discovery: valid.discovery,
    apiRoots: valid.api_roots,
    usernames: new Set((valid.users ?? []).map((u) => u.username)),
    admins: new Set(valid.admins ?? []),
    maxPageSize: valid.limits?.max_page_size ?? DEFAULT_MAX_PAGE_SIZE,
    pendingStatusTimeoutMs: valid.limits?.pending_status_timeout_ms ?? DEFAULT_PENDING_STATUS_TIMEOUT_MS,
    rateLimit: valid.limits?.rate_limit,
    authFailures: valid.limits?.auth_failures,
    accepted: new AcceptedStatuses(),
    jobs: new Set(),
  };

  installErrorHandling(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const rate = ctx.rateLimit;
  const taxiiTree: FastifyPluginAsync<ContextOptions> = async (tree, opts) => {
    await tree.register(authPlugin, opts);
    // After authentication (preHandler): counted per user, so that partners behind one proxy or
    // NAT do not share a budget; a request refused with 401 never reaches it.
    if (rate)
      await tree.register(rateLimit, {
        hook: 'preHandler',
        max: rate.max,
        timeWindow: rate.window_ms,
        keyGenerator: (request) => `user:${request.taxiiUser}`,
        errorResponseBuilder: (_request, context) =>
          new TaxiiError(
            'TAXII_TOO_MANY_REQUESTS',
            `more than ${context.max} requests in ${Math.round(rate.window_ms / 1000)} s: retry in ${context.after}`,
          ),
      });
    await tree.register(discoveryPlugin, opts);
    for (const root of opts.ctx.apiRoots) await tree.register(apiRootPlugin, { ...opts, root, prefix: `/${root.path}` });
  };
  await app.register(taxiiTree, { ctx });
  await app.register(adminPlugin, { ctx, prefix: '/admin' });
  await app.register(healthPlugin, { ctx });
  const openapi = buildOpenApi(ctx);
  app.get('/openapi.json', async (_request, reply) => reply.header('content-type', 'application/json').send(openapi));

  // At start and hourly. First the pending statuses abandoned by a server process that died while
  // storing a large POST (ingest.ts): settled, so that they say what was stored and end. Then
  // §4.3: statuses stay queryable at least 24 h after completion; older ones are dropped.
  const housekeeping = async () => {
    const now = Date.now() * 1000;
    await storage
      .settleAbandonedStatuses(now - ctx.pendingStatusTimeoutMs * 1000)
      .then((settled) => {
        if (settled > 0) app.log.warn({ settled }, 'settled pending statuses whose server process stopped while storing them (abandoned)');
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'settling abandoned statuses failed'));
    await storage
      .expireStatuses(now - STATUS_RETENTION_US)
      .catch((error: unknown) => app.log.error({ err: error }, 'expiring statuses failed'));
  };
  const timer = setInterval(housekeeping, EXPIRY_INTERVAL_MS);
  timer.unref();
  app.addHook('onReady', async () => {
    await housekeeping();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await Promise.allSettled([...ctx.jobs]);
    if (owned) await storage.close();
  });
  app.log.debug({ mediaType: TAXII_MEDIA_TYPE, apiRoots: valid.api_roots.map((r) => r.path) }, 'TAXII server ready');
  return app;
}
