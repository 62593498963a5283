/**
 * The rows of a collection's objects by idHash(id) (id-hash.ts), in memory: a row is a number —
 * SQLite's rowid, PostgreSQL's dateAdded (unique per collection and never reused).
 *
 * SQLite: what the objects id index held until migration 6. STIX ids end in random UUIDs, so
 * every new object lands on a random leaf of any index keyed by its id, and every commit rewrote
 * one leaf page per new object — two-thirds of the WAL frames of a 100-object write (93 of 139),
 * and most of the writer's time (a raw 100-row transaction at 100,000 rows: 2.0 ms with that
 * index, 1.2 ms without; SqliteStorage's 100-object write at 100,000–300,000 objects: 0.84–1.25
 * ms instead of 1.8–2.7). Here an insert is a slot in a typed array.
 * PostgreSQL keeps its index (reads use it) and uses the table so that a write of new ids looks
 * none of them up (postgres-storage.ts, CollectionIdRows).
 *
 * An open-addressing table of (hash, row) pairs: 16 bytes a slot, at most 3/4 full, so about
 * 21–43 bytes per stored object. One id has one pair per stored version; lookups return every
 * row stored under a hash, and the caller's SQL compares the id itself (a hash may collide, and a
 * pair may be stale: removed rows are only forgotten by the connection or process that removed
 * them).
 */
const EMPTY = 0;
/** A removed pair: lookups probe past it, inserts reuse it. */
const REMOVED = -1;
const MIN_CAPACITY = 1024;

export class IdRows {
  /** hash + 1 (0 = empty, -1 = removed); hashes are 48-bit integers, exact in a double. */
  #keys: Float64Array;
  #rowids: Float64Array;
  #used = 0;
  /** Slots holding a pair or REMOVED: what makes probes long. */
  #occupied = 0;

  constructor(capacity = MIN_CAPACITY) {
    let size = MIN_CAPACITY;
    while (size * 0.75 < capacity) size *= 2;
    this.#keys = new Float64Array(size);
    this.#rowids = new Float64Array(size);
  }

  /** Pairs held. */
  get size(): number {
    return this.#used;
  }

  add(hash: number, rowid: number): void {
    const capacity = this.#keys.length;
    // Full: twice the size, or the same size without the removed pairs if they are most of it.
    if ((this.#occupied + 1) * 4 > capacity * 3) this.#resize(this.#used * 8 >= capacity * 3 ? capacity * 2 : capacity);
    const keys = this.#keys;
    const mask = keys.length - 1;
    const key = hash + 1;
    for (let i = slotOf(hash, mask); ; i = (i + 1) & mask) {
      const k = keys[i] as number;
      if (k === EMPTY || k === REMOVED) {
        if (k === EMPTY) this.#occupied++;
        keys[i] = key;
        (this.#rowids as Float64Array)[i] = rowid;
        this.#used++;
        return;
      }
      if (k === key && this.#rowids[i] === rowid) return;
    }
  }

  /** Every rowid held under `hash`, appended to `into`. */
  rowidsOf(hash: number, into: number[] = []): number[] {
    const keys = this.#keys;
    const mask = keys.length - 1;
    const key = hash + 1;
    for (let i = slotOf(hash, mask); ; i = (i + 1) & mask) {
      const k = keys[i] as number;
      if (k === EMPTY) return into;
      if (k === key) into.push(this.#rowids[i] as number);
    }
  }

  remove(hash: number, rowid: number): void {
    const keys = this.#keys;
    const mask = keys.length - 1;
    const key = hash + 1;
    for (let i = slotOf(hash, mask); ; i = (i + 1) & mask) {
      const k = keys[i] as number;
      if (k === EMPTY) return;
      if (k === key && this.#rowids[i] === rowid) {
        keys[i] = REMOVED;
        this.#used--;
        return;
      }
    }
  }

  #resize(size: number): void {
    const keys = this.#keys;
    const rowids = this.#rowids;
    this.#keys = new Float64Array(size);
    this.#rowids = new Float64Array(size);
    this.#used = 0;
    this.#occupied = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as number;
      if (k !== EMPTY && k !== REMOVED) this.add(k - 1, rowids[i] as number);
    }
  }
}

/** The low bits of the hash (SHA-256's, so evenly spread already). */
function slotOf(hash: number, mask: number): number {
  return hash & mask;
}
