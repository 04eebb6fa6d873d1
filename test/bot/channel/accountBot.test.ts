// The activity handler's turn: the state is saved once, at its end, so that the save is checked
// against the version the turn read (a second save would go through whatever another turn of the
// conversation saved in between).
import assert from 'node:assert/strict';
import type { StoreItems } from 'botbuilder';
import { demoUser } from '../../helpers.js';
import { createHarness, type Harness } from '../../dialogs/harness.js';
import { phrases } from '../../dialogs/testData/phrases.js';

describe('account bot', function () {
  let harness: Harness;
  let anna: Awaited<ReturnType<typeof demoUser>>;

  before(async function () {
    harness = await createHarness();
    anna = await demoUser();
  });
  after(() => harness.close());

  it('a turn that starts a goal and keeps its words writes the conversation state once', async function () {
    const writes: string[] = [];
    const write = harness.storage.write.bind(harness.storage);
    harness.storage.write = (changes: StoreItems) => {
      writes.push(...Object.keys(changes).filter((key) => key.includes('/conversations/')));
      return write(changes);
    };
    try {
      const chat = harness.chat(anna.id, phrases.en.tag);
      await chat.say(phrases.en.passwordChange);
      assert.equal(writes.length, 1, `conversation state written ${writes.length} times: ${writes.join(', ')}`);
    } finally {
      harness.storage.write = write;
    }
  });
});
