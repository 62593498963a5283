/**
 * The state of `taxiway sync`: per (source collection, destination collection), the date_added
 * of the last source object copied. One JSON file can hold many pairs; it is rewritten through a
 * temporary file and a rename, so a crash mid-write leaves the previous state, never half of one.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { UsageError } from '../exit-codes.js';

export interface PairState {
  readonly source: string;
  readonly destination: string;
  /** X-TAXII-Date-Added-Last of the last source page copied: the next run asks added_after it. */
  readonly lastDateAdded?: string;
  /** Objects copied by every run so far. */
  readonly copied: number;
  readonly updated: string;
}

interface StateFile {
  readonly version: 1;
  readonly pairs: Record<string, PairState>;
}

export const pairKey = (source: string, destination: string) => `${source} -> ${destination}`;

export class SyncState {
  readonly #path: string;
  #file: StateFile;

  private constructor(path: string, file: StateFile) {
    this.#path = path;
    this.#file = file;
  }

  static async load(path: string): Promise<SyncState> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new SyncState(path, { version: 1, pairs: {} });
      throw new UsageError(`cannot read the sync state ${path}: ${(error as Error).message}`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new UsageError(`the sync state ${path} is not JSON (remove it to start over)`);
    }
    const file = value as Partial<StateFile> | null;
    if (file?.version !== 1 || file.pairs === null || typeof file.pairs !== 'object')
      throw new UsageError(`the sync state ${path} is not a taxiway sync state (version 1)`);
    return new SyncState(path, file as StateFile);
  }

  get(source: string, destination: string): PairState | undefined {
    return this.#file.pairs[pairKey(source, destination)];
  }

  async set(pair: PairState): Promise<void> {
    this.#file = { version: 1, pairs: { ...this.#file.pairs, [pairKey(pair.source, pair.destination)]: pair } };
    const temporary = `${this.#path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(this.#file, null, 2)}\n`);
    await rename(temporary, this.#path);
  }
}
