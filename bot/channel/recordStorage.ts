// Conversation and user state (a botbuilder Storage) kept as records of a RecordStore, one record
// a key, so a turn reads and writes only its own conversation's and user's state. The eTag is the
// record's version: a write with a stale eTag fails with a StateConflictError; "*" or no eTag
// overwrites, as the Storage interface expects.
import { existsSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import type { Storage, StoreItems } from 'botbuilder';
import { VersionConflictError, type RecordStore, type WriteCondition } from '../core/ports/recordStore.js';
import { StateConflictError } from './checkedStorage.js';
import { readText, writeText, type WithStateText } from './textTrackedState.js';

/** The partition of the record store that holds conversation and user state. */
export const statePartition = 'state';

export class RecordStorage implements Storage {
  constructor(private readonly records: RecordStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    await Promise.all(keys.map(async (key) => {
      const record = await this.records.get<Record<string, unknown>>(statePartition, key, { withText: true });
      if (!record) return;
      const item: WithStateText = { ...record.value, eTag: record.version };
      if (record.text !== undefined) item[readText] = record.text;
      found[key] = item;
    }));
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.entries(changes).map(async ([key, change]) => {
      const { eTag, [writeText]: text, [readText]: _read, ...value } = change as WithStateText;
      const condition: WriteCondition = eTag === undefined || eTag === '*' ? { always: true } : { version: eTag };
      try {
        await this.records.put(statePartition, key, value, condition, text);
      } catch (error) {
        throw error instanceof VersionConflictError ? new StateConflictError(key) : error;
      }
    }));
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.records.remove(statePartition, key)));
  }

  /** Takes over the items of the single state file earlier versions kept (DATA_DIR/state.json), once. */
  async importLegacyFile(file: string): Promise<number> {
    if (!existsSync(file)) return 0;
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { items?: Record<string, { value?: Record<string, unknown> }> };
    const items = Object.entries(parsed.items ?? {});
    for (const [key, entry] of items) {
      try {
        await this.records.put(statePartition, key, entry.value ?? {}, { absent: true });
      } catch (error) {
        // Already taken over (a crash half way, then a restart); anything else stops the take-over.
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    await rename(file, `${file}.imported`);
    return items.length;
  }
}
