// Where TeamsSSOTokenExchangeMiddleware notes the token exchanges it handled, so that the copies of
// one exchange (a user signed in to several Teams clients sends one each, with the same id) are
// handled once, on whichever instance. The middleware writes `{ eTag: <exchange id> }` and expects
// the write to succeed only the first time; botbuilder's own stores read that eTag as "only if the
// item is at this version", which fails for every new key on Azure blobs. Here the write is a
// create-if-absent in the app's shared record store (files in DATA_DIR, or the Azure table with
// STORAGE=azure); a second write of a key fails with the "eTag conflict" the middleware looks for.
// Nothing of the token is kept: the key is the channel, the conversation and the exchange id.
import type { Storage, StoreItems } from 'botbuilder';
import { VersionConflictError, type RecordStore } from '../core/ports/recordStore.js';

/** The partition of the record store that holds the handled exchanges. */
export const tokenExchangePartition = 'tokenExchanges';

export class TokenExchangeLedger implements Storage {
  constructor(private readonly records: RecordStore, private readonly now: () => Date) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    await Promise.all(keys.map(async (key) => {
      const record = await this.records.get<Record<string, unknown>>(tokenExchangePartition, key);
      if (record) found[key] = { ...record.value, eTag: record.version };
    }));
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.keys(changes).map(async (key) => {
      try {
        await this.records.put(tokenExchangePartition, key, { handledAt: this.now().toISOString() }, { absent: true });
      } catch (error) {
        if (error instanceof VersionConflictError) throw new Error(`Storage: token exchange "${key}" was already handled (eTag conflict).`);
        throw error;
      }
    }));
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.records.remove(tokenExchangePartition, key)));
  }
}
