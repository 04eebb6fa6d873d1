// Proactive messages (helpdesk news for a user) go to the user's stored conversation, never to a
// group chat or channel: a reference kept from one (by a version that stored every conversation's)
// is not used.
import assert from 'node:assert/strict';
import { ProactiveMessenger } from '../../../bot/channel/proactiveMessenger.js';
import type { ConversationAddress, ConversationReferences } from '../../../bot/core/ports/proactive.js';
import { silentLogger } from '../../../bot/logger.js';

function referencesWith(reference: ConversationAddress): ConversationReferences {
  return { get: () => Promise.resolve(reference), save: () => Promise.resolve(), forget: () => Promise.resolve(false) };
}

describe('proactive messenger', function () {
  const personal = { channelId: 'msteams', serviceUrl: 'https://smba.example/', conversation: { id: 'a:1', conversationType: 'personal' }, user: { id: '29:anna' } };

  it('sends into a personal chat', async function () {
    const sentTo: string[] = [];
    const messenger = new ProactiveMessenger(referencesWith(personal), (reference) => Promise.resolve(void sentTo.push(String(reference.conversation?.id))), silentLogger);
    assert.equal(await messenger.send('anna', [{ text: 'Your ticket INC-000001 was resolved' }]), true);
    assert.deepEqual(sentTo, ['a:1']);
  });

  for (const conversation of [{ id: '19:g@thread.v2', conversationType: 'groupChat' }, { id: '19:c@thread.tacv2', conversationType: 'channel' }, { id: 'x', isGroup: true }]) {
    it(`never into a shared conversation (${JSON.stringify(conversation)})`, async function () {
      const sentTo: string[] = [];
      const messenger = new ProactiveMessenger(referencesWith({ ...personal, conversation }), (reference) => Promise.resolve(void sentTo.push(String(reference.conversation?.id))), silentLogger);
      assert.equal(await messenger.send('anna', [{ text: 'Your ticket INC-000001 was resolved' }]), false);
      assert.deepEqual(sentTo, []);
    });
  }
});
