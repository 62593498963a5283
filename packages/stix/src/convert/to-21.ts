/**
 * STIX 2.0 → 2.1. Every object gets spec_version "2.1" (2.1 §3.2); the type vocabularies move
 * from labels to <type>_types; malware gets is_family and indicators pattern_type; observed-data
 * `objects` containers become top-level SCOs with deterministic ids (2.1 §2.9) listed in
 * object_refs; SCO properties are renamed as the 2.1 specification renamed them.
 */
import { idContributingProperties, randomId, scoId } from '../ids/sco-id.js';
import { rewritePatternPaths } from './pattern-paths.js';
import { mapRefs } from './refs.js';
import { type ChangeLog, joinPath } from './report.js';
import { retargetSelectors } from './selectors.js';
import {
  CARRIED_FROM_20,
  CARRIED_FROM_21,
  CUSTOM_TYPE_PREFIX,
  EXTENSION_REMOVED_IN_21,
  LABEL_MOVES,
  ONLY_21_TYPES,
  SCO_REMOVED_IN_21,
  SCO_RENAMES_20_TO_21,
  TLP_1_0,
} from './tables.js';
import type { ConvertJson as Json } from './types.js';
import { languagesTo21, renameHashKeys, requestHeaderTo21 } from './values.js';

export interface UpgradeOptions {
  readonly keepRemovedAsCustom: boolean;
  readonly malwareIsFamily: boolean;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

const removedByType = new Map<string, ReadonlySet<string>>();
function removedIn21(type: string): ReadonlySet<string> {
  let set = removedByType.get(type);
  if (!set) {
    set = new Set([...SCO_REMOVED_IN_21['*'], ...(SCO_REMOVED_IN_21[type] ?? [])]);
    removedByType.set(type, set);
  }
  return set;
}

class Upgrader {
  readonly out: Json[] = [];
  /** Ids of SCOs already emitted, with their content (deterministic ids repeat across containers). */
  private readonly emitted = new Map<string, string>();
  /** Ids changed by restoring x-stix21-* objects. */
  private readonly restoredIds = new Map<string, string>();

  constructor(
    private readonly log: ChangeLog,
    private readonly options: UpgradeOptions,
  ) {}

  convert(objects: readonly unknown[]): Json[] {
    for (const value of objects) {
      if (!isObject(value)) {
        this.log.add('', 'dropped-object', '', 'not a JSON object');
        continue;
      }
      const converted = renameHashKeys(this.object(value), 'ssdeep', 'SSDEEP');
      this.out.push(retargetSelectors(value, converted, typeof value.id === 'string' ? value.id : '', this.log));
    }
    if (this.restoredIds.size === 0) return this.out;
    const ids = this.restoredIds;
    return this.out.map((o) => mapRefs(o, (ref) => ids.get(ref) ?? ref));
  }

  private object(o: Json): Json {
    const id = typeof o.id === 'string' ? o.id : '';
    let type = o.type;
    let c: Json = { type, spec_version: '2.1', ...o };
    c.spec_version = '2.1';
    if (typeof type === 'string' && type.startsWith(CUSTOM_TYPE_PREFIX) && ONLY_21_TYPES.has(type.slice(CUSTOM_TYPE_PREFIX.length))) {
      type = type.slice(CUSTOM_TYPE_PREFIX.length);
      const newId = `${type}--${id.slice(id.indexOf('--') + 2)}`;
      this.restoredIds.set(id, newId);
      c = { ...c, type, id: newId };
      this.log.add(id, 'restored-custom', '', `${String(o.type)} → ${String(type)} (${newId})`);
    }
    restoreCarried(c, CARRIED_FROM_21, id, this.log);
    if (typeof type !== 'string') return c;
    const move = LABEL_MOVES[type];
    if (move && c.labels !== undefined && c[move.property] === undefined) {
      const labels = c.labels;
      if (move.generic && Array.isArray(labels) && labels.length === 1 && labels[0] === move.default20) {
        const { labels: _, ...rest } = c;
        c = rest;
        this.log.add(
          id,
          'dropped-property',
          'labels',
          `["${move.default20}"] is the generic 2.0 label, not a ${move.property} value (2.1 → 2.0 fills it in again)`,
        );
      } else c = moveLabels(c, move.property);
    }
    if (type === 'malware' && c.is_family === undefined) {
      c.is_family = this.options.malwareIsFamily;
      this.log.add(id, 'defaulted-property', 'is_family', `${this.options.malwareIsFamily} (2.1 §4.11 requires is_family)`);
    } else if (type === 'indicator') this.indicator(c, id);
    else if (type === 'observed-data' && isObject(c.objects)) c = this.observedData(c, id);
    else if (type === 'marking-definition') this.marking(c, id);
    return c;
  }

  private indicator(c: Json, id: string): void {
    if (c.pattern_type === undefined) {
      c.pattern_type = 'stix';
      this.log.add(id, 'defaulted-property', 'pattern_type', '"stix" (2.1 §4.7 requires pattern_type; 2.0 patterns are STIX patterns)');
    }
    if (typeof c.pattern === 'string') {
      const rewrite = rewritePatternPaths(c.pattern, '2.1');
      if (rewrite.renamed.length > 0) {
        c.pattern = rewrite.pattern;
        this.log.add(id, 'pattern-rewritten', 'pattern', rewrite.renamed.join(', '));
      }
      if (rewrite.unconvertible.length > 0)
        this.log.add(
          id,
          'pattern-unconvertible',
          'pattern',
          `${rewrite.unconvertible.join(', ')}: no such property in STIX 2.1 (the pattern cannot match there)`,
        );
    }
  }

  private marking(c: Json, id: string): void {
    const tlp = TLP_1_0[id];
    if (tlp && c.definition_type === 'tlp' && c.name === undefined) {
      c.name = tlp.name;
      this.log.add(id, 'defaulted-property', 'name', `${JSON.stringify(tlp.name)} (2.1 §7.2.1.4 names the TLP markings)`);
    }
  }

  /** 2.0 Part 3 §2 container → 2.1 top-level SCOs (emitted before the observed-data) + object_refs. */
  private observedData(c: Json, id: string): Json {
    const container = c.objects as Json;
    const converted = new Map<string, Json>();
    for (const key of Object.keys(container)) {
      const sco = container[key];
      const path = joinPath('objects', key);
      if (!isObject(sco) || typeof sco.type !== 'string') {
        this.log.add(id, 'dropped-object', path, 'not a cyber observable object (no type)');
        continue;
      }
      converted.set(key, this.sco(sco, id, path));
    }
    // Ids: an SCO's id can depend on the ids of the SCOs it references (file parent_directory_ref,
    // email-message from_ref, network-traffic src_ref/dst_ref), so those are computed first.
    const ids = new Map<string, string>();
    const cyclic = new Set<string>();
    const visiting = new Set<string>();
    const assign = (key: string): string | null | undefined => {
      const known = ids.get(key);
      if (known !== undefined) return known;
      const sco = converted.get(key);
      if (sco === undefined) return null;
      if (visiting.has(key)) return undefined;
      visiting.add(key);
      const type = sco.type as string;
      const probe: Json = {};
      for (const p of idContributingProperties[type] ?? []) if (sco[p] !== undefined) probe[p] = sco[p];
      let inCycle = false;
      const resolved = mapRefs(probe, (ref) => {
        const r = assign(ref);
        if (r === undefined) inCycle = true;
        return r === undefined ? ref : r;
      });
      // A reference cycle leaves no deterministic id to compute: fall back to a UUIDv4.
      const scoIdentifier = inCycle ? randomId(type) : scoId(type, resolved);
      if (inCycle) cyclic.add(key);
      visiting.delete(key);
      ids.set(key, scoIdentifier);
      return scoIdentifier;
    };
    for (const key of converted.keys()) assign(key);
    const refs: string[] = [];
    for (const [key, sco] of converted) {
      const path = joinPath('objects', key);
      const scoIdentifier = ids.get(key) as string;
      const final = mapRefs(sco, (ref, refPath) => {
        const r = ids.get(ref);
        if (r !== undefined) return r;
        this.log.add(id, 'dropped-reference', joinPath(path, refPath), `${JSON.stringify(ref)} is not a key of this objects container`);
        return null;
      });
      final.id = scoIdentifier;
      this.log.add(
        id,
        'generated-id',
        path,
        `${scoIdentifier}${cyclic.has(key) ? ' (UUIDv4: the container references form a cycle)' : ''}`,
      );
      const text = JSON.stringify(final);
      const seen = this.emitted.get(scoIdentifier);
      if (seen === undefined) {
        this.emitted.set(scoIdentifier, text);
        this.out.push(final);
      } else if (seen !== text)
        this.log.add(
          id,
          'merged-object',
          path,
          `${scoIdentifier} was already made from another container object with the same ID contributing properties; the first is kept`,
        );
      if (!refs.includes(scoIdentifier)) refs.push(scoIdentifier);
    }
    const out: Json = {};
    for (const key of Object.keys(c)) {
      if (key === 'objects') out.object_refs = refs;
      else out[key] = c[key];
    }
    return out;
  }

  /** One 2.0 container object → a 2.1 SCO (local refs still as container keys; id placeholder). */
  private sco(sco: Json, objectId: string, path: string): Json {
    const type = sco.type as string;
    const renames = SCO_RENAMES_20_TO_21[type];
    const removed = removedIn21(type);
    const out: Json = { type, spec_version: '2.1', id: '' };
    for (const key of Object.keys(sco)) {
      if (key === 'type' || key === 'id' || key === 'spec_version') continue;
      const value = sco[key];
      const to = renames?.[key];
      if (to !== undefined) out[to] = value;
      else if (removed.has(key)) this.removed(out, key, value, objectId, joinPath(path, key));
      else if (key === 'extensions' && isObject(value)) out.extensions = this.extensions(value, objectId, joinPath(path, key));
      // 2.0 Part 4 §2.14 ISO 639-2 codes → 2.1 §6.14 RFC 5646 tags.
      else if (key === 'languages' && type === 'software') out[key] = languagesTo21(value);
      else out[key] = value;
    }
    restoreCarried(out, CARRIED_FROM_21, objectId, this.log, path);
    return renameHashKeys(out, 'ssdeep', 'SSDEEP');
  }

  private extensions(extensions: Json, objectId: string, path: string): Json {
    let copy: Json | undefined;
    for (const name of Object.keys(extensions)) {
      // An extension a 2.1 → 2.0 conversion carried (x_stix21_extension-definition--…, x_stix21_windows-service-ext).
      if (name.startsWith(CARRIED_FROM_21)) {
        const original = name.slice(CARRIED_FROM_21.length);
        copy ??= { ...extensions };
        if (copy[original] === undefined) {
          const entries = Object.entries(copy).map(([k, v]) => (k === name ? [original, v] : [k, v]));
          copy = Object.fromEntries(entries);
          this.log.add(objectId, 'restored-custom', joinPath(path, original), `from ${name}`);
        }
        continue;
      }
      const removed = EXTENSION_REMOVED_IN_21[name] ?? [];
      const ext = extensions[name];
      const header = name === 'http-request-ext' && isObject(ext) && ext.request_header !== undefined;
      if (!isObject(ext) || (!header && !Object.keys(ext).some((k) => removed.includes(k) || k.startsWith(CARRIED_FROM_21)))) continue;
      const next: Json = {};
      for (const key of Object.keys(ext)) {
        if (removed.includes(key)) this.removed(next, key, ext[key], objectId, joinPath(joinPath(path, name), key));
        // 2.1 §6.12.2: each request_header value is a list of strings (2.0: a string).
        else if (header && key === 'request_header') next[key] = requestHeaderTo21(ext[key]);
        else next[key] = ext[key];
      }
      restoreCarried(next, CARRIED_FROM_21, objectId, this.log, joinPath(path, name));
      copy ??= { ...extensions };
      copy[name] = next;
    }
    return copy ?? extensions;
  }

  private removed(out: Json, key: string, value: unknown, objectId: string, path: string): void {
    if (this.options.keepRemovedAsCustom) {
      out[CARRIED_FROM_20 + key] = value;
      this.log.add(objectId, 'custom-property', path, `carried as ${CARRIED_FROM_20}${key} (no STIX 2.1 counterpart)`);
    } else this.log.add(objectId, 'dropped-property', path, 'no STIX 2.1 counterpart');
  }
}

/** labels → <type>_types, in place of labels (key order kept). */
function moveLabels(c: Json, property: string): Json {
  const out: Json = {};
  for (const key of Object.keys(c)) {
    if (key === 'labels') out[property] = c.labels;
    else out[key] = c[key];
  }
  return out;
}

/** x_stix21_name / x_stix20_name → name (carried by an earlier conversion), unless name is taken. */
export function restoreCarried(c: Json, prefix: string, objectId: string, log: ChangeLog, path = ''): void {
  for (const key in c) {
    if (key.charCodeAt(0) !== 120 || !key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (c[name] !== undefined) continue;
    c[name] = c[key];
    delete c[key];
    log.add(objectId, 'restored-custom', joinPath(path, name), `from ${key}`);
  }
}

export function upgrade(objects: readonly unknown[], log: ChangeLog, options: UpgradeOptions): Json[] {
  return new Upgrader(log, options).convert(objects);
}
