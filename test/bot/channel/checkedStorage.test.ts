// State saves checked against the eTag they read: of two turns that read the same state, the
// second to save fails instead of silently undoing the first; on the file store, botbuilder's
// MemoryStorage and Azure Blob Storage (Azurite).
import assert from 'node:assert/strict';
import { MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { ConcurrencyCheckedStorage, StateConflictError } from '../../../bot/channel/checkedStorage.js';
import { TextTrackedConversationState } from '../../../bot/channel/textTrackedState.js';
import { tempDir } from '../../helpers.js';
import { stateStores } from './stateStores.js';

function turn(adapter: TestAdapter): TurnContext {
  return new TurnContext(adapter, { type: 'message', channelId: 'test', conversation: { id: 'conv', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'u', name: '' }, recipient: { id: 'b', name: '' }, serviceUrl: 'http://127.0.0.1/' });
}

describe('eTag-checked state', function () {
  let data: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async function () {
    data = await tempDir();
  });
  afterEach(async function () {
    await data.remove();
  });

  const stores = stateStores(() => data);
  for (const [name, open] of stores) {
    it(`${name}: two turns read the same state; the second save fails and the first one's change stands`, async function () {
      const state = new TextTrackedConversationState(new ConcurrencyCheckedStorage(await open()));
      const step = state.createProperty<number>('step');
      const adapter = new TestAdapter();
      const setup = turn(adapter);
      await step.set(setup, 1);
      await state.saveChanges(setup);

      const [a, b] = [turn(adapter), turn(adapter)];
      await step.get(a);
      await step.get(b);
      await step.set(a, 2);
      await step.set(b, 3);
      await state.saveChanges(a);
      await assert.rejects(state.saveChanges(b), StateConflictError);

      const reader = turn(adapter);
      assert.equal(await step.get(reader), 2);
    });
  }

  it('a turn may save twice (the error handler does)', async function () {
    const state = new TextTrackedConversationState(new ConcurrencyCheckedStorage(new MemoryStorage()));
    const step = state.createProperty<number>('step');
    const context = turn(new TestAdapter());
    await step.set(context, 1);
    await state.saveChanges(context);
    await step.set(context, 2);
    await state.saveChanges(context);
    await state.saveChanges(context, true);
    assert.equal(await step.get(turn(new TestAdapter())), 2, 'the second save landed');
  });
});
