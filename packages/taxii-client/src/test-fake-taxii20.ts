/**
 * A small TAXII 2.0 server for the client tests (not built), written from TAXII 2.0 CS01 only:
 * discovery at /taxii/ (§4.1), one API root (§4.2), status (§4.3), collections (§5.1, §5.2),
 * objects GET / POST (§5.3, §5.4), object by id (§5.5), manifest (§5.6); media types of §1.5;
 * paging by item ranges (§3.4): `Range: items a-b` → 206 with `Content-Range: items a-b/total`,
 * 416 past the end. Knobs make it misbehave the ways real servers do (ignore Range, page
 * smaller than asked, hide the total, send a broken Content-Range, accept one Range syntax).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TAXII20 = 'application/vnd.oasis.taxii+json; version=2.0';
export const STIX20 = 'application/vnd.oasis.stix+json; version=2.0';

export type FakeObject = { readonly type: string; readonly id: string; readonly [k: string]: unknown };

export interface FakePaging {
  /** The most items one answer holds, whatever was asked (the server's own page size). */
  readonly maxPageSize?: number;
  /** `unknown`: Content-Range ends in `/*`. Default `known`. */
  readonly total?: 'known' | 'unknown';
  /** Answer 200 with everything, whatever the Range. */
  readonly ignoreRange?: boolean;
  /** Send this Content-Range on every 206 instead of the right one. */
  readonly contentRange?: string;
  /** The Range forms understood: `items=a-b` (RFC 7233), `items a-b` (the 2.0 text's example). Default both; the other one is a 400. */
  readonly rangeSyntax?: 'both' | 'equals' | 'space';
}

export interface FakeCollectionConfig {
  readonly id: string;
  readonly title: string;
  readonly canRead?: boolean;
  readonly canWrite?: boolean;
  readonly objects?: readonly FakeObject[];
  readonly paging?: FakePaging;
}

export interface FakeTaxii20Options {
  readonly collections: readonly FakeCollectionConfig[];
  /** Default 1 MB. */
  readonly maxContentLength?: number;
  /** Require HTTP Basic with these credentials. */
  readonly basic?: { readonly username: string; readonly password: string };
  /** A POST's status stays pending for this many GETs of it. Default 0. */
  readonly pendingPolls?: number;
  /** Name /api1/ as the default API root. Default true. */
  readonly withDefault?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly range?: string;
  readonly accept?: string;
  readonly contentType?: string;
  readonly bodyLength: number;
}

interface StoredVersion {
  readonly object: FakeObject;
  readonly dateAdded: string;
  readonly version: string;
}

interface CollectionState {
  readonly config: FakeCollectionConfig;
  readonly versions: StoredVersion[];
}

interface StatusState {
  readonly resource: Record<string, unknown>;
  pollsLeft: number;
}

export interface FakeTaxii20 {
  /** `http://127.0.0.1:<port>/` */
  readonly baseUrl: string;
  readonly apiRootUrl: string;
  readonly requests: RecordedRequest[];
  /** The objects of a collection, as stored (every version). */
  stored(collectionId: string): readonly FakeObject[];
  close(): Promise<void>;
}

/** date_added values one millisecond apart, in insertion order (2.0 §3.3 sorts by them). */
function clock(): () => string {
  let t = Date.parse('2024-06-01T00:00:00.000Z');
  return () => new Date(t++).toISOString();
}

const versionOf = (o: FakeObject) => String(o.modified ?? o.created ?? '');

function send(res: ServerResponse, status: number, type: string, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** 2.0 §3.6: the error message resource. */
function fail(res: ServerResponse, status: number, title: string, headers: Record<string, string> = {}): void {
  send(res, status, TAXII20, { title, http_status: String(status) }, headers);
}

/** Whether an Accept header admits `type` (§1.5: the bare type means any version). */
function accepts(header: string | undefined, essence: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((range) => {
    const [head, ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    if (head !== essence) return false;
    const version = params.find((p) => p.startsWith('version='));
    return version === undefined || version === 'version=2.0';
  });
}

type RangeAsk = { readonly first: number; readonly last: number } | 'none' | 'bad';

function parseRange(header: string | undefined, syntax: FakePaging['rangeSyntax']): RangeAsk {
  if (header === undefined) return 'none';
  const m = /^items([= ])(\d+)-(\d+)$/.exec(header.trim());
  if (!m) return 'bad';
  const form = m[1] === '=' ? 'equals' : 'space';
  if (syntax !== undefined && syntax !== 'both' && syntax !== form) return 'bad';
  const first = Number(m[2]);
  const last = Number(m[3]);
  return last < first ? 'bad' : { first, last };
}

/** §3.4 over any list: 200 with all, 206 with a slice, 416 past the end. */
function sendPaged<T>(
  req: IncomingMessage,
  res: ServerResponse,
  type: string,
  items: readonly T[],
  paging: FakePaging,
  body: (slice: readonly T[]) => unknown,
  dates?: (slice: readonly T[]) => Record<string, string>,
): void {
  const headers: Record<string, string> = { 'accept-ranges': 'items' };
  const ask = paging.ignoreRange ? 'none' : parseRange(req.headers.range, paging.rangeSyntax);
  if (ask === 'bad') return fail(res, 400, 'Malformed Range header');
  const total = items.length;
  const cap = paging.maxPageSize ?? Number.POSITIVE_INFINITY;
  if (ask === 'none' && (paging.ignoreRange || total <= cap)) return send(res, 200, type, body(items), { ...headers, ...dates?.(items) });
  const first = ask === 'none' ? 0 : ask.first;
  if (first >= total) return fail(res, 416, 'Requested range not satisfiable', { ...headers, 'content-range': `items */${total}` });
  const last = Math.min(ask === 'none' ? total - 1 : ask.last, total - 1, first + cap - 1);
  const slice = items.slice(first, last + 1);
  const range = paging.contentRange ?? `items ${first}-${last}/${paging.total === 'unknown' ? '*' : total}`;
  send(res, 206, type, body(slice), { ...headers, 'content-range': range, ...dates?.(slice) });
}

/** §3.5: added_after, match[id], match[type], match[version] (last by default). */
function select(versions: readonly StoredVersion[], query: URLSearchParams, byId?: string): StoredVersion[] {
  const after = query.get('added_after');
  const ids = byId !== undefined ? [byId] : query.get('match[id]')?.split(',');
  const types = query.get('match[type]')?.split(',');
  const wanted = (query.get('match[version]') ?? 'last').split(',');
  const candidates = versions.filter(
    (v) => (after === null || v.dateAdded > after) && (!ids || ids.includes(v.object.id)) && (!types || types.includes(v.object.type)),
  );
  const groups = new Map<string, StoredVersion[]>();
  for (const v of candidates) groups.set(v.object.id, [...(groups.get(v.object.id) ?? []), v]);
  const chosen = new Set<StoredVersion>();
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.version.localeCompare(b.version));
    for (const w of wanted) {
      const picked =
        w === 'all' ? sorted : w === 'last' ? sorted.slice(-1) : w === 'first' ? sorted.slice(0, 1) : sorted.filter((v) => v.version === w);
      for (const v of picked) chosen.add(v);
    }
  }
  return candidates.filter((v) => chosen.has(v));
}

function dateHeaders(slice: readonly StoredVersion[]): Record<string, string> {
  if (slice.length === 0) return {};
  return { 'x-taxii-date-added-first': slice[0].dateAdded, 'x-taxii-date-added-last': slice[slice.length - 1].dateAdded };
}

const bundle = (objects: readonly FakeObject[]) => ({
  type: 'bundle',
  id: `bundle--${randomUUID()}`,
  spec_version: '2.0',
  ...(objects.length > 0 ? { objects } : {}),
});

export async function startFakeTaxii20(options: FakeTaxii20Options): Promise<FakeTaxii20> {
  const now = clock();
  const maxContentLength = options.maxContentLength ?? 1_000_000;
  const collections = new Map<string, CollectionState>();
  const statuses = new Map<string, StatusState>();
  const requests: RecordedRequest[] = [];
  for (const config of options.collections) {
    const versions = (config.objects ?? []).map((object) => ({ object, dateAdded: now(), version: versionOf(object) }));
    collections.set(config.id, { config, versions });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        ...(req.headers.range !== undefined ? { range: req.headers.range } : {}),
        ...(req.headers.accept !== undefined ? { accept: req.headers.accept } : {}),
        ...(req.headers['content-type'] !== undefined ? { contentType: req.headers['content-type'] } : {}),
        bodyLength: body.length,
      });
      handle(req, res, url, body);
    });
  });

  function handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
    if (options.basic) {
      const expected = `Basic ${Buffer.from(`${options.basic.username}:${options.basic.password}`).toString('base64')}`;
      // §1.6: 401 with a WWW-Authenticate challenge.
      if (req.headers.authorization !== expected) return fail(res, 401, 'Unauthorized', { 'www-authenticate': 'Basic realm="fake"' });
    }
    const origin = `http://${req.headers.host}`;
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const taxiiAccepted = accepts(req.headers.accept, 'application/vnd.oasis.taxii+json');

    if (path === '/taxii/' && method === 'GET') {
      if (!taxiiAccepted) return fail(res, 406, 'Not acceptable');
      return send(res, 200, TAXII20, {
        title: 'Fake TAXII 2.0 server',
        ...(options.withDefault === false ? {} : { default: `${origin}/api1/` }),
        api_roots: [`${origin}/api1/`],
      });
    }
    if (path === '/api1/' && method === 'GET') {
      if (!taxiiAccepted) return fail(res, 406, 'Not acceptable');
      return send(res, 200, TAXII20, { title: 'Fake API root', versions: ['taxii-2.0'], max_content_length: maxContentLength });
    }
    const statusMatch = /^\/api1\/status\/([^/]+)\/$/.exec(path);
    if (statusMatch && method === 'GET') {
      if (!taxiiAccepted) return fail(res, 406, 'Not acceptable');
      const status = statuses.get(statusMatch[1]);
      if (!status) return fail(res, 404, 'Unknown status');
      if (status.pollsLeft > 0) {
        status.pollsLeft--;
        const total = status.resource.total_count as number;
        return send(res, 200, TAXII20, {
          ...status.resource,
          status: 'pending',
          success_count: 0,
          successes: undefined,
          pending_count: total,
          pendings: status.resource.successes,
        });
      }
      return send(res, 200, TAXII20, status.resource);
    }
    if (path === '/api1/collections/' && method === 'GET') {
      if (!taxiiAccepted) return fail(res, 406, 'Not acceptable');
      const list = [...collections.values()].map((c) => ({
        id: c.config.id,
        title: c.config.title,
        can_read: c.config.canRead ?? true,
        can_write: c.config.canWrite ?? true,
        media_types: [STIX20],
      }));
      return sendPaged(req, res, TAXII20, list, { maxPageSize: 2 }, (slice) => (slice.length > 0 ? { collections: slice } : {}));
    }
    const m = /^\/api1\/collections\/([^/]+)\/(?:(objects|manifest)\/(?:([^/]+)\/)?)?$/.exec(path);
    const collection = m ? collections.get(decodeURIComponent(m[1])) : undefined;
    if (!m || !collection) return fail(res, 404, 'Not found');
    const [, , endpoint, objectId] = m;
    const config = collection.config;
    const paging = config.paging ?? {};

    if (endpoint === undefined && method === 'GET') {
      if (!taxiiAccepted) return fail(res, 406, 'Not acceptable');
      return send(res, 200, TAXII20, {
        id: config.id,
        title: config.title,
        can_read: config.canRead ?? true,
        can_write: config.canWrite ?? true,
        media_types: [STIX20],
      });
    }
    if (endpoint === 'objects' && objectId === undefined && method === 'POST') return add(req, res, collection, body);
    if (method !== 'GET') return fail(res, 405, 'Method not allowed');
    if (config.canRead === false) return fail(res, 403, 'Forbidden');
    if (endpoint === 'objects') {
      if (!accepts(req.headers.accept, 'application/vnd.oasis.stix+json')) return fail(res, 406, 'Not acceptable');
      if (objectId !== undefined) {
        const id = decodeURIComponent(objectId);
        if (!collection.versions.some((v) => v.object.id === id)) return fail(res, 404, 'No such object');
        const found = select(collection.versions, url.searchParams, id);
        return send(res, 200, STIX20, bundle(found.map((v) => v.object)), dateHeaders(found));
      }
      const found = select(collection.versions, url.searchParams);
      return sendPaged(req, res, STIX20, found, paging, (slice) => bundle(slice.map((v) => v.object)), dateHeaders);
    }
    // §5.6 manifest: one entry per object, versions most recent first.
    if (!taxiiAccepted) return fail(res, 406, 'Not acceptable');
    const query = new URLSearchParams(url.searchParams);
    if (!query.has('match[version]')) query.set('match[version]', 'all');
    const found = select(collection.versions, query);
    const entries = new Map<string, { id: string; date_added: string; versions: string[]; media_types: string[] }>();
    for (const v of found) {
      const e = entries.get(v.object.id) ?? { id: v.object.id, date_added: v.dateAdded, versions: [], media_types: [STIX20] };
      e.versions.unshift(v.version);
      entries.set(v.object.id, e);
    }
    return sendPaged(req, res, TAXII20, [...entries.values()], paging, (slice) => (slice.length > 0 ? { objects: slice } : {}));
  }

  function add(req: IncomingMessage, res: ServerResponse, collection: CollectionState, body: Buffer): void {
    if (collection.config.canWrite === false) return fail(res, 403, 'Forbidden');
    const type = (req.headers['content-type'] ?? '').toLowerCase().replace(/\s/g, '');
    if (!type.startsWith('application/vnd.oasis.stix+json')) return fail(res, 415, 'Unsupported media type');
    if (!accepts(req.headers.accept, 'application/vnd.oasis.taxii+json')) return fail(res, 406, 'Not acceptable');
    if (body.length > maxContentLength) return fail(res, 413, 'Payload too large');
    let value: { type?: unknown; objects?: unknown };
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      return fail(res, 400, 'Malformed JSON');
    }
    if (value?.type !== 'bundle' || !Array.isArray(value.objects)) return fail(res, 422, 'The body must be a STIX bundle');
    const successes: string[] = [];
    const failures: { id: string; message: string }[] = [];
    for (const o of value.objects as FakeObject[]) {
      if (typeof o?.id !== 'string' || typeof o?.type !== 'string') {
        failures.push({ id: String(o?.id ?? ''), message: 'not a STIX object' });
        continue;
      }
      collection.versions.push({ object: o, dateAdded: now(), version: versionOf(o) });
      successes.push(o.id);
    }
    const id = randomUUID();
    const resource = {
      id,
      status: 'complete',
      request_timestamp: new Date().toISOString(),
      total_count: value.objects.length,
      success_count: successes.length,
      ...(successes.length > 0 ? { successes } : {}),
      failure_count: failures.length,
      ...(failures.length > 0 ? { failures } : {}),
      pending_count: 0,
    };
    const state = { resource, pollsLeft: options.pendingPolls ?? 0 };
    statuses.set(id, state);
    if (state.pollsLeft > 0) {
      return send(res, 202, TAXII20, {
        ...resource,
        status: 'pending',
        success_count: 0,
        successes: undefined,
        pending_count: resource.total_count,
        pendings: successes,
      });
    }
    send(res, 202, TAXII20, resource);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/`;
  return {
    baseUrl,
    apiRootUrl: `${baseUrl}api1/`,
    requests,
    stored: (id) => collections.get(id)?.versions.map((v) => v.object) ?? [],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
