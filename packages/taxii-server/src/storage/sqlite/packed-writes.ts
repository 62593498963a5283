/**
 * Writes and their results as they cross between ThreadedSqliteStorage and its writer thread:
 * every string of a call joined into one text, with the length of each in an Int32Array.
 *
 * postMessage clones its argument (the structured clone algorithm), property by property: 100
 * objects of five strings each took 70 µs to serialise on the event loop per POST (v8.serialize,
 * measured in the server), before the writer thread deserialised them; one flat string and one
 * typed array are a copy each. The texts need no escaping — the lengths delimit them — so any
 * string survives unchanged.
 */
import type { AddResult, IncomingObject, ObjectWrite, StatusDetail, StatusUpdate } from '../storage.js';

/** The length recorded for a field that is absent (an object's version, a detail's message). */
const ABSENT = -1;

export interface PackedStrings {
  readonly text: string;
  readonly lengths: Int32Array;
}

export interface PackedWrite {
  /** Five fields per object: id, type, version, specVersion, raw (identity stays behind: storage.ts identityOf). */
  readonly objects: PackedStrings;
  readonly status?: StatusUpdate;
}

/** Per result, how many added, duplicate and conflict details follow in `details`, in that order. */
export interface PackedResults {
  readonly counts: Int32Array;
  /** Three fields per detail: id, version, message. */
  readonly details: PackedStrings;
}

class StringPacker {
  readonly #parts: string[] = [];
  readonly #lengths: Int32Array;
  #n = 0;

  constructor(fields: number) {
    this.#lengths = new Int32Array(fields);
  }

  add(value: string | undefined): void {
    if (value === undefined) this.#lengths[this.#n++] = ABSENT;
    else {
      this.#parts.push(value);
      this.#lengths[this.#n++] = value.length;
    }
  }

  done(): PackedStrings {
    return { text: this.#parts.join(''), lengths: this.#lengths };
  }
}

class StringReader {
  readonly #packed: PackedStrings;
  #field = 0;
  #at = 0;

  constructor(packed: PackedStrings) {
    this.#packed = packed;
  }

  get remaining(): number {
    return this.#packed.lengths.length - this.#field;
  }

  next(): string | undefined {
    const length = this.#packed.lengths[this.#field++];
    if (length === undefined) throw new Error('packed strings: read past the last field');
    if (length === ABSENT) return undefined;
    const value = this.#packed.text.slice(this.#at, this.#at + length);
    this.#at += length;
    return value;
  }

  string(): string {
    const value = this.next();
    if (value === undefined) throw new Error('packed strings: a required field is absent');
    return value;
  }
}

export function packWrites(writes: readonly ObjectWrite[]): PackedWrite[] {
  return writes.map((w) => {
    const packer = new StringPacker(w.objects.length * 5);
    for (const o of w.objects) {
      packer.add(o.id);
      packer.add(o.type);
      packer.add(o.version);
      packer.add(o.specVersion);
      packer.add(o.raw);
    }
    return w.status === undefined ? { objects: packer.done() } : { objects: packer.done(), status: w.status };
  });
}

export function unpackWrites(packed: readonly PackedWrite[]): ObjectWrite[] {
  return packed.map((w) => {
    const reader = new StringReader(w.objects);
    const objects: IncomingObject[] = [];
    while (reader.remaining > 0)
      objects.push({
        id: reader.string(),
        type: reader.string(),
        version: reader.next(),
        specVersion: reader.string(),
        raw: reader.string(),
      });
    return w.status === undefined ? { objects } : { objects, status: w.status };
  });
}

export function packResults(results: readonly AddResult[]): PackedResults {
  const counts = new Int32Array(results.length * 3);
  let fields = 0;
  results.forEach((r, i) => {
    counts[i * 3] = r.added.length;
    counts[i * 3 + 1] = r.duplicates.length;
    counts[i * 3 + 2] = r.conflicts.length;
    fields += 3 * (r.added.length + r.duplicates.length + r.conflicts.length);
  });
  const packer = new StringPacker(fields);
  for (const r of results)
    for (const list of [r.added, r.duplicates, r.conflicts])
      for (const d of list) {
        packer.add(d.id);
        packer.add(d.version);
        packer.add(d.message);
      }
  return { counts, details: packer.done() };
}

export function unpackResults(packed: PackedResults): AddResult[] {
  const reader = new StringReader(packed.details);
  const list = (count: number): StatusDetail[] => {
    const details: StatusDetail[] = [];
    for (let k = 0; k < count; k++) {
      const id = reader.string();
      const version = reader.string();
      const message = reader.next();
      details.push(message === undefined ? { id, version } : { id, version, message });
    }
    return details;
  };
  const results: AddResult[] = [];
  for (let i = 0; i < packed.counts.length; i += 3) {
    const added = list(packed.counts[i] as number);
    const duplicates = list(packed.counts[i + 1] as number);
    const conflicts = list(packed.counts[i + 2] as number);
    results.push({ added, duplicates, conflicts });
  }
  return results;
}
