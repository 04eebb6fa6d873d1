// Carrying a group chat's request on in the sender's personal chat: reached only when what was to be
// said there got through.
import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { PersonalChats } from '../../../bot/channel/personalChat.js';
import type { ConversationAddress, ConversationReferences } from '../../../bot/core/ports/proactive.js';
import { silentLogger } from '../../../bot/logger.js';

describe('personal chats', function () {
  const stored: ConversationAddress = { channelId: 'msteams', serviceUrl: 'http://127.0.0.1:4119/', conversation: { id: 'a:1', conversationType: 'personal' }, user: { id: '29:anna' } };
  const references: ConversationReferences = { get: () => Promise.resolve(stored), save: () => Promise.resolve(), forget: () => Promise.resolve(false) };
  const groupMessage = { type: 'message', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:4119/', from: { id: '29:anna', name: 'Anna' }, recipient: { id: '28:bot', name: 'bot' }, conversation: { id: '19:g@thread.v2', conversationType: 'groupChat', isGroup: true, name: '' } };
  const context = {} as TurnContext;
  // As the CloudAdapter does: a failure inside the callback goes to its turn error handler, and the call resolves.
  const swallowing = async (_reference: ConversationAddress, logic: (context: TurnContext) => Promise<void>): Promise<void> => {
    await logic(context).catch(() => undefined);
  };
  const unused = (): Promise<void> => Promise.reject(new Error('no new conversation expected'));

  it('is reached when its messages got through', async function () {
    const chats = new PersonalChats(references, swallowing, unused, silentLogger);
    assert.equal(await chats.continueWith(groupMessage, 'anna', () => Promise.resolve()), true);
  });

  it('is not reached when they did not (the channel refused), so the group is told to open the chat itself', async function () {
    const chats = new PersonalChats(references, swallowing, unused, silentLogger);
    assert.equal(await chats.continueWith(groupMessage, 'anna', () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:4119'))), false);
  });
});
