// The botbuilder Storages conversation state can live in, for tests that must hold on each: the
// record files of DATA_DIR, botbuilder's MemoryStorage and Azure Blob Storage (on Azurite).
import path from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { FileRecords } from '../../../bot/adapters/embedded/fileRecords.js';
import { openBlobStateStorage } from '../../../bot/channel/blobStateStorage.js';
import { RecordStorage } from '../../../bot/channel/recordStorage.js';
import { azurite, uniqueName } from '../../azurite.js';

/** Name and opener of each store; `dataDir` is read when the store is opened (a fresh folder per test). */
export function stateStores(dataDir: () => string): [string, () => Promise<Storage>][] {
  return [
    ['file store', () => Promise.resolve(new RecordStorage(new FileRecords(path.join(dataDir(), 'records'))))],
    ['MemoryStorage', () => Promise.resolve(new MemoryStorage())],
    ['Azure Blob Storage (Azurite)', async () => openBlobStateStorage({ connectionString: (await azurite()).connectionString, container: uniqueName('state-') })],
  ];
}
