// Every goal in the catalogue has its dialog, registered under its intent, whose id is that intent
// (the id is stored in conversation state).
import assert from 'node:assert/strict';
import { goals } from '../../../bot/core/goals.js';
import { goalDialogs } from '../../../dialogs/goals/goalDialogs.js';
import { createHarness } from '../harness.js';

describe('goal dialogs', function () {
  it('one per catalogue goal, with the goal as its id', async function () {
    const harness = await createHarness();
    try {
      assert.deepEqual(Object.keys(goalDialogs).sort(), goals.map((g) => g.intent).sort());
      for (const goal of goals) assert.equal(new goalDialogs[goal.intent](harness.useCases).id, goal.intent);
    } finally {
      await harness.close();
    }
  });
});
