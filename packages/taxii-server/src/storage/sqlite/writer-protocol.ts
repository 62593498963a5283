/** The messages between ThreadedSqliteStorage and its writer thread (sqlite-writer-worker.ts). */
import type { Storage } from '../storage.js';
import type { PackedWrite } from './packed-writes.js';

/**
 * The Storage methods that write: they run on the writer thread, every other one on the caller's.
 * addObjects and writeObjects cross as 'writePacked' (packed-writes.ts).
 */
export const writeMethods = [
  'upsertCollection',
  'deleteCollection',
  'deleteObject',
  'createStatus',
  'expireStatuses',
  'settleAbandonedStatuses',
] as const satisfies readonly (keyof Storage)[];

export type WriteMethod = (typeof writeMethods)[number];

export type WriterRequest =
  | { readonly seq: number; readonly method: 'open' | 'close' }
  /** writeObjects with its writes packed (packed-writes.ts); the value answered is PackedResults. */
  | { readonly seq: number; readonly method: 'writePacked'; readonly collectionId: string; readonly writes: readonly PackedWrite[] }
  | { readonly seq: number; readonly method: WriteMethod; readonly args: readonly unknown[] };

export type WriterResponse =
  | { readonly seq: number; readonly ok: true; readonly value: unknown }
  | {
      readonly seq: number;
      readonly ok: false;
      readonly error: { readonly name: string; readonly message: string; readonly code?: string };
    };
