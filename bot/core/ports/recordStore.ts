// Records kept by partition and id, each with a version: what the embedded stores and Azure Table
// Storage both offer, and what every store of the assistant is built on. A turn reads and writes
// only the records it needs; a conditional write fails, instead of overwriting, when the record
// changed since it was read (optimistic concurrency).
import { KeyedQueue } from '../keyedQueue.js';

export interface StoredRecord<T> {
  readonly value: T;
  /** Opaque; changes with every write (an ETag). */
  readonly version: string;
  /**
   * The value as JSON text (JSON.stringify(value)): given by a read that asks for it (`withText`)
   * when the store has it at hand without making it, for a caller that would make it anyway (the
   * state's change check).
   */
  readonly text?: string;
}

export interface ReadOptions {
  /** The value's JSON text too, when the store has it at hand (StoredRecord.text). */
  readonly withText?: boolean;
}

/** When a write may happen: always, only while the record is absent, or only at this version. */
export type WriteCondition = { readonly always: true } | { readonly absent: true } | { readonly version: string };

export const always: WriteCondition = { always: true };

/** A conditional write found the record changed (or present, or gone) since it was read. */
export class VersionConflictError extends Error {
  constructor(partition: string, id: string) {
    super(`The record ${partition}/${id} changed since it was read.`);
    this.name = 'VersionConflictError';
  }
}

export interface RecordStore {
  /** The record as the caller's own copy, to change as it likes. */
  get<T>(partition: string, id: string, options?: ReadOptions): Promise<StoredRecord<T> | undefined>;
  /**
   * The record to read and not to change: its value is frozen (a change throws), and the store may
   * hand the same value to every reader instead of a copy each. For lookups that only read.
   */
  view<T>(partition: string, id: string): Promise<StoredRecord<T> | undefined>;
  /**
   * Writes the record if the condition holds (else VersionConflictError); returns its new version.
   * `text`, when the caller made it already, is JSON.stringify(value): a store that keeps JSON text
   * may write it as it is (what the record holds is then the value as it was when put was called).
   */
  put<T>(partition: string, id: string, value: T, condition?: WriteCondition, text?: string): Promise<string>;
  /** Removes the record if the condition holds; true when there was one to remove. */
  remove(partition: string, id: string, condition?: WriteCondition): Promise<boolean>;
  /** Every record of a partition, in no particular order. */
  list<T>(partition: string): Promise<readonly (StoredRecord<T> & { readonly id: string })[]>;
  /** The ids of a partition's records, in no particular order: a listing that reads no values. */
  ids(partition: string): Promise<readonly string[]>;
}

/** Updates of one record from this process wait for each other; only other processes can conflict. */
const queues = new WeakMap<RecordStore, KeyedQueue>();

/**
 * Reads, changes and writes one record with its version, again on a conflict: `change` gets the
 * current value (undefined when absent) and returns the new one, or undefined to leave it as it is.
 */
export function updateRecord<T>(
  store: RecordStore, partition: string, id: string, change: (current: T | undefined) => T | undefined, attempts = 25,
): Promise<T | undefined> {
  let queue = queues.get(store);
  if (!queue) queues.set(store, (queue = new KeyedQueue()));
  return queue.run(`${partition}\u0000${id}`, () => compareAndSet(store, partition, id, change, attempts));
}

async function compareAndSet<T>(
  store: RecordStore, partition: string, id: string, change: (current: T | undefined) => T | undefined, attempts: number,
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await store.get<T>(partition, id);
    const next = change(current?.value);
    if (next === undefined) return current?.value;
    try {
      await store.put(partition, id, next, current ? { version: current.version } : { absent: true });
      return next;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= attempts) throw error;
      // Another process won, and may have more changes of this record queued behind it: wait a
      // little, longer each time (at most 50 ms), then read again. 25 attempts give about half a
      // second of steady contention before giving up.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 5 * attempt)));
    }
  }
}
