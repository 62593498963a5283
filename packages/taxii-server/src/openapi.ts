/**
 * The OpenAPI 3.0 description served at /openapi.json: written by hand from TAXII 2.1 §4–§5 and
 * TAXII 2.0 §4–§5 (not generated from the routes), with the configured API roots as concrete
 * paths (an API root path may hold "/", which an OpenAPI path parameter cannot). Both versions
 * share the API root URLs: each operation lists the media types of both, and the Accept (or, for
 * a POST, the Content-Type) chooses.
 */
import type { ServerContext } from './context.js';
import { OMITTED_HEADER } from './conversion.js';
import { STIX_20_MEDIA_TYPE, TAXII_20_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media-type.js';

type Json = { readonly [key: string]: unknown };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const taxii = (schema: Json) => ({ content: { [TAXII_MEDIA_TYPE]: { schema } } });
const taxii20 = (schema: Json) => ({ content: { [TAXII_20_MEDIA_TYPE]: { schema } } });
/** A TAXII resource in 2.1 and in 2.0. */
const both = (schema21: Json, schema20: Json = schema21) => ({
  content: { [TAXII_MEDIA_TYPE]: { schema: schema21 }, [TAXII_20_MEDIA_TYPE]: { schema: schema20 } },
});
/** Objects: a TAXII 2.1 envelope, or a STIX 2.0 bundle (TAXII 2.0 §3.7). */
const objectsContent = { content: { [TAXII_MEDIA_TYPE]: { schema: ref('Envelope') }, [STIX_20_MEDIA_TYPE]: { schema: ref('Bundle') } } };
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
const rangeParam = {
  name: 'Range',
  in: 'header',
  required: false,
  description: 'TAXII 2.0 §3.4: items first-last (inclusive, zero-based), also items=first-last, items first-, items -n',
  schema: { type: 'string' },
};
const preferParam = {
  name: 'Prefer',
  in: 'header',
  required: false,
  description:
    'respond-async (RFC 7240): answer pending once the objects are validated and store them after the answer (poll the status); a crash before they are stored loses the request',
  schema: { type: 'string' },
};
const omittedHeader = {
  [OMITTED_HEADER]: {
    description: 'objects of this page left out: no form in the STIX version served (absent when none)',
    schema: { type: 'integer' },
  },
};
const pagedHeaders = {
  ...dateHeaders,
  ...omittedHeader,
  'Accept-Ranges': { description: 'TAXII 2.0: items', schema: { type: 'string' } },
};
const partial = (description: string, content: Json) => ({
  description: `TAXII 2.0: a range of the ${description} (or the first page, when the server pages)`,
  headers: { ...pagedHeaders, 'Content-Range': { description: 'items first-last/total', schema: { type: 'string' } } },
  ...content,
});

export function buildOpenApi(ctx: ServerContext): Json {
  const paths: Record<string, Json> = {
    '/taxii2/': {
      get: {
        summary: 'Server discovery (TAXII 2.1 §4.1)',
        responses: { 200: { description: 'discovery', ...taxii(ref('Discovery')) }, ...errors(401, 406) },
      },
    },
    '/taxii/': {
      get: {
        summary: 'Server discovery (TAXII 2.0 §4.1): api_roots as absolute URLs',
        responses: { 200: { description: 'discovery', ...taxii20(ref('Discovery')) }, ...errors(401, 406) },
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
        summary: 'API root information (2.1 §4.2, 2.0 §4.2)',
        responses: { 200: { description: 'api-root', ...both(ref('ApiRoot')) }, ...errors(401, 406) },
      },
    };
    paths[`${base}/status/{statusId}/`] = {
      get: {
        tags: tag,
        summary: 'Status of an Add Objects request (2.1 §4.3, 2.0 §4.3); visible to its requester and the collection readers',
        parameters: [pathParam('statusId', 'status id')],
        responses: { 200: { description: 'status', ...both(ref('Status'), ref('Status20')) }, ...errors(401, 404, 406) },
      },
    };
    paths[`${base}/collections/`] = {
      get: {
        tags: tag,
        summary: 'Collections the requester may read or write (2.1 §5.1, 2.0 §5.1: those offering STIX 2.0)',
        parameters: [rangeParam],
        responses: {
          200: { description: 'collections', ...both(ref('Collections')) },
          206: partial('collections', taxii20(ref('Collections'))),
          ...errors(401, 406, 416),
        },
      },
    };
    paths[`${base}/collections/{collection}/`] = {
      get: {
        tags: tag,
        summary: 'One collection (2.1 §5.2, 2.0 §5.2)',
        parameters: [collection],
        responses: { 200: { description: 'collection', ...both(ref('Collection')) }, ...errors(400, 401, 404, 406) },
      },
    };
    paths[`${base}/collections/{collection}/manifest/`] = {
      get: {
        tags: tag,
        summary: 'Object manifests (2.1 §5.3, 2.0 §5.6); 2.0: no limit, next, match[spec_version]',
        parameters: [collection, rangeParam, P.addedAfter, P.limit, P.next, P.id, P.type, P.version, P.specVersion],
        responses: {
          200: { description: 'manifest', headers: pagedHeaders, ...both(ref('Manifest'), ref('Manifest20')) },
          206: partial('manifest entries', taxii20(ref('Manifest20'))),
          ...errors(400, 401, 403, 404, 406, 416),
        },
      },
    };
    paths[`${base}/collections/{collection}/objects/`] = {
      get: {
        tags: tag,
        summary: 'Objects (2.1 §5.4, 2.0 §5.3); 2.0: no limit, next, match[spec_version]',
        parameters: [collection, rangeParam, P.addedAfter, P.limit, P.next, P.id, P.type, P.version, P.specVersion],
        responses: {
          200: { description: 'envelope (2.1) or bundle (2.0)', headers: pagedHeaders, ...objectsContent },
          206: partial('objects', { content: { [STIX_20_MEDIA_TYPE]: { schema: ref('Bundle') } } }),
          ...errors(400, 401, 403, 404, 406, 416),
        },
      },
      post: {
        tags: tag,
        summary: `Add objects (2.1 §5.5: an envelope; 2.0 §5.4: a STIX 2.0 bundle); at most ${root.max_content_length} octets`,
        parameters: [collection, preferParam],
        requestBody: { required: true, ...objectsContent },
        responses: {
          202: {
            description: 'status',
            headers: {
              'Preference-Applied': {
                description: 'respond-async when answered before the objects were stored',
                schema: { type: 'string' },
              },
            },
            ...both(ref('Status'), ref('Status20')),
          },
          ...errors(400, 401, 403, 404, 406, 413, 415, 422),
        },
      },
    };
    paths[`${base}/collections/{collection}/objects/{objectId}/`] = {
      get: {
        tags: tag,
        summary: 'An object (2.1 §5.6, 2.0 §5.5)',
        parameters: [collection, object, rangeParam, P.addedAfter, P.limit, P.next, P.version, P.specVersion],
        responses: {
          200: { description: 'envelope (2.1) or bundle (2.0)', headers: pagedHeaders, ...objectsContent },
          206: partial('versions of the object', { content: { [STIX_20_MEDIA_TYPE]: { schema: ref('Bundle') } } }),
          ...errors(400, 401, 403, 404, 406, 416),
        },
      },
      delete: {
        tags: tag,
        summary: 'Delete an object (2.1 §5.7): all versions unless match[version]; needs read and write. TAXII 2.0: 405',
        parameters: [collection, object, P.version, P.specVersion],
        responses: { 200: { description: 'deleted (no body)' }, ...errors(400, 401, 403, 404, 405, 406) },
      },
    };
    paths[`${base}/collections/{collection}/objects/{objectId}/versions/`] = {
      get: {
        tags: tag,
        summary: 'Versions of an object (2.1 §5.8). TAXII 2.0: 404',
        parameters: [collection, object, P.addedAfter, P.limit, P.next, P.specVersion],
        responses: {
          200: { description: 'versions', headers: dateHeaders, ...taxii(ref('Versions')) },
          ...errors(400, 401, 403, 404, 406),
        },
      },
    };
  }
  // The admin API (plugins/admin.ts): plain JSON, users listed in `admins` only; absent (404)
  // without admins.
  const adminTag = ['admin'];
  const adminJson = (schema: Json) => ({ content: { 'application/json': { schema } } });
  const adminErrors = (...statuses: number[]) =>
    Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/Admin${s}` }]));
  paths['/admin/api-roots/'] = {
    get: {
      tags: adminTag,
      summary: 'Admin: the paths of the configured API roots',
      responses: {
        200: {
          description: 'API root paths',
          ...adminJson({ type: 'object', properties: { api_roots: { type: 'array', items: { type: 'string' } } } }),
        },
        ...adminErrors(401, 403, 404),
      },
    },
  };
  for (const root of ctx.apiRoots) {
    const base = `/admin/api-roots/${root.path}/collections`;
    const id = pathParam('id', 'collection id (a lowercase UUIDv4; not an alias)');
    paths[`${base}/`] = {
      get: {
        tags: adminTag,
        summary: `Admin: every collection of ${root.path}, with its read / write lists`,
        responses: {
          200: {
            description: 'collections',
            ...adminJson({ type: 'object', properties: { collections: { type: 'array', items: ref('AdminCollection') } } }),
          },
          ...adminErrors(401, 403, 404),
        },
      },
    };
    paths[`${base}/{id}/`] = {
      get: {
        tags: adminTag,
        summary: 'Admin: one collection',
        parameters: [id],
        responses: { 200: { description: 'collection', ...adminJson(ref('AdminCollection')) }, ...adminErrors(401, 403, 404) },
      },
      put: {
        tags: adminTag,
        summary: 'Admin: create or replace a collection (not one the configuration file defines: 409)',
        parameters: [id],
        requestBody: { required: true, ...adminJson(ref('AdminCollectionBody')) },
        responses: {
          200: { description: 'replaced', ...adminJson(ref('AdminCollection')) },
          201: { description: 'created (Location: its URL)', ...adminJson(ref('AdminCollection')) },
          ...adminErrors(400, 401, 403, 404, 409, 415),
        },
      },
      delete: {
        tags: adminTag,
        summary: 'Admin: delete a collection and all its objects (not one the configuration file defines: 409)',
        parameters: [id],
        responses: { 204: { description: 'deleted' }, ...adminErrors(401, 403, 404, 409) },
      },
    };
  }
  // limits.rate_limit applies to the TAXII endpoints, limits.auth_failures to those and the admin
  // API: all the paths added so far.
  if (ctx.rateLimit || ctx.authFailures)
    for (const [path, item] of Object.entries(paths)) {
      const admin = path.startsWith('/admin/');
      if (admin && !ctx.authFailures) continue;
      const answer = admin ? adminErrors(429) : errors(429);
      for (const operation of Object.values(item)) Object.assign((operation as { responses: Json }).responses, answer);
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
      [405, 'The endpoint does not take this method (TAXII 2.0 clients: DELETE)'],
      [406, 'The Accept header excludes every media type of the endpoint'],
      [413, 'The body exceeds max_content_length'],
      [415, `The Content-Type is neither ${TAXII_MEDIA_TYPE} nor ${STIX_20_MEDIA_TYPE}`],
      [416, 'TAXII 2.0: the range starts beyond the end (Content-Range: items */total)'],
      [422, 'The body is not a TAXII envelope / STIX 2.0 bundle of objects, or holds a STIX version the collection does not offer'],
      [
        429,
        'More requests than limits.rate_limit allows this user, or more wrong credentials from this address than limits.auth_failures (Retry-After: seconds to wait)',
      ],
      [503, 'The storage does not answer'],
    ].map(([s, d]) => [`E${s}`, { description: d, ...both(ref('Error')) }]),
  );
  const adminError = adminJson(ref('AdminError'));
  const adminResponses = Object.fromEntries(
    (
      [
        [400, 'Invalid body (issues: each problem with its JSON path), or malformed JSON'],
        [401, 'Authentication required (WWW-Authenticate: Basic, Bearer)'],
        [403, 'The user is not listed in admins'],
        [404, 'No such API root or collection; or no admin API (no admins configured)'],
        [409, 'The collection is defined in the configuration file, or the alias is taken in this API root'],
        [415, 'The Content-Type is not application/json'],
        [429, 'More wrong credentials from this address than limits.auth_failures (Retry-After: seconds to wait)'],
      ] as const
    ).map(([status, description]) => [`Admin${status}`, { description, ...adminError }]),
  );
  return {
    openapi: '3.0.3',
    info: {
      title: ctx.discovery.title,
      version: '2.1',
      description: 'A TAXII 2.1 server (OASIS TAXII 2.1, 10 June 2021) that also speaks TAXII 2.0 (CS01, 19 July 2017), by Taxiway.',
    },
    security: [{ basic: [] }, { bearer: [] }],
    paths,
    components: {
      securitySchemes: { basic: { type: 'http', scheme: 'basic' }, bearer: { type: 'http', scheme: 'bearer' } },
      responses: { ...responses, ...adminResponses },
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
        Status20: {
          type: 'object',
          description: 'TAXII 2.0 §4.3.1: successes and pendings are object ids',
          required: ['id', 'status', 'total_count', 'success_count', 'failure_count', 'pending_count'],
          properties: {
            id: str,
            status: { type: 'string', enum: ['pending', 'complete'] },
            request_timestamp: str,
            total_count: int,
            success_count: int,
            successes: { type: 'array', items: str },
            failure_count: int,
            failures: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: str, message: str } } },
            pending_count: int,
            pendings: { type: 'array', items: str },
          },
        },
        Manifest20: {
          type: 'object',
          description: 'TAXII 2.0 §5.6.1: one entry per stored version',
          properties: {
            objects: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id'],
                properties: {
                  id: str,
                  date_added: str,
                  versions: { type: 'array', items: str },
                  media_types: { type: 'array', items: str },
                },
              },
            },
          },
        },
        AdminCollectionBody: {
          type: 'object',
          description: 'A collection entry of the configuration file (the same rules); id, when given, the one in the URL',
          required: ['title', 'read', 'write'],
          properties: {
            id: str,
            title: str,
            description: str,
            alias: str,
            read: { type: 'array', items: str, description: 'usernames, or "*" for every authenticated user' },
            write: { type: 'array', items: str },
            media_types: { type: 'array', items: str },
            source: { type: 'string', enum: ['api'], description: 'read-only; accepted so that a GET answer can be PUT back' },
          },
        },
        AdminCollection: {
          type: 'object',
          required: ['id', 'title', 'read', 'write', 'media_types', 'source'],
          properties: {
            id: str,
            title: str,
            description: str,
            alias: str,
            read: { type: 'array', items: str },
            write: { type: 'array', items: str },
            media_types: { type: 'array', items: str },
            source: { type: 'string', enum: ['config', 'api'], description: 'config: defined in the configuration file, read-only here' },
          },
        },
        AdminError: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: str,
                message: str,
                issues: { type: 'array', items: { type: 'object', properties: { path: str, message: str } } },
              },
            },
          },
        },
        Bundle: {
          type: 'object',
          description: 'A STIX 2.0 bundle (STIX 2.0 Part 1 §5)',
          required: ['type', 'id', 'spec_version'],
          properties: {
            type: { type: 'string', enum: ['bundle'] },
            id: str,
            spec_version: { type: 'string', enum: ['2.0'] },
            objects: { type: 'array', items: { type: 'object', description: 'a STIX 2.0 object' } },
          },
        },
      },
    },
  };
}
