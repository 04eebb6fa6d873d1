// One set of memory scopes and path resolvers for every turn: the same ones botbuilder would make,
// and each turn still reads and writes only its own conversation's and turn's memory.
import assert from 'node:assert/strict';
import { ActivityHandler, ConversationState, MemoryStorage, TestAdapter, TurnContextStateCollection, UserState, type TurnContext } from 'botbuilder';
import { DialogStateManager, WaterfallDialog, runDialog, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import { dialogStateConfigurationKey, shareDialogStateConfiguration } from '../../../bot/channel/dialogStateConfiguration.js';

const kinds = (list: readonly object[]): string[] => list.map((item) => `${item.constructor.name}:${(item as { name?: string }).name ?? ''}`);

describe('dialog state configuration shared by every turn', function () {
  it('has the scopes and resolvers botbuilder makes for a turn', function () {
    const context = { turnState: new TurnContextStateCollection() } as unknown as TurnContext;
    shareDialogStateConfiguration(context);
    const shared = context.turnState.get<DialogStateManager['configuration']>(dialogStateConfigurationKey);
    const own = new DialogStateManager({ context: { turnState: new TurnContextStateCollection() } } as unknown as DialogContext).configuration;
    assert.deepEqual(kinds(shared.memoryScopes), kinds(own.memoryScopes));
    assert.deepEqual(kinds(shared.pathResolvers), kinds(own.pathResolvers));
    assert.ok(kinds(shared.memoryScopes).includes('ConversationMemoryScope:conversation'));
    assert.throws(() => (shared.memoryScopes as object[]).push({}), 'no turn can add a scope to every turn\'s list');
  });

  it('leaves a turn that brings scopes, resolvers or a configuration of its own as it is', function () {
    for (const key of ['memoryScopes', 'pathResolvers', dialogStateConfigurationKey]) {
      const context = { turnState: new TurnContextStateCollection() } as unknown as TurnContext;
      const own = { memoryScopes: [], pathResolvers: [] };
      context.turnState.set(key, own);
      shareDialogStateConfiguration(context);
      assert.equal(context.turnState.get(key), own);
      if (key !== dialogStateConfigurationKey) assert.equal(context.turnState.has(dialogStateConfigurationKey), false);
    }
  });

  it('each conversation and turn still has its own memory', async function () {
    const storage = new MemoryStorage();
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    const dialogState = conversationState.createProperty<DialogState>('dialogState');
    const counter = new WaterfallDialog('count', [
      async (step) => {
        assert.equal(step.context.turnState.get(dialogStateConfigurationKey)?.memoryScopes.length > 0, true, 'the shared set is used');
        assert.equal(step.state.getValue('turn.counted'), undefined, 'nothing of another turn');
        const count = Number(step.state.getValue('conversation.count') ?? 0) + 1;
        step.state.setValue('conversation.count', count);
        step.state.setValue('turn.counted', count);
        await step.context.sendActivity(`${step.context.activity.conversation.id} ${count}`);
        return step.endDialog();
      },
    ]);
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      shareDialogStateConfiguration(context);
      // Where the conversation and user scopes find their state.
      context.turnState.set('ConversationState', conversationState);
      context.turnState.set('UserState', userState);
      await runDialog(counter, context, dialogState);
      await conversationState.saveChanges(context);
      await userState.saveChanges(context);
      await next();
    });
    const adapter = (id: string) => new TestAdapter((context) => bot.run(context), { conversation: { id, isGroup: false, conversationType: 'personal', name: '' }, channelId: 'test', from: { id: `u-${id}`, name: id }, recipient: { id: 'bot', name: 'bot' }, serviceUrl: 'https://test.example' });
    const a = adapter('a');
    const b = adapter('b');
    await a.send('one').assertReply('a 1');
    await b.send('one').assertReply('b 1');
    await a.send('two').assertReply('a 2');
    await Promise.all([a.send('three').assertReply('a 3'), b.send('two').assertReply('b 2')]);
  });
});
