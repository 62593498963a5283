/** An API root (TAXII 2.0 §4.2, 2.1 §4.2) and what hangs off it: collections, statuses. */
import { Collection } from './collection.js';
import type { HttpMethod, HttpResponse, HttpTransport } from './http-transport.js';
import { MEDIA_TYPES, type TaxiiVersion } from './media-type.js';
import { type Page, pages20, type RangeState } from './paging.js';
import { type ApiRootResource, type CollectionResource, toCollections, toStatus } from './resources.js';
import { expectStatus, readJson } from './response.js';
import { normaliseStatus, pollUntilComplete, type Status, type WaitForStatusOptions } from './status.js';

export interface CallOptions {
  /** Aborts the request (and the retries and pauses around it): TAXII_ABORTED. */
  readonly signal?: AbortSignal;
}

/** Items per Range of a TAXII 2.0 listing when the caller gives no `limit`. */
export const DEFAULT_RANGE_SIZE = 100;

/** A path segment of a URL: collection ids, aliases, object ids, status ids. */
export const segment = (value: string) => encodeURIComponent(value);

/** How an ApiRoot and its collections reach the server; kept off the public objects. */
class Connection {
  readonly #transport: HttpTransport;
  /** The Range syntax a 2.0 server turned out to accept. */
  readonly #range: RangeState = { syntax: 'equals', confirmed: false };

  constructor(transport: HttpTransport) {
    this.#transport = transport;
  }

  request(
    method: HttpMethod,
    url: URL,
    accept: string,
    options: CallOptions,
    extra: { readonly headers?: Readonly<Record<string, string>>; readonly body?: string } = {},
  ): Promise<HttpResponse> {
    return this.#transport.send({
      method,
      url,
      accept,
      ...(extra.headers ? { headers: extra.headers } : {}),
      ...(extra.body !== undefined ? { body: extra.body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** A TAXII 2.0 item-range walk. */
  rangePages<T>(
    url: URL,
    accept: string,
    pageSize: number,
    rangeFirst: boolean,
    read: (response: HttpResponse, value: unknown) => readonly T[],
    options: CallOptions,
  ): AsyncGenerator<Page<T>> {
    const get = (u: URL, headers?: Readonly<Record<string, string>>) => this.request('GET', u, accept, options, headers ? { headers } : {});
    return pages20(get, url, { pageSize, rangeFirst, state: this.#range }, read);
  }
}

const connections = new WeakMap<ApiRoot, Connection>();

/** The connection of an API root (internal to the package: not exported by index.ts). */
export function connectionOf(root: ApiRoot): Connection {
  const c = connections.get(root);
  if (!c) throw new TypeError('not an ApiRoot made by TaxiiClient');
  return c;
}

export class ApiRoot {
  /** Ends with "/". */
  readonly url: string;
  readonly version: TaxiiVersion;
  /** The api-root resource as the server sent it. */
  readonly resource: ApiRootResource;

  /** Made by TaxiiClient.openApiRoot. */
  constructor(transport: HttpTransport, url: URL, version: TaxiiVersion, resource: ApiRootResource) {
    this.url = url.href;
    connections.set(this, new Connection(transport));
    this.version = version;
    this.resource = resource;
  }

  get title(): string {
    return this.resource.title;
  }

  /** Octets a POST body may have. */
  get maxContentLength(): number {
    return this.resource.max_content_length;
  }

  /** 2.0 §5.1, 2.1 §5.1: the collections the caller may see (a 2.0 server's item ranges followed). */
  async collections(options: CallOptions = {}): Promise<readonly CollectionResource[]> {
    const url = new URL('collections/', this.url);
    if (this.version === '2.1') {
      const response = await connectionOf(this).request('GET', url, MEDIA_TYPES['2.1'].taxii, options);
      expectStatus(response, [200]);
      return toCollections(response, readJson(response).value);
    }
    const all: CollectionResource[] = [];
    for await (const page of connectionOf(this).rangePages(
      url,
      MEDIA_TYPES['2.0'].taxii,
      DEFAULT_RANGE_SIZE,
      false,
      toCollections,
      options,
    ))
      all.push(...page.objects);
    return all;
  }

  /** A handle on one collection (by id, or by alias in 2.1); no request is made until it is used. */
  collection(idOrAlias: string): Collection {
    return new Collection(this, idOrAlias);
  }

  /** 2.0 §4.3, 2.1 §4.3. */
  async status(id: string, options: CallOptions = {}): Promise<Status> {
    const response = await connectionOf(this).request(
      'GET',
      new URL(`status/${segment(id)}/`, this.url),
      MEDIA_TYPES[this.version].taxii,
      options,
    );
    expectStatus(response, [200]);
    return normaliseStatus(toStatus(response, readJson(response).value));
  }

  /** Polls the status until it is complete (TAXII_STATUS_TIMEOUT after `timeoutMs`). Given a complete Status, returns it at once. */
  async waitForStatus(status: string | Status, options: WaitForStatusOptions = {}): Promise<Status> {
    const id = typeof status === 'string' ? status : status.id;
    const call = options.signal ? { signal: options.signal } : {};
    return pollUntilComplete(typeof status === 'string' ? undefined : status, () => this.status(id, call), options);
  }
}
