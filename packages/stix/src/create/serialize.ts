/**
 * serialize(): STIX content as JSON text, byte-for-byte the same for the same content. Top-level
 * objects (and a bundle) lead with type, spec_version, id, created, modified; the rest keeps its
 * insertion order, or with sortKeys is sorted (nested objects too). Without sortKeys nested
 * values are written by the native JSON.stringify untouched: one shallow reordering per object,
 * and none at all when an object already leads with those keys (as create() builds them).
 */
import { StixError } from '../errors.js';

export interface SerializeOptions {
  /** Indent: true for 2 spaces, or a number of spaces; compact by default. */
  readonly pretty?: boolean | number;
  /** Sort the keys after the leading ones, and every key of nested objects. */
  readonly sortKeys?: boolean;
}

const LEAD = ['type', 'spec_version', 'id', 'created', 'modified'] as const;
const LEAD_SET: ReadonlySet<string> = new Set(LEAD);

type Json = Readonly<Record<string, unknown>>;

/** Serialises one object, a bundle, or a list of objects (as a JSON array). */
export function serialize(content: unknown, options: SerializeOptions = {}): string {
  const text = JSON.stringify(arrange(content, options.sortKeys === true), null, indentOf(options.pretty)) as string | undefined;
  // JSON.stringify gives undefined for undefined, functions and symbols: nothing to write.
  if (text === undefined) throw new StixError('STIX_INPUT_TYPE', `cannot serialize ${typeof content}: expected STIX objects (JSON values)`);
  return text;
}

export function indentOf(pretty: boolean | number | undefined): number | undefined {
  if (pretty === true) return 2;
  return typeof pretty === 'number' && pretty > 0 ? Math.min(pretty, 10) : undefined;
}

/** The value as it is to be written: top-level objects reordered, a bundle's objects too. */
export function arrange(content: unknown, sortKeys: boolean): unknown {
  if (Array.isArray(content)) return content.map((o) => arrangeObject(o, sortKeys));
  if (!isObject(content)) return content;
  const arranged = arrangeObject(content, sortKeys);
  if (content.type === 'bundle' && Array.isArray(content.objects)) {
    const objects = content.objects.map((o: unknown) => arrangeObject(o, sortKeys));
    return arranged === content ? { ...content, objects } : Object.assign(arranged as Record<string, unknown>, { objects });
  }
  return arranged;
}

/** One top-level object with the leading keys first; the object itself when nothing moves. */
export function arrangeObject(value: unknown, sortKeys: boolean): unknown {
  if (!isObject(value)) return value;
  if (!sortKeys && leadsInOrder(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of LEAD) if (value[key] !== undefined) out[key] = sortKeys ? sorted(value[key]) : value[key];
  const rest = Object.keys(value).filter((k) => !LEAD_SET.has(k));
  if (sortKeys) rest.sort();
  for (const key of rest) out[key] = sortKeys ? sorted(value[key]) : value[key];
  return out;
}

/** True when the lead keys that are present come first and in order. */
function leadsInOrder(value: Json): boolean {
  let i = 0;
  let lead = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (!LEAD_SET.has(key)) break;
    while (lead < LEAD.length && LEAD[lead] !== key) lead++;
    if (lead === LEAD.length) return false;
    lead++;
    i++;
  }
  // Any lead key after a non-lead one means it must move.
  let present = 0;
  for (const key of LEAD) if (Object.hasOwn(value, key)) present++;
  return present === i;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sorted(value[key]);
  return out;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
