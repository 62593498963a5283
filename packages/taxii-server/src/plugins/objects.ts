/**
 * The objects of a collection: TAXII 2.1 §5.3–§5.8 (manifest, get and add objects, get and delete
 * an object, an object's versions; sorted by date_added §3.3, filtered §3.4, paged with signed
 * `next` cursors §3.5, cursor.ts) and, on the same URLs, TAXII 2.0 §5.3–§5.6 (STIX 2.0 bundles,
 * manifest entries, item ranges §3.4, item-pages.ts). Objects are stored as received and served
 * in the STIX version the client gets from the collection (collection-media.ts, conversion.ts).
 */
import { detectVersion } from '@taxiway/stix';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { resolveCollection } from '../access.js';
import { offeredVersions, offers, type StixVersion, servedVersion } from '../collection-media.js';
import type { ApiRootOptions, ServerContext } from '../context.js';
import { OMITTED_HEADER, servePage } from '../conversion.js';
import { TaxiiError } from '../errors.js';
import {
  canonicalQuery,
  DELETE_FILTERS,
  type FilterSet,
  OBJECT_FILTERS,
  OBJECTS_FILTERS,
  type ParsedFilters,
  parseFilters,
  type QueryParams,
  toObjectQuery,
  VERSIONS_FILTERS,
} from '../filters.js';
import { ingest, prefersRespondAsync } from '../ingest.js';
import { bundleText, readItemPage, type Selection } from '../item-pages.js';
import { objectsMemberElements } from '../json-spans.js';
import { contentTypeVersion, STIX_20_MEDIA_TYPE, TAXII_20_MEDIA_TYPE, taxiiMediaType } from '../media-type.js';
import { refuseOtherMethods } from '../method-not-allowed.js';
import { sendTaxii, setDateAddedHeaders } from '../reply.js';
import { statusFor } from '../status-resource.js';
import { type CollectionRecord, formatMicros, type Micros, type ObjectQuery, type Page, type StoredObject } from '../storage/storage.js';
import { collectionParams, filterQuery, objectParams } from './schemas.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The collection of a POST, resolved (and its write access checked) before the body is read. */
    taxiiCollection: CollectionRecord;
  }
}

type CollectionRequest = FastifyRequest<{ Params: { collection: string }; Querystring: QueryParams }>;
type ObjectRequest = FastifyRequest<{ Params: { collection: string; objectId: string }; Querystring: QueryParams }>;

/** TAXII 2.0 §3.5: added_after and match[id, type, version]; no spec_version, no limit / next. */
const OBJECTS_FILTERS_20: FilterSet = { id: true, type: true, version: true, addedAfter: true };
/** TAXII 2.0 §5.5: "The only valid match parameter is version." */
const OBJECT_FILTERS_20: FilterSet = { version: true };

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
): Promise<Paged<T> & { readonly firstPage: boolean; readonly filters: ParsedFilters }> {
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
    filters,
  };
}

/** `{"more":…,"next":…,"objects":[…]}` from JSON texts, without parsing the stored objects again. */
function envelope(result: Paged<unknown>, objects: readonly string[]): string {
  const head = `{"more":${result.more}${result.next !== undefined ? `,"next":${JSON.stringify(result.next)}` : ''}`;
  if (objects.length === 0) return `${head}}`;
  return `${head},"objects":[${objects.join(',')}]}`;
}

/** The selection of a TAXII 2.0 request (filters as in 2.1, without paging). */
function selection20(filters: ParsedFilters, fixed: Selection = {}): Selection {
  const { limit: _limit, after: _after, ...rest } = toObjectQuery(filters, 1, undefined);
  return { ...rest, ...fixed };
}

const objectsPlugin: FastifyPluginAsync<ApiRootOptions> = async (app, { ctx, root }) => {
  const { storage } = ctx;
  const scopeOf = (collectionId: string) => `${root.path}/${collectionId}`;
  app.decorateRequest('taxiiCollection', null as unknown as CollectionRecord);

  // The body is read as text and parsed by the handler, so that bad JSON is a TAXII 400; the
  // media type was checked (415) before reading.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const read = async (request: CollectionRequest | ObjectRequest) =>
    (await resolveCollection(storage, root.path, request.params.collection, request.taxiiUser, 'read', request.taxiiVersion)).collection;

  /** 2.1 §5.6 / §5.8, 2.0 §5.5: an object id unknown to the collection is 404, not an empty answer. */
  const assertExists = async (collectionId: string, objectId: string) => {
    const found = await storage.getManifest(collectionId, { ids: [objectId], versions: [{ kind: 'all' }], limit: 1 });
    if (found.items.length === 0) throw new TaxiiError('TAXII_NOT_FOUND', `no object ${JSON.stringify(objectId)} in this collection`);
  };

  /**
   * TAXII 2.1: objects in the version the collection serves when the client leaves
   * match[spec_version] to its default ("the latest spec_version the server can provide",
   * §3.4.1); as stored when it names spec versions (it asked for those).
   */
  const envelopeObjects = async (
    request: FastifyRequest,
    reply: FastifyReply,
    collection: CollectionRecord,
    result: Paged<StoredObject> & { filters: ParsedFilters },
  ) => {
    if (result.filters.specVersions !== undefined) return result.items.map((o) => o.raw);
    const served = await servePage(storage, collection.id, result.items, servedVersion(collection, '2.1'), request.log);
    if (served.omitted > 0) reply.header(OMITTED_HEADER, String(served.omitted));
    return served.objects.map((o) => o.json);
  };

  // 2.1 §5.3 / 2.0 §5.6 Get Object Manifests.
  app.get(
    '/collections/:collection/manifest/',
    { schema: { params: collectionParams, querystring: filterQuery } },
    async (request: CollectionRequest, reply) => {
      const collection = await read(request);
      if (request.taxiiVersion === '2.0') {
        // One manifest-entry per item (stored version) of the range, for what GET objects would
        // serve: the same positions, the same objects left out.
        const filters = parseFilters(request.query, OBJECTS_FILTERS_20);
        const result = await readItemPage(ctx, request, reply, collection.id, selection20(filters));
        const objects = result.objects.map((o) => ({
          id: o.id,
          date_added: formatMicros(o.item.dateAdded),
          versions: [o.version],
          media_types: [STIX_20_MEDIA_TYPE],
        }));
        return sendTaxii(reply, result.status, objects.length > 0 ? { objects } : {}, TAXII_20_MEDIA_TYPE);
      }
      const result = await page(ctx, request, scopeOf(collection.id), 'manifest', OBJECTS_FILTERS, {}, (q) =>
        storage.getManifest(collection.id, q),
      );
      setDateAddedHeaders(reply, result.items);
      // §5.3.1: media_type MUST be one of the collection's: the stored version when offered, else
      // the one it is served in.
      const served = servedVersion(collection, '2.1');
      return sendTaxii(reply, 200, {
        more: result.more,
        ...(result.next !== undefined ? { next: result.next } : {}),
        ...(result.items.length > 0
          ? {
              objects: result.items.map((o) => ({
                id: o.id,
                date_added: formatMicros(o.dateAdded),
                version: o.version,
                media_type: `application/stix+json;version=${offers(collection, o.specVersion as StixVersion) ? o.specVersion : served}`,
              })),
            }
          : {}),
      });
    },
  );
  refuseOtherMethods(app, '/collections/:collection/manifest/', ['GET']);

  // 2.1 §5.4 / 2.0 §5.3 Get Objects.
  app.get(
    '/collections/:collection/objects/',
    { schema: { params: collectionParams, querystring: filterQuery }, config: { taxii: { produces: 'objects' } } },
    async (request: CollectionRequest, reply) => {
      const collection = await read(request);
      if (request.taxiiVersion === '2.0') {
        const filters = parseFilters(request.query, OBJECTS_FILTERS_20);
        const result = await readItemPage(ctx, request, reply, collection.id, selection20(filters));
        return sendTaxii(reply, result.status, bundleText(result.objects), STIX_20_MEDIA_TYPE);
      }
      const result = await page(ctx, request, scopeOf(collection.id), 'objects', OBJECTS_FILTERS, {}, (q) =>
        storage.getObjects(collection.id, q),
      );
      setDateAddedHeaders(reply, result.items);
      return sendTaxii(reply, 200, envelope(result, await envelopeObjects(request, reply, collection, result)));
    },
  );

  // 2.1 §5.5 / 2.0 §5.4 Add Objects: an envelope (2.1) or a STIX 2.0 bundle (2.0), by Content-Type.
  app.post(
    '/collections/:collection/objects/',
    {
      bodyLimit: root.max_content_length,
      schema: { params: collectionParams },
      config: { taxii: { produces: 'status' } },
      // Access, media type and declared size are refused before a byte of the body is read.
      onRequest: async (request: FastifyRequest<{ Params: { collection: string } }>) => {
        const { collection } = await resolveCollection(
          storage,
          root.path,
          request.params.collection,
          request.taxiiUser,
          'write',
          request.taxiiVersion,
        );
        request.taxiiCollection = collection;
        const type = request.headers['content-type'];
        if (contentTypeVersion(type) === undefined)
          throw new TaxiiError(
            'TAXII_UNSUPPORTED_MEDIA_TYPE',
            `POST bodies must be application/taxii+json;version=2.1 (an envelope) or ${STIX_20_MEDIA_TYPE} (a STIX 2.0 bundle), not ${type === undefined ? 'absent' : JSON.stringify(type)}`,
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
      const version = request.taxiiVersion;
      const text = typeof request.body === 'string' ? request.body : '';
      let value: unknown;
      try {
        value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      } catch (cause) {
        throw new TaxiiError('TAXII_MALFORMED_BODY', `the body is not well-formed JSON: ${(cause as Error).message}`, { cause });
      }
      const body = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
      const objects = body?.objects;
      if (version === '2.0' && (body?.type !== 'bundle' || !Array.isArray(objects)))
        throw new TaxiiError(
          'TAXII_UNPROCESSABLE',
          'the body must be a STIX 2.0 bundle: {"type": "bundle", "objects": [ … ]} (TAXII 2.0 §5.4)',
        );
      if (!Array.isArray(objects))
        throw new TaxiiError(
          'TAXII_UNPROCESSABLE',
          'the body must be a TAXII envelope: {"objects": [ …STIX objects… ]} (TAXII 2.1 §3.7, §5.5)',
        );
      if (objects.length === 0)
        throw new TaxiiError('TAXII_UNPROCESSABLE', `the ${version === '2.0' ? 'bundle' : 'envelope'} holds no objects`);
      const collection = request.taxiiCollection;
      refuseUnoffered(collection, objects);
      // Each object's own text, to be stored as received (JSON.parse accepted the text above).
      const received = objectsMemberElements(text);
      const respondAsync = prefersRespondAsync(request.headers.prefer);
      const status = await ingest(
        ctx,
        {
          apiRoot: root.path,
          collectionId: collection.id,
          owner: request.taxiiUser,
          objects,
          ...(received?.length === objects.length ? { received } : {}),
          respondAsync,
        },
        request.log,
      );
      // RFC 7240 §3: the preference was honoured when the answer comes before the objects are stored.
      if (respondAsync && status.status === 'pending') reply.header('preference-applied', 'respond-async');
      return sendTaxii(reply, 202, statusFor(status, version), taxiiMediaType(version));
    },
  );
  refuseOtherMethods(app, '/collections/:collection/objects/', ['GET', 'POST']);

  // 2.1 §5.6 / 2.0 §5.5 Get an Object.
  app.get(
    '/collections/:collection/objects/:objectId/',
    { schema: { params: objectParams, querystring: filterQuery }, config: { taxii: { produces: 'objects' } } },
    async (request: ObjectRequest, reply) => {
      const collection = await read(request);
      const id = request.params.objectId;
      if (request.taxiiVersion === '2.0') {
        const filters = parseFilters(request.query, OBJECT_FILTERS_20);
        const result = await readItemPage(ctx, request, reply, collection.id, selection20(filters, { ids: [id] }), () =>
          assertExists(collection.id, id),
        );
        return sendTaxii(reply, result.status, bundleText(result.objects), STIX_20_MEDIA_TYPE);
      }
      const result = await page(ctx, request, `${scopeOf(collection.id)}/${id}`, 'object', OBJECT_FILTERS, { ids: [id] }, (q) =>
        storage.getObjects(collection.id, q),
      );
      if (result.items.length === 0 && result.firstPage) await assertExists(collection.id, id);
      setDateAddedHeaders(reply, result.items);
      return sendTaxii(reply, 200, envelope(result, await envelopeObjects(request, reply, collection, result)));
    },
  );

  // 2.1 §5.7 Delete an Object: needs read and write; the table's (false, false) is 404, one of them 403.
  app.delete(
    '/collections/:collection/objects/:objectId/',
    { schema: { params: objectParams, querystring: filterQuery } },
    async (request: ObjectRequest, reply: FastifyReply) => {
      // TAXII 2.0 §5.5 defines GET only on this URL: to a 2.0 client DELETE is a method it lacks.
      if (request.taxiiVersion === '2.0')
        throw new TaxiiError('TAXII_METHOD_NOT_ALLOWED', 'TAXII 2.0 cannot delete objects (TAXII 2.1 §5.7 can)', {
          headers: { allow: 'GET, HEAD' },
        });
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

  // 2.1 §5.8 Get Object Versions.
  app.get(
    '/collections/:collection/objects/:objectId/versions/',
    { schema: { params: objectParams, querystring: filterQuery } },
    async (request: ObjectRequest, reply) => {
      // TAXII 2.0 has no such resource (its URL table, §3.1, ends at the object).
      if (request.taxiiVersion === '2.0')
        throw new TaxiiError('TAXII_NOT_FOUND', 'TAXII 2.0 has no versions endpoint: use the manifest, or match[version]=all');
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

/**
 * collection-media.ts: a POST holding objects of a STIX version the collection does not offer is
 * refused whole (422: "the object type or version is not supported", TAXII 2.1 §5.5, 2.0 §5.4).
 */
function refuseUnoffered(collection: CollectionRecord, objects: readonly unknown[]): void {
  const offered = offeredVersions(collection);
  const refused: string[] = [];
  let version = '';
  for (const o of objects) {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) continue;
    const detected = detectVersion(o).version;
    if (offered.includes(detected)) continue;
    version = detected;
    const id = (o as { id?: unknown }).id;
    refused.push(typeof id === 'string' ? id : '(no id)');
  }
  if (refused.length === 0) return;
  const shown = refused.slice(0, 5).join(', ') + (refused.length > 5 ? ` and ${refused.length - 5} more` : '');
  throw new TaxiiError(
    'TAXII_UNPROCESSABLE',
    `this collection takes STIX ${offered.join(' and ')} only (its media_types), not STIX ${version}: ${shown}; nothing was stored`,
  );
}

export default objectsPlugin;
