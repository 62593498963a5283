/**
 * Which STIX version a value is written in (2.0 Part 1 §5, 2.1 §3.1 spec_version), following the
 * specification: in 2.0 `spec_version` is on the bundle only; in 2.1 it is on every SDO, SRO and
 * meta object and optional on SCOs (default 2.1); an SDO without it is 2.0. Because real 2.1
 * producers forget `spec_version`, content that can only be 2.1 (2.1-only types, properties or
 * shapes) is recognised as 2.1 — it is then reported as missing spec_version rather than
 * mis-validated as 2.0.
 */
import type { StixVersion } from './issues.js';
import { SCO_TYPES } from './v21/targets.js';

export interface DetectedVersion {
  readonly version: StixVersion;
  /** Why: shown by the CLI so users see what the detection relied on. */
  readonly reason: string;
}

/** Object types only STIX 2.1 defines (2.1 §4, §7). */
export const ONLY_21_TYPES: ReadonlySet<string> = new Set([
  'grouping',
  'incident',
  'infrastructure',
  'location',
  'malware-analysis',
  'note',
  'opinion',
  'language-content',
  'extension-definition',
]);

// Properties that exist only in 2.1 common or SDO definitions.
const ONLY_21_PROPERTIES = [
  'pattern_type',
  'is_family',
  'indicator_types',
  'malware_types',
  'report_types',
  'threat_actor_types',
  'tool_types',
  'lang',
  'confidence',
  'extensions',
];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The version one object is written in, or undefined when it gives no sign. */
export function objectVersion(value: unknown): DetectedVersion | undefined {
  if (!isObject(value)) return undefined;
  const o = value;
  const sv = o.spec_version;
  if (sv === '2.0' || sv === '2.1') return { version: sv, reason: `spec_version ${sv} on ${String(o.type)}` };
  const type = o.type;
  if (typeof type !== 'string') return undefined;
  if (ONLY_21_TYPES.has(type)) return { version: '2.1', reason: `${type} exists only in STIX 2.1` };
  if (SCO_TYPES.has(type) && typeof o.id === 'string') return { version: '2.1', reason: `top-level ${type} with an id is a STIX 2.1 SCO` };
  if (type === 'observed-data' && o.object_refs !== undefined)
    return { version: '2.1', reason: 'observed-data with object_refs is STIX 2.1' };
  for (const p of ONLY_21_PROPERTIES) if (o[p] !== undefined) return { version: '2.1', reason: `${type} has ${p}, a STIX 2.1 property` };
  if (typeof o.created === 'string' && o.created.length > 24)
    return { version: '2.1', reason: 'created has sub-millisecond precision (STIX 2.1)' };
  return undefined;
}

/** Detects the version of a bundle, an object or an array of objects. */
export function detectVersion(value: unknown): DetectedVersion {
  if (Array.isArray(value)) return detectList(value) ?? { version: '2.0', reason: 'no object carries spec_version (STIX 2.0 default)' };
  if (!isObject(value)) return { version: '2.1', reason: 'not a STIX object (default 2.1)' };
  if (value.type === 'bundle') {
    const sv = value.spec_version;
    // 2.0 Part 1 §8: bundles carry spec_version "2.0"; 2.1 bundles carry none.
    if (sv === '2.0') return { version: '2.0', reason: 'bundle spec_version 2.0' };
    if (sv === '2.1') return { version: '2.1', reason: 'bundle spec_version 2.1 (not allowed in 2.1, but meant as 2.1)' };
    const objects = Array.isArray(value.objects) ? value.objects : [];
    return detectList(objects) ?? { version: '2.1', reason: 'bundle without spec_version (STIX 2.1)' };
  }
  return objectVersion(value) ?? { version: '2.0', reason: `${String(value.type)} without spec_version (STIX 2.0 per the specification)` };
}

function detectList(objects: readonly unknown[]): DetectedVersion | undefined {
  // Look at a bounded sample: a bundle is one version, and the first signs decide.
  const n = Math.min(objects.length, 1000);
  for (let i = 0; i < n; i++) {
    const o = objects[i];
    if (!isObject(o)) continue;
    const v = objectVersion(o);
    if (v) return v;
  }
  return undefined;
}
