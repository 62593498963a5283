/**
 * Reading STIX content from disk: one file (a bundle, a JSON array of objects or one object;
 * gzip-compressed content is recognised by its magic bytes, whatever the name), or a directory
 * tree of such files — which covers python-stix2's FileSystemStore layout
 * (`<type>/<id>/<modified>.json`, `<type>/<id>.json`, each a bare object or a bundle) and
 * mitre/cti's (`<type>/<id>.json`, each a bundle) without having to tell them apart.
 */
import type { Dirent } from 'node:fs';
import { closeSync, createReadStream, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip, gunzip, gunzipSync } from 'node:zlib';
import { parseBundleStream, StixError } from '@taxiway/stix';
import { StoreError } from '../errors.js';
import type { AddResult, StoredObject } from '../memory-store.js';
import { objectsOf } from '../memory-store.js';

export interface LoadOptions {
  /**
   * Files whose content (uncompressed) is larger than this many bytes are read as a stream, one
   * object at a time, so the file's text is never held whole. Default 64 MiB: ATT&CK Enterprise
   * (50 MB) is read whole, which is faster.
   */
  readonly streamThreshold?: number;
}

export type AddObjects = (objects: readonly StoredObject[]) => AddResult;

const gunzipAsync = promisify(gunzip);
const DEFAULT_STREAM_THRESHOLD = 64 * 1024 * 1024;
const STREAM_BATCH = 1024;

const sum = (a: AddResult, b: AddResult): AddResult => ({ added: a.added + b.added, replaced: a.replaced + b.replaced });
const NONE: AddResult = { added: 0, replaced: 0 };

const messageOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

function ioError(path: string, cause: unknown): StoreError {
  return new StoreError('STORE_IO', `${path}: ${messageOf(cause)}`, { path, cause });
}

/** Errors from reading or decoding, as StoreErrors naming the file. */
function asStoreError(path: string, cause: unknown): StoreError {
  if (cause instanceof StoreError) {
    return cause.path === undefined ? new StoreError(cause.code, `${path}: ${cause.message}`, { path, cause }) : cause;
  }
  const code = (cause as { code?: unknown } | null)?.code;
  if (cause instanceof StixError || cause instanceof SyntaxError || (typeof code === 'string' && code.startsWith('Z_'))) {
    return new StoreError('STORE_INVALID_CONTENT', `${path}: ${messageOf(cause)}`, { path, cause });
  }
  return ioError(path, cause);
}

export async function loadInto(add: AddObjects, path: string, options: LoadOptions = {}): Promise<AddResult> {
  const threshold = options.streamThreshold ?? DEFAULT_STREAM_THRESHOLD;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (cause) {
    throw ioError(path, cause);
  }
  if (info.isDirectory()) return loadDirectory(add, path, threshold);
  const prepared = await prepareFile(path, threshold);
  return 'objects' in prepared ? add(prepared.objects) : streamFile(add, path, prepared.gzip);
}

type Prepared = { readonly objects: readonly StoredObject[] } | { readonly gzip: boolean };

/**
 * Reads and checks a small file whole (one open, stat, read and close: directories hold thousands
 * of small files); for a large one, only says how to stream it.
 */
async function prepareFile(path: string, threshold: number): Promise<Prepared> {
  let bytes: Buffer | undefined;
  let gzip = false;
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size <= threshold) bytes = await handle.readFile();
      else {
        const head = Buffer.alloc(2);
        await handle.read(head, 0, 2, 0);
        gzip = head[0] === 0x1f && head[1] === 0x8b;
      }
    } finally {
      await handle.close();
    }
  } catch (cause) {
    throw ioError(path, cause);
  }
  if (bytes === undefined) return { gzip };
  return decode(path, bytes, threshold, (b, chunkSize) => gunzipAsync(b, { chunkSize }));
}

/** Synchronous prepareFile, for the many small files of a directory tree. */
function prepareFileSync(path: string, threshold: number): Prepared | Promise<Prepared> {
  let bytes: Buffer | undefined;
  let gzip = false;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const { size } = fstatSync(fd);
    if (size <= threshold) bytes = readFileSync(fd);
    else {
      const head = Buffer.alloc(2);
      readSync(fd, head, 0, 2, 0);
      gzip = head[0] === 0x1f && head[1] === 0x8b;
    }
  } catch (cause) {
    throw ioError(path, cause);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (bytes === undefined) return { gzip };
  return decode(path, bytes, threshold, (b, chunkSize) => gunzipSync(b, { chunkSize }));
}

type Inflate = (bytes: Buffer, chunkSize: number) => Buffer | Promise<Buffer>;

/** A file's bytes (gzip recognised by its magic bytes) as checked objects, or "stream it" when too large. */
function decode(path: string, bytes: Buffer, threshold: number, inflate: Inflate): Prepared | Promise<Prepared> {
  const finish = (text: string): Prepared => {
    try {
      return { objects: objectsOf(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) };
    } catch (cause) {
      throw asStoreError(path, cause);
    }
  };
  if (!(bytes.length >= 18 && bytes[0] === 0x1f && bytes[1] === 0x8b)) return finish(bytes.toString('utf8'));
  // RFC 1952 §2.3.1: ISIZE, the last four bytes, is the uncompressed size modulo 2^32.
  let expanded = bytes.readUInt32LE(bytes.length - 4);
  if (expanded < bytes.length) expanded = Number.POSITIVE_INFINITY; // wrapped: over 4 GiB
  if (expanded > threshold) return { gzip: true };
  // Inflated into one buffer of the right size: measured faster than streaming the inflation
  // and joining decoded parts.
  const chunkSize = Math.min(Math.max(expanded + 1, 64 * 1024), 256 * 1024 * 1024);
  let inflated: Buffer | Promise<Buffer>;
  try {
    inflated = inflate(bytes, chunkSize);
  } catch (cause) {
    throw asStoreError(path, cause);
  }
  if (Buffer.isBuffer(inflated)) return finish(inflated.toString('utf8'));
  return inflated.then(
    (b) => finish(b.toString('utf8')),
    (cause: unknown) => {
      throw asStoreError(path, cause);
    },
  );
}

/** The bytes of a file, inflated when it is gzip-compressed, as a stream. */
function openBytes(path: string, gzip: boolean): Readable {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (!gzip) return raw;
  const inflated = createGunzip({ chunkSize: 1 << 20 });
  raw.on('error', (error) => inflated.destroy(error));
  return raw.pipe(inflated);
}

async function streamFile(add: AddObjects, path: string, gzip: boolean): Promise<AddResult> {
  const source = openBytes(path, gzip);
  let total = NONE;
  let batch: unknown[] = [];
  try {
    for await (const object of parseBundleStream(source)) {
      batch.push(object);
      if (batch.length === STREAM_BATCH) {
        total = sum(total, add(objectsOf(batch)));
        batch = [];
      }
    }
    if (batch.length > 0) total = sum(total, add(objectsOf(batch)));
  } catch (cause) {
    throw asStoreError(path, cause);
  } finally {
    source.destroy();
  }
  return total;
}

const isContentFile = (name: string): boolean => {
  const lower = name.toLowerCase();
  return lower.endsWith('.json') || lower.endsWith('.json.gz');
};

/** Yields to the event loop, so that a long directory load does not starve timers and I/O. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const YIELD_EVERY = 256;

/**
 * Every content file under `root`, sorted, skipping hidden entries (`.git`, `.DS_Store`).
 * Synchronous calls in slices: python-stix2's layout has a directory per object, and on the
 * thread pool each small call costs several times what it does inline (measured: 25k ATT&CK
 * objects, about 5 s with promises against about 1 s inline).
 */
async function listFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const queue = [root];
  for (let n = 0; queue.length > 0; n++) {
    if (n % YIELD_EVERY === YIELD_EVERY - 1) await breathe();
    const dir = queue.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (cause) {
      throw ioError(dir, cause);
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDir) queue.push(path);
      else if (isFile && isContentFile(entry.name)) files.push(path);
    }
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Loads every content file of a tree, in path order (so that which of two identical
 * (id, modified) versions wins is fixed). Small files are read inline, yielding to the event loop
 * every few hundred files; large ones are streamed.
 */
async function loadDirectory(add: AddObjects, root: string, threshold: number): Promise<AddResult> {
  const files = await listFiles(root);
  let total = NONE;
  for (let i = 0; i < files.length; i++) {
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await breathe();
    const prepared = await prepareFileSync(files[i], threshold);
    total = sum(total, 'objects' in prepared ? add(prepared.objects) : await streamFile(add, files[i], prepared.gzip));
  }
  return total;
}
