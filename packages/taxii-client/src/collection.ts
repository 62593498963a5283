/**
 * One collection (TAXII 2.0 §5, 2.1 §5): its objects and manifest as async iterators that follow
 * paging, an object and its versions, delete, and add with splitting to max_content_length.
 */
import { type ApiRoot, type CallOptions, connectionOf, DEFAULT_RANGE_SIZE, segment } from './api-root.js';
import { batches, checkSizes } from './batches.js';
import { TaxiiClientError } from './errors.js';
import {
  type DeleteFilters,
  type ObjectFilters,
  type ObjectsFilters,
  queryParameters,
  type VersionsFilters,
  withQuery,
} from './filters.js';
import { MEDIA_TYPES, type TaxiiVersion } from './media-type.js';
import { type Page, pages21 } from './paging.js';
import {
  type CollectionResource,
  type ManifestRecord,
  type StixObject,
  toBundleObjects,
  toCollection,
  toEnvelope,
  toManifest20,
  toManifest21,
  toStatus,
  toVersions,
} from './resources.js';
import { expectStatus, readJson } from './response.js';
import { normaliseStatus, type Status, type StatusDetail, type WaitForStatusOptions } from './status.js';

export interface AddObjectsOptions extends CallOptions {
  /** Poll each pending status until it is complete (true: the default WaitForStatusOptions). */
  readonly wait?: boolean | WaitForStatusOptions;
  /** A lower ceiling than the API root's max_content_length for each body. */
  readonly maxContentLength?: number;
  /**
   * Send `Prefer: respond-async` (RFC 7240): a server that honours it answers pending once the
   * objects are validated and stores them after; with `wait`, the statuses are polled at the end.
   */
  readonly respondAsync?: boolean;
}

/** The statuses of every request of one addObjects call, added up. */
export interface AddObjectsResult {
  /** POST requests sent. */
  readonly requests: number;
  readonly totalCount: number;
  readonly successCount: number;
  readonly failureCount: number;
  readonly pendingCount: number;
  readonly successes: readonly StatusDetail[];
  readonly failures: readonly StatusDetail[];
  readonly pendings: readonly StatusDetail[];
  /** One per request, in order (the last one polled, when waiting). */
  readonly statuses: readonly Status[];
}

function sum(statuses: readonly Status[]): AddObjectsResult {
  return {
    requests: statuses.length,
    totalCount: statuses.reduce((n, s) => n + s.totalCount, 0),
    successCount: statuses.reduce((n, s) => n + s.successCount, 0),
    failureCount: statuses.reduce((n, s) => n + s.failureCount, 0),
    pendingCount: statuses.reduce((n, s) => n + s.pendingCount, 0),
    successes: statuses.flatMap((s) => s.successes),
    failures: statuses.flatMap((s) => s.failures),
    pendings: statuses.flatMap((s) => s.pendings),
    statuses,
  };
}

export class Collection {
  readonly apiRoot: ApiRoot;
  /** The id (or 2.1 alias) this handle was made with. */
  readonly id: string;
  /** Ends with "/". */
  readonly url: string;

  constructor(apiRoot: ApiRoot, idOrAlias: string) {
    if (idOrAlias === '') throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', 'a collection id cannot be empty');
    this.apiRoot = apiRoot;
    this.id = idOrAlias;
    this.url = new URL(`collections/${segment(idOrAlias)}/`, apiRoot.url).href;
  }

  get version(): TaxiiVersion {
    return this.apiRoot.version;
  }

  /** 2.0 §5.2, 2.1 §5.2: the collection resource (title, can_read, can_write, media_types). */
  async info(options: CallOptions = {}): Promise<CollectionResource> {
    const response = await connectionOf(this.apiRoot).request('GET', new URL(this.url), MEDIA_TYPES[this.version].taxii, options);
    expectStatus(response, [200]);
    return toCollection(response, readJson(response).value);
  }

  /** 2.0 §5.3, 2.1 §5.4: pages of objects, one request per page, as you iterate. */
  async *objectPages(filters: ObjectsFilters = {}, options: CallOptions = {}): AsyncGenerator<Page<StixObject>> {
    const url = new URL('objects/', this.url);
    const query = queryParameters(filters, this.version);
    const connection = connectionOf(this.apiRoot);
    if (this.version === '2.1') {
      yield* pages21((u) => connection.request('GET', u, MEDIA_TYPES['2.1'].objects, options), url, query.params, toEnvelope);
      return;
    }
    yield* connection.rangePages(
      withQuery(url, query.params),
      MEDIA_TYPES['2.0'].objects,
      query.limit ?? DEFAULT_RANGE_SIZE,
      true,
      toBundleObjects,
      options,
    );
  }

  /** The objects of objectPages, one at a time. */
  async *objects(filters: ObjectsFilters = {}, options: CallOptions = {}): AsyncGenerator<StixObject> {
    for await (const page of this.objectPages(filters, options)) yield* page.objects;
  }

  /** 2.0 §5.6, 2.1 §5.3: pages of manifest records (2.1: one per version; 2.0: one per object with its versions). */
  async *manifestPages(filters: ObjectsFilters = {}, options: CallOptions = {}): AsyncGenerator<Page<ManifestRecord>> {
    const url = new URL('manifest/', this.url);
    const query = queryParameters(filters, this.version);
    const connection = connectionOf(this.apiRoot);
    if (this.version === '2.1') {
      yield* pages21((u) => connection.request('GET', u, MEDIA_TYPES['2.1'].taxii, options), url, query.params, toManifest21);
      return;
    }
    yield* connection.rangePages(
      withQuery(url, query.params),
      MEDIA_TYPES['2.0'].taxii,
      query.limit ?? DEFAULT_RANGE_SIZE,
      true,
      toManifest20,
      options,
    );
  }

  async *manifest(filters: ObjectsFilters = {}, options: CallOptions = {}): AsyncGenerator<ManifestRecord> {
    for await (const page of this.manifestPages(filters, options)) yield* page.objects;
  }

  /**
   * 2.0 §5.5, 2.1 §5.6: the versions of one object the filters select — by default one, the
   * latest. An id the collection does not hold is TAXII_HTTP_ERROR 404.
   */
  async getObject(objectId: string, filters: ObjectFilters = {}, options: CallOptions = {}): Promise<readonly StixObject[]> {
    const url = new URL(`objects/${segment(objectId)}/`, this.url);
    const picked: ObjectsFilters = {
      ...(filters.addedAfter !== undefined ? { addedAfter: filters.addedAfter } : {}),
      ...(filters.limit !== undefined ? { limit: filters.limit } : {}),
      match: {
        ...(filters.match?.version !== undefined ? { version: filters.match.version } : {}),
        ...(filters.match?.specVersion !== undefined ? { specVersion: filters.match.specVersion } : {}),
      },
    };
    const query = queryParameters(picked, this.version);
    const connection = connectionOf(this.apiRoot);
    const all: StixObject[] = [];
    const pages =
      this.version === '2.1'
        ? pages21((u) => connection.request('GET', u, MEDIA_TYPES['2.1'].objects, options), url, query.params, toEnvelope)
        : connection.rangePages(
            withQuery(url, query.params),
            MEDIA_TYPES['2.0'].objects,
            query.limit ?? DEFAULT_RANGE_SIZE,
            false,
            toBundleObjects,
            options,
          );
    for await (const page of pages) all.push(...page.objects);
    return all;
  }

  /** 2.1 §5.8: the version strings of one object, oldest first. TAXII_UNSUPPORTED on 2.0. */
  async objectVersions(objectId: string, filters: VersionsFilters = {}, options: CallOptions = {}): Promise<readonly string[]> {
    this.#require21('object versions (GET …/objects/{id}/versions/)');
    const url = new URL(`objects/${segment(objectId)}/versions/`, this.url);
    const picked: ObjectsFilters = {
      ...(filters.addedAfter !== undefined ? { addedAfter: filters.addedAfter } : {}),
      ...(filters.limit !== undefined ? { limit: filters.limit } : {}),
      match: filters.match?.specVersion !== undefined ? { specVersion: filters.match.specVersion } : {},
    };
    const query = queryParameters(picked, '2.1');
    const connection = connectionOf(this.apiRoot);
    const all: string[] = [];
    for await (const page of pages21((u) => connection.request('GET', u, MEDIA_TYPES['2.1'].taxii, options), url, query.params, toVersions))
      all.push(...page.objects);
    return all;
  }

  /** 2.1 §5.7: deletes the object (the versions `match.version` selects; all by default). TAXII_UNSUPPORTED on 2.0. */
  async deleteObject(objectId: string, filters: DeleteFilters = {}, options: CallOptions = {}): Promise<void> {
    this.#require21('delete (DELETE …/objects/{id}/)');
    const picked: ObjectsFilters = {
      match: {
        ...(filters.match?.version !== undefined ? { version: filters.match.version } : {}),
        ...(filters.match?.specVersion !== undefined ? { specVersion: filters.match.specVersion } : {}),
      },
    };
    const url = withQuery(new URL(`objects/${segment(objectId)}/`, this.url), queryParameters(picked, '2.1').params);
    const response = await connectionOf(this.apiRoot).request('DELETE', url, MEDIA_TYPES['2.1'].taxii, options);
    expectStatus(response, [200, 204]);
  }

  /**
   * 2.0 §5.4, 2.1 §5.5: adds the objects in as many POSTs as max_content_length needs, in order.
   * An array is checked first — one object too big alone is TAXII_OBJECT_TOO_LARGE before
   * anything is sent; an iterable is split as it is read, and such an object stops it there.
   */
  async addObjects(
    objects: readonly StixObject[] | Iterable<StixObject> | AsyncIterable<StixObject>,
    options: AddObjectsOptions = {},
  ): Promise<AddObjectsResult> {
    const ceiling = options.maxContentLength;
    if (ceiling !== undefined && (!Number.isSafeInteger(ceiling) || ceiling <= 0))
      throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', `maxContentLength must be a positive integer, not ${ceiling}`);
    const limit = Math.min(this.apiRoot.maxContentLength, ceiling ?? Number.POSITIVE_INFINITY);
    if (Array.isArray(objects)) checkSizes(objects, limit, this.version);
    const media = MEDIA_TYPES[this.version];
    const url = new URL('objects/', this.url);
    const connection = connectionOf(this.apiRoot);
    const statuses: Status[] = [];
    for await (const batch of batches(objects, limit, this.version)) {
      const response = await connection.request('POST', url, media.taxii, options, {
        headers: { 'content-type': media.objects, ...(options.respondAsync === true ? { prefer: 'respond-async' } : {}) },
        body: batch.body,
      });
      expectStatus(response, [200, 201, 202]);
      statuses.push(normaliseStatus(toStatus(response, readJson(response).value)));
    }
    if (options.wait) {
      const waitOptions: WaitForStatusOptions = {
        ...(options.wait === true ? {} : options.wait),
        ...(options.signal ? { signal: options.signal } : {}),
      };
      for (let i = 0; i < statuses.length; i++)
        if (statuses[i].status !== 'complete') statuses[i] = await this.apiRoot.waitForStatus(statuses[i], waitOptions);
    }
    return sum(statuses);
  }

  #require21(what: string): void {
    if (this.version !== '2.1')
      throw new TaxiiClientError('TAXII_UNSUPPORTED', `${what} is a TAXII 2.1 endpoint; this API root speaks TAXII ${this.version}`);
  }
}
