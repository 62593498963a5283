/**
 * The OpenAPI 3.0 description served at /openapi.json: written by hand from TAXII 2.1 §4–§5
 * (not generated from the routes), with the configured API roots as concrete paths (an API root
 * path may hold "/", which an OpenAPI path parameter cannot).
 */
import type { ServerContext } from './context.js';
import { TAXII_MEDIA_TYPE } from './media-type.js';

type Json = { readonly [key: string]: unknown };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const taxii = (schema: Json) => ({ content: { [TAXII_MEDIA_TYPE]: { schema } } });
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/E${s}` }]));
const dateHeaders = {
  'X-TAXII-Date-Added-First': { description: 'date_added of the first object of the response', schema: { type: 'string' } },
  'X-TAXII-Date-Added-Last': { description: 'date_added of the last object of the response', schema: { type: 'string' } },
};
const q = (name: string, description: string, schema: Json = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const P = {
  id: q('match[id]', 'STIX ids, comma-separated'),
  type: q('match[type]', 'STIX types, comma-separated'),
  version: q('match[version]', 'last (default), first, all, or version timestamps, comma-separated'),
  specVersion: q('match[spec_version]', 'spec versions (2.0, 2.1), comma-separated; default: the latest of each object'),
  addedAfter: q('added_after', 'only objects added after this timestamp'),
  limit: q('limit', 'at most this many (the server caps it)', { type: 'integer', minimum: 1 }),
  next: q('next', 'the next cursor of the previous page, sent with the same filters'),
};
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });

export function buildOpenApi(ctx: ServerContext): Json {
  const paths: Record<string, Json> = {
    '/taxii2/': {
      get: {
        summary: 'Server discovery (TAXII 2.1 §4.1)',
        responses: { 200: { description: 'discovery', ...taxii(ref('Discovery')) }, ...errors(401, 406) },
      },
    },
  };
  for (const root of ctx.apiRoots) {
    const base = `/${root.path}`;
    const collection = pathParam('collection', 'collection id or alias');
    const object = pathParam('objectId', 'STIX id');
    const tag = [root.path];
    paths[`${base}/`] = {
      get: {
        tags: tag,
        summary: 'API root information (§4.2)',
        responses: { 200: { description: 'api-root', ...taxii(ref('ApiRoot')) }, ...errors(401, 406) },
      },
    };
    paths[`${base}/status/{statusId}/`] = {
      get: {
        tags: tag,
        summary: 'Status of an Add Objects request (§4.3); visible to its requester and the collection readers',
        parameters: [pathParam('statusId', 'status id')],
        responses: { 200: { description: 'status', ...taxii(ref('Status')) }, ...errors(401, 404, 406) },
      },
    };
    paths[`${base}/collections/`] = {
      get: {
        tags: tag,
        summary: 'Collections the requester may read or write (§5.1)',
        responses: { 200: { description: 'collections', ...taxii(ref('Collections')) }, ...errors(401, 406) },
      },
    };
    paths[`${base}/collections/{collection}/`] = {
      get: {
        tags: tag,
        summary: 'One collection (§5.2)',
        parameters: [collection],
        responses: { 200: { description: 'collection', ...taxii(ref('Collection')) }, ...errors(400, 401, 404, 406) },
      },
    };
    paths[`${base}/collections/{collection}/manifest/`] = {
      get: {
        tags: tag,
        summary: 'Object manifests (§5.3)',
        parameters: [collection, P.addedAfter, P.limit, P.next, P.id, P.type, P.version, P.specVersion],
        responses: {
          200: { description: 'manifest', headers: dateHeaders, ...taxii(ref('Manifest')) },
          ...errors(400, 401, 403, 404, 406),
        },
      },
    };
    paths[`${base}/collections/{collection}/objects/`] = {
      get: {
        tags: tag,
        summary: 'Objects (§5.4)',
        parameters: [collection, P.addedAfter, P.limit, P.next, P.id, P.type, P.version, P.specVersion],
        responses: {
          200: { description: 'envelope', headers: dateHeaders, ...taxii(ref('Envelope')) },
          ...errors(400, 401, 403, 404, 406),
        },
      },
      post: {
        tags: tag,
        summary: `Add objects (§5.5); at most ${root.max_content_length} octets`,
        parameters: [collection],
        requestBody: { required: true, ...taxii(ref('Envelope')) },
        responses: { 202: { description: 'status', ...taxii(ref('Status')) }, ...errors(400, 401, 403, 404, 406, 413, 415, 422) },
      },
    };
    paths[`${base}/collections/{collection}/objects/{objectId}/`] = {
      get: {
        tags: tag,
        summary: 'An object (§5.6)',
        parameters: [collection, object, P.addedAfter, P.limit, P.next, P.version, P.specVersion],
        responses: {
          200: { description: 'envelope', headers: dateHeaders, ...taxii(ref('Envelope')) },
          ...errors(400, 401, 403, 404, 406),
        },
      },
      delete: {
        tags: tag,
        summary: 'Delete an object (§5.7): all versions unless match[version]; needs read and write',
        parameters: [collection, object, P.version, P.specVersion],
        responses: { 200: { description: 'deleted (no body)' }, ...errors(400, 401, 403, 404, 406) },
      },
    };
    paths[`${base}/collections/{collection}/objects/{objectId}/versions/`] = {
      get: {
        tags: tag,
        summary: 'Versions of an object (§5.8)',
        parameters: [collection, object, P.addedAfter, P.limit, P.next, P.specVersion],
        responses: {
          200: { description: 'versions', headers: dateHeaders, ...taxii(ref('Versions')) },
          ...errors(400, 401, 403, 404, 406),
        },
      },
    };
  }
  paths['/healthz'] = {
    get: {
      summary: 'Liveness and storage check (no authentication)',
      security: [],
      responses: {
        200: {
          description: 'ok',
          content: { 'application/json': { schema: { type: 'object', properties: { status: { type: 'string' } } } } },
        },
        ...errors(503),
      },
    },
  };

  const str = { type: 'string' };
  const bool = { type: 'boolean' };
  const int = { type: 'integer' };
  const detail = { type: 'object', required: ['id', 'version'], properties: { id: str, version: str, message: str } };
  const responses = Object.fromEntries(
    [
      [400, 'Malformed request (query parameter, cursor, body)'],
      [401, 'Authentication required (WWW-Authenticate: Basic, Bearer)'],
      [403, 'The collection is visible but not readable / writable by the requester'],
      [404, 'Not found, or not visible to the requester'],
      [406, 'The Accept header excludes application/taxii+json;version=2.1'],
      [413, 'The body exceeds max_content_length'],
      [415, 'The Content-Type is not application/taxii+json;version=2.1'],
      [422, 'The body is not a TAXII envelope of objects'],
      [503, 'The storage does not answer'],
    ].map(([s, d]) => [`E${s}`, { description: d, ...taxii(ref('Error')) }]),
  );
  return {
    openapi: '3.0.3',
    info: { title: ctx.discovery.title, version: '2.1', description: 'A TAXII 2.1 server (OASIS TAXII 2.1, 10 June 2021) by Taxiway.' },
    security: [{ basic: [] }, { bearer: [] }],
    paths,
    components: {
      securitySchemes: { basic: { type: 'http', scheme: 'basic' }, bearer: { type: 'http', scheme: 'bearer' } },
      responses,
      schemas: {
        Error: {
          type: 'object',
          required: ['title'],
          properties: {
            title: str,
            description: str,
            error_id: str,
            error_code: str,
            http_status: str,
            external_details: str,
            details: { type: 'object' },
          },
        },
        Discovery: {
          type: 'object',
          required: ['title'],
          properties: { title: str, description: str, contact: str, default: str, api_roots: { type: 'array', items: str } },
        },
        ApiRoot: {
          type: 'object',
          required: ['title', 'versions', 'max_content_length'],
          properties: { title: str, description: str, versions: { type: 'array', items: str }, max_content_length: int },
        },
        Status: {
          type: 'object',
          required: ['id', 'status', 'total_count', 'success_count', 'failure_count', 'pending_count'],
          properties: {
            id: str,
            status: { type: 'string', enum: ['pending', 'complete'] },
            request_timestamp: str,
            total_count: int,
            success_count: int,
            successes: { type: 'array', items: detail },
            failure_count: int,
            failures: { type: 'array', items: detail },
            pending_count: int,
            pendings: { type: 'array', items: detail },
          },
        },
        Collection: {
          type: 'object',
          required: ['id', 'title', 'can_read', 'can_write'],
          properties: {
            id: str,
            title: str,
            description: str,
            alias: str,
            can_read: bool,
            can_write: bool,
            media_types: { type: 'array', items: str },
          },
        },
        Collections: { type: 'object', properties: { collections: { type: 'array', items: ref('Collection') } } },
        Manifest: {
          type: 'object',
          properties: {
            more: bool,
            next: str,
            objects: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'date_added', 'version'],
                properties: { id: str, date_added: str, version: str, media_type: str },
              },
            },
          },
        },
        Envelope: {
          type: 'object',
          properties: {
            more: bool,
            next: str,
            objects: { type: 'array', items: { type: 'object', description: 'a STIX 2.1 or 2.0 object' } },
          },
        },
        Versions: { type: 'object', properties: { more: bool, next: str, versions: { type: 'array', items: str } } },
      },
    },
  };
}
