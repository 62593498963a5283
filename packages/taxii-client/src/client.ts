/**
 * TaxiiClient: finds the TAXII version and the API root behind a URL, and holds the connection
 * pool every ApiRoot and Collection of it uses.
 *
 * A URL may be a server (`https://host/`: discovery at `/taxii2/` for 2.1 (§4.1), then `/taxii/`
 * for 2.0 (2.0 §4.1)), a discovery endpoint at another path (`https://host/taxii2/`, OpenTAXII's
 * `/taxii2/`, …), or an API root (`https://host/api/v21/`). The version comes from content
 * negotiation: ask in 2.1; a 406 means ask again in 2.0; the answer's Content-Type and the
 * api-root's `versions` say what the server speaks — unless the caller forces a version.
 */
import { ApiRoot, type CallOptions } from './api-root.js';
import { displayUrl, TaxiiClientError } from './errors.js';
import { type HttpResponse, HttpTransport, type TransportOptions } from './http-transport.js';
import { MEDIA_TYPES, type TaxiiVersion, versionOfApiRootEntry } from './media-type.js';
import { type ApiRootResource, type DiscoveryResource, looksLikeApiRoot, toApiRoot, toDiscovery } from './resources.js';
import { expectStatus, httpError, protocolError, readJson } from './response.js';

export interface TaxiiClientOptions extends TransportOptions {
  /** Speak only this version instead of learning it from the server. */
  readonly version?: TaxiiVersion;
}

export interface Discovery {
  /** The discovery endpoint that answered. */
  readonly url: string;
  readonly version: TaxiiVersion;
  readonly resource: DiscoveryResource;
  /** `api_roots`, resolved to absolute URLs ending with "/". */
  readonly apiRoots: readonly string[];
  /** `default`, resolved; absent when the server names none. */
  readonly defaultApiRoot?: string;
}

const ALL_VERSIONS: readonly TaxiiVersion[] = ['2.1', '2.0'];

/** A URL the caller gave, checked: http(s), no credentials (they go in `auth`), no query. */
function callerUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', `not a URL: ${JSON.stringify(String(input).replace(/\/\/[^/@]*@/, '//'))}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', `TAXII runs over HTTPS (or HTTP for development), not ${url.protocol}`);
  if (url.username !== '' || url.password !== '')
    throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', `put credentials in the auth option, not in the URL ${displayUrl(url)}`);
  if (url.search !== '')
    throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', `a TAXII server or API root URL has no query: ${displayUrl(url)}`);
  url.hash = '';
  return withSlash(url);
}

/** TAXII 2.1 §3.1: every URL ends with "/". */
function withSlash(url: URL): URL {
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url;
}

/**
 * An api_roots / default entry against the discovery URL: absolute, or relative (2.1 §4.1.1
 * allows "/path/"; RFC 3986 resolution also covers the "path/" some servers send).
 */
function resolveEntry(entry: string, base: URL, response: HttpResponse): URL {
  let url: URL;
  try {
    url = new URL(entry, base);
  } catch {
    throw protocolError(response, `the discovery lists ${JSON.stringify(entry)}, which is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw protocolError(response, `the discovery lists ${JSON.stringify(entry)}, not an HTTP(S) URL`);
  url.search = '';
  url.hash = '';
  return withSlash(url);
}

function apiRootVersion(resource: ApiRootResource, stated: TaxiiVersion | undefined, asked: TaxiiVersion): TaxiiVersion {
  if (stated) return stated;
  const listed = resource.versions.map(versionOfApiRootEntry);
  if (listed.includes(asked)) return asked;
  return listed.includes('2.1') ? '2.1' : listed.includes('2.0') ? '2.0' : asked;
}

export class TaxiiClient {
  readonly #transport: HttpTransport;
  readonly #versions: readonly TaxiiVersion[];

  constructor(options: TaxiiClientOptions = {}) {
    if (options.version !== undefined && !ALL_VERSIONS.includes(options.version))
      throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', `version must be "2.0" or "2.1", not ${JSON.stringify(options.version)}`);
    this.#versions = options.version ? [options.version] : ALL_VERSIONS;
    this.#transport = new HttpTransport(options);
  }

  /** The discovery resource of a server URL or of a discovery URL. */
  async discover(url: string | URL, options: CallOptions = {}): Promise<Discovery> {
    const start = callerUrl(url);
    const candidates: (readonly [URL, readonly TaxiiVersion[]])[] =
      start.pathname === '/'
        ? [
            [new URL('/taxii2/', start), ['2.1']],
            [new URL('/taxii/', start), ['2.0']],
          ]
        : [[start, ALL_VERSIONS]];
    let missing: HttpResponse | undefined;
    // Only the candidates of a version the caller allows (both, unless `version` was forced).
    for (const [candidate, versions] of candidates.filter(([, vs]) => vs.some((v) => this.#versions.includes(v)))) {
      const found = await this.#probe(candidate, versions, options);
      if (found.kind === 'missing') {
        missing = found.response;
        continue;
      }
      if (looksLikeApiRoot(found.value))
        throw protocolError(found.response, 'this is an API root, not a discovery endpoint (use openApiRoot)');
      return this.#discovery(found.response, found.value, found.version);
    }
    // Every candidate was probed (there is at least one per version) and answered 404.
    throw httpError(missing as HttpResponse);
  }

  /**
   * The API root behind a URL: an API root URL is fetched to confirm it and learn its version and
   * max_content_length; a server or discovery URL leads to the discovery's `default`
   * (TAXII_NO_DEFAULT_API_ROOT when it names none).
   */
  async openApiRoot(url: string | URL, options: CallOptions = {}): Promise<ApiRoot> {
    const start = callerUrl(url);
    if (start.pathname === '/') return this.#openDefault(await this.discover(start, options), options);
    const found = await this.#probe(start, ALL_VERSIONS, options);
    if (found.kind === 'missing') throw httpError(found.response);
    if (!looksLikeApiRoot(found.value)) return this.#openDefault(this.#discovery(found.response, found.value, found.version), options);
    const resource = toApiRoot(found.response, found.value);
    return new ApiRoot(this.#transport, found.response.url, apiRootVersion(resource, found.stated, found.version), resource);
  }

  /** Closes the connection pool (not a dispatcher passed in the options). */
  async close(): Promise<void> {
    await this.#transport.close();
  }

  #discovery(response: HttpResponse, value: unknown, version: TaxiiVersion): Discovery {
    const resource = toDiscovery(response, value);
    const base = response.url;
    const apiRoots = (resource.api_roots ?? []).map((e) => resolveEntry(e, base, response).href);
    const defaultApiRoot = resource.default === undefined ? undefined : resolveEntry(resource.default, base, response).href;
    return { url: base.href, version, resource, apiRoots, ...(defaultApiRoot !== undefined ? { defaultApiRoot } : {}) };
  }

  async #openDefault(discovery: Discovery, options: CallOptions): Promise<ApiRoot> {
    if (discovery.defaultApiRoot === undefined) {
      const listed =
        discovery.apiRoots.length > 0 ? `; it lists ${discovery.apiRoots.join(', ')} — open one of them` : ' and lists no API roots';
      throw new TaxiiClientError('TAXII_NO_DEFAULT_API_ROOT', `the discovery at ${discovery.url} names no default API root${listed}`, {
        url: discovery.url,
      });
    }
    const url = new URL(discovery.defaultApiRoot);
    const order = [discovery.version, ...ALL_VERSIONS.filter((v) => v !== discovery.version)];
    const found = await this.#probe(url, order, options);
    if (found.kind === 'missing') throw httpError(found.response);
    if (!looksLikeApiRoot(found.value))
      throw protocolError(found.response, "the discovery's default is not an API root (no versions and max_content_length)");
    const resource = toApiRoot(found.response, found.value);
    return new ApiRoot(this.#transport, found.response.url, apiRootVersion(resource, found.stated, found.version), resource);
  }

  /**
   * GET `url` asking for each version in turn (the ones the caller allows): 406 moves to the
   * next; 404 is "missing"; 200 is the JSON and the version — the one the Content-Type states,
   * else the one asked for.
   */
  async #probe(
    url: URL,
    versions: readonly TaxiiVersion[],
    options: CallOptions,
  ): Promise<
    | {
        readonly kind: 'found';
        readonly response: HttpResponse;
        readonly value: unknown;
        readonly version: TaxiiVersion;
        readonly stated?: TaxiiVersion;
      }
    | { readonly kind: 'missing'; readonly response: HttpResponse }
  > {
    const allowed = versions.filter((v) => this.#versions.includes(v));
    let last: HttpResponse | undefined;
    for (const asked of allowed) {
      const response = await this.#transport.send({
        method: 'GET',
        url,
        accept: MEDIA_TYPES[asked].taxii,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (response.status === 406) {
        last = response;
        continue;
      }
      if (response.status === 404) return { kind: 'missing', response };
      expectStatus(response, [200]);
      const json = readJson(response);
      const stated = json.version && this.#versions.includes(json.version) ? json.version : undefined;
      if (json.version && !stated)
        throw protocolError(
          response,
          `the server answers in TAXII ${json.version}; this client was limited to ${this.#versions.join(', ')}`,
        );
      return { kind: 'found', response, value: json.value, version: stated ?? asked, ...(stated ? { stated } : {}) };
    }
    // Every version allowed was refused with 406 (`versions` always holds one the caller allows).
    throw httpError(last as HttpResponse);
  }
}
