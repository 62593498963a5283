/**
 * STIX 2.1 → 2.0 (for partners that speak 2.0 only, e.g. under NATO FMN). spec_version leaves the
 * objects (the 2.0 bundle carries it, Part 1 §5); <type>_types go back into labels; 2.1-only
 * properties and objects are dropped or carried as custom content; SCOs are folded back into
 * the `objects` container of each observed-data that references them (Part 3 §2), with local
 * keys; references 2.0 cannot express are removed; created/modified get exactly millisecond
 * precision; non-v4 ids get new v4 ids; TLP 2.0 markings become TLP 1.0.
 */
import { randomId } from '../ids/sco-id.js';
import { rewritePatternPaths } from './pattern-paths.js';
import { forEachRef, mapRefs } from './refs.js';
import { type ChangeLog, joinPath } from './report.js';
import { retargetSelectors } from './selectors.js';
import {
  CARRIED_FROM_20,
  CARRIED_FROM_21,
  COMMON_ADDED_IN_21,
  CUSTOM_TYPE_PREFIX,
  EXTENSION_ADDED_IN_21,
  LABEL_MOVES,
  ONLY_21_TYPES,
  SCO_ADDED_IN_21,
  SCO_RENAMES_21_TO_20,
  SCO_TYPES,
  SDO_ADDED_IN_21,
  TLP_1_0,
  TLP_1_0_CREATED,
  TLP_2_0,
  TLP_2_0_EXTENSION,
  TLP_2_TO_1,
} from './tables.js';
import { restoreCarried } from './to-21.js';
import type { ConvertJson as Json } from './types.js';
import { languagesTo20, renameHashKeys, requestHeaderTo20 } from './values.js';

export interface DowngradeOptions {
  readonly keepRemovedAsCustom: boolean;
  readonly customObjects: 'drop' | 'custom';
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const typeOfId = (id: string) => id.slice(0, Math.max(0, id.indexOf('--')));

/** 2.0 Part 1 §2.5: the UUID of an identifier is version 4 (RFC 4122 variant). */
export function isUuid4Id(id: string): boolean {
  const i = id.indexOf('--');
  if (i < 0 || id.length - i - 2 !== 36) return false;
  const version = id.charCodeAt(i + 2 + 14);
  const variant = id[i + 2 + 19];
  return version === 52 && (variant === '8' || variant === '9' || variant === 'a' || variant === 'b' || variant === 'A' || variant === 'B');
}

/** created / modified with exactly three fractional digits (2.0 Part 1 §3.2); undefined if unchanged. */
export function toMillisecond(ts: string): { value: string; truncated: boolean } | undefined {
  if (ts.length === 24 && ts.charCodeAt(19) === 46 && ts.charCodeAt(23) === 90) return undefined;
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/i.exec(ts);
  if (!m) return undefined;
  const fraction = m[2] ?? '';
  return { value: `${m[1]}.${fraction.padEnd(3, '0').slice(0, 3)}Z`, truncated: fraction.length > 3 };
}

/** References whose 2.0 target is a fixed spec type, so an x-stix21-* object cannot be one. */
const SPEC_TARGET_ONLY = /(?:^|\.)(?:created_by_ref|where_sighted_refs|observed_data_refs|object_marking_refs|marking_ref)(?:\[\d+\])?$/;

const addedByType = new Map<string, ReadonlySet<string>>();
function addedIn21(type: string, sco: boolean): ReadonlySet<string> {
  const key = sco ? `sco:${type}` : type;
  let set = addedByType.get(key);
  if (!set) {
    set = new Set(
      sco ? [...SCO_ADDED_IN_21['*'], ...(SCO_ADDED_IN_21[type] ?? [])] : [...COMMON_ADDED_IN_21, ...(SDO_ADDED_IN_21[type] ?? [])],
    );
    addedByType.set(key, set);
  }
  return set;
}

class Downgrader {
  private readonly byId = new Map<string, Json>();
  /** New id of an object (or null: left out of the top level) for every id that changes. */
  private readonly fate = new Map<string, string | null>();
  /** SCOs folded into at least one observed-data. */
  private readonly folded = new Set<string>();

  constructor(
    private readonly log: ChangeLog,
    private readonly options: DowngradeOptions,
  ) {}

  convert(input: readonly unknown[]): Json[] {
    const objects: Json[] = [];
    for (const value of input) {
      if (!isObject(value)) {
        this.log.add('', 'dropped-object', '', 'not a JSON object');
        continue;
      }
      objects.push(value);
      if (typeof value.id === 'string') this.byId.set(value.id, value);
    }
    for (const o of objects) this.decide(o);
    this.dropDependents(objects);
    const out: Json[] = [];
    const emittedTlp = new Set<string>();
    for (const o of objects) {
      const id = typeof o.id === 'string' ? o.id : '';
      const fate = this.fate.get(id);
      if (fate === null) continue;
      if (o.type === 'marking-definition' && fate !== undefined && TLP_1_0[fate]) {
        // A TLP 2.0 marking: its TLP 1.0 counterpart, once (AMBER+STRICT and AMBER share one).
        if (!emittedTlp.has(fate) && !this.byId.has(fate)) out.push(tlp1Object(fate));
        emittedTlp.add(fate);
        continue;
      }
      out.push(retargetSelectors(o, renameHashKeys(this.object(o, id, fate), 'SSDEEP', 'ssdeep'), id, this.log));
    }
    for (const o of objects)
      if (this.isSco(o) && !this.folded.has(o.id as string))
        this.log.add(String(o.id), 'dropped-object', '', 'an SCO no observed-data references: STIX 2.0 has no top-level observables');
    return out;
  }

  /** Top-level SCOs (spec types, and custom objects without created, as 2.1 §11.1 shapes them). */
  private isSco(o: Json): boolean {
    const type = o.type;
    if (typeof type !== 'string') return false;
    return SCO_TYPES.has(type) || (o.created === undefined && !ONLY_21_TYPES.has(type) && type !== 'marking-definition');
  }

  /** Why an SCO cannot be a 2.0 observable (a property 2.0 requires is absent). */
  private unrepresentable(o: Json): string | undefined {
    if (o.type === 'user-account' && o.user_id === undefined) return 'user_id is required in STIX 2.0 (Part 4 §2.17)';
    if (o.type === 'windows-registry-key' && o.key === undefined) return 'key is required in STIX 2.0 (Part 4 §2.18)';
    return undefined;
  }

  private decide(o: Json): void {
    const id = typeof o.id === 'string' ? o.id : '';
    const type = typeof o.type === 'string' ? o.type : '';
    if (this.isSco(o)) {
      this.fate.set(id, null);
      return;
    }
    if (ONLY_21_TYPES.has(type)) {
      if (this.options.customObjects === 'custom') {
        const newId = `${CUSTOM_TYPE_PREFIX}${type}--${id.slice(id.indexOf('--') + 2)}`;
        this.fate.set(id, newId);
        this.log.add(id, 'custom-object', '', `${type} has no STIX 2.0 form: carried as ${newId}`);
      } else {
        this.fate.set(id, null);
        this.log.add(id, 'dropped-object', '', `${type} has no STIX 2.0 form`);
      }
      return;
    }
    if (type === 'indicator' && o.pattern_type !== undefined && o.pattern_type !== 'stix') {
      this.fate.set(id, null);
      this.log.add(
        id,
        'dropped-object',
        '',
        `a ${String(o.pattern_type)} pattern has no STIX 2.0 form (2.0 indicators hold STIX patterns)`,
      );
      return;
    }
    if (type === 'marking-definition') {
      const level = tlp2Level(o);
      if (level !== undefined) {
        const to = TLP_2_TO_1[level];
        this.fate.set(id, to);
        this.log.add(
          id,
          'mapped-marking',
          '',
          `TLP 2.0 ${level.toUpperCase()} → ${TLP_1_0[to].name} (${to})${level === 'amber+strict' ? ': TLP 1.0 has no AMBER+STRICT' : ''}`,
        );
        return;
      }
    }
    if (id !== '' && !isUuid4Id(id)) {
      const newId = randomId(type);
      this.fate.set(id, newId);
      this.log.add(id, 'generated-id', 'id', `${newId} (STIX 2.0 identifiers use UUIDv4, Part 1 §2.5)`);
    }
  }

  /** Where a reference goes in 2.0: the same id, a new one, or nowhere (null). */
  private resolve(ref: string): string | null {
    const fate = this.fate.get(ref);
    if (fate !== undefined) return fate;
    if (this.byId.has(ref)) return ref;
    const type = typeOfId(ref);
    if (SCO_TYPES.has(type)) return null;
    if (ONLY_21_TYPES.has(type)) return this.options.customObjects === 'custom' ? `${CUSTOM_TYPE_PREFIX}${ref}` : null;
    const level = TLP_2_0[ref];
    if (level !== undefined) return TLP_2_TO_1[level];
    return ref;
  }

  /** The SCOs an observed-data can hold: referenced, present, and expressible in 2.0. */
  private foldable(ref: string): Json | undefined {
    const target = this.byId.get(ref);
    return target !== undefined && this.isSco(target) && this.unrepresentable(target) === undefined ? target : undefined;
  }

  /** Objects whose required references are all gone go too (until nothing changes). */
  private dropDependents(objects: readonly Json[]): void {
    for (let changed = true; changed; ) {
      changed = false;
      for (const o of objects) {
        const id = typeof o.id === 'string' ? o.id : '';
        if (this.fate.get(id) === null) continue;
        const reason = this.lostRequired(o);
        if (reason === undefined) continue;
        this.fate.set(id, null);
        this.log.add(id, 'dropped-object', '', reason);
        changed = true;
      }
    }
  }

  private lostRequired(o: Json): string | undefined {
    const gone = (ref: unknown) => typeof ref === 'string' && this.resolve(ref) === null;
    switch (o.type) {
      case 'relationship':
        for (const key of ['source_ref', 'target_ref'])
          if (gone(o[key])) return `${key} ${String(o[key])} cannot be expressed in STIX 2.0 (an SCO or a dropped object)`;
        return undefined;
      case 'sighting':
        return gone(o.sighting_of_ref)
          ? `sighting_of_ref ${String(o.sighting_of_ref)} cannot be expressed in STIX 2.0 (an SCO or a dropped object)`
          : undefined;
      case 'report':
        return Array.isArray(o.object_refs) && o.object_refs.length > 0 && o.object_refs.every(gone)
          ? 'every object_refs target is dropped, and a 2.0 report requires object_refs'
          : undefined;
      case 'observed-data':
        return Array.isArray(o.object_refs) && !o.object_refs.some((r) => typeof r === 'string' && this.foldable(r))
          ? 'no object_refs target is an SCO present in the input, and a 2.0 observed-data requires objects'
          : undefined;
      default:
        return undefined;
    }
  }

  private object(o: Json, id: string, fate: string | undefined): Json {
    const type = o.type as string;
    const added = addedIn21(type, false);
    const move = LABEL_MOVES[type];
    const c: Json = {};
    for (const key of Object.keys(o)) {
      const value = o[key];
      if (key === 'spec_version') continue;
      if (move !== undefined && key === move.property) {
        const labels = o.labels;
        if (Array.isArray(labels) && Array.isArray(value)) {
          c.labels = [...value, ...labels.filter((l) => !value.includes(l))];
          this.log.add(id, 'merged-property', 'labels', `${move.property} and labels merged into 2.0 labels`);
        } else c.labels = value;
      } else if (key === 'labels' && move !== undefined && Array.isArray(o[move.property]))
        continue; // merged into labels where <type>_types stood
      else if (key === 'created' || key === 'modified') c[key] = this.timestamp(value, id, key);
      else if (key === 'object_refs' && type === 'observed-data') c.objects = null;
      else if (key === 'granular_markings' && Array.isArray(value)) {
        const kept = this.granular(value, id);
        if (kept.length > 0) c[key] = kept;
      } else if (added.has(key)) this.removed(c, key, value, id, key);
      else c[key] = value;
    }
    restoreCarried(c, CARRIED_FROM_20, id, this.log);
    if (move !== undefined && c.labels === undefined) {
      c.labels = [move.default20];
      this.log.add(id, 'defaulted-property', 'labels', `[${JSON.stringify(move.default20)}] (STIX 2.0 requires labels on ${type})`);
    }
    if (type === 'identity' && c.identity_class === undefined) {
      c.identity_class = 'unknown';
      this.log.add(id, 'defaulted-property', 'identity_class', '"unknown" (STIX 2.0 requires identity_class, Part 2 §2.4)');
    }
    // 2.1 §4.11 makes a malware name optional (is_family false); 2.0 Part 2 §2.6 requires it.
    if (type === 'malware' && c.name === undefined) {
      const alias = Array.isArray(o.aliases) && typeof o.aliases[0] === 'string' ? o.aliases[0] : undefined;
      c.name = alias ?? 'unknown';
      this.log.add(
        id,
        'defaulted-property',
        'name',
        `${JSON.stringify(c.name)} (STIX 2.0 requires name on malware${alias ? ': the first alias' : ''})`,
      );
    }
    if (type === 'indicator' && typeof c.pattern === 'string') {
      const rewrite = rewritePatternPaths(c.pattern, '2.0');
      if (rewrite.renamed.length > 0) {
        c.pattern = rewrite.pattern;
        this.log.add(id, 'pattern-rewritten', 'pattern', rewrite.renamed.join(', '));
      }
      if (rewrite.unconvertible.length > 0)
        this.log.add(
          id,
          'pattern-unconvertible',
          'pattern',
          `${rewrite.unconvertible.join(', ')}: no such property in STIX 2.0 (the pattern cannot match there)`,
        );
    }
    if (fate !== undefined) {
      c.id = fate;
      if (ONLY_21_TYPES.has(type)) c.type = CUSTOM_TYPE_PREFIX + type;
    }
    const mapped = mapRefs(c, (ref, path) => {
      let to = this.resolve(ref);
      // 2.0 Part 1 §3.1, Part 2 §5.2: these point at spec types only, never at custom objects.
      if (to !== null && to !== ref && to.startsWith(CUSTOM_TYPE_PREFIX) && SPEC_TARGET_ONLY.test(path)) to = null;
      if (to === null) this.log.add(id, 'dropped-reference', path, `${ref} cannot be expressed in STIX 2.0 (an SCO or a dropped object)`);
      return to;
    });
    if (type === 'observed-data') mapped.objects = this.fold(o, id);
    return mapped;
  }

  private timestamp(value: unknown, id: string, key: string): unknown {
    if (typeof value !== 'string') return value;
    const ms = toMillisecond(value);
    if (ms === undefined) return value;
    if (ms.truncated) this.log.add(id, 'truncated-timestamp', key, `${value} → ${ms.value} (STIX 2.0 requires exactly milliseconds)`);
    return ms.value;
  }

  /** 2.1 granular markings by language (§7.2.3 lang) have no 2.0 form. */
  private granular(markings: readonly unknown[], id: string): unknown[] {
    const kept: unknown[] = [];
    markings.forEach((m, i) => {
      if (isObject(m) && m.marking_ref === undefined && m.lang !== undefined) {
        this.log.add(id, 'dropped-property', joinPath('granular_markings', i), 'a language granular marking has no STIX 2.0 form');
        return;
      }
      if (isObject(m) && m.lang !== undefined) {
        const { lang: _, ...rest } = m;
        this.log.add(id, 'dropped-property', `${joinPath('granular_markings', i)}.lang`, 'no STIX 2.0 counterpart');
        kept.push(rest);
      } else kept.push(m);
    });
    return kept;
  }

  /** object_refs → an `objects` container keyed "0", "1", … (explicit refs first, then what they reference). */
  private fold(o: Json, id: string): Json {
    const keyOf = new Map<string, string>();
    const order: Json[] = [];
    const add = (ref: string, target: Json) => {
      if (keyOf.has(ref)) return false;
      keyOf.set(ref, String(order.length));
      order.push(target);
      this.folded.add(ref);
      return true;
    };
    const refs = Array.isArray(o.object_refs) ? o.object_refs : [];
    refs.forEach((ref, i) => {
      if (typeof ref !== 'string') return;
      const target = this.foldable(ref);
      if (target) add(ref, target);
      else {
        const present = this.byId.get(ref);
        const why = present
          ? (this.unrepresentable(present) ?? `a ${String(present.type)} cannot be in a 2.0 objects container`)
          : 'not in the input';
        this.log.add(id, 'dropped-reference', joinPath('object_refs', i), `${ref}: ${why}`);
      }
    });
    // Observables the listed ones reference (a 2.0 container must be closed under references).
    for (let i = 0; i < order.length; i++)
      forEachRef(order[i], (ref) => {
        const target = this.foldable(ref);
        if (target) add(ref, target);
      });
    const container: Json = {};
    order.forEach((sco, i) => {
      const key = String(i);
      container[key] = this.sco(sco, id, joinPath('objects', key), keyOf);
    });
    return container;
  }

  private sco(sco: Json, objectId: string, path: string, keyOf: ReadonlyMap<string, string>): Json {
    const type = sco.type as string;
    const renames = SCO_RENAMES_21_TO_20[type];
    const added = addedIn21(type, true);
    const out: Json = {};
    for (const key of Object.keys(sco)) {
      if (key === 'id' || key === 'spec_version') continue;
      const value = sco[key];
      const to = renames?.[key];
      if (to !== undefined) out[to] = value;
      else if (added.has(key)) this.removed(out, key, value, objectId, joinPath(path, key));
      else if (key === 'extensions' && isObject(value)) {
        const ext = this.extensions(value, objectId, joinPath(path, key));
        if (Object.keys(ext).length > 0) out.extensions = ext;
      } else if (key === 'languages' && type === 'software') {
        // 2.1 §6.14 RFC 5646 tags → 2.0 Part 4 §2.14 ISO 639-2 codes.
        const languages = languagesTo20(value, objectId, joinPath(path, key), this.log);
        if (languages !== undefined) out[key] = languages;
      } else out[key] = value;
    }
    restoreCarried(out, CARRIED_FROM_20, objectId, this.log, path);
    return mapRefs(out, (ref, refPath) => {
      const key = keyOf.get(ref);
      if (key !== undefined) return key;
      this.log.add(objectId, 'dropped-reference', joinPath(path, refPath), `${ref} is not an observable of this observed-data`);
      return null;
    });
  }

  private extensions(extensions: Json, objectId: string, path: string): Json {
    const out: Json = {};
    for (const name of Object.keys(extensions)) {
      const ext = extensions[name];
      if (name.startsWith('extension-definition--')) {
        // Carried under its own name (x_stix21_extension-definition--…, a valid 2.0 dictionary key,
        // Part 1 §2.7) so that 2.0 → 2.1 can restore it.
        this.removed(out, name, ext, objectId, joinPath(path, name));
        continue;
      }
      // 2.1 §6.11.3 makes service_name optional; 2.0 Part 4 §2.13.2 requires it: no 2.0 form.
      if (name === 'windows-service-ext' && isObject(ext) && ext.service_name === undefined) {
        this.removed(out, name, ext, objectId, joinPath(path, name));
        continue;
      }
      const added = EXTENSION_ADDED_IN_21[name] ?? [];
      if (!isObject(ext)) {
        out[name] = ext;
        continue;
      }
      const next: Json = {};
      for (const key of Object.keys(ext)) {
        if (added.includes(key)) this.removed(next, key, ext[key], objectId, joinPath(joinPath(path, name), key));
        // 2.0 Part 4 §2.12.2: one string per request header (2.1: a list).
        else if (name === 'http-request-ext' && key === 'request_header')
          next[key] = requestHeaderTo20(ext[key], objectId, joinPath(joinPath(path, name), key), this.log);
        else next[key] = ext[key];
      }
      restoreCarried(next, CARRIED_FROM_20, objectId, this.log, joinPath(path, name));
      out[name] = next;
    }
    return out;
  }

  private removed(out: Json, key: string, value: unknown, objectId: string, path: string): void {
    if (this.options.keepRemovedAsCustom) {
      out[CARRIED_FROM_21 + key] = value;
      this.log.add(objectId, 'custom-property', path, `carried as ${CARRIED_FROM_21}${key} (no STIX 2.0 counterpart)`);
    } else this.log.add(objectId, 'dropped-property', path, 'no STIX 2.0 counterpart');
  }
}

/** The TLP 2.0 level of a marking definition (by its fixed id or its extension), if it is one. */
function tlp2Level(o: Json): string | undefined {
  const byId = typeof o.id === 'string' ? TLP_2_0[o.id] : undefined;
  if (byId !== undefined) return byId;
  const ext = isObject(o.extensions) ? o.extensions[TLP_2_0_EXTENSION] : undefined;
  const level = isObject(ext) ? ext.tlp_2_0 : undefined;
  return typeof level === 'string' && TLP_2_TO_1[level] !== undefined ? level : undefined;
}

/** The TLP 1.0 marking definition as STIX 2.0 Part 1 §4.1.3 prints it. */
function tlp1Object(id: string): Json {
  return { type: 'marking-definition', id, created: TLP_1_0_CREATED, definition_type: 'tlp', definition: { tlp: TLP_1_0[id].tlp } };
}

export function downgrade(objects: readonly unknown[], log: ChangeLog, options: DowngradeOptions): Json[] {
  return new Downgrader(log, options).convert(objects);
}
