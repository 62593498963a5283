/**
 * The admin API, under /admin/ and outside the TAXII tree: an operator creates, changes and
 * removes collections while the server runs. Collections live in the storage, which every
 * endpoint (and every process on the same database) reads them from on each request, so a change
 * applies to the next request everywhere, without a restart.
 *
 *   GET    /admin/api-roots/                              the configured API roots' paths
 *   GET    /admin/api-roots/{root}/collections/           every collection, with read / write lists
 *   GET    /admin/api-roots/{root}/collections/{id}/
 *   PUT    /admin/api-roots/{root}/collections/{id}/      create (201) or replace (200)
 *   DELETE /admin/api-roots/{root}/collections/{id}/      the collection and its objects (204)
 *
 * Users listed in `admins` only, by Basic or Bearer like the TAXII tree (401 otherwise; 403 for
 * other users); without admins the API is absent (404 to everything). Answers and errors are plain
 * JSON (`{ "error": { "code", "message", "issues"? } }`), never a TAXII resource or HTML. A PUT body
 * is a collection entry of the configuration file, checked by the same rules (config.ts). The
 * collections the configuration file defines are refused (409): it is applied at every start and
 * would undo the change.
 */
import type { FastifyPluginAsync } from 'fastify';
import { type CollectionConfig, checkCollectionConfig, collectionRecord } from '../config.js';
import type { ApiRootOptions, ContextOptions } from '../context.js';
import { sendJsonError } from '../error-handler.js';
import { type ConfigIssue, TaxiiError } from '../errors.js';
import { refuseOtherMethods } from '../method-not-allowed.js';
import type { CollectionRecord } from '../storage/storage.js';

type Source = 'config' | 'api';

/** A collection as the admin API shows it: a configuration entry, and where it is defined. */
function adminCollection(c: CollectionRecord, source: Source) {
  return {
    id: c.id,
    title: c.title,
    ...(c.description !== undefined ? { description: c.description } : {}),
    ...(c.alias !== undefined ? { alias: c.alias } : {}),
    read: c.read,
    write: c.write,
    media_types: c.mediaTypes,
    source,
  };
}

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 300 } },
} as const;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A PUT body: a collection entry of the configuration (config.ts checks it), its id the URL's.
 * The body may repeat the id, and carry `source: "api"`, so that what GET answers can be PUT back.
 */
function collectionOfBody(body: unknown, id: string, usernames: ReadonlySet<string>): CollectionConfig {
  if (body === undefined) throw new TaxiiError('TAXII_MALFORMED_BODY', 'a JSON body is required (Content-Type: application/json)');
  const issues: ConfigIssue[] = [];
  let entry: unknown = body;
  if (isObject(body)) {
    const { id: given, source, ...rest } = body;
    if (given !== undefined && given !== id)
      issues.push({ path: 'id', message: `${JSON.stringify(given)} is not the id in the URL (${id})` });
    if (source !== undefined && source !== 'api')
      issues.push({ path: 'source', message: `is read-only: "api" when given, found ${JSON.stringify(source)}` });
    entry = { ...rest, id };
  }
  const checked = checkCollectionConfig(entry, usernames);
  issues.push(...checked.issues);
  if (issues.length > 0 || checked.collection === undefined)
    throw new TaxiiError(
      'ADMIN_INVALID_COLLECTION',
      `invalid collection: ${issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; ')}`,
      {
        issues,
      },
    );
  return checked.collection;
}

const apiRootAdmin: FastifyPluginAsync<ApiRootOptions> = async (app, { ctx, root }) => {
  const { storage } = ctx;
  const inConfig = new Set(root.collections.map((c) => c.id));
  const sourceOf = (id: string): Source => (inConfig.has(id) ? 'config' : 'api');
  const refuseConfigDefined = (id: string) => {
    if (inConfig.has(id))
      throw new TaxiiError(
        'ADMIN_CONFIG_COLLECTION',
        `collection ${id} is defined in the configuration file: change it there (the file is applied at every start and would undo a change made here)`,
      );
  };
  /** By id only: the admin API names collections by id, never by alias. */
  const byId = async (id: string) => {
    const found = await storage.getCollection(root.path, id);
    return found?.id === id ? found : undefined;
  };
  const notFound = (id: string) => new TaxiiError('TAXII_NOT_FOUND', `no collection ${JSON.stringify(id)} in API root ${root.path}`);
  const aliasTaken = async (alias: string | undefined, id: string) => {
    if (alias === undefined) return undefined;
    const holder = await storage.getCollection(root.path, alias);
    return holder !== undefined && holder.id !== id
      ? new TaxiiError(
          'ADMIN_ALIAS_TAKEN',
          `alias ${JSON.stringify(alias)} is collection ${holder.id}'s (unique per API root, TAXII 2.1 §5.2.1)`,
        )
      : undefined;
  };

  app.get('/collections/', async () => ({
    collections: (await storage.listCollections(root.path)).map((c) => adminCollection(c, sourceOf(c.id))),
  }));
  refuseOtherMethods(app, '/collections/', ['GET']);

  app.get<{ Params: { id: string } }>('/collections/:id/', { schema: { params: idParams } }, async (request) => {
    const found = await byId(request.params.id);
    if (!found) throw notFound(request.params.id);
    return adminCollection(found, sourceOf(found.id));
  });

  app.put<{ Params: { id: string } }>('/collections/:id/', { schema: { params: idParams } }, async (request, reply) => {
    const { id } = request.params;
    refuseConfigDefined(id);
    const record = collectionRecord(root.path, collectionOfBody(request.body, id, ctx.usernames));
    const existing = await byId(id);
    const taken = await aliasTaken(record.alias, id);
    if (taken) throw taken;
    try {
      await storage.upsertCollection(record);
    } catch (error) {
      // Another PUT took the alias since the check: the unique index refused this one.
      throw (await aliasTaken(record.alias, id)) ?? error;
    }
    request.log.info({ apiRoot: root.path, collection: id, created: !existing }, 'admin: collection stored');
    if (!existing) reply.code(201).header('location', `/admin/api-roots/${root.path}/collections/${id}/`);
    return adminCollection(record, 'api');
  });

  app.delete<{ Params: { id: string } }>('/collections/:id/', { schema: { params: idParams } }, async (request, reply) => {
    const { id } = request.params;
    refuseConfigDefined(id);
    if (!(await storage.deleteCollection(root.path, id))) throw notFound(id);
    request.log.info({ apiRoot: root.path, collection: id }, 'admin: collection deleted with its objects');
    return reply.code(204).send();
  });
  refuseOtherMethods(app, '/collections/:id/', ['GET', 'PUT', 'DELETE']);
};

const adminPlugin: FastifyPluginAsync<ContextOptions> = async (app, { ctx }) => {
  app.setErrorHandler((error, request, reply) => sendJsonError(request, reply, error));
  // JSON bodies only: anything else is 415 (Fastify would hand text/plain over as a string).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.setNotFoundHandler((request, reply) =>
    sendJsonError(request, reply, new TaxiiError('TAXII_NOT_FOUND', `no endpoint ${request.method} ${request.url.split('?')[0]}`)),
  );
  app.addHook('onRequest', async (request) => {
    // Absent rather than forbidden: nothing to authenticate against when no one may use it.
    if (ctx.admins.size === 0) throw new TaxiiError('TAXII_NOT_FOUND', 'this server has no admin API (no admins are configured)');
    const user = await ctx.authenticator.authenticate(request.headers.authorization, request.ip);
    if (!ctx.admins.has(user)) throw new TaxiiError('TAXII_FORBIDDEN', `user ${JSON.stringify(user)} is not an admin`);
  });

  app.get('/api-roots/', async () => ({ api_roots: ctx.apiRoots.map((r) => r.path) }));
  refuseOtherMethods(app, '/api-roots/', ['GET']);
  // One prefix per API root, as in the TAXII tree: a root's path may hold "/".
  for (const root of ctx.apiRoots) await app.register(apiRootAdmin, { ctx, root, prefix: `/api-roots/${root.path}` });
};

export default adminPlugin;
