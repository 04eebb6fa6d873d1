// An in-memory RecordStore with versions and conditional writes, as the real stores behave: values
// are kept as JSON text (a caller never holds the stored object), every operation yields to the
// event loop once (so parallel work interleaves), and check-and-write is one step. `anotherProcess()`
// gives a second handle over the same records, as another instance of the bot would have: updates
// through it are not queued with this one's, so they meet only through versions.
import { VersionConflictError, type RecordStore, type StoredRecord, type WriteCondition } from '../../bot/core/ports/recordStore.js';

interface Kept {
  readonly text: string;
  readonly version: string;
}

/** The records themselves, shared by every handle. */
class Shelf {
  readonly partitions = new Map<string, Map<string, Kept>>();
  readonly writes: { readonly partition: string; readonly id: string; readonly text: string }[] = [];
  versions = 0;

  partition(name: string): Map<string, Kept> {
    let found = this.partitions.get(name);
    if (!found) this.partitions.set(name, (found = new Map()));
    return found;
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class MemoryRecords implements RecordStore {
  constructor(private readonly shelf: Shelf = new Shelf()) {}

  /** A handle over the same records that does not share this one's in-process queue. */
  anotherProcess(): MemoryRecords {
    return new MemoryRecords(this.shelf);
  }

  /** Every write (put) ever made, oldest first, with the value as the JSON text stored. */
  get writes(): readonly { readonly partition: string; readonly id: string; readonly text: string }[] {
    return this.shelf.writes;
  }

  /** The values of a partition now, by id. */
  values<T>(partition: string): Map<string, T> {
    return new Map([...this.shelf.partition(partition)].map(([id, kept]) => [id, JSON.parse(kept.text) as T]));
  }

  async get<T>(partition: string, id: string): Promise<StoredRecord<T> | undefined> {
    await turn();
    const kept = this.shelf.partition(partition).get(id);
    return kept && { value: JSON.parse(kept.text) as T, version: kept.version };
  }

  async put<T>(partition: string, id: string, value: T, condition: WriteCondition = { always: true }): Promise<string> {
    await turn();
    this.check(partition, id, condition);
    const text = JSON.stringify(value);
    const version = `v${(this.shelf.versions += 1)}`;
    this.shelf.partition(partition).set(id, { text, version });
    this.shelf.writes.push({ partition, id, text });
    return version;
  }

  async remove(partition: string, id: string, condition: WriteCondition = { always: true }): Promise<boolean> {
    await turn();
    const existed = this.check(partition, id, condition);
    this.shelf.partition(partition).delete(id);
    return existed;
  }

  async list<T>(partition: string): Promise<readonly (StoredRecord<T> & { readonly id: string })[]> {
    await turn();
    return [...this.shelf.partition(partition)].map(([id, kept]) => ({ id, value: JSON.parse(kept.text) as T, version: kept.version }));
  }

  /** Whether the record exists; throws VersionConflictError when the condition does not hold. */
  private check(partition: string, id: string, condition: WriteCondition): boolean {
    const current = this.shelf.partition(partition).get(id);
    const holds = 'always' in condition || ('absent' in condition ? current === undefined : current?.version === condition.version);
    if (!holds) throw new VersionConflictError(partition, id);
    return current !== undefined;
  }
}
