// The card nonce ledger: a nonce is spent exactly once, however many spenders race, on the file
// store, botbuilder's MemoryStorage and Azure Blob Storage (Azurite).
import assert from 'node:assert/strict';
import { MemoryStorage } from 'botbuilder';
import { ConcurrencyCheckedStorage } from '../../../bot/channel/checkedStorage.js';
import { StorageCardNonces } from '../../../bot/channel/storageCardNonces.js';
import { tempDir } from '../../helpers.js';
import { stateStores } from './stateStores.js';

describe('card nonce ledger', function () {
  let data: Awaited<ReturnType<typeof tempDir>>;
  let offset = 0;
  const clock = { now: () => new Date(Date.UTC(2026, 11, 1) + offset) };
  beforeEach(async function () {
    data = await tempDir();
    offset = 0;
  });
  afterEach(async function () {
    await data.remove();
  });

  const stores = stateStores(() => data.dir);
  for (const [name, open] of stores) {
    it(`${name}: 20 parallel spenders of one nonce, exactly one succeeds`, async function () {
      const inner = await open();
      // Two ledgers over one store, as two instances would have.
      const ledgers = [new StorageCardNonces(new ConcurrencyCheckedStorage(inner), clock), new StorageCardNonces(new ConcurrencyCheckedStorage(inner), clock)];
      await ledgers[0]?.issue('conv', 'h1');
      const spent = await Promise.all(Array.from({ length: 20 }, (_, i) => (ledgers[i % 2] as StorageCardNonces).consume('conv', 'h1')));
      assert.equal(spent.filter(Boolean).length, 1);
    });
  }

  it('an unknown, spent or expired nonce, or one of another conversation, is refused', async function () {
    const ledger = new StorageCardNonces(new ConcurrencyCheckedStorage(new MemoryStorage()), clock);
    await ledger.issue('conv', 'h1');
    await ledger.issue('conv', 'h2');
    assert.equal(await ledger.consume('other', 'h1'), false);
    assert.equal(await ledger.consume('conv', 'nope'), false);
    assert.equal(await ledger.consume('conv', 'h1'), true);
    assert.equal(await ledger.consume('conv', 'h1'), false);
    offset += 25 * 3600 * 1000;
    assert.equal(await ledger.consume('conv', 'h2'), false, 'a day later the card no longer works');
  });
});
