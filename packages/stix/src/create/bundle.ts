/**
 * Bundles (2.0 Part 1 §5, 2.1 §8): bundle() wraps objects in memory; createBundleWriter() writes
 * a bundle of any size to a sink one object at a time, holding none of them.
 */
import { requireObject } from '../common/input.js';
import { StixError } from '../errors.js';
import { randomId } from '../ids/index.js';
import type { StixVersion } from '../issues.js';
import type { Bundle20, Identifier, StixObject20 } from '../v20/types.js';
import type { Bundle21, StixObject21 } from '../v21/types.js';
import { deepFreeze, toPlain } from './plain.js';
import { arrangeObject, indentOf } from './serialize.js';

export interface BundleOptions {
  /** '2.1' by default. A 2.0 bundle carries spec_version "2.0"; a 2.1 bundle carries none. */
  readonly version?: StixVersion;
  /** The bundle's id; a new `bundle--UUIDv4` by default. */
  readonly id?: string;
}

/** A bundle of objects built by create() (or any STIX objects). */
export interface BundleOf<O> {
  readonly type: 'bundle';
  readonly spec_version?: '2.0';
  readonly id: Identifier<'bundle'>;
  /** Absent when there is no object: an empty list is not allowed (2.1 §8, 2.0 Part 1 §2.1). */
  readonly objects?: readonly O[];
}

/**
 * A frozen bundle of `objects`, in the given order. The objects are not checked (build them with
 * create()); unfrozen ones are copied. Pass `{ version: '2.0' }` for a 2.0 bundle.
 */
export function bundle(
  objects: readonly StixObject21[] | readonly unknown[],
  options?: BundleOptions & { readonly version?: '2.1' },
): Bundle21;
export function bundle(
  objects: readonly StixObject20[] | readonly unknown[],
  options: BundleOptions & { readonly version: '2.0' },
): Bundle20;
export function bundle(objects: readonly unknown[], options: BundleOptions = {}): BundleOf<unknown> {
  return makeBundle(objects, options);
}

export function makeBundle(objects: readonly unknown[], options: BundleOptions): BundleOf<unknown> {
  if (!Array.isArray(objects)) throw new StixError('STIX_INPUT_TYPE', 'the objects of a bundle must be a list');
  for (const [i, o] of objects.entries()) requireObject(o, `objects[${i}]`);
  const out: Record<string, unknown> = { type: 'bundle' };
  if (options.version === '2.0') out.spec_version = '2.0';
  out.id = options.id ?? randomId('bundle');
  // Objects from create() are deeply frozen already: shared, not copied.
  if (objects.length > 0) out.objects = objects.map((o, i) => (Object.isFrozen(o) ? o : toPlain(o, ['objects', i])));
  return deepFreeze(out) as unknown as BundleOf<unknown>;
}

/** A Node Writable, or anything shaped like one. */
export interface WritableSink {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'drain', listener: () => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
  end?(callback?: () => void): unknown;
}

/** A function that takes each piece of text; a returned Promise is awaited (backpressure). */
export type FunctionSink = (chunk: string) => void | Promise<void>;

export interface BundleWriterOptions extends BundleOptions {
  /** Indent as serialize() does: true for 2 spaces, or a number. */
  readonly pretty?: boolean | number;
  /** End a Writable sink on close(); true by default (pass false for process.stdout). */
  readonly end?: boolean;
}

export interface BundleWriter {
  /** The bundle's id. */
  readonly id: string;
  /** Objects written so far. */
  readonly count: number;
  /** Writes one object; resolves when the sink can take more. Rejects STIX_WRITER_CLOSED after close(). */
  write(object: unknown): Promise<void>;
  /** Writes the end of the bundle (and ends a Writable sink unless `end: false`). Later calls do nothing. */
  close(): Promise<void>;
}

/**
 * A writer of one bundle to `sink`. The text is what serialize(bundle(objects, …), { pretty })
 * gives for the same objects, id and version, and parseBundleStream reads it back.
 */
export function createBundleWriter(sink: WritableSink | FunctionSink, options: BundleWriterOptions = {}): BundleWriter {
  const id = options.id ?? randomId('bundle');
  const indent = indentOf(options.pretty);
  const head: Record<string, unknown> = { type: 'bundle' };
  if (options.version === '2.0') head.spec_version = '2.0';
  head.id = id;
  // The envelope without its closing brace, e.g. `{"type":"bundle","id":"bundle--…"`.
  const envelope = JSON.stringify(head, null, indent).slice(0, -1).replace(/\n$/, '');
  const nl = indent === undefined ? '' : '\n';
  const pad1 = indent === undefined ? '' : ' '.repeat(indent);
  const pad2 = pad1 + pad1;
  const send = toSender(sink);
  let count = 0;
  let closed = false;

  return {
    id,
    get count() {
      return count;
    },
    async write(object: unknown): Promise<void> {
      if (closed) throw new StixError('STIX_WRITER_CLOSED', `bundle ${id} was closed after ${count} objects`);
      let text = JSON.stringify(arrangeObject(object, false), null, indent);
      if (text === undefined) throw new StixError('STIX_INPUT_TYPE', 'a bundle member must be a JSON object');
      if (indent !== undefined) text = pad2 + text.replaceAll('\n', `\n${pad2}`);
      const prefix = count === 0 ? `${envelope},${nl}${pad1}"objects":${indent === undefined ? '' : ' '}[${nl}` : `,${nl}`;
      count++;
      await send(prefix + text);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await send(count === 0 ? `${envelope}${nl}}` : `${nl}${pad1}]${nl}}`);
      if (options.end !== false && typeof sink !== 'function' && sink.end) {
        const end = sink.end.bind(sink);
        await new Promise<void>((resolve) => end(() => resolve()));
      }
    },
  };
}

function toSender(sink: WritableSink | FunctionSink): (chunk: string) => Promise<void> | void {
  if (typeof sink === 'function') return sink;
  return (chunk) => {
    if (sink.write(chunk)) return;
    // Backpressure: wait for 'drain' (or fail on 'error') before taking more.
    return new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        sink.removeListener('error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        sink.removeListener('drain', onDrain);
        reject(error);
      };
      sink.once('drain', onDrain);
      sink.once('error', onError);
    });
  };
}
