// Proactive messages (helpdesk news for a user) go to the user's stored conversation, never to a
// group chat or channel: a reference kept from one (by a version that stored every conversation's)
// is not used.
import assert from 'node:assert/strict';
import type { Activity, TurnContext } from 'botbuilder';
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

  it('a message that did not get through is not delivered, even though the adapter keeps the failure to itself (it hands it to its turn error handler)', async function () {
    const refusing = { sendActivity: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:4119')) } as unknown as TurnContext;
    // As the CloudAdapter does: a failure inside the callback goes to onTurnError, and continueConversation resolves.
    const swallowing = async (_reference: ConversationAddress, logic: (context: TurnContext) => Promise<void>): Promise<void> => {
      await logic(refusing).catch(() => undefined);
    };
    const messenger = new ProactiveMessenger(referencesWith(personal), swallowing, silentLogger);
    assert.equal(await messenger.send('anna', [{ text: 'Your ticket INC-000001 was resolved' }]), false);
  });

  it('sends cards in the channel\'s action model, as a turn does: Action.Execute on Teams, Action.Submit on Web Chat', async function () {
    const card = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [], actions: [{ type: 'Action.Submit', title: 'Open', data: { verb: 'ticket.act', act: 'open', ticket: 'INC-000001' } }] } };
    const actionsSent = async (reference: ConversationAddress): Promise<unknown[]> => {
      const sent: Partial<Activity>[] = [];
      const context = { sendActivity: (activity: Partial<Activity>) => Promise.resolve(void sent.push(activity)) } as unknown as TurnContext;
      const messenger = new ProactiveMessenger(referencesWith(reference), (_reference, logic) => logic(context), silentLogger);
      assert.equal(await messenger.send('agent', [{ attachment: card }]), true);
      return sent.flatMap((a) => (a.attachments ?? []).flatMap((x) => ((x.content as { actions?: unknown[] }).actions ?? [])));
    };
    assert.deepEqual(await actionsSent(personal), [{ type: 'Action.Execute', verb: 'ticket.act', title: 'Open', data: { verb: 'ticket.act', act: 'open', ticket: 'INC-000001' } }]);
    assert.deepEqual(await actionsSent({ ...personal, channelId: 'directline' }), card.content.actions);
  });
});
