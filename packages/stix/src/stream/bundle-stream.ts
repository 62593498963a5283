/**
 * Streaming reader for STIX bundles of any size. Rather than tokenising every JSON value in
 * JavaScript, a small byte scanner only tracks strings, escapes and nesting depth to find where
 * each element of the bundle's `objects` array starts and ends, then hands that element's bytes to
 * the native `JSON.parse`. Memory holds one element plus one input chunk at a time.
 */
import { StixError } from '../errors.js';

export interface BundleEnvelope {
  /** Every top-level property of the bundle other than `objects`, in input order. Empty for array input. */
  readonly properties: Record<string, unknown>;
  /**
   * `bundle`: a JSON object with an `objects` array, or of type `bundle`; `object`: a single
   * object that is not a bundle (yielded as the one object); `array`: a top-level array of objects.
   */
  readonly shape: 'bundle' | 'object' | 'array';
  readonly objectCount: number;
}

export interface BundleStreamOptions {
  /** Upper bound in bytes on one object's JSON text; default 256 MiB. */
  readonly maxObjectBytes?: number;
}

/** A Node Readable is an AsyncIterable of Buffers (or strings with an encoding set). */
export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

enum Mode {
  /** Before the root value. */
  Start,
  /** In the root object, expecting a key or `}`. */
  RootKeyOrEnd,
  /** In the root object after a value, expecting `,` or `}`. */
  RootAfterValue,
  /** After a key, expecting `:`. */
  RootColon,
  /** After `:`, expecting the value. */
  RootValue,
  /** In a streamed array, expecting an element or `]`. */
  ElementOrEnd,
  /** In a streamed array after an element, expecting `,` or `]`. */
  ElementAfter,
  /** After the root value: only whitespace may follow. */
  Done,
}

enum Target {
  Key,
  Property,
  Element,
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
const isDelimiter = (c: number): boolean => c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isSpace(c);

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/**
 * Yields each element of a bundle's `objects` (or of a top-level array, or a single object),
 * parsed, in order; returns the envelope. Throws StixError `STIX_JSON_SYNTAX` (with the byte
 * offset) for malformed JSON and `STIX_STREAM_SHAPE` for JSON that holds no STIX content.
 * If `objects` appears twice, the elements of both arrays are yielded.
 */
export async function* parseBundleStream(
  source: ByteSource,
  options: BundleStreamOptions = {},
): AsyncGenerator<unknown, BundleEnvelope, undefined> {
  const maxObjectBytes = options.maxObjectBytes ?? 256 * 1024 * 1024;
  const properties: Record<string, unknown> = {};
  let shape: 'bundle' | 'object' | 'array' | undefined;
  let objectCount = 0;
  let mode: Mode = Mode.Start as Mode;
  let base = 0; // bytes consumed before the current chunk
  let first = true;

  // The value being captured: its kind, scanner state and the bytes seen so far.
  let capturing = false;
  let target: Target = Target.Property as Target;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let scalar = false;
  let parts: Uint8Array[] = [];
  let partsLength = 0;
  let captureOffset = 0;
  let key = '';

  const syntax = (detail: string, offset: number): StixError =>
    new StixError('STIX_JSON_SYNTAX', `${detail} at byte ${offset}`, { offset });

  function finish(bytes: Uint8Array): unknown {
    const text = decoder.decode(bytes);
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new StixError(
        'STIX_JSON_SYNTAX',
        `${cause instanceof Error ? cause.message : String(cause)} in the value starting at byte ${captureOffset}`,
        {
          offset: captureOffset,
          cause,
        },
      );
    }
  }

  function take(chunk: Uint8Array, from: number, to: number): Uint8Array {
    const tail = chunk.subarray(from, to);
    if (parts.length === 0) return tail;
    parts.push(tail);
    const all = new Uint8Array(partsLength + tail.length);
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    parts = [];
    partsLength = 0;
    return all;
  }

  function begin(kind: Target, offset: number, c: number): void {
    capturing = true;
    target = kind;
    captureOffset = offset;
    depth = 0;
    inString = false;
    escaped = false;
    scalar = c !== QUOTE && c !== OPEN_BRACE && c !== OPEN_BRACKET;
  }

  for await (const piece of source) {
    let chunk = typeof piece === 'string' ? encoder.encode(piece) : piece;
    if (first && chunk.length > 0) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        chunk = chunk.subarray(3);
        base += 3;
      }
    }
    const n = chunk.length;
    let i = 0;
    const out: unknown[] = [];
    while (i < n) {
      if (capturing) {
        // Scan to the end of the captured value, or of the chunk.
        const start = i;
        let end = -1;
        if (scalar) {
          while (i < n && !isDelimiter(chunk[i])) i++;
          if (i < n) end = i;
        } else {
          while (i < n) {
            const c = chunk[i];
            if (inString) {
              if (escaped) escaped = false;
              else if (c === BACKSLASH) escaped = true;
              else if (c === QUOTE) {
                inString = false;
                if (depth === 0) {
                  end = i + 1;
                  i++;
                  break;
                }
              }
            } else if (c === QUOTE) inString = true;
            else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
            else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
              depth--;
              if (depth === 0) {
                end = i + 1;
                i++;
                break;
              }
            }
            i++;
          }
        }
        if (end < 0) {
          // The value goes on in the next chunk: keep what we have.
          const rest = chunk.subarray(start, n);
          parts.push(rest);
          partsLength += rest.length;
          if (partsLength > maxObjectBytes) throw syntax(`a value longer than ${maxObjectBytes} bytes`, captureOffset);
          break;
        }
        const bytes = take(chunk, start, end);
        if (bytes.length > maxObjectBytes) throw syntax(`a value longer than ${maxObjectBytes} bytes`, captureOffset);
        capturing = false;
        const value = finish(bytes);
        if (target === Target.Key) {
          key = value as string;
          mode = Mode.RootColon;
        } else if (target === Target.Property) {
          properties[key] = value;
          mode = Mode.RootAfterValue;
        } else {
          out.push(value);
          objectCount++;
          mode = Mode.ElementAfter;
        }
        continue;
      }
      const c = chunk[i];
      if (isSpace(c)) {
        i++;
        continue;
      }
      const offset = base + i;
      switch (mode) {
        case Mode.Start:
          if (c === OPEN_BRACE) mode = Mode.RootKeyOrEnd;
          else if (c === OPEN_BRACKET) {
            shape = 'array';
            mode = Mode.ElementOrEnd;
          } else throw new StixError('STIX_STREAM_SHAPE', `expected a JSON object or array at byte ${offset}`, { offset });
          i++;
          break;
        case Mode.RootKeyOrEnd:
          if (c === QUOTE) {
            begin(Target.Key, offset, c);
            // Keys are scanned like any string value: `begin` then the capture loop.
          } else if (c === CLOSE_BRACE) {
            mode = Mode.Done;
            i++;
          } else throw syntax('expected a property name or }', offset);
          break;
        case Mode.RootColon:
          if (c !== COLON) throw syntax('expected :', offset);
          mode = Mode.RootValue;
          i++;
          break;
        case Mode.RootValue:
          if (key === 'objects' && c === OPEN_BRACKET) {
            shape = 'bundle';
            mode = Mode.ElementOrEnd;
            i++;
          } else begin(Target.Property, offset, c);
          break;
        case Mode.RootAfterValue:
          if (c === COMMA) {
            mode = Mode.RootKeyOrEnd;
            i++;
          } else if (c === CLOSE_BRACE) {
            mode = Mode.Done;
            i++;
          } else throw syntax('expected , or }', offset);
          break;
        case Mode.ElementOrEnd:
          if (c === CLOSE_BRACKET) {
            mode = shape === 'array' ? Mode.Done : Mode.RootAfterValue;
            i++;
          } else begin(Target.Element, offset, c);
          break;
        case Mode.ElementAfter:
          if (c === COMMA) mode = Mode.ElementOrEnd;
          else if (c === CLOSE_BRACKET) mode = shape === 'array' ? Mode.Done : Mode.RootAfterValue;
          else throw syntax('expected , or ]', offset);
          i++;
          break;
        case Mode.Done:
          throw syntax('unexpected content after the end of the JSON value', offset);
      }
    }
    base += n;
    for (const value of out) yield value;
  }

  if (capturing && scalar && target === Target.Property) throw syntax('unexpected end of input', base);
  if (mode !== Mode.Done) throw syntax(mode === Mode.Start ? 'empty input' : 'unexpected end of input', base);
  if (shape === 'array') return { properties: {}, shape, objectCount };
  if (shape === undefined) {
    if (properties.type === 'bundle') {
      if (properties.objects !== undefined)
        throw new StixError('STIX_STREAM_SHAPE', 'the bundle property objects is not an array', { offset: 0 });
      return { properties, shape: 'bundle', objectCount };
    }
    // A single object, not a bundle: it is the one object.
    yield properties;
    return { properties: {}, shape: 'object', objectCount: 1 };
  }
  return { properties, shape, objectCount };
}
