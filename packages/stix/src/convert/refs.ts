/**
 * References inside an object: every `*_ref` (a string) and `*_refs` (a list of strings), at any
 * depth (granular_markings[].marking_ref, extensions, email body parts, …), as both STIX
 * versions name them (2.0 Part 1 §2.6, 2.1 §2.7).
 */
import { joinPath } from './report.js';

type Json = Record<string, unknown>;

/** Returns the new reference, the same one to keep it, or null to remove it. */
export type RefMapper = (ref: string, path: string) => string | null;

const isRefKey = (key: string) => key.endsWith('_ref');
const isRefsKey = (key: string) => key.endsWith('_refs');

/**
 * A copy of `value` with every reference passed through `map`; values without a changed
 * reference are returned as they are (copy on write). A `_refs` list left empty is removed.
 */
export function mapRefs<T>(value: T, map: RefMapper, path = ''): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === null || typeof item !== 'object') continue;
      const next = mapRefs(item, map, joinPath(path, i));
      if (next !== item) {
        copy ??= value.slice();
        copy[i] = next;
      }
    }
    return (copy ?? value) as T;
  }
  const object = value as Json;
  let copy: Json | undefined;
  for (const key in object) {
    const item = object[key];
    if (typeof item === 'string') {
      if (!isRefKey(key)) continue;
      const next = map(item, joinPath(path, key));
      if (next === item) continue;
      copy ??= { ...object };
      if (next === null) delete copy[key];
      else copy[key] = next;
    } else if (item !== null && typeof item === 'object') {
      if (Array.isArray(item) && isRefsKey(key)) {
        const next = mapRefList(item, map, joinPath(path, key));
        if (next === item) continue;
        copy ??= { ...object };
        if (next.length === 0) delete copy[key];
        else copy[key] = next;
      } else {
        const next = mapRefs(item, map, joinPath(path, key));
        if (next === item) continue;
        copy ??= { ...object };
        copy[key] = next;
      }
    }
  }
  return (copy ?? object) as T;
}

function mapRefList(list: readonly unknown[], map: RefMapper, path: string): readonly unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const ref = list[i];
    if (typeof ref !== 'string') {
      copy?.push(ref);
      continue;
    }
    const next = map(ref, joinPath(path, i));
    if (next === ref) {
      copy?.push(ref);
      continue;
    }
    copy ??= list.slice(0, i);
    if (next !== null) copy.push(next);
  }
  return copy ?? list;
}

/** Calls `visit` with every reference in `value`. */
export function forEachRef(value: unknown, visit: (ref: string) => void): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) forEachRef(item, visit);
    return;
  }
  const object = value as Json;
  for (const key in object) {
    const item = object[key];
    if (typeof item === 'string') {
      if (isRefKey(key)) visit(item);
    } else if (Array.isArray(item) && isRefsKey(key)) {
      for (const ref of item) if (typeof ref === 'string') visit(ref);
    } else forEachRef(item, visit);
  }
}
