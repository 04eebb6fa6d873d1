// An in-memory RecordStore: versions and write conditions as the real ones keep them, each call
// answering a few ticks later, at random, so concurrent work interleaves as it would over files or
// the network.
// `connect()` (or `anotherProcess()`) gives another client of the same records, as a second instance of the bot would be:
// it shares the data but not updateRecord's in-process queue, so conflicts really happen.
import { VersionConflictError, type RecordStore, type StoredRecord, type WriteCondition } from '../../bot/core/ports/recordStore.js';
import { freezeJson } from '../../bot/core/json.js';

interface Kept {
  readonly text: string;
  readonly version: string;
}

/** One to four turns of the event loop, at random, so concurrent work interleaves differently each time. */
async function tick(): Promise<void> {
  for (let turns = 1 + Math.floor(Math.random() * 4); turns > 0; turns -= 1) await new Promise((resolve) => setImmediate(resolve));
}

export class MemoryRecords implements RecordStore {
  /** Every put and remove that changed something, across connections: partition, id, what, and the JSON a put wrote. */
  readonly writes: { partition: string; id: string; kind: 'put' | 'remove'; text?: string }[];
  /** Every get (with its id) and list (without), across connections. */
  readonly reads: { partition: string; id?: string }[];
  private readonly data: Map<string, Map<string, Kept>>;
  private readonly counter: { n: number };

  constructor(shared?: MemoryRecords) {
    this.data = shared?.data ?? new Map();
    this.writes = shared?.writes ?? [];
    this.reads = shared?.reads ?? [];
    this.counter = shared?.counter ?? { n: 0 };
  }

  /** Another client of the same records (another instance of the bot). */
  connect(): MemoryRecords {
    return new MemoryRecords(this);
  }

  /** The same, named for what it stands for in a test. */
  anotherProcess(): MemoryRecords {
    return this.connect();
  }

  /** The values of a partition now, by id. */
  values<T>(partition: string): Map<string, T> {
    return new Map([...(this.data.get(partition) ?? new Map<string, Kept>())].map(([id, kept]) => [id, JSON.parse(kept.text) as T]));
  }

  async get<T>(partition: string, id: string): Promise<StoredRecord<T> | undefined> {
    await tick();
    this.reads.push({ partition, id });
    const kept = this.data.get(partition)?.get(id);
    return kept && { value: JSON.parse(kept.text) as T, version: kept.version };
  }

  async view<T>(partition: string, id: string): Promise<StoredRecord<T> | undefined> {
    return freezeJson(await this.get<T>(partition, id));
  }

  async put<T>(partition: string, id: string, value: T, condition: WriteCondition = { always: true }): Promise<string> {
    await tick();
    this.check(partition, id, condition);
    const version = `v${(this.counter.n += 1)}`;
    let records = this.data.get(partition);
    if (!records) this.data.set(partition, (records = new Map()));
    const text = JSON.stringify(value);
    records.set(id, { text, version });
    this.writes.push({ partition, id, kind: 'put', text });
    return version;
  }

  async remove(partition: string, id: string, condition: WriteCondition = { always: true }): Promise<boolean> {
    await tick();
    const existed = this.check(partition, id, condition);
    if (existed) {
      this.data.get(partition)?.delete(id);
      this.writes.push({ partition, id, kind: 'remove' });
    }
    return existed;
  }

  async list<T>(partition: string): Promise<readonly (StoredRecord<T> & { readonly id: string })[]> {
    await tick();
    this.reads.push({ partition });
    return [...(this.data.get(partition) ?? new Map<string, Kept>())].map(([id, kept]) => ({ id, value: JSON.parse(kept.text) as T, version: kept.version }));
  }

  async ids(partition: string): Promise<readonly string[]> {
    await tick();
    this.reads.push({ partition });
    return [...(this.data.get(partition) ?? new Map<string, Kept>()).keys()];
  }

  /** The partitions that hold at least one record. */
  partitions(): string[] {
    return [...this.data].filter(([, records]) => records.size > 0).map(([name]) => name).sort();
  }

  /** Whether the record exists; throws VersionConflictError when the condition does not hold. */
  private check(partition: string, id: string, condition: WriteCondition): boolean {
    const current = this.data.get(partition)?.get(id);
    if ('always' in condition) return current !== undefined;
    const holds = 'absent' in condition ? current === undefined : current?.version === condition.version;
    if (!holds) throw new VersionConflictError(partition, id);
    return current !== undefined;
  }
}
