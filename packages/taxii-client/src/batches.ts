/**
 * Splitting objects into POST bodies that fit the API root's max_content_length (TAXII 2.0 §4.2,
 * 2.1 §4.2.1: a body above it gets 413). Sizes are UTF-8 octets of the exact body sent; objects
 * are serialised once, in order, and packed greedily.
 */
import { randomUUID } from 'node:crypto';
import { TaxiiClientError } from './errors.js';
import type { TaxiiVersion } from './media-type.js';

export interface Batch {
  readonly body: string;
  readonly count: number;
  /** Octets of `body`. */
  readonly size: number;
}

/** The body around the objects: a 2.1 envelope (§3.7), a 2.0 bundle (STIX 2.0, TAXII 2.0 §5.4). */
interface Wrapper {
  readonly head: string;
  readonly tail: string;
}

function wrapper(version: TaxiiVersion): Wrapper {
  if (version === '2.1') return { head: '{"objects":[', tail: ']}' };
  return { head: `{"type":"bundle","id":"bundle--${randomUUID()}","spec_version":"2.0","objects":[`, tail: ']}' };
}

// Every 2.0 bundle head has the same length: a UUID is always 36 characters.
const overhead = (version: TaxiiVersion) => {
  const w = wrapper(version);
  return Buffer.byteLength(w.head) + Buffer.byteLength(w.tail);
};

function idOf(object: unknown): string {
  const id = (object as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '(no id)';
}

function tooLarge(object: unknown, index: number, size: number, limit: number): TaxiiClientError {
  const id = idOf(object);
  return new TaxiiClientError(
    'TAXII_OBJECT_TOO_LARGE',
    `object ${id} (index ${index}) alone makes a ${size}-octet body; the API root accepts at most ${limit} (max_content_length)`,
    { objectId: id },
  );
}

function serialise(object: unknown, index: number): string {
  if (object === null || typeof object !== 'object' || Array.isArray(object))
    throw new TaxiiClientError('TAXII_INVALID_ARGUMENT', `objects[${index}] is not a JSON object`);
  return JSON.stringify(object);
}

/**
 * Throws TAXII_OBJECT_TOO_LARGE for the first object that cannot fit alone — before anything is
 * sent, for inputs that can be read twice (arrays).
 */
export function checkSizes(objects: readonly unknown[], limit: number, version: TaxiiVersion): void {
  const fixed = overhead(version);
  objects.forEach((o, i) => {
    const size = fixed + Buffer.byteLength(serialise(o, i));
    if (size > limit) throw tooLarge(o, i, size, limit);
  });
}

/** The bodies, each at most `limit` octets. */
export async function* batches(
  objects: Iterable<unknown> | AsyncIterable<unknown>,
  limit: number,
  version: TaxiiVersion,
): AsyncGenerator<Batch> {
  const fixed = overhead(version);
  let parts: string[] = [];
  let size = fixed;
  const flush = (): Batch => {
    const w = wrapper(version);
    const body = `${w.head}${parts.join(',')}${w.tail}`;
    const batch = { body, count: parts.length, size };
    parts = [];
    size = fixed;
    return batch;
  };
  let index = 0;
  for await (const object of objects) {
    const text = serialise(object, index);
    const octets = Buffer.byteLength(text);
    if (fixed + octets > limit) throw tooLarge(object, index, fixed + octets, limit);
    const added = (parts.length > 0 ? 1 : 0) + octets;
    if (size + added > limit) yield flush();
    size += (parts.length > 0 ? 1 : 0) + octets;
    parts.push(text);
    index++;
  }
  if (parts.length > 0) yield flush();
}
