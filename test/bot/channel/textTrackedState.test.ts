// Conversation and user state told changed by their JSON text: the same keys, reads and writes as
// botbuilder's ConversationState and UserState (which hash instead) for every kind of turn.
import assert from 'node:assert/strict';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, UserState, type BotState, type Storage, type StoreItems } from 'botbuilder';
import { readText, TextTrackedConversationState, TextTrackedUserState, writeText, type WithStateText } from '../../../bot/channel/textTrackedState.js';

/** A MemoryStorage that logs what is written and deleted. */
class LoggedStorage extends MemoryStorage {
  readonly log: string[] = [];

  override async write(changes: StoreItems): Promise<void> {
    for (const [key, value] of Object.entries(changes)) this.log.push(`write ${key} ${JSON.stringify(value)}`);
    await super.write(changes);
  }

  override async delete(keys: string[]): Promise<void> {
    this.log.push(`delete ${keys.join(', ')}`);
    await super.delete(keys);
  }
}

function turn(conversation = 'conv'): TurnContext {
  return new TurnContext(new TestAdapter(), {
    type: 'message', channelId: 'msteams', conversation: { id: conversation, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: '' }, recipient: { id: 'bot', name: '' }, serviceUrl: 'http://127.0.0.1/',
  });
}

interface Steps { a?: number; nested?: { list: number[] } }

/** Turns of every kind against one state class; the storage's log and what each turn read. */
async function script(make: (storage: Storage) => BotState): Promise<{ log: string[]; seen: unknown[] }> {
  const storage = new LoggedStorage();
  const state = make(storage);
  const steps = state.createProperty<Steps>('steps');
  const seen: unknown[] = [];
  const run = async (work: (context: TurnContext) => Promise<void>, force = false): Promise<void> => {
    const context = turn();
    await work(context);
    await state.saveChanges(context, force);
    storage.log.push('--');
  };
  await run(async (c) => { await steps.set(c, { a: 1 }); });
  await run(async (c) => { seen.push(await steps.get(c)); });
  await run(async (c) => { (await steps.get(c, {})).nested = { list: [1] }; });
  await run(async (c) => { (await steps.get(c))!.nested!.list.push(2); });
  await run(async (c) => { seen.push(await steps.get(c)); (await state.load(c)).eTag = 'changed only the eTag'; });
  await run(async (c) => { seen.push(await steps.get(c)); }, true);
  await run(async (c) => { seen.push(await steps.get(c)); await state.clear(c); });
  await run(async (c) => { seen.push(await steps.get(c)); await steps.set(c, { a: 2 }); await state.delete(c); });
  await run(async (c) => { seen.push(await steps.get(c)); seen.push(state.get(c)); await state.load(c, true); seen.push(state.get(c)); });
  await run(async () => Promise.resolve(), true);
  return { log: storage.log.map((line) => line.replace(/"eTag":"[^"]*"/g, '"eTag":…')), seen };
}

describe('state told changed by its text', function () {
  for (const [name, botbuilders, ours] of [
    ['conversation state', (s: Storage) => new ConversationState(s), (s: Storage) => new TextTrackedConversationState(s)],
    ['user state', (s: Storage) => new UserState(s), (s: Storage) => new TextTrackedUserState(s)],
  ] as const) {
    it(`${name}: the same keys, reads, writes and deletes as botbuilder's for every kind of turn`, async function () {
      const expected = await script(botbuilders);
      const actual = await script(ours);
      assert.deepEqual(actual, expected);
      // And the script did write, skip, clear and delete, so the comparison means something.
      assert.equal(actual.log.filter((line) => line.startsWith('write')).length, 6);
      assert.equal(actual.log.filter((line) => line.startsWith('delete')).length, 1);
    });
  }

  it('a change deep inside the state is saved; reading it, or only a new eTag, is not', async function () {
    const storage = new LoggedStorage();
    const state = new TextTrackedConversationState(storage);
    const steps = state.createProperty<Steps>('steps');
    const first = turn();
    await steps.set(first, { nested: { list: [1] } });
    await state.saveChanges(first);
    const second = turn();
    const read = await steps.get(second);
    (await state.load(second)).eTag = 'other';
    await state.saveChanges(second);
    assert.equal(storage.log.length, 1, 'reading and a new eTag wrote nothing');
    read!.nested!.list[0] = 5;
    await state.saveChanges(second);
    assert.equal(storage.log.length, 2);
    assert.match(storage.log[1]!, /"list":\[5\]/);
    await state.saveChanges(second);
    assert.equal(storage.log.length, 2, 'saving again without a change writes nothing');
  });

  it('takes the text a storage gives with a read as the text loaded, and hands the text of a save to the write', async function () {
    /** Gives, with a read, the text set for a key (whatever the item holds); notes the text each write is handed. */
    class TextStorage extends MemoryStorage {
      readonly given = new Map<string, string>();
      readonly handed: (string | undefined)[] = [];

      override async read(keys: string[]): Promise<StoreItems> {
        const items = await super.read(keys);
        for (const [key, item] of Object.entries(items)) {
          const text = this.given.get(key);
          if (text !== undefined) (item as WithStateText)[readText] = text;
        }
        return items;
      }

      override async write(changes: StoreItems): Promise<void> {
        for (const change of Object.values(changes)) this.handed.push((change as WithStateText)[writeText]);
        await super.write(changes);
      }
    }
    const storage = new TextStorage();
    const state = new TextTrackedConversationState(storage);
    const steps = state.createProperty<Steps>('steps');
    const first = turn();
    await steps.set(first, { a: 1 });
    await state.saveChanges(first);
    assert.deepEqual(storage.handed, ['{"steps":{"a":1}}']);
    assert.equal((state.get(first) as WithStateText)[writeText], undefined, 'the state keeps no text after the write');

    // A text that is not the item's: taken as loaded, so the unchanged state is told changed and written.
    storage.given.set('msteams/conversations/conv/', '{"steps":{"a":0}}');
    const second = turn();
    assert.deepEqual(await steps.get(second), { a: 1 });
    assert.equal((state.get(second) as WithStateText)[readText], undefined, 'the loaded state does not carry the text');
    await state.saveChanges(second);
    assert.equal(storage.handed.length, 2);

    // The item's own text: nothing changed, nothing written.
    storage.given.set('msteams/conversations/conv/', '{"steps":{"a":1}}');
    const third = turn();
    await steps.get(third);
    await state.saveChanges(third);
    assert.equal(storage.handed.length, 2);
  });
});
