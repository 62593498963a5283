/**
 * Group commit: the writes to one collection that arrive while another is being stored go to the
 * storage together, in one transaction (Storage.writeObjects). A commit costs about the same for
 * one POST or for ten — its fixed part is the lock, the round trips, the fsync (PostgreSQL) and
 * the pages of the indexes written once per transaction (SQLite's WAL) — so several clients
 * posting at once share it instead of queueing behind each other's commits.
 *
 * A write waits at most for the one in progress: when it ends, everything queued meanwhile (up to
 * GROUP_MAX_OBJECTS) is the next group. A lone write is stored after one turn of the event loop.
 * A group that fails is retried write by write, so that one write's error is only its own.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AddResult, ObjectWrite, Storage } from './storage/storage.js';

/** Objects per group: bounds a transaction (and the event loop's time in SQLite's) like a 1,000-object POST. */
export const GROUP_MAX_OBJECTS = 2000;

interface Queued {
  readonly write: ObjectWrite;
  readonly resolve: (result: AddResult) => void;
  readonly reject: (error: unknown) => void;
}

interface CollectionQueue {
  readonly waiting: Queued[];
  draining: boolean;
}

export class GroupCommit {
  readonly #storage: Storage;
  readonly #maxObjects: number;
  readonly #queues = new Map<string, CollectionQueue>();
  #queuedObjects = 0;

  constructor(storage: Storage, maxObjects = GROUP_MAX_OBJECTS) {
    this.#storage = storage;
    this.#maxObjects = maxObjects;
  }

  /** Objects handed to write() and not yet stored or failed: what an asynchronous POST may add to. */
  get queuedObjects(): number {
    return this.#queuedObjects;
  }

  /** Stores one write (all or nothing), possibly in the same transaction as others. */
  write(collectionId: string, write: ObjectWrite): Promise<AddResult> {
    const size = write.objects.length;
    this.#queuedObjects += size;
    const settled = () => {
      this.#queuedObjects -= size;
    };
    return new Promise<AddResult>((resolve, reject) => {
      let queue = this.#queues.get(collectionId);
      if (queue === undefined) {
        queue = { waiting: [], draining: false };
        this.#queues.set(collectionId, queue);
      }
      queue.waiting.push({
        write,
        resolve: (result) => {
          settled();
          resolve(result);
        },
        reject: (error) => {
          settled();
          reject(error);
        },
      });
      if (!queue.draining) {
        queue.draining = true;
        void this.#drain(collectionId, queue);
      }
    });
  }

  async #drain(collectionId: string, queue: CollectionQueue): Promise<void> {
    // #store settles every write it takes and never throws, so this loop ends only with the
    // queue empty, and nothing can be added between its last check and the lines after it.
    while (queue.waiting.length > 0) {
      // One turn of the event loop first: the requests whose bodies arrived meanwhile (with
      // SQLite, while the previous group held the thread) join this group.
      await nextTurn();
      await this.#store(collectionId, this.#take(queue));
    }
    queue.draining = false;
    this.#queues.delete(collectionId);
  }

  #take(queue: CollectionQueue): Queued[] {
    let objects = 0;
    let n = 0;
    while (n < queue.waiting.length) {
      const size = (queue.waiting[n] as Queued).write.objects.length;
      if (n > 0 && objects + size > this.#maxObjects) break;
      objects += size;
      n++;
    }
    return queue.waiting.splice(0, n);
  }

  async #store(collectionId: string, group: readonly Queued[]): Promise<void> {
    try {
      const results = await this.#storage.writeObjects(
        collectionId,
        group.map((q) => q.write),
      );
      for (const [i, q] of group.entries()) q.resolve(results[i] as AddResult);
      return;
    } catch (error) {
      if (group.length === 1) {
        (group[0] as Queued).reject(error);
        return;
      }
    }
    for (const q of group) {
      try {
        const [result] = await this.#storage.writeObjects(collectionId, [q.write]);
        q.resolve(result as AddResult);
      } catch (error) {
        q.reject(error);
      }
    }
  }
}
