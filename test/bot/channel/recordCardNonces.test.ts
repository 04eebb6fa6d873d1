// The card nonce ledger: a nonce is spent exactly once, however many spenders race, in one instance
// or two, over the record files and the in-memory record store; a conversation's first card is not
// lost when two instances issue cards for it at the same moment.
import assert from 'node:assert/strict';
import { RecordCardNonces } from '../../../bot/channel/recordCardNonces.js';
import { MemoryRecords } from '../../fakes/memoryRecords.js';
import { recordStores } from '../adapters/records/recordStores.js';

describe('card nonce ledger', function () {
  let offset = 0;
  const clock = { now: () => new Date(Date.UTC(2026, 11, 1) + offset) };
  beforeEach(() => (offset = 0));

  for (const { name, open } of recordStores) {
    it(`${name}: 20 parallel spenders of one nonce from two instances, exactly one succeeds`, async function () {
      const records = await open();
      try {
        const ledgers = [new RecordCardNonces(records.store, clock), new RecordCardNonces(records.another(), clock)];
        await ledgers[0]?.issue('conv', 'h1');
        const spent = await Promise.all(Array.from({ length: 20 }, (_, i) => (ledgers[i % 2] as RecordCardNonces).consume('conv', 'h1')));
        assert.equal(spent.filter(Boolean).length, 1);
      } finally {
        await records.close();
      }
    });

    it(`${name}: two instances issuing the first cards of a conversation at once keep both`, async function () {
      const records = await open();
      try {
        const ledgers = [new RecordCardNonces(records.store, clock), new RecordCardNonces(records.another(), clock)];
        await Promise.all(Array.from({ length: 10 }, (_, i) => (ledgers[i % 2] as RecordCardNonces).issue('fresh', `h${i}`)));
        const spent = await Promise.all(Array.from({ length: 10 }, (_, i) => (ledgers[(i + 1) % 2] as RecordCardNonces).consume('fresh', `h${i}`)));
        assert.deepEqual(spent, Array<boolean>(10).fill(true));
      } finally {
        await records.close();
      }
    });
  }

  it('an unknown, spent or expired nonce, or one of another conversation, is refused', async function () {
    const ledger = new RecordCardNonces(new MemoryRecords(), clock);
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
