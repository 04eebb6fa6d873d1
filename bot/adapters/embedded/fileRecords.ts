// The embedded record store: one small JSON file a record, in a folder a partition, under
// DATA_DIR. Why files and not one database file: a turn touches a handful of records, and each
// write then costs the size of that record, not of everything stored; nothing to install, and a
// record is readable with any editor. Writes are atomic (a temp file with a name unique to this
// process and write, fsync, rename), serialized per record within the process (across instances of
// this class too), and checked against the version they expect; one process owns a DATA_DIR
// (several processes share Azure Storage instead).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { KeyedQueue } from '../../core/keyedQueue.js';
import { VersionConflictError, type RecordStore, type StoredRecord, type WriteCondition } from '../../core/ports/recordStore.js';

interface RecordFile<T> {
  readonly id: string;
  readonly version: string;
  readonly value: T;
}

/** A file name for any id: readable ids as they are, others (and long ones) by hash. */
function fileName(id: string): string {
  return /^[\w.@+-]{1,120}$/.test(id) && !id.startsWith('.') ? `${id}.json` : `~${createHash('sha256').update(id).digest('hex')}.json`;
}

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

export class FileRecords implements RecordStore {
  /** One queue for the process: two instances over one folder check and write a record in turn. */
  private static readonly queue = new KeyedQueue();
  private readonly madeDirs = new Set<string>();
  private counter = 0;

  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private dir(partition: string): string {
    return path.join(this.root, fileName(partition).replace(/\.json$/, ''));
  }

  private file(partition: string, id: string): string {
    return path.join(this.dir(partition), fileName(id));
  }

  async get<T>(partition: string, id: string): Promise<StoredRecord<T> | undefined> {
    const record = await this.readFile<T>(this.file(partition, id));
    return record && { value: record.value, version: record.version };
  }

  put<T>(partition: string, id: string, value: T, condition: WriteCondition = { always: true }): Promise<string> {
    const file = this.file(partition, id);
    return FileRecords.queue.run(file, async () => {
      await this.check(partition, id, file, condition);
      const version = `${Date.now().toString(36)}.${(this.counter += 1).toString(36)}.${randomBytes(4).toString('hex')}`;
      await this.writeAtomically(file, JSON.stringify({ id, version, value } satisfies RecordFile<T>));
      return version;
    });
  }

  remove(partition: string, id: string, condition: WriteCondition = { always: true }): Promise<boolean> {
    const file = this.file(partition, id);
    return FileRecords.queue.run(file, async () => {
      const existed = await this.check(partition, id, file, condition);
      if (existed) await rm(file, { force: true });
      return existed;
    });
  }

  async list<T>(partition: string): Promise<readonly (StoredRecord<T> & { readonly id: string })[]> {
    let names: string[];
    try {
      names = await readdir(this.dir(partition));
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const records = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => this.readFile<T>(path.join(this.dir(partition), n))));
    return records.filter((r): r is RecordFile<T> => r !== undefined);
  }

  /** Whether the record exists; throws VersionConflictError when the condition does not hold. */
  private async check(partition: string, id: string, file: string, condition: WriteCondition): Promise<boolean> {
    if ('always' in condition) return (await this.readFile(file)) !== undefined;
    const current = await this.readFile(file);
    const holds = 'absent' in condition ? current === undefined : current?.version === condition.version;
    if (!holds) throw new VersionConflictError(partition, id);
    return current !== undefined;
  }

  private async readFile<T>(file: string): Promise<RecordFile<T> | undefined> {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as RecordFile<T>;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  private async writeAtomically(file: string, content: string): Promise<void> {
    const dir = path.dirname(file);
    if (!this.madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  }
}
