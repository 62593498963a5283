/**
 * Which TAXII version a request speaks (TAXII 2.1 §1.6.8, §3.1; TAXII 2.0 §1.5). API roots and
 * everything under them are shared by both versions; the version of a request is the one of the
 * media type its Accept prefers among those the route can answer in (for a POST of objects: of its
 * Content-Type). A route declares what it answers in its config:
 *
 *   app.get('/taxii/', { config: { taxii: { versions: ['2.0'] } } }, …)
 *
 * and the auth plugin negotiates before the handler runs: 406 when the client accepts none.
 */
import type { FastifyRequest } from 'fastify';
import { TaxiiError } from './errors.js';
import {
  contentTypeVersion,
  likelyVersion,
  negotiate,
  type Representation,
  STIX_20,
  STIX_20_MEDIA_TYPE,
  TAXII_20,
  TAXII_20_MEDIA_TYPE,
  TAXII_21,
  TAXII_MEDIA_TYPE,
  type TaxiiVersion,
} from './media-type.js';

export interface RouteTaxii {
  /** The TAXII versions the route speaks (default: both). */
  readonly versions?: readonly TaxiiVersion[];
  /**
   * What it answers with: TAXII resources (default); objects (TAXII 2.1 envelopes, TAXII 2.0 STIX
   * bundles, §5.3 / §5.5 of 2.0); or the status of a POST, whose version is its Content-Type's.
   */
  readonly produces?: 'resources' | 'objects' | 'status';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    taxii?: RouteTaxii;
  }
  interface FastifyRequest {
    /** The TAXII version of this request (set by the auth plugin before any handler runs). */
    taxiiVersion: TaxiiVersion;
  }
}

interface Offer extends Representation {
  readonly taxii: TaxiiVersion;
  readonly mediaType: string;
}

const RESOURCE: Readonly<Record<TaxiiVersion, Offer>> = {
  '2.1': { ...TAXII_21, taxii: '2.1', mediaType: TAXII_MEDIA_TYPE },
  '2.0': { ...TAXII_20, taxii: '2.0', mediaType: TAXII_20_MEDIA_TYPE },
};
const OBJECTS: Readonly<Record<TaxiiVersion, Offer>> = {
  '2.1': RESOURCE['2.1'],
  '2.0': { ...STIX_20, taxii: '2.0', mediaType: STIX_20_MEDIA_TYPE },
};
const BOTH: readonly TaxiiVersion[] = ['2.1', '2.0'];

/** The version errors of this request are written in, whether or not negotiation has run. */
export function versionOf(request: FastifyRequest): TaxiiVersion {
  const known = (request as { taxiiVersion?: TaxiiVersion | null }).taxiiVersion;
  return known ?? likelyVersion(request.headers.accept, request.headers['content-type']);
}

/** The version the request is answered in; a 406 TaxiiError when its Accept takes none. */
export function negotiateVersion(request: FastifyRequest): TaxiiVersion {
  const route = request.routeOptions.config.taxii ?? {};
  const versions = route.versions ?? BOTH;
  const table = route.produces === 'objects' ? OBJECTS : RESOURCE;
  let offers = versions.map((v) => table[v]);
  if (route.produces === 'status') {
    // A POST speaks the version of its body; the Accept must take the status of that version.
    const posted = contentTypeVersion(request.headers['content-type']);
    if (posted !== undefined && versions.includes(posted)) offers = [table[posted]];
  }
  const chosen = negotiate(request.headers.accept, offers);
  if (chosen === undefined)
    throw new TaxiiError(
      'TAXII_NOT_ACCEPTABLE',
      `this endpoint answers in ${offers.map((o) => o.mediaType).join(' or ')}, which the Accept header ${JSON.stringify(request.headers.accept)} excludes`,
    );
  return chosen.taxii;
}
