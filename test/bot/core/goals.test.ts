// The goal catalogue: the intent list the recognizer and outside tests rely on (a design contract),
// the strings every goal and ticket category needs in every language, and what is read from it.
import assert from 'node:assert/strict';
import { goalFor, goals, intentNames, isGoalIntent, isIntentName, menuGoals, selfServiceTasks, ticketCategories } from '../../../bot/core/goals.js';
import { stringTable, supportedLocales } from '../../../bot/core/i18n/i18n.js';

describe('goal catalogue', function () {
  it('names exactly the intents of the design contract, plus audit.view', function () {
    const contract = ['profile.view', 'password.change', 'password.reset', 'securityinfo.view', 'securityinfo.add', 'securityinfo.remove', 'securityinfo.default',
      'devices.view', 'devices.disable', 'organizations.view', 'organizations.leave', 'termsofuse.review', 'signout.everywhere', 'signins.view',
      'helpdesk.ticket', 'ticket.status', 'help', 'cancel', 'None'];
    assert.deepEqual([...intentNames].sort(), [...contract, 'audit.view'].sort());
    assert.equal(new Set(goals.map((g) => g.intent)).size, goals.length, 'one row per goal');
  });

  it('tells goals from the other intents', function () {
    for (const intent of ['help', 'cancel', 'None']) {
      assert.ok(isIntentName(intent));
      assert.ok(!isGoalIntent(intent), intent);
    }
    assert.ok(isGoalIntent('devices.disable'));
    assert.ok(!isGoalIntent('devices.format') && !isIntentName('__proto__'));
  });

  it('every goal has its title and description, every category its name, in every language', function () {
    for (const locale of supportedLocales) {
      const table = stringTable(locale);
      for (const goal of goals) {
        for (const key of [`goal.${goal.intent}.title`, `goal.${goal.intent}.description`]) assert.ok(table[key], `${locale}: ${key}`);
      }
      for (const category of ticketCategories) assert.ok(table[`ticket.category.${category}`], `${locale}: ticket.category.${category}`);
    }
  });

  it('only password reset and the helpdesk work without signing in', function () {
    assert.deepEqual(goals.filter((g) => !g.signIn).map((g) => g.intent).sort(), ['helpdesk.ticket', 'password.reset']);
  });

  it('categories are read from the rows, "other" last; the menu and the sent-back tasks too', function () {
    assert.deepEqual(new Set(ticketCategories), new Set(goals.map((g) => g.ticketCategory).concat('other')));
    assert.equal(ticketCategories.at(-1), 'other');
    assert.deepEqual(menuGoals().map((g) => g.intent), goals.filter((g) => g.menu).map((g) => g.intent));
    for (const intent of selfServiceTasks) assert.ok(goalFor(intent).task, `${intent} names the audit action that completes it`);
    assert.ok(!selfServiceTasks.includes('password.reset'), 'a reset is not a task: the user is signed in to get it');
  });
});
