// The turn error handler when Microsoft Graph refuses the user's token: with an OAuth connection the
// token service forgets that token, so the next goal signs in afresh instead of failing again.
import assert from 'node:assert/strict';
import { ConversationState, MemoryStorage, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { createCloudAdapter, type SignInMiddleware } from '../../../bot/channel/cloudAdapter.js';
import { loadConfig } from '../../../bot/config.js';
import { translator } from '../../../bot/core/i18n/i18n.js';
import { DirectoryError } from '../../../bot/core/ports/directory.js';
import { silentLogger } from '../../../bot/logger.js';

describe('turn error handler and the token service', function () {
  const signIn: SignInMiddleware = { connectionName: 'graph-sso', exchanges: new MemoryStorage(), userTokens: { onTurn: (_context, next) => next() } };

  /** Runs the handler for `error` on a Teams message; what the token service was asked to forget, and what the user was told. */
  async function failTurn(error: Error, withSignIn: SignInMiddleware | undefined): Promise<{ signOuts: string[][]; told: string[] }> {
    const conversationState = new ConversationState(new MemoryStorage());
    const adapter = createCloudAdapter({ config: loadConfig({}), logger: silentLogger, conversationState, dialogState: conversationState.createProperty<DialogState>('dialogState'), signIn: withSignIn });
    const context = new TurnContext(adapter, {
      type: 'message', channelId: 'msteams', text: 'show my profile', locale: 'en-US',
      from: { id: 'teams-user-29', name: 'Teams user', aadObjectId: '9f3c2a4e-0000-4000-8000-000000000001' },
      conversation: { id: 'personal-chat-1', isGroup: false, conversationType: 'personal', name: '' },
      recipient: { id: 'bot', name: 'bot' },
    });
    const signOuts: string[][] = [];
    context.turnState.set(adapter.UserTokenClientKey, { signOutUser: (userId: string, connectionName: string, channelId: string) => Promise.resolve(void signOuts.push([userId, connectionName, channelId])) });
    const told: string[] = [];
    context.onSendActivities((_context, activities) => {
      told.push(...activities.map((a) => a.text ?? ''));
      return Promise.resolve(activities.map(() => ({ id: 'sent' })));
    });
    await adapter.onTurnError(context, error);
    return { signOuts, told };
  }

  it('a refused token (signInRequired) is forgotten by the token service, and the user is asked to sign in again', async function () {
    const { signOuts, told } = await failTurn(new DirectoryError('signInRequired'), signIn);
    assert.deepEqual(signOuts, [['teams-user-29', 'graph-sso', 'msteams']]);
    assert.deepEqual(told, [translator('en').t('directory.signInRequired')]);
  });

  it('other failures, or no OAuth connection, leave the token service alone', async function () {
    assert.deepEqual((await failTurn(new DirectoryError('unavailable'), signIn)).signOuts, []);
    assert.deepEqual((await failTurn(new DirectoryError('signInRequired'), undefined)).signOuts, []);
  });
});
