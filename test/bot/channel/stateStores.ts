// The botbuilder Storages conversation state can live in, for tests that must hold on each: the
// record files of DATA_DIR, botbuilder's MemoryStorage and Azure Blob Storage (on Azurite).
import { MemoryStorage, type Storage } from 'botbuilder';
import { openBlobStateStorage } from '../../../bot/channel/blobStateStorage.js';
import { RecordStorage } from '../../../bot/channel/recordStorage.js';
import { azurite, uniqueName } from '../../azurite.js';
import type { TempDir } from '../../helpers.js';

/** Name and opener of each store; `data` is read when the store is opened (a fresh folder per test, whose `remove` closes the file store). */
export function stateStores(data: () => TempDir): [string, () => Promise<Storage>][] {
  return [
    ['file store', () => Promise.resolve(new RecordStorage(data().records()))],
    ['MemoryStorage', () => Promise.resolve(new MemoryStorage())],
    ['Azure Blob Storage (Azurite)', async () => openBlobStateStorage({ connectionString: (await azurite()).connectionString, container: uniqueName('state-') })],
  ];
}
