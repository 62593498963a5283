/**
 * A directory in python-stix2's FileSystemStore layout, used like python-stix2's
 * `FileSystemStore(dir)`: `open` reads the whole tree into memory (fast, indexed queries), and
 * `add` / `delete` write through to the files as well.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StixVersion } from '@taxiway/stix';
import { StoreError } from './errors.js';
import type { FilterInput } from './filter.js';
import type { LoadOptions } from './io/load.js';
import { writeTree } from './io/save.js';
import {
  type AddResult,
  MemoryStore,
  type ObjectRef,
  objectsOf,
  type QueryOptions,
  type RelatedToOptions,
  type RelationshipOptions,
  type StoredObject,
  type StoreInput,
} from './memory-store.js';

export interface FileSystemStoreOptions extends LoadOptions {
  /** Create the directory when it does not exist (default true); when false, a missing directory is STORE_NOT_FOUND. */
  readonly create?: boolean;
  /** Write objects as this version (2.0: each inside a bundle). Default: detected per object. */
  readonly version?: StixVersion;
  /** Indented files, as python-stix2 writes them (default true). */
  readonly pretty?: boolean;
}

export class FileSystemStore {
  /** The objects of the tree, for everything read-only (queries, iteration). */
  readonly memory: MemoryStore;
  readonly root: string;
  readonly #options: FileSystemStoreOptions;

  private constructor(root: string, memory: MemoryStore, options: FileSystemStoreOptions) {
    this.root = root;
    this.memory = memory;
    this.#options = options;
  }

  static async open(root: string, options: FileSystemStoreOptions = {}): Promise<FileSystemStore> {
    let exists = true;
    try {
      if (!(await stat(root)).isDirectory()) throw new StoreError('STORE_IO', `${root} is not a directory`, { path: root });
    } catch (cause) {
      if (cause instanceof StoreError) throw cause;
      if ((cause as { code?: unknown }).code !== 'ENOENT')
        throw new StoreError('STORE_IO', `${root}: ${String(cause)}`, { path: root, cause });
      exists = false;
    }
    if (!exists) {
      if (options.create === false) throw new StoreError('STORE_NOT_FOUND', `the directory ${root} does not exist`, { path: root });
      try {
        await mkdir(root, { recursive: true });
      } catch (cause) {
        throw new StoreError('STORE_IO', `${root}: ${String(cause)}`, { path: root, cause });
      }
    }
    const memory = exists ? await MemoryStore.load(root, options) : new MemoryStore();
    return new FileSystemStore(root, memory, options);
  }

  /** Writes each object's file, then adds the objects to memory. */
  async add(input: StoreInput): Promise<AddResult> {
    const objects = objectsOf(input);
    await writeTree(this.root, objects, { version: this.#options.version, pretty: this.#options.pretty ?? true });
    return this.memory.add(objects);
  }

  /** Removes every version of an object, from disk and memory; false when it was not there. */
  async delete(id: string): Promise<boolean> {
    const object = this.memory.get(id);
    if (object === undefined) return false;
    const dir = join(this.root, object.type);
    try {
      await rm(join(dir, id), { recursive: true, force: true });
      await rm(join(dir, `${id}.json`), { force: true });
    } catch (cause) {
      throw new StoreError('STORE_IO', `${dir}: ${String(cause)}`, { path: dir, cause });
    }
    return this.memory.delete(id);
  }

  get size(): number {
    return this.memory.size;
  }
  has(id: string): boolean {
    return this.memory.has(id);
  }
  get(id: string): StoredObject | undefined {
    return this.memory.get(id);
  }
  allVersions(id: string): readonly StoredObject[] {
    return this.memory.allVersions(id);
  }
  query(filters?: readonly FilterInput[] | FilterInput, options?: QueryOptions): StoredObject[] {
    return this.memory.query(filters, options);
  }
  relationships(object: ObjectRef, options?: RelationshipOptions): StoredObject[] {
    return this.memory.relationships(object, options);
  }
  relatedTo(object: ObjectRef, options?: RelatedToOptions): StoredObject[] {
    return this.memory.relatedTo(object, options);
  }
  creatorOf(object: ObjectRef): StoredObject | undefined {
    return this.memory.creatorOf(object);
  }
  [Symbol.iterator](): IterableIterator<StoredObject> {
    return this.memory.values();
  }
}
