// The app's lifecycle on Teams, as transcripts: a welcome on install in the user's language (once,
// though Teams announces an install with both an installationUpdate and a conversationUpdate), a
// group's own welcome, an uninstall that forgets the conversation (and sends nothing to an app that
// is gone), and a reaction that is ignored politely.
import assert from 'node:assert/strict';
import type { Activity, TestAdapter } from 'botbuilder';
import { supportedLocales, translator } from '../../../bot/core/i18n/i18n.js';
import { captureLogs, demoUserNamed } from '../../helpers.js';
import { cardOf, createHarness, teamsBot, textOf, type Harness } from '../../dialogs/harness.js';
import { phrases } from '../../dialogs/testData/phrases.js';

/** Delivers one activity; what the bot sent back (every type). */
async function deliver(adapter: TestAdapter, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  await adapter.processActivity(activity);
  return adapter.activeQueue.splice(0);
}

const installed = (locale?: string): Partial<Activity> => ({ type: 'installationUpdate', action: 'add', ...(locale ? { locale } : {}) });
const uninstalled: Partial<Activity> = { type: 'installationUpdate', action: 'remove' };
/** Teams adds the bot itself to a personal chat (the TestAdapter's bot id is `bot`). */
const botAdded = (botId = 'bot'): Partial<Activity> => ({ type: 'conversationUpdate', membersAdded: [{ id: botId, name: 'Bot' }] });

describe('lifecycle on Teams', function () {
  let harness: Harness;
  let logs: ReturnType<typeof captureLogs>;
  beforeEach(async () => {
    logs = captureLogs();
    harness = await createHarness({ logger: logs.logger });
  });
  afterEach(() => harness.close());

  /** Everything kept in conversation and user state, as stored. */
  const stateSnapshot = (): string => JSON.stringify((harness.storage as unknown as { memory: Record<string, string> }).memory);

  for (const locale of supportedLocales) {
    it(`${locale}: installing the app in a personal chat greets the user once, in the client's language, whichever announcement comes first`, async function () {
      const t = translator(locale);
      const oliver = await demoUserNamed('oliver');
      const organization = (await harness.useCases.profiles.organization()).displayName;
      const welcome = t.t('welcome.user', { name: String(oliver.givenName), organization });

      const first = harness.chat(oliver.id, phrases[locale].tag).adapter;
      const greeted = (await deliver(first, installed())).filter((a) => a.type === 'message');
      assert.equal(greeted[0]?.text, welcome);
      assert.ok(textOf(greeted[1]).includes(t.t('menu.intro')), 'and the menu');
      assert.deepEqual(await deliver(first, botAdded()), [], 'the conversationUpdate of the same install says nothing');
      assert.deepEqual(await deliver(first, { ...installed(), action: 'add-upgrade' }), [], 'nor does an upgrade');

      const second = harness.chat(oliver.id, phrases[locale].tag).adapter;
      assert.equal((await deliver(second, botAdded()))[0]?.text, welcome, 'conversationUpdate first');
      assert.deepEqual(await deliver(second, installed()), []);
    });
  }

  it('installed in a group chat: one welcome for the group, no one\'s account; members joining later are not greeted one by one', async function () {
    const sv = translator('sv');
    const erik = await demoUserNamed('erik');
    const organization = (await harness.useCases.profiles.organization()).displayName;
    const group = harness.groupChat([{ teamsUserId: '29:erik', userId: erik.id, name: erik.displayName, locale: 'sv-SE' }]);
    assert.deepEqual((await group.from('29:erik', installed())).map((r) => r.text), [sv.t('group.welcome', { organization })]);
    assert.deepEqual(await group.from('29:erik', botAdded(teamsBot.id)), [], 'the same install, announced again');
    const joined = await group.from('29:erik', { type: 'conversationUpdate', membersAdded: [{ id: '29:newcomer', name: 'New colleague' }] });
    assert.deepEqual(joined, [], 'no welcome, and no password reset started in front of everyone');
  });

  it('uninstalling forgets the personal chat: nothing is sent, the reference and the conversation state are gone, and it is logged; a new install greets again', async function () {
    const en = translator('en');
    const james = await demoUserNamed('james');
    const chat = harness.chat(james.id, 'en-GB');
    await chat.say(phrases.en.signOut);
    const stored = await harness.services.references.get(james.id);
    assert.equal((stored?.conversation as { id?: string } | undefined)?.id, chat.conversationId);

    assert.deepEqual(await deliver(chat.adapter, uninstalled), [], 'nothing sent to an app that was removed');
    assert.equal(await harness.services.references.get(james.id), undefined);
    assert.deepEqual(await harness.storage.read([`msteams/conversations/${chat.conversationId}`]), {}, 'the card left waiting is gone too');
    const line = logs.lines.find((l) => l.includes('app removed from a conversation'));
    assert.ok(line);
    assert.match(line, /"referenceCleared":true/);

    const greeted = await deliver(chat.adapter, installed());
    assert.equal(greeted[0]?.text, en.t('welcome.user', { name: String(james.givenName), organization: (await harness.useCases.profiles.organization()).displayName }));
  });

  it('uninstalling from a group chat leaves the personal chat\'s reference alone', async function () {
    const james = await demoUserNamed('james');
    const chat = harness.chat(james.id, 'en-GB', 'msteams', { teamsUserId: '29:james' });
    await chat.say('hello');
    const group = harness.groupChat([{ teamsUserId: '29:james', userId: james.id, name: james.displayName, locale: 'en-GB' }]);
    assert.deepEqual(await group.from('29:james', uninstalled), []);
    const stored = await harness.services.references.get(james.id);
    assert.equal((stored?.conversation as { id?: string } | undefined)?.id, chat.conversationId);
    assert.match(logs.lines.find((l) => l.includes('app removed from a conversation')) ?? '', /"referenceCleared":false/);
  });

  it('a reaction is ignored politely: no reply, no error, nothing stored, and the card waiting still works', async function () {
    const fr = translator('fr');
    const claire = await demoUserNamed('claire');
    const chat = harness.chat(claire.id, 'fr-FR');
    await chat.say(phrases.fr.signOut);
    assert.ok(cardOf(chat.transcript.at(-1) ?? {}));
    const before = stateSnapshot();
    const referenceBefore = await harness.services.references.get(claire.id);
    for (const reaction of [{ reactionsAdded: [{ type: 'like' }] }, { reactionsRemoved: [{ type: 'like' }] }, { reactionsAdded: [{ type: 'heart' }], replyToId: 'x' }]) {
      assert.deepEqual(await deliver(chat.adapter, { type: 'messageReaction', ...reaction }), []);
    }
    assert.equal(stateSnapshot(), before);
    assert.deepEqual(await harness.services.references.get(claire.id), referenceBefore);
    assert.deepEqual((await chat.submit('no')).map((r) => r.text), [fr.t('signout.kept')]);
  });
});
