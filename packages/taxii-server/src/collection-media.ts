/**
 * What a collection's `media_types` (TAXII 2.1 §5.2.1 and TAXII 2.0 §5.2.1: "the media types for
 * objects in this collection") means on this server, which speaks TAXII 2.0 and 2.1 over the same
 * data. The list names the STIX versions the collection offers, in either spelling
 * (`application/stix+json;version=2.0` and `application/vnd.oasis.stix+json; version=2.0` are the
 * same offer). Stored objects are converted to an offered version when they are stored in
 * another one (conversion.ts). So:
 *
 *  - A TAXII 2.0 client sees (lists, reads, writes) only collections that offer STIX 2.0: TAXII 2.0
 *    carries STIX 2.0 bundles and nothing else. To it, any other collection does not exist (404).
 *    Its media_types reads `["application/vnd.oasis.stix+json; version=2.0"]`.
 *  - A TAXII 2.1 client sees every collection (TAXII 2.1 envelopes carry STIX 2.0 and 2.1); its
 *    media_types lists the offered versions as `application/stix+json;version=…`.
 *  - Objects are served in the client's version when offered: STIX 2.0 to TAXII 2.0 clients; to
 *    TAXII 2.1 clients STIX 2.1 when offered, else 2.0 ("the latest spec_version the server can
 *    provide", TAXII 2.1 §3.4.1).
 *  - A POST holding an object of a STIX version the collection does not offer is refused whole with
 *    422, the answer both specifications name for "the object type or version is not supported"
 *    (TAXII 2.1 §5.5, TAXII 2.0 §5.4); nothing of it is stored.
 *
 * A list naming no STIX version this server knows (only possible for records written before the
 * configuration was checked) offers both, as the server did before it read the list.
 */
import { STIX_20_MEDIA_TYPE, stixVersionsOf, type TaxiiVersion } from './media-type.js';
import type { CollectionRecord } from './storage/storage.js';

export type StixVersion = '2.0' | '2.1';

const BOTH: readonly StixVersion[] = ['2.1', '2.0'];

/** The STIX versions a collection offers, in the order its media_types names them. */
export function offeredVersions(collection: Pick<CollectionRecord, 'mediaTypes'>): readonly StixVersion[] {
  const out: StixVersion[] = [];
  for (const mediaType of collection.mediaTypes) for (const v of stixVersionsOf(mediaType) ?? []) if (!out.includes(v)) out.push(v);
  return out.length > 0 ? out : BOTH;
}

export function offers(collection: Pick<CollectionRecord, 'mediaTypes'>, version: StixVersion): boolean {
  return offeredVersions(collection).includes(version);
}

/** Whether a client of this TAXII version may know the collection exists. */
export function isVisibleTo(collection: Pick<CollectionRecord, 'mediaTypes'>, protocol: TaxiiVersion): boolean {
  return protocol === '2.1' || offers(collection, '2.0');
}

/** The collection resource's media_types, in the client's TAXII version. */
export function mediaTypesFor(collection: Pick<CollectionRecord, 'mediaTypes'>, protocol: TaxiiVersion): string[] {
  if (protocol === '2.0') return [STIX_20_MEDIA_TYPE];
  return offeredVersions(collection).map((v) => `application/stix+json;version=${v}`);
}

/** The STIX version objects are served in to a client of this TAXII version. */
export function servedVersion(collection: Pick<CollectionRecord, 'mediaTypes'>, protocol: TaxiiVersion): StixVersion {
  if (protocol === '2.0') return '2.0';
  return offers(collection, '2.1') ? '2.1' : '2.0';
}
