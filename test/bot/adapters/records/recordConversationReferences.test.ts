// Conversation references over records: one record a user, written only when it changed.
import assert from 'node:assert/strict';
import { RecordConversationReferences } from '../../../../bot/adapters/records/recordConversationReferences.js';
import { MemoryRecords } from '../../../fakes/memoryRecords.js';
import { recordStores, type OpenedRecords } from './recordStores.js';

const reference = (conversation: string) => ({ channelId: 'msteams', serviceUrl: 'https://smba.example/', conversation: { id: conversation }, user: { id: '29:anna' } });

for (const { name, open } of recordStores) {
  describe(`record conversation references ${name}`, function () {
    let records: OpenedRecords;
    let references: RecordConversationReferences;
    beforeEach(async function () {
      records = await open();
      references = new RecordConversationReferences(records.store);
    });
    afterEach(() => records.close());

    it('keeps the latest conversation of each user', async function () {
      assert.equal(await references.get('anna'), undefined);
      await references.save('anna', reference('a-1'));
      await references.save('bert', reference('b-1'));
      await references.save('anna', reference('a-2'));
      assert.deepEqual(await new RecordConversationReferences(records.another()).get('anna'), reference('a-2'));
      assert.deepEqual(await references.get('bert'), reference('b-1'));
    });

    it('an unchanged reference is not written again; a changed one is', async function () {
      await references.save('anna', reference('a-1'));
      const written = (await records.store.get('references', 'anna'))?.version;
      await references.save('anna', reference('a-1'));
      assert.equal((await records.store.get('references', 'anna'))?.version, written);
      await references.save('anna', reference('a-2'));
      assert.notEqual((await records.store.get('references', 'anna'))?.version, written);
    });

    it('forgets a reference only when it is the conversation named (the app removed there)', async function () {
      await references.save('anna', reference('a-1'));
      assert.equal(await references.forget('anna', 'group-1'), false);
      assert.deepEqual(await references.get('anna'), reference('a-1'));
      assert.equal(await references.forget('anna', 'a-1'), true);
      assert.equal(await new RecordConversationReferences(records.another()).get('anna'), undefined);
      assert.equal(await references.forget('anna', 'a-1'), false, 'nothing left to forget');
    });

    it('takes over the old file, keeping a newer reference already here', async function () {
      await references.save('anna', reference('a-new'));
      assert.equal(await references.importAll({ anna: reference('a-old'), bert: reference('b-old') }), 1);
      assert.deepEqual(await references.get('anna'), reference('a-new'));
      assert.deepEqual(await references.get('bert'), reference('b-old'));
    });
  });
}

describe('record conversation references writes', function () {
  it('saving the same reference on every turn writes once', async function () {
    const records = new MemoryRecords();
    const references = new RecordConversationReferences(records);
    for (let turn = 0; turn < 5; turn += 1) await references.save('anna', reference('a-1'));
    assert.deepEqual(records.writes.map(({ partition, id, kind }) => ({ partition, id, kind })), [{ partition: 'references', id: 'anna', kind: 'put' }]);
  });
});
