/**
 * Observable property values whose form differs between STIX 2.0 and 2.1 (same name, different
 * value rules): software `languages` (2.0 Part 4 §2.14: ISO 639-2 codes; 2.1 §6.14: RFC 5646
 * tags) and http-request-ext `request_header` (2.0 Part 4 §2.12.2: a string per header; 2.1
 * §6.12.2: a list of strings per header).
 */
import { iso639Alpha2, iso639Alpha3 } from '../reference/iso-639.js';
import type { ChangeLog } from './report.js';
import type { ConvertJson as Json } from './types.js';

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** 2.0 → 2.1: "eng" → "en" (RFC 5646 §2.2.1: the two-letter code where ISO 639-1 has one). */
export function languagesTo21(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((code) => (typeof code === 'string' ? (iso639Alpha2(code) ?? code) : code));
}

/** 2.1 → 2.0: "en-US" → "eng"; subtags beyond the language go (reported), unmappable tags too. */
export function languagesTo20(value: unknown, objectId: string, path: string, log: ChangeLog): unknown {
  if (!Array.isArray(value)) return value;
  const out: unknown[] = [];
  value.forEach((tag, i) => {
    if (typeof tag !== 'string') {
      out.push(tag);
      return;
    }
    const primary = tag.split('-')[0].toLowerCase();
    const code = primary.length === 2 ? iso639Alpha3(primary) : /^[a-z]{3}$/.test(primary) ? primary : undefined;
    if (code === undefined) {
      log.add(objectId, 'dropped-property', `${path}[${i}]`, `${JSON.stringify(tag)} has no ISO 639-2 code (STIX 2.0 Part 4 §2.14)`);
      return;
    }
    if (code !== primary || tag.length !== primary.length) {
      if (tag.length !== primary.length)
        log.add(
          objectId,
          'dropped-property',
          `${path}[${i}]`,
          `${JSON.stringify(tag)} → ${JSON.stringify(code)}: ISO 639-2 has no subtags`,
        );
    }
    if (!out.includes(code)) out.push(code);
  });
  return out.length > 0 ? out : undefined;
}

/** 2.0 → 2.1: each header value becomes a list. */
export function requestHeaderTo21(value: unknown): unknown {
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? [v] : v;
  return out;
}

/** 2.1 → 2.0: each header list becomes one string (RFC 7230 §3.2.2: values combined with ", "). */
export function requestHeaderTo20(value: unknown, objectId: string, path: string, log: ChangeLog): unknown {
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) {
      if (v.length > 1)
        log.add(
          objectId,
          'merged-property',
          `${path}[${JSON.stringify(k)}]`,
          `${v.length} values joined with ", " (STIX 2.0 has one string per header)`,
        );
      out[k] = v.join(', ');
    } else out[k] = v;
  }
  return out;
}

/**
 * 2.0 hash-algorithm-ov spells it `ssdeep`, 2.1 hashing-algorithm-ov `SSDEEP`: the key of every
 * `hashes` dictionary in `value` (top level, extensions, lists of sub-objects, external
 * references) renamed from `from` to `to`, key order kept. The same value comes back when there is
 * nothing to rename (no copy).
 */
export function renameHashKeys<T>(value: T, from: string, to: string): T {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = renameHashKeys(item, from, to);
      if (next !== item) {
        out ??= [...value];
        out[i] = next;
      }
    });
    return (out ?? value) as T;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    let next = renameHashKeys(item, from, to);
    if (key === 'hashes' && next !== null && typeof next === 'object' && !Array.isArray(next) && Object.hasOwn(next, from)) {
      const hashes = next as Record<string, unknown>;
      if (!Object.hasOwn(hashes, to)) next = Object.fromEntries(Object.entries(hashes).map(([k, v]) => [k === from ? to : k, v]));
    }
    if (next !== item) {
      out ??= { ...record };
      out[key] = next;
    }
  }
  return (out ?? value) as T;
}
