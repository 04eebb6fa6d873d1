// The demo outbox over records: each user's messages oldest first, at most the limit, the same for
// every instance over the store, and nothing lost when two instances send at once.
import assert from 'node:assert/strict';
import { outboxLimit, RecordOutbox } from '../../../../bot/adapters/records/recordOutbox.js';
import type { Notification } from '../../../../bot/core/ports/notifier.js';
import { tempDir } from '../../../helpers.js';
import { recordStores, type OpenedRecords } from './recordStores.js';

const clockAt = (minute: number) => ({ now: () => new Date(Date.UTC(2026, 10, 20, 9, minute)) });
const sms = (userId: string, text: string): Notification => ({ userId, to: '+31 6 1234 5678', channel: 'sms', text });
const texts = (messages: readonly { text: string }[]): string[] => messages.map((m) => m.text);

for (const { name, open } of recordStores) {
  describe(`record outbox ${name}`, function () {
    let records: OpenedRecords;
    beforeEach(async () => (records = await open()));
    afterEach(() => records.close());

    it("lists only the user's own messages, oldest first, as another instance sees them too", async function () {
      for (const [minute, userId, text] of [[1, 'anna', 'a1'], [2, 'bert', 'b1'], [3, 'anna', 'a2']] as const) await new RecordOutbox(records.store, clockAt(minute)).send(sms(userId, text));
      const other = new RecordOutbox(records.another(), clockAt(0));
      assert.deepEqual(await other.messagesFor('anna'), [
        { to: '+31 6 1234 5678', channel: 'sms', text: 'a1', sentAt: '2026-11-20T09:01:00.000Z' },
        { to: '+31 6 1234 5678', channel: 'sms', text: 'a2', sentAt: '2026-11-20T09:03:00.000Z' },
      ]);
      assert.deepEqual(texts(await other.messagesFor('bert')), ['b1']);
      assert.deepEqual(await other.messagesFor('nobody'), []);
    });

    it(`keeps the newest ${outboxLimit} messages of a user`, async function () {
      const outbox = new RecordOutbox(records.store, clockAt(0));
      for (let i = 0; i < outboxLimit + 3; i += 1) await outbox.send(sms('anna', `m${i}`));
      const kept = texts(await outbox.messagesFor('anna'));
      assert.equal(kept.length, outboxLimit);
      assert.deepEqual([kept[0], kept.at(-1)], ['m3', `m${outboxLimit + 2}`]);
    });

    it('40 messages sent at once by two instances: all kept', async function () {
      const [one, two] = [new RecordOutbox(records.store, clockAt(0)), new RecordOutbox(records.another(), clockAt(0))];
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? one : two).send(sms('anna', `m${i}`))));
      assert.deepEqual(new Set(texts(await one.messagesFor('anna'))), new Set(Array.from({ length: 40 }, (_, i) => `m${i}`)));
    });

    it('takes over the messages of the old file before those here, once, leaving out what is no message', async function () {
      const outbox = new RecordOutbox(records.store, clockAt(5));
      await outbox.send(sms('anna', 'new'));
      const old = { to: 'anna@example.net', channel: 'email', text: 'old', sentAt: '2026-11-19T09:00:00.000Z' };
      const file = { anna: [old, { text: 'no address' }], bert: [old], carl: 'not a list' };
      assert.equal(await outbox.importMessages(file), 2);
      assert.equal(await outbox.importMessages(file), 0, 'nothing twice');
      assert.deepEqual(texts(await outbox.messagesFor('anna')), ['old', 'new']);
      assert.deepEqual(await outbox.messagesFor('bert'), [old]);
      assert.deepEqual(await outbox.messagesFor('carl'), []);
    });
  });
}

describe('record outbox over two file stores on one folder (two processes on one DATA_DIR)', function () {
  it('messages sent at once through both are all listed by both', async function () {
    const data = await tempDir();
    try {
      const [one, two] = [new RecordOutbox(data.records(), clockAt(0)), new RecordOutbox(data.records(), clockAt(0))];
      await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? one : two).send(sms('anna', `m${i}`))));
      for (const outbox of [one, two]) assert.equal(new Set(texts(await outbox.messagesFor('anna'))).size, 30);
    } finally {
      await data.remove();
    }
  });
});
