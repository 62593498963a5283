/**
 * Writing a store to disk, as one bundle file or as python-stix2's FileSystemStore tree:
 * `<root>/<type>/<id>/<modified as digits>.json` per version of a versioned object and
 * `<root>/<type>/<id>.json` for a versionless one (SCOs, marking definitions). In the tree, a
 * STIX 2.1 object is written bare and a STIX 2.0 object inside a one-object bundle, since 2.0
 * objects carry no spec_version and a bundle is where 2.0 says the version (2.0 Part 1 §8) —
 * this is also what python-stix2 wrote for 2.0. Both forms load back.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { detectVersion, type StixVersion } from '@taxiway/stix';
import { StoreError } from '../errors.js';
import type { MemoryStore, StoredObject } from '../memory-store.js';
import { versionKey } from '../memory-store.js';

export interface SaveOptions {
  /** Default: `bundle` when the path ends in `.json` or `.json.gz`, else `filesystem`. */
  readonly layout?: 'bundle' | 'filesystem';
  /**
   * The STIX version to write as: a 2.0 bundle carries `spec_version: "2.0"`; in the filesystem
   * layout 2.0 objects are wrapped in bundles. Default: detected (per object in the tree).
   */
  readonly version?: StixVersion;
  /** Every version (default) or only the latest of each object. */
  readonly versions?: 'latest' | 'all';
  /** Indented JSON. Default: true in the filesystem layout (as python-stix2 writes), false for a bundle. */
  readonly pretty?: boolean;
  /** Bundle layout: gzip the file. Default: when the path ends in `.gz`. */
  readonly gzip?: boolean;
}

// Names become path segments: nothing that could climb out of the root.
const SAFE_TYPE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*--[A-Za-z0-9-]+$/;

function ioError(path: string, cause: unknown): StoreError {
  return new StoreError('STORE_IO', `${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { path, cause });
}

const defaultLayout = (path: string): 'bundle' | 'filesystem' => (/\.json(\.gz)?$/i.test(path) ? 'bundle' : 'filesystem');

export async function saveStore(store: MemoryStore, path: string, options: SaveOptions = {}): Promise<void> {
  const layout = options.layout ?? defaultLayout(path);
  if (layout === 'bundle') await saveBundle(store, path, options);
  else if (layout === 'filesystem') await saveTree(store, path, options);
  else throw new StoreError('STORE_INVALID_ARGUMENT', `unknown layout ${JSON.stringify(layout)} (expected bundle or filesystem)`);
}

function serialise(object: unknown, pretty: boolean, indent: string): string {
  if (!pretty) return JSON.stringify(object);
  return JSON.stringify(object, null, 2).replace(/\n/g, `\n${indent}`);
}

async function saveBundle(store: MemoryStore, path: string, options: SaveOptions): Promise<void> {
  const objects = [...store.values({ versions: options.versions ?? 'all' })];
  const version = options.version ?? detectVersion(objects).version;
  const pretty = options.pretty ?? false;
  const gzip = options.gzip ?? /\.gz$/i.test(path);
  const head: Record<string, unknown> = { type: 'bundle', id: `bundle--${randomUUID()}` };
  // 2.0 Part 1 §8: a 2.0 bundle carries spec_version; 2.1 §8 removed it from bundles.
  if (version === '2.0') head.spec_version = '2.0';
  const nl = pretty ? '\n' : '';
  const pad = pretty ? '    ' : '';
  function* chunks(): Generator<string> {
    const start = JSON.stringify(head);
    yield `${pretty ? serialise(head, true, '').slice(0, -2) : start.slice(0, -1)},${nl}${pretty ? '  ' : ''}"objects":${pretty ? ' ' : ''}[${nl}`;
    let buffer = '';
    for (let i = 0; i < objects.length; i++) {
      buffer += `${i > 0 ? `,${nl}` : ''}${pad}${serialise(objects[i], pretty, pad)}`;
      if (buffer.length > 1 << 16) {
        yield buffer;
        buffer = '';
      }
    }
    yield `${buffer}${nl}${pretty ? '  ' : ''}]${nl}}${nl}`;
  }
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (cause) {
    throw ioError(path, cause);
  }
  // Write beside the target, then rename: a failed save leaves any earlier file intact.
  const temporary = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    const source = Readable.from(chunks());
    if (gzip) await pipeline(source, createGzip(), createWriteStream(temporary));
    else await pipeline(source, createWriteStream(temporary));
    await rename(temporary, path);
  } catch (cause) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw ioError(path, cause);
  }
}

/** Where one object goes in the tree, relative to the root, and what the file holds. */
export function treeEntry(object: StoredObject, version: StixVersion | undefined, pretty: boolean): { path: string; text: string } {
  if (!SAFE_TYPE.test(object.type) || !SAFE_ID.test(object.id))
    throw new StoreError(
      'STORE_INVALID_CONTENT',
      `${object.type} ${JSON.stringify(object.id)}: type and id must be plain names to become file names`,
    );
  const key = versionKey(object);
  const path = key === undefined ? join(object.type, `${object.id}.json`) : join(object.type, object.id, `${key.replace(/\D/g, '')}.json`);
  const v = version ?? detectVersion(object).version;
  const content = v === '2.0' ? { type: 'bundle', id: `bundle--${randomUUID()}`, spec_version: '2.0', objects: [object] } : object;
  return { path, text: `${pretty ? JSON.stringify(content, null, 4) : JSON.stringify(content)}\n` };
}

/**
 * Writes objects into a tree, 16 files at a time; existing files of the same versions are
 * overwritten, others left alone. (Unlike reading, where inline calls win, creating thousands of
 * directories and files is bound by the file system's latency, which overlapping hides.)
 */
export async function writeTree(
  root: string,
  objects: Iterable<StoredObject>,
  options: { version?: StixVersion; pretty?: boolean },
): Promise<void> {
  const pretty = options.pretty ?? true;
  const entries = [...objects].map((o) => treeEntry(o, options.version, pretty));
  const made = new Map<string, Promise<unknown>>();
  const ensureDir = (dir: string): Promise<unknown> => {
    let p = made.get(dir);
    if (p === undefined) {
      p = mkdir(dir, { recursive: true });
      made.set(dir, p);
    }
    return p;
  };
  try {
    await mkdir(root, { recursive: true });
  } catch (cause) {
    throw ioError(root, cause);
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const { path, text } = entries[next++];
      const full = join(root, path);
      try {
        await ensureDir(dirname(full));
        await writeFile(full, text);
      } catch (cause) {
        throw ioError(full, cause);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, entries.length) }, worker));
}

async function saveTree(store: MemoryStore, root: string, options: SaveOptions): Promise<void> {
  await writeTree(root, store.values({ versions: options.versions ?? 'all' }), options);
}
