// Universal Actions on Teams, as transcripts: the same card builder gives Teams Action.Execute and
// Web Chat Action.Submit; an Action.Execute (the `adaptiveCard/action` invoke) runs the step its
// Action.Submit would, is answered with the answered card in place (no buttons, what was chosen),
// and the replies still follow in the chat; a replayed or stale one is refused with an invoke
// response and changes nothing; in a group chat the card's buttons are its person's only.
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../../bot/core/i18n/i18n.js';
import { demoUserNamed } from '../../helpers.js';
import { cardOf, cardTexts, createHarness, submitActions, type Harness } from '../../dialogs/harness.js';
import { phrases } from '../../dialogs/testData/phrases.js';

/** Every action object of a card (buttons, tap actions, the refresh's), by type. */
function actionsOf(card: unknown, type: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === type) out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Every Action.Execute of a card with its title and data. */
const executesOf = (card: unknown): { title?: unknown; data?: unknown }[] => actionsOf(card, 'Action.Execute');

const hasInputs = (card: unknown): boolean => JSON.stringify(card).includes('"type":"Input.');

describe('cards on Teams (Universal Actions)', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  it('one card builder: Action.Execute with the data\'s verb on msteams, Action.Submit on Web Chat, the same data', async function () {
    const claire = await demoUserNamed('claire');
    const teams = harness.chat(claire.id, 'en-US', 'msteams');
    const web = harness.chat(claire.id, 'en-US', 'directline');
    await teams.say(phrases.en.signOut);
    await web.say(phrases.en.signOut);
    const executes = actionsOf(teams.card(), 'Action.Execute');
    assert.ok(executes.length >= 2, 'Yes and No are Action.Execute');
    assert.equal(actionsOf(teams.card(), 'Action.Submit').length, 0, 'no Action.Submit left on Teams');
    for (const action of executes) assert.equal(action.verb, (action.data as { verb?: unknown }).verb);
    assert.equal(actionsOf(web.card(), 'Action.Execute').length, 0, 'no Action.Execute on Web Chat');
    const strip = (data: Record<string, unknown>): Record<string, unknown> => ({ ...data, nonce: 'n' });
    assert.deepEqual(submitActions(teams.card()).map(strip), submitActions(web.card()).map(strip), 'the same buttons and data, nonce aside');
    assert.ok(submitActions(teams.card()).every((d) => typeof d.nonce === 'string' && d.nonce.length >= 16), 'each carries its one-time nonce');
    // The menu's tiles too.
    const menu = harness.chat(claire.id, 'en-US', 'msteams');
    await menu.say('help');
    assert.ok(actionsOf(menu.card(), 'Action.Execute').some((a) => a.verb === 'goal.start'));
    assert.equal(actionsOf(menu.card(), 'Action.Submit').length, 0);
  });

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    it(`an Action.Execute runs the step, answers with the answered card in place and the replies follow; a replay is refused with an invoke response (${locale})`, async function () {
      const claire = await demoUserNamed('claire');
      const chat = harness.chat(claire.id, say.tag);
      const before = (await harness.directory.findUserById(claire.id))?.signInSessionsValidFromDateTime;
      await chat.say(say.signOut);
      const heading = cardTexts(chat.card())[0];
      const yes = chat.buttonData('yes');
      const { response, replies } = await chat.execute('yes');
      assert.equal(response.status, 200);
      assert.equal(response.body?.statusCode, 200);
      assert.equal(response.body?.type, 'application/vnd.microsoft.card.adaptive');
      const answered = response.body?.value;
      assert.deepEqual(actionsOf(answered, 'Action.Execute'), [], 'no buttons left');
      assert.equal((answered as { actions?: unknown[] }).actions?.length ?? 0, 0);
      assert.equal(hasInputs(answered), false);
      assert.deepEqual(cardTexts(answered), [heading, t.t('cards.answered', { choice: t.t('common.yes') })]);
      assert.equal(replies[0]?.text, t.t('signout.done'), 'the follow-up reply in the chat');
      const after = (await harness.directory.findUserById(claire.id))?.signInSessionsValidFromDateTime;
      assert.notEqual(after, before, 'the step ran');
      assert.equal(chat.updated.length, 0, 'in a personal chat the invoke response is the update');

      harness.clock.advance(1000);
      const replay = await chat.invoke('step.submit', yes);
      assert.equal(replay.response.status, 200);
      assert.deepEqual(replay.response.body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t.t('card.stale') });
      assert.deepEqual(replay.replies, [], 'no message in the chat for a refused press');
      assert.equal((await harness.directory.findUserById(claire.id))?.signInSessionsValidFromDateTime, after, 'nothing changed');
    });
  }

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    it(`the answered card names the button pressed among buttons of one action, told apart by their values: a method to remove, a method for the code (${locale})`, async function () {
      const claire = await demoUserNamed('claire');
      const chat = harness.chat(claire.id, say.tag);
      // The title on the card of the button that sends these values.
      const titleOf = (values: Record<string, string>): string => {
        const data = chat.buttonData('choose', values);
        const title = executesOf(chat.card()).find((a) => a.data === data)?.title;
        assert.equal(typeof title, 'string');
        return title as string;
      };
      await chat.say(say.securityRemove);
      const choices = submitActions(chat.card()).filter((d) => d.action === 'choose').map((d) => String(d.methodId));
      assert.ok(choices.length >= 3, 'several Remove buttons share one action');
      // The last one, not the first: the receipt must not name the first button of that action.
      const removed = choices.at(-1) as string;
      const removeTitle = titleOf({ methodId: removed });
      const pick = await chat.execute('choose', {}, { methodId: removed });
      assert.deepEqual(cardTexts(pick.response.body?.value).slice(1), [t.t('cards.answered', { choice: removeTitle })]);
      // The check that follows: a button per method to send the code to, each "choose".
      const senders = submitActions(chat.card()).filter((d) => d.action === 'choose').map((d) => String(d.methodId));
      assert.ok(senders.length >= 2, 'several methods to send a code to');
      const sender = senders.at(-1) as string;
      const sendTitle = titleOf({ methodId: sender });
      const send = await chat.execute('choose', {}, { methodId: sender });
      assert.deepEqual(cardTexts(send.response.body?.value).slice(1), [t.t('cards.answered', { choice: sendTitle })]);
    });
  }

  it('an Action.Execute on a card that is waiting but was replaced by a newer one is refused, and the newer one still works', async function () {
    const t = translator('en');
    const claire = await demoUserNamed('claire');
    const chat = harness.chat(claire.id, 'en-US');
    await chat.say(phrases.en.signOut);
    const old = chat.buttonData('no');
    await chat.say(phrases.en.signOut);
    const stale = await chat.invoke('step.submit', old);
    assert.equal(stale.response.body?.type, 'application/vnd.microsoft.activity.message');
    assert.equal(stale.response.body?.value, t.t('card.stale'));
    const forged = await chat.invoke('step.submit', { verb: 'step.submit', action: 'yes' });
    assert.equal(forged.response.body?.value, t.t('card.unknown'));
    const { response, replies } = await chat.execute('no');
    assert.equal(response.body?.type, 'application/vnd.microsoft.card.adaptive');
    assert.equal(replies[0]?.text, t.t('signout.kept'));
  });

  it('a menu button pressed as Action.Execute starts the goal: the menu stays, the goal\'s card follows', async function () {
    const t = translator('en');
    const anna = await demoUserNamed('anna');
    const chat = harness.chat(anna.id, 'en-US');
    await chat.say('help');
    const { response, replies } = await chat.invoke('goal.start', { verb: 'goal.start', goal: 'profile.view' });
    assert.deepEqual(response.body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t.t('cards.seeReplies') });
    assert.ok(replies.some((r) => cardTexts(cardOf(r)).includes(t.t('profile.heading'))), 'the profile card follows');
  });

  it('Web Chat keeps Action.Submit and the message path: no invoke, the card replaced by update', async function () {
    const t = translator('en');
    const claire = await demoUserNamed('claire');
    const chat = harness.chat(claire.id, 'en-US', 'directline');
    await chat.say(phrases.en.signOut);
    const replies = await chat.submit('no');
    assert.equal(replies[0]?.text, t.t('signout.kept'));
    assert.deepEqual(cardTexts(cardOf(chat.updated[0] ?? {})).slice(1), [t.t('cards.answered', { choice: t.t('common.no') })]);
  });
});
