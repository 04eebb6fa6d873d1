// The turn error handler when Microsoft Graph refuses the user's token: with an OAuth connection the
// token service forgets that token, so the next goal signs in afresh instead of failing again.
import assert from 'node:assert/strict';
import { ConversationState, MemoryStorage, TurnContext, type Activity } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { createCloudAdapter, type SignInMiddleware } from '../../../bot/channel/cloudAdapter.js';
import { TokenServiceUserTokens } from '../../../bot/channel/tokenServiceUserTokens.js';
import { loadConfig } from '../../../bot/config.js';
import { translator } from '../../../bot/core/i18n/i18n.js';
import { DirectoryError } from '../../../bot/core/ports/directory.js';
import { StateConflictError } from '../../../bot/channel/checkedStorage.js';
import { silentLogger } from '../../../bot/logger.js';

describe('turn error handler and the token service', function () {
  const tokens = new TokenServiceUserTokens('graph-sso', silentLogger);
  const signIn: SignInMiddleware = { connectionName: 'graph-sso', exchanges: new MemoryStorage(), userTokens: tokens.middleware, signOut: (context) => tokens.signOut(context) };

  /** Runs the handler for `error` on a Teams message; what the token service was asked to forget, and what the user was told. */
  async function failTurn(error: Error, withSignIn: SignInMiddleware | undefined, kind: Partial<Activity> = { type: 'message', text: 'show my profile' }): Promise<{ signOuts: string[][]; told: string[]; sent: Partial<Activity>[] }> {
    const conversationState = new ConversationState(new MemoryStorage());
    const adapter = createCloudAdapter({ config: loadConfig({}), logger: silentLogger, conversationState, dialogState: conversationState.createProperty<DialogState>('dialogState'), signIn: withSignIn });
    const context = new TurnContext(adapter, {
      ...kind, channelId: 'msteams', locale: 'en-US',
      from: { id: 'teams-user-29', name: 'Teams user', aadObjectId: '9f3c2a4e-0000-4000-8000-000000000001' },
      conversation: { id: 'personal-chat-1', isGroup: false, conversationType: 'personal', name: '' },
      recipient: { id: 'bot', name: 'bot' },
    });
    const signOuts: string[][] = [];
    context.turnState.set(adapter.UserTokenClientKey, { signOutUser: (userId: string, connectionName: string, channelId: string) => Promise.resolve(void signOuts.push([userId, connectionName, channelId])) });
    const told: string[] = [];
    const sent: Partial<Activity>[] = [];
    context.onSendActivities((_context, activities) => {
      sent.push(...activities);
      told.push(...activities.filter((a) => a.type === 'message').map((a) => a.text ?? ''));
      return Promise.resolve(activities.map(() => ({ id: 'sent' })));
    });
    await adapter.onTurnError(context, error);
    return { signOuts, told, sent };
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

  it('a failed Teams card press is answered under its card, in the invoke\'s answer (Teams shows its own error without one); another failed invoke gets a failed answer', async function () {
    const press = { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'step.submit', data: { verb: 'step.submit', nonce: 'n', action: 'yes' } }, trigger: 'manual' } };
    const { told, sent } = await failTurn(new DirectoryError('unavailable'), undefined, press);
    assert.deepEqual(told, [], 'nothing in the chat');
    const answer = sent.find((a) => a.type === 'invokeResponse')?.value as { status?: number; body?: { type?: string; value?: unknown } } | undefined;
    assert.equal(answer?.status, 200);
    assert.deepEqual(answer?.body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: translator('en').t('directory.unavailable') });

    const signInInvoke = await failTurn(new Error('boom'), undefined, { type: 'invoke', name: 'signin/verifyState', value: { state: '1' } });
    assert.deepEqual(signInInvoke.sent.map((a) => [a.type, (a.value as { status?: number } | undefined)?.status]), [['invokeResponse', 500]]);
  });

  it('a turn that lost a concurrent save says which it was, a message or a press, and changes nothing more', async function () {
    const t = translator('en');
    const message = await failTurn(new StateConflictError('personal-chat-1'), undefined);
    assert.deepEqual(message.told, [t.t('error.concurrentTurn')]);
    const submit = await failTurn(new StateConflictError('personal-chat-1'), undefined, { type: 'message', value: { verb: 'step.submit', nonce: 'n', action: 'yes' } });
    assert.deepEqual(submit.told, [t.t('error.concurrentPress')]);
    const press = { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'step.submit', data: { verb: 'step.submit', nonce: 'n', action: 'yes' } }, trigger: 'manual' } };
    const invoke = await failTurn(new StateConflictError('personal-chat-1'), undefined, press);
    const answer = invoke.sent.find((a) => a.type === 'invokeResponse')?.value as { body?: { value?: unknown } } | undefined;
    assert.equal(answer?.body?.value, t.t('error.concurrentPress'));
    assert.notEqual(t.t('error.concurrentPress'), t.t('error.concurrentTurn'));
  });
});
