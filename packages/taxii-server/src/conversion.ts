/**
 * Serving stored objects in the STIX version a client gets (collection-media.ts) when they were
 * stored in the other one, with @taxiway/stix `convert()`. Objects are stored as received; only
 * what leaves the server is converted, one page at a time.
 *
 *  - 2.1 → 2.0 (TAXII 2.0 clients). 2.1 top-level SCOs have no standalone 2.0 form: 2.0 holds
 *    observables inside observed-data `objects` (STIX 2.0 Part 3 §2). So an observed-data is
 *    served with the SCOs its object_refs name (and those they reference) folded in, looked up in
 *    the same collection in batches for the whole page; the SCOs themselves are left out. Objects
 *    2.0 has no type for (grouping, location, note, …), and indicators in other pattern languages,
 *    are left out too. So is an object whose id is not a UUIDv4 (2.0 Part 1 §2.5): convert() would
 *    give it a new random id on every request, which no client could recognise again.
 *  - 2.0 → 2.1 (TAXII 2.1 clients). convert() turns an observed-data `objects` container into
 *    top-level SCOs plus object_refs; served that way the page would hold objects that are not
 *    items of the collection. It is served instead with the converted SCOs put back as the
 *    deprecated-but-valid 2.1 `objects` container (2.1 §4.14), keyed and cross-referenced as the
 *    2.0 container was, and no object_refs. When two container entries convert to one 2.1 object
 *    (same deterministic id) the keys cannot be told apart: the 2.0 container is kept as it was.
 *  - Converting never fails a request: an object convert() cannot handle is left out. Left-out
 *    objects are counted (the X-Taxiway-Omitted header) and logged at debug level with the reason.
 */
import { type ConvertJson, convert } from '@taxiway/stix';
import type { FastifyBaseLogger } from 'fastify';
import type { StixVersion } from './collection-media.js';
import type { Storage, StoredObject } from './storage/storage.js';

/** The response header counting the objects of a response's range that were left out. */
export const OMITTED_HEADER = 'x-taxiway-omitted';

export interface ServedObject {
  /** The stored item it comes from (its dateAdded, its position). */
  readonly item: StoredObject;
  /** The object in the target version, as JSON text. */
  readonly json: string;
  /** Its id and version in the target version (a TLP 2.0 marking becomes the TLP 1.0 one). */
  readonly id: string;
  readonly version: string;
}

export interface ServedPage {
  readonly objects: readonly ServedObject[];
  /** Items with no form in the target version (or whose conversion failed). */
  readonly omitted: number;
}

/** Observables looked up for the observed-data of one page, at most (bounds memory and time). */
const MAX_FOLDED = 10_000;
/** Ids per storage lookup. */
const LOOKUP_BATCH = 500;

type Json = ConvertJson;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStixId = (v: unknown): v is string => typeof v === 'string' && v.includes('--');
/** 2.1 SCOs are the objects without `created` (2.1 §6: no common created/modified). */
const isSco = (o: Json) => typeof o.created !== 'string' && typeof o.type === 'string';

/** Every `*_ref` / `*_refs` value at any depth (STIX 2.0 Part 1 §2.6, 2.1 §2.7). */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) refsIn(v, out);
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (key.endsWith('_ref') && isStixId(v)) out.push(v);
      else if (key.endsWith('_refs') && Array.isArray(v)) {
        for (const r of v) if (isStixId(r)) out.push(r);
      } else if (v !== null && typeof v === 'object') refsIn(v, out);
    }
  }
  return out;
}

/** A copy with every `*_ref` / `*_refs` value passed through `map`. */
function mapRefs(value: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapRefs(v, map));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (key.endsWith('_ref') && typeof v === 'string') out[key] = map(v);
    else if (key.endsWith('_refs') && Array.isArray(v)) out[key] = v.map((r) => (typeof r === 'string' ? map(r) : r));
    else out[key] = mapRefs(v, map);
  }
  return out;
}

function parse(raw: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The SCOs the observed-data of a page reference, directly or through other SCOs, as stored in
 * the collection (their last version), by id.
 */
async function observablesFor(storage: Storage, collectionId: string, roots: readonly Json[]): Promise<Map<string, Json>> {
  const found = new Map<string, Json>();
  const asked = new Set<string>();
  let wanted = roots.flatMap((o) => refsIn({ object_refs: o.object_refs }));
  while (wanted.length > 0 && asked.size < MAX_FOLDED) {
    const batch = [...new Set(wanted.filter((id) => !asked.has(id)))].slice(0, MAX_FOLDED - asked.size);
    const next: string[] = [];
    for (const id of batch) asked.add(id);
    for (let i = 0; i < batch.length; i += LOOKUP_BATCH) {
      const ids = batch.slice(i, i + LOOKUP_BATCH);
      const page = await storage.getObjects(collectionId, { ids, limit: ids.length });
      for (const stored of page.items) {
        const o = stored.specVersion === '2.1' ? parse(stored.raw) : undefined;
        if (o === undefined || !isSco(o)) continue;
        found.set(stored.id, o);
        refsIn(o, next);
      }
    }
    wanted = next;
  }
  return found;
}

/** The observables one observed-data needs: what its object_refs name, closed under references. */
function closure(od: Json, observables: ReadonlyMap<string, Json>): Json[] {
  const out: Json[] = [];
  const seen = new Set<string>();
  const queue = refsIn({ object_refs: od.object_refs });
  while (queue.length > 0) {
    const id = queue.shift() as string;
    const sco = observables.get(id);
    if (seen.has(id) || sco === undefined) continue;
    seen.add(id);
    out.push(sco);
    queue.push(...refsIn(sco));
  }
  return out;
}

type Outcome = { readonly object: Json } | { readonly omit: string };

function to20(o: Json, observables: ReadonlyMap<string, Json>): Outcome {
  const input = o.type === 'observed-data' ? [o, ...closure(o, observables)] : [o];
  const { objects, report } = convert(input, { to: '2.0', from: '2.1' });
  const id = o.id;
  if (report.changes.some((c) => c.kind === 'generated-id' && c.path === 'id' && c.objectId === id))
    return { omit: 'its id is not a UUIDv4: STIX 2.0 would need a new id on every request' };
  const object = objects[0];
  if (object === undefined) {
    const why = report.changes.find((c) => c.kind === 'dropped-object' && c.objectId === id);
    return { omit: why?.detail ?? 'no STIX 2.0 form' };
  }
  return { object };
}

function to21(o: Json): Outcome {
  const { objects } = convert(o, { to: '2.1', from: '2.0' });
  if (o.type === 'observed-data' && isObject(o.objects)) {
    const od = objects.find((c) => c.type === 'observed-data');
    return od === undefined ? { omit: 'no STIX 2.1 form' } : { object: withContainer(o.objects, od, objects) };
  }
  return objects.length === 1 ? { object: objects[0] } : { omit: 'no STIX 2.1 form' };
}

/** A converted observed-data with its converted SCOs put back as an `objects` container. */
function withContainer(container20: Json, od: Json, converted: readonly Json[]): Json {
  const keys = Object.keys(container20).filter((k) => isObject(container20[k]) && typeof container20[k].type === 'string');
  const refs = Array.isArray(od.object_refs) ? (od.object_refs as unknown[]).filter(isStixId) : [];
  const byId = new Map(converted.filter((c) => c !== od && typeof c.id === 'string').map((c) => [c.id as string, c]));
  let container: Json = container20;
  // convert() lists object_refs in container order, one per distinct id: positions match keys
  // exactly when no two entries became one object.
  if (keys.length > 0 && refs.length === keys.length && refs.every((r) => byId.has(r))) {
    const keyOf = new Map(refs.map((r, i) => [r, keys[i]]));
    container = {};
    keys.forEach((key, i) => {
      const { id: _id, spec_version: _sv, ...sco } = byId.get(refs[i]) as Json;
      container[key] = mapRefs(sco, (ref) => keyOf.get(ref) ?? ref);
    });
  }
  const out: Json = {};
  for (const key of Object.keys(od)) {
    if (key === 'object_refs') out.objects = container;
    else out[key] = od[key];
  }
  out.objects ??= container;
  return out;
}

/**
 * The items of one page in the target version, in their order; those with no form in it are
 * left out and counted.
 */
export async function servePage(
  storage: Storage,
  collectionId: string,
  items: readonly StoredObject[],
  target: StixVersion,
  log: FastifyBaseLogger,
): Promise<ServedPage> {
  const parsed = new Map<StoredObject, Json | undefined>();
  for (const item of items) if (item.specVersion !== target) parsed.set(item, parse(item.raw));
  const observedData = target === '2.0' ? [...parsed.values()].filter((o): o is Json => o?.type === 'observed-data') : [];
  const observables = observedData.length > 0 ? await observablesFor(storage, collectionId, observedData) : new Map<string, Json>();

  const objects: ServedObject[] = [];
  const markings = new Set<string>();
  let omitted = 0;
  const leaveOut = (item: StoredObject, reason: string) => {
    omitted++;
    log.debug({ object: item.id, version: item.version, stored: item.specVersion, served: target, reason }, 'object left out');
  };
  for (const item of items) {
    if (item.specVersion === target) {
      if (item.type === 'marking-definition') markings.add(item.id);
      objects.push({ item, json: item.raw, id: item.id, version: item.version });
      continue;
    }
    const o = parsed.get(item);
    if (o === undefined) {
      leaveOut(item, 'the stored object is not a JSON object');
      continue;
    }
    let outcome: Outcome;
    try {
      outcome = target === '2.0' ? to20(o, observables) : to21(o);
    } catch (error) {
      outcome = { omit: `the conversion failed: ${(error as Error).message}` };
    }
    if ('omit' in outcome) {
      leaveOut(item, outcome.omit);
      continue;
    }
    const object = outcome.object;
    const id = typeof object.id === 'string' ? object.id : item.id;
    // TLP 2.0 AMBER and AMBER+STRICT are both TLP 1.0 AMBER in 2.0: one copy per page.
    if (object.type === 'marking-definition') {
      if (markings.has(id)) {
        leaveOut(item, `the same marking definition as ${id}, already in this response`);
        continue;
      }
      markings.add(id);
    }
    const version =
      typeof object.modified === 'string' ? object.modified : typeof object.created === 'string' ? object.created : item.version;
    objects.push({ item, json: JSON.stringify(object), id, version });
  }
  return { objects, omitted };
}
