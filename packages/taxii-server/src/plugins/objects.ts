/**
 * The objects of a collection (TAXII 2.1 §5.3–§5.8): manifest, get and add objects, get and
 * delete an object, an object's versions. Sorted by date_added (§3.3), filtered (§3.4), paged
 * with signed `next` cursors (§3.5, cursor.ts).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { resolveCollection } from '../access.js';
import type { ApiRootOptions, ServerContext } from '../context.js';
import { TaxiiError } from '../errors.js';
import {
  canonicalQuery,
  DELETE_FILTERS,
  type FilterSet,
  OBJECT_FILTERS,
  OBJECTS_FILTERS,
  parseFilters,
  type QueryParams,
  toObjectQuery,
  VERSIONS_FILTERS,
} from '../filters.js';
import { ingest } from '../ingest.js';
import { isTaxiiContentType } from '../media-type.js';
import { refuseOtherMethods } from '../method-not-allowed.js';
import { sendTaxii, setDateAddedHeaders } from '../reply.js';
import { statusResource } from '../status-resource.js';
import { formatMicros, type Micros, type ObjectQuery, type Page } from '../storage/storage.js';
import { collectionParams, filterQuery, objectParams } from './schemas.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The collection of a POST, resolved (and its write access checked) before the body is read. */
    taxiiCollectionId: string;
  }
}

type CollectionRequest = FastifyRequest<{ Params: { collection: string }; Querystring: QueryParams }>;
type ObjectRequest = FastifyRequest<{ Params: { collection: string; objectId: string }; Querystring: QueryParams }>;

interface Paged<T> {
  readonly items: readonly T[];
  readonly more: boolean;
  readonly next?: string;
}

/** One page of any of the four paged endpoints, with the cursor checked and the next one signed. */
async function page<T extends { readonly dateAdded: Micros }>(
  ctx: ServerContext,
  request: FastifyRequest<{ Querystring: QueryParams }>,
  scope: string,
  endpoint: string,
  filterSet: FilterSet,
  fixed: Partial<ObjectQuery>,
  fetch: (query: ObjectQuery) => Promise<Page<T>>,
): Promise<Paged<T> & { readonly firstPage: boolean }> {
  const filters = parseFilters(request.query, filterSet);
  const canonical = canonicalQuery(endpoint, filters);
  const after = filters.next === undefined ? undefined : ctx.cursors.verify(filters.next, scope, canonical);
  const limit = Math.min(filters.limit ?? ctx.maxPageSize, ctx.maxPageSize);
  const result = await fetch({ ...toObjectQuery(filters, limit, after), ...fixed });
  const more = result.more && result.items.length > 0;
  const last = result.items[result.items.length - 1];
  return {
    items: result.items,
    more,
    ...(more ? { next: ctx.cursors.sign(scope, canonical, last.dateAdded) } : {}),
    firstPage: filters.next === undefined,
  };
}

/** `{"more":…,"next":…,"objects":[raw,…]}` without parsing the stored objects again. */
function envelope(result: Paged<{ readonly raw: string }>): string {
  const head = `{"more":${result.more}${result.next !== undefined ? `,"next":${JSON.stringify(result.next)}` : ''}`;
  if (result.items.length === 0) return `${head}}`;
  return `${head},"objects":[${result.items.map((o) => o.raw).join(',')}]}`;
}

const objectsPlugin: FastifyPluginAsync<ApiRootOptions> = async (app, { ctx, root }) => {
  const { storage } = ctx;
  const scopeOf = (collectionId: string) => `${root.path}/${collectionId}`;
  app.decorateRequest('taxiiCollectionId', '');

  // The body is read as text and parsed by the handler, so that bad JSON is a TAXII 400; the
  // media type was checked (415) before reading.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const read = async (request: CollectionRequest | ObjectRequest) =>
    (await resolveCollection(storage, root.path, request.params.collection, request.taxiiUser, 'read')).collection;

  /** §5.6 / §5.8: an object id unknown to the collection is 404, not an empty envelope. */
  const assertExists = async (collectionId: string, objectId: string) => {
    const found = await storage.getManifest(collectionId, { ids: [objectId], versions: [{ kind: 'all' }], limit: 1 });
    if (found.items.length === 0) throw new TaxiiError('TAXII_NOT_FOUND', `no object ${JSON.stringify(objectId)} in this collection`);
  };

  // §5.3 Get Object Manifests.
  app.get(
    '/collections/:collection/manifest/',
    { schema: { params: collectionParams, querystring: filterQuery } },
    async (request: CollectionRequest, reply) => {
      const collection = await read(request);
      const result = await page(ctx, request, scopeOf(collection.id), 'manifest', OBJECTS_FILTERS, {}, (q) =>
        storage.getManifest(collection.id, q),
      );
      setDateAddedHeaders(reply, result.items);
      return sendTaxii(reply, 200, {
        more: result.more,
        ...(result.next !== undefined ? { next: result.next } : {}),
        ...(result.items.length > 0
          ? {
              objects: result.items.map((o) => ({
                id: o.id,
                date_added: formatMicros(o.dateAdded),
                version: o.version,
                media_type: `application/stix+json;version=${o.specVersion}`,
              })),
            }
          : {}),
      });
    },
  );
  refuseOtherMethods(app, '/collections/:collection/manifest/', ['GET']);

  // §5.4 Get Objects.
  app.get(
    '/collections/:collection/objects/',
    { schema: { params: collectionParams, querystring: filterQuery } },
    async (request: CollectionRequest, reply) => {
      const collection = await read(request);
      const result = await page(ctx, request, scopeOf(collection.id), 'objects', OBJECTS_FILTERS, {}, (q) =>
        storage.getObjects(collection.id, q),
      );
      setDateAddedHeaders(reply, result.items);
      return sendTaxii(reply, 200, envelope(result));
    },
  );

  // §5.5 Add Objects.
  app.post(
    '/collections/:collection/objects/',
    {
      bodyLimit: root.max_content_length,
      schema: { params: collectionParams },
      // Access, media type and declared size are refused before a byte of the body is read.
      onRequest: async (request: FastifyRequest<{ Params: { collection: string } }>) => {
        const { collection } = await resolveCollection(storage, root.path, request.params.collection, request.taxiiUser, 'write');
        request.taxiiCollectionId = collection.id;
        const type = request.headers['content-type'];
        if (!isTaxiiContentType(type))
          throw new TaxiiError(
            'TAXII_UNSUPPORTED_MEDIA_TYPE',
            `POST bodies must be application/taxii+json;version=2.1, not ${type === undefined ? 'absent' : JSON.stringify(type)}`,
          );
        const length = request.headers['content-length'];
        if (length !== undefined && Number(length) > root.max_content_length)
          throw new TaxiiError(
            'TAXII_PAYLOAD_TOO_LARGE',
            `the body (${length} octets) exceeds max_content_length (${root.max_content_length})`,
          );
      },
    },
    async (request, reply) => {
      const text = typeof request.body === 'string' ? request.body : '';
      let value: unknown;
      try {
        value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      } catch (cause) {
        throw new TaxiiError('TAXII_MALFORMED_BODY', `the body is not well-formed JSON: ${(cause as Error).message}`, { cause });
      }
      const objects =
        value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { objects?: unknown }).objects : undefined;
      if (!Array.isArray(objects))
        throw new TaxiiError(
          'TAXII_UNPROCESSABLE',
          'the body must be a TAXII envelope: {"objects": [ …STIX objects… ]} (TAXII 2.1 §3.7, §5.5)',
        );
      if (objects.length === 0) throw new TaxiiError('TAXII_UNPROCESSABLE', 'the envelope holds no objects');
      const status = await ingest(
        ctx,
        { apiRoot: root.path, collectionId: request.taxiiCollectionId, owner: request.taxiiUser, objects },
        request.log,
      );
      return sendTaxii(reply, 202, statusResource(status));
    },
  );
  refuseOtherMethods(app, '/collections/:collection/objects/', ['GET', 'POST']);

  // §5.6 Get an Object.
  app.get(
    '/collections/:collection/objects/:objectId/',
    { schema: { params: objectParams, querystring: filterQuery } },
    async (request: ObjectRequest, reply) => {
      const collection = await read(request);
      const id = request.params.objectId;
      const result = await page(ctx, request, `${scopeOf(collection.id)}/${id}`, 'object', OBJECT_FILTERS, { ids: [id] }, (q) =>
        storage.getObjects(collection.id, q),
      );
      if (result.items.length === 0 && result.firstPage) await assertExists(collection.id, id);
      setDateAddedHeaders(reply, result.items);
      return sendTaxii(reply, 200, envelope(result));
    },
  );

  // §5.7 Delete an Object: needs read and write; the table's (false, false) is 404, one of them 403.
  app.delete(
    '/collections/:collection/objects/:objectId/',
    { schema: { params: objectParams, querystring: filterQuery } },
    async (request: ObjectRequest, reply: FastifyReply) => {
      const { collection } = await resolveCollection(storage, root.path, request.params.collection, request.taxiiUser, 'read+write');
      const filters = parseFilters(request.query, DELETE_FILTERS);
      // Without match[version] every version goes; without match[spec_version] every spec version.
      const deleted = await storage.deleteObject(collection.id, request.params.objectId, {
        versions: filters.versions ?? [{ kind: 'all' }],
        specVersions: filters.specVersions ?? ['2.0', '2.1'],
      });
      if (deleted === 0)
        throw new TaxiiError(
          'TAXII_NOT_FOUND',
          `no object ${JSON.stringify(request.params.objectId)} matching these filters in this collection`,
        );
      request.log.info({ collection: collection.id, object: request.params.objectId, deleted }, 'object deleted');
      return reply.code(200).send();
    },
  );
  refuseOtherMethods(app, '/collections/:collection/objects/:objectId/', ['GET', 'DELETE']);

  // §5.8 Get Object Versions.
  app.get(
    '/collections/:collection/objects/:objectId/versions/',
    { schema: { params: objectParams, querystring: filterQuery } },
    async (request: ObjectRequest, reply) => {
      const collection = await read(request);
      const id = request.params.objectId;
      const result = await page(
        ctx,
        request,
        `${scopeOf(collection.id)}/${id}`,
        'versions',
        VERSIONS_FILTERS,
        { ids: [id], versions: [{ kind: 'all' }] },
        (q) => storage.getManifest(collection.id, q),
      );
      if (result.items.length === 0 && result.firstPage) await assertExists(collection.id, id);
      setDateAddedHeaders(reply, result.items);
      return sendTaxii(reply, 200, {
        more: result.more,
        ...(result.next !== undefined ? { next: result.next } : {}),
        ...(result.items.length > 0 ? { versions: result.items.map((o) => o.version) } : {}),
      });
    },
  );
  refuseOtherMethods(app, '/collections/:collection/objects/:objectId/versions/', ['GET']);
};

export default objectsPlugin;
