// The record stores the stores built on records are tested over: the embedded files in a temp
// folder, and the in-memory fake of the port. `another` is what a second instance of the bot would
// use: the same FileRecords (one process owns a DATA_DIR), or a second client of the fake, which
// shares its records but not the in-process queue of updateRecord, so conflicts really happen.
import type { RecordStore } from '../../../../bot/core/ports/recordStore.js';
import { MemoryRecords } from '../../../fakes/memoryRecords.js';
import { tempDir } from '../../../helpers.js';

export interface OpenedRecords {
  readonly store: RecordStore;
  /** The record store of another instance of the bot over the same records. */
  another(): RecordStore;
  close(): Promise<void>;
}

export const recordStores: readonly { readonly name: string; readonly open: () => Promise<OpenedRecords> }[] = [
  {
    name: 'over files',
    open: async () => {
      const data = await tempDir();
      const store = data.records(data.dir);
      return { store, another: () => store, close: data.remove };
    },
  },
  {
    name: 'over the in-memory fake',
    open: () => {
      const store = new MemoryRecords();
      return Promise.resolve({ store, another: () => store.connect(), close: () => Promise.resolve() });
    },
  },
];
