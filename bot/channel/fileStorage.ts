// A botbuilder Storage kept in one JSON file in DATA_DIR, with the eTag concurrency the interface
// expects: a write whose eTag is stale fails, "*" or no eTag overwrites. Writes that arrive while
// the file is being written are grouped into the next write; each write() resolves once its change
// is on disk, so a restart resumes every conversation where it stood.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { StateConflictError } from './checkedStorage.js';

interface Entry {
  eTag: string;
  value: Record<string, unknown>;
}


export class FileStorage implements Storage {
  private readonly items = new Map<string, Entry>();
  private counter = 0;
  private writing: Promise<void> = Promise.resolve();
  private pending: Promise<void> | undefined;

  constructor(private readonly file: string) {
    if (existsSync(file)) {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { counter?: number; items?: Record<string, Entry> };
      for (const [key, entry] of Object.entries(parsed.items ?? {})) this.items.set(key, entry);
      this.counter = parsed.counter ?? this.items.size;
    }
  }

  static inDataDir(dataDir: string): FileStorage {
    return new FileStorage(path.join(dataDir, 'state.json'));
  }

  read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const entry = this.items.get(key);
      // A deep copy, so a turn changing its state object does not change the stored one.
      if (entry) found[key] = { ...structuredClone(entry.value), eTag: entry.eTag };
    }
    return Promise.resolve(found);
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      const eTag = (change as { eTag?: string }).eTag;
      const current = this.items.get(key);
      if (current && eTag !== undefined && eTag !== '*' && eTag !== current.eTag) throw new StateConflictError(key);
    }
    for (const [key, change] of Object.entries(changes)) {
      const { eTag: _ignored, ...value } = change as { eTag?: string } & Record<string, unknown>;
      this.items.set(key, { eTag: String(++this.counter), value: structuredClone(value) });
    }
    await this.flush();
  }

  async delete(keys: string[]): Promise<void> {
    let changed = false;
    for (const key of keys) changed = this.items.delete(key) || changed;
    if (changed) await this.flush();
  }

  /** Resolves once everything changed so far is on disk. */
  flush(): Promise<void> {
    this.pending ??= this.writing.catch(() => undefined).then(async () => {
      this.pending = undefined;
      await this.writeFile();
    });
    this.writing = this.pending;
    return this.pending;
  }

  private async writeFile(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ counter: this.counter, items: Object.fromEntries(this.items) }));
    await rename(temp, this.file);
  }
}
