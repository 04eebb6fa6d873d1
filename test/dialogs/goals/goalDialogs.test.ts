// Every goal in the catalogue has its dialog, registered under its intent, whose id is that intent
// (the id is stored in conversation state).
import assert from 'node:assert/strict';
import { goals } from '../../../bot/core/goals.js';
import { goalDialogs } from '../../../dialogs/goals/goalDialogs.js';
import { testBed } from '../../fakes/testBed.js';

describe('goal dialogs', function () {
  it('one per catalogue goal, with the goal as its id', function () {
    const { useCases } = testBed();
    assert.deepEqual(Object.keys(goalDialogs).sort(), goals.map((g) => g.intent).sort());
    for (const goal of goals) assert.equal(new goalDialogs[goal.intent](useCases).id, goal.intent);
  });
});
