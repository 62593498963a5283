/**
 * Objects moving between collections of different STIX versions: each object is converted to the
 * version the destination takes (objects already in it pass untouched), with @taxiway/stix's
 * convert(). What the conversion leaves out (2.1 objects with no 2.0 form) is counted, not lost
 * silently.
 */

import { STIX_CYBER_OBSERVABLE_TYPES } from '@taxiway/pattern';
import { type ConversionChangeKind, convert, detectVersion, type StixVersion } from '@taxiway/stix';
import type { CollectionResource, StixObject } from '@taxiway/taxii-client';

export interface Adapted {
  readonly objects: StixObject[];
  /** Objects converted (their version differed from the destination's). */
  readonly converted: number;
  /** Input objects with no form in the destination version (left out). */
  readonly dropped: number;
  /** Changes by kind, added up over the conversions. */
  readonly changes: Partial<Record<ConversionChangeKind, number>>;
}

const STIX_20 = /^application\/(vnd\.oasis\.)?stix\+json\s*;\s*version\s*=\s*"?2\.0"?\s*$/i;
const STIX_21 = /^application\/(vnd\.oasis\.)?stix\+json\s*;\s*version\s*=\s*"?2\.1"?\s*$/i;

/**
 * The STIX version to write into a collection: a TAXII 2.0 API root takes 2.0; a 2.1 collection
 * whose media_types offer 2.0 but not 2.1 takes 2.0; anything else 2.1.
 */
export function stixVersionFor(taxiiVersion: '2.0' | '2.1', collection: CollectionResource | undefined): StixVersion {
  if (taxiiVersion === '2.0') return '2.0';
  const types = collection?.media_types ?? [];
  if (types.some((t) => STIX_20.test(t)) && !types.some((t) => STIX_21.test(t))) return '2.0';
  return '2.1';
}

/** Every object in `to`: converted where needed, in input order within each version. */
export function adapt(objects: readonly StixObject[], to: StixVersion, context: readonly StixObject[] = []): Adapted {
  const keep: StixObject[] = [];
  const other: StixObject[] = [];
  for (const o of objects) (detectVersion(o).version === to ? keep : other).push(o);
  if (other.length === 0) return { objects: keep, converted: 0, dropped: 0, changes: {} };
  const result = convert([...context, ...other], { to, from: to === '2.0' ? '2.1' : '2.0' });
  const changes: Partial<Record<ConversionChangeKind, number>> = { ...result.report.counts };
  return {
    objects: [...keep, ...(result.objects as StixObject[])],
    converted: other.length,
    dropped: changes['dropped-object'] ?? 0,
    changes,
  };
}

const SCO_TYPES: ReadonlySet<string> = new Set(STIX_CYBER_OBSERVABLE_TYPES);
const isSco = (o: StixObject) => SCO_TYPES.has(o.type);
/** SCOs kept for observed-data that arrive in a later page than the objects they name. */
const SCO_CACHE_SIZE = 50_000;

/**
 * adapt() for a stream of pages (sync): 2.0 has no standalone SCOs — they live inside their
 * observed-data — so a 2.1 observed-data whose SCOs came in an earlier page (or not at all)
 * gets them from a cache of the SCOs seen, else from `lookup` (the source collection), and they
 * are folded in. A standalone SCO that no observed-data of its page names is left out, as 2.0
 * requires, and kept in the cache for a later page.
 */
export class PageAdapter {
  readonly #to: StixVersion;
  readonly #lookup: (id: string) => Promise<StixObject | undefined>;
  readonly #scos = new Map<string, StixObject>();

  constructor(to: StixVersion, lookup: (id: string) => Promise<StixObject | undefined>) {
    this.#to = to;
    this.#lookup = lookup;
  }

  async adapt(objects: readonly StixObject[]): Promise<Adapted> {
    if (this.#to !== '2.0') return adapt(objects, this.#to);
    const inPage = new Set(objects.map((o) => o.id));
    const context: StixObject[] = [];
    for (const o of objects) {
      if (o.type !== 'observed-data' || !Array.isArray(o.object_refs) || detectVersion(o).version === '2.0') continue;
      for (const ref of o.object_refs as unknown[]) {
        if (typeof ref !== 'string' || inPage.has(ref)) continue;
        const found = this.#scos.get(ref) ?? (await this.#lookup(ref));
        if (found === undefined) continue;
        inPage.add(ref);
        context.push(found);
      }
    }
    for (const o of objects) if (isSco(o)) this.#remember(o);
    // The looked-up SCOs only help the conversion: they are not objects of this page.
    return adapt(objects, '2.0', context);
  }

  #remember(o: StixObject): void {
    this.#scos.delete(o.id);
    this.#scos.set(o.id, o);
    if (this.#scos.size > SCO_CACHE_SIZE) {
      const oldest = this.#scos.keys().next().value;
      if (oldest !== undefined) this.#scos.delete(oldest);
    }
  }
}

export function addChanges(into: Partial<Record<ConversionChangeKind, number>>, more: Partial<Record<ConversionChangeKind, number>>): void {
  for (const [kind, n] of Object.entries(more) as [ConversionChangeKind, number][]) into[kind] = (into[kind] ?? 0) + n;
}
