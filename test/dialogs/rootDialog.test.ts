// Conversation tests of the root dialog and profile.view, in every language, as transcripts.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { supportedLocales, translator } from '../../bot/core/i18n/i18n.js';
import { cardVerbs } from '../../cards/cardVerbs.js';
import { goals } from '../../bot/core/goals.js';
import { demoSeed, demoUser, demoUserNamed } from '../helpers.js';
import { cardOf, cardTexts, createHarness, type Harness } from './harness.js';
import { phrases } from './testData/phrases.js';

describe('root dialog and profile.view', function () {
  let harness: Harness;
  let anna: Awaited<ReturnType<typeof demoUser>>;
  let managerName: string;

  before(async function () {
    harness = await createHarness();
    anna = await demoUser((u) => typeof u.manager === 'string');
    const profile = await harness.directory.getProfile(anna.id);
    managerName = profile?.manager?.displayName ?? '';
    assert.ok(managerName, 'the chosen demo user has a manager');
  });
  after(() => harness.close());

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    describe(`in ${locale}`, function () {
      it('help → the menu card, offering only goals that work', async function () {
        await harness.conversation(anna.id, say.tag)
          .send(say.help)
          .assertReply((reply: Partial<Activity>) => {
            const texts = cardTexts(cardOf(reply));
            assert.ok(texts.includes(t.t('menu.title')));
            assert.ok(texts.includes(t.t('goal.profile.view.title')));
            for (const goal of goals) assert.ok(texts.includes(t.t(`goal.${goal.intent}.title`)), `${goal.intent} is offered`);
          });
      });

      it('profile → the profile card with name, manager and the managed-by notice', async function () {
        await harness.conversation(anna.id, say.tag)
          .send(say.profile)
          .assertReply((reply: Partial<Activity>) => {
            assert.equal(reply.text, t.t('profile.summary', { name: anna.displayName }));
            assert.equal(reply.locale, phrases[locale].tag);
            const card = cardOf(reply);
            const texts = cardTexts(card);
            assert.ok(texts.includes(anna.displayName));
            assert.ok(texts.some((x) => x.startsWith(managerName)), 'manager shown');
            assert.ok(texts.includes(t.t('profile.field.manager')));
            assert.ok(texts.includes(t.t('profile.managed', { organization: 'Contoso' })));
            assert.ok(texts.includes(t.t('profile.reportError')));
            const image = JSON.stringify(card).match(/"url":"([^"]+)"/)?.[1] ?? '';
            assert.match(image, /^data:image\//, 'the avatar is a data URI, never a hot link');
          });
      });

      it('something out of scope → "here is what I can do" with the menu', async function () {
        await harness.conversation(anna.id, say.tag)
          .send(say.outOfScope)
          .assertReply((reply: Partial<Activity>) => {
            assert.ok(cardTexts(cardOf(reply)).includes(t.t('none.intro')));
          });
      });

      it('a message in a script none of the four languages uses (Russian) → "here is what I can do", in the conversation\'s language', async function () {
        await harness.conversation(anna.id, say.tag)
          .send('Здравствуйте, я забыл пароль')
          .assertReply((reply: Partial<Activity>) => {
            assert.ok(cardTexts(cardOf(reply)).includes(t.t('none.intro')));
          });
      });

      it('a password typed on its own with nothing asked → warned never to type one, not the menu; a plain word is not one', async function () {
        const chat = harness.chat(anna.id, say.tag);
        const replies = await chat.say('Winter-Garden-42!');
        assert.deepEqual(replies.map((r) => r.text), [t.t('none.looksLikePassword')]);
        assert.ok(cardTexts(cardOf((await chat.say('Winterberg'))[0] ?? {})).includes(t.t('none.intro')));
      });

      it('cancel with nothing going on → says there is nothing to cancel', async function () {
        await harness.conversation(anna.id, say.tag).send(say.cancel).assertReply(t.t('cancel.nothing'));
      });

      it('nobody signed in → no account data, a clear answer', async function () {
        await harness.conversation(undefined, say.tag).send(say.profile).assertReply(t.t('identity.signInRequired'));
      });

      it('an unknown Teams user → no account data, told their account was not found (not to sign in)', async function () {
        await harness.conversation('00000000-0000-0000-0000-000000000000', say.tag).send(say.profile).assertReply(t.t('identity.unknownUser'));
      });

      it('the menu button starts the goal', async function () {
        await harness.conversation(anna.id, say.tag)
          .send({ type: 'message', value: { verb: cardVerbs.startGoal, goal: 'profile.view' } })
          .assertReply((reply: Partial<Activity>) => assert.ok(cardTexts(cardOf(reply)).includes(anna.displayName)));
      });

      it('"report an error" → a helpdesk ticket about the profile, the category already chosen', async function () {
        await harness.conversation(anna.id, say.tag)
          .send(say.profile)
          .assertReply(() => undefined)
          .send({ type: 'message', value: { verb: cardVerbs.reportProfileError } })
          .assertReply((reply: Partial<Activity>) => {
            const card = cardOf(reply);
            assert.ok(cardTexts(card).includes(t.t('helpdesk.heading')));
            assert.ok(cardTexts(card).includes(t.t('helpdesk.contextKnown', { goal: t.t('goal.profile.view.title') })));
            assert.match(JSON.stringify(card), /"id":"category","label":"[^"]*","style":"expanded","wrap":true,"value":"profile"/);
          });
      });

      it('an unknown or forged card payload → refused politely', async function () {
        await harness.conversation(anna.id, say.tag)
          .send({ type: 'message', value: { verb: 'account.deleteEverything', id: 'x' } })
          .assertReply(t.t('card.unknown'))
          .send({ type: 'message', value: { verb: cardVerbs.startGoal, goal: 'root' } })
          .assertReply(t.t('card.unknown'))
          .send({ type: 'message', value: 'just a string' })
          .assertReply(t.t('card.unknown'));
      });

      it('a huge message → asked to say it shorter', async function () {
        await harness.conversation(anna.id, say.tag)
          .send('profile '.repeat(1000))
          .assertReply(t.t('input.tooLong', { max: 4000 }));
      });

      it('asking for this language → switches, remembers it for the next turns', async function () {
        const other = locale === 'en' ? phrases.fr : phrases.en;
        await harness.conversation(anna.id, other.tag)
          .send(say.switchHere)
          .assertReply(t.t('language.switched'))
          .send(other.profile)
          .assertReply((reply: Partial<Activity>) => assert.equal(reply.text, t.t('profile.summary', { name: anna.displayName })));
      });
    });
  }

  it('greets a new member by name, with the menu, in the channel language', async function () {
    const t = translator('nl');
    const adapter = harness.conversation(anna.id, 'nl-NL');
    await adapter
      .send({ type: 'conversationUpdate', membersAdded: [{ id: 'teams-user', name: 'Teams user' }] })
      .assertReply(t.t('welcome.user', { name: String(anna.givenName), organization: 'Contoso' }))
      .assertReply((reply: Partial<Activity>) => assert.ok(cardTexts(cardOf(reply)).includes(t.t('menu.title'))));
  });

  it('someone not signed in (the web page\'s "I can\'t sign in") is greeted and asked for the account of the reset at once', async function () {
    const t = translator('fr');
    await harness.conversation(undefined, 'fr-FR', 'directline')
      .send({ type: 'conversationUpdate', membersAdded: [{ id: 'anonymous', name: 'Web user' }] })
      .assertReply(t.t('welcome.cannotSignIn', { organization: 'Contoso' }))
      .assertReply((reply: Partial<Activity>) => assert.ok(cardTexts(cardOf(reply)).includes(t.t('passwordReset.askAccount'))));
  });

  it('a Teams user the directory does not know is told so, and nothing starts', async function () {
    const t = translator('en');
    await harness.conversation('not-in-the-directory', 'en-US')
      .send({ type: 'conversationUpdate', membersAdded: [{ id: 'teams-user', name: 'Teams user' }] })
      .assertReply(t.t('welcome.anonymous', { organization: 'Contoso' }))
      .assertNoReply();
  });

  it('a Teams user whose account is disabled is told so (not that it was not found), and nothing starts', async function () {
    const seed = await demoSeed();
    const disabled = seed.users.find((u) => u.accountEnabled !== false && typeof u.preferredLanguage === 'string' && u.preferredLanguage.startsWith('fr')) as { id: string };
    const off = await createHarness({ seed: (s) => { for (const u of s.users) if (u.id === disabled.id) u.accountEnabled = false; } });
    try {
      const t = translator('fr');
      await off.conversation(disabled.id, 'fr-FR')
        .send({ type: 'conversationUpdate', membersAdded: [{ id: 'teams-user', name: 'Teams user' }] })
        .assertReply(t.t('identity.accountDisabled'))
        .assertNoReply();
      assert.deepEqual((await off.chat(disabled.id, 'fr-FR').say(phrases.fr.profile)).map((r) => r.text), [t.t('identity.accountDisabled')]);
    } finally {
      await off.close();
    }
  });

  it('sends its text as plain text: a name with markdown in it is shown as written, never as a link or emphasis', async function () {
    const seed = await demoSeed();
    const someone = seed.users.find((u) => u.accountEnabled !== false) as { id: string };
    const name = 'Eve *bold* [link](http://evil.example)';
    const odd = await createHarness({ seed: (s) => { for (const u of s.users) if (u.id === someone.id) u.displayName = name; } });
    try {
      const replies = await odd.chat(someone.id, 'en-US').say(phrases.en.profile);
      const summary = replies.find((r) => typeof r.text === 'string' && r.text.includes(name));
      assert.equal(summary?.textFormat, 'plain', JSON.stringify(replies.map((r) => [r.text, r.textFormat])));
      assert.ok(replies.every((r) => typeof r.text !== 'string' || r.textFormat === 'plain'));
    } finally {
      await odd.close();
    }
  });

  it('replies in the language the user writes in, even when the channel says otherwise', async function () {
    const t = translator('sv');
    await harness.conversation(anna.id, 'en-US')
      .send(phrases.sv.profile)
      .assertReply((reply: Partial<Activity>) => assert.equal(reply.text, t.t('profile.summary', { name: anna.displayName })));
  });

  it('one message in another language does not move the conversation; two in a row do', async function () {
    const fr = translator('fr');
    const en = translator('en');
    const claire = await demoUserNamed('claire');
    const chat = harness.chat(claire.id, 'fr-FR');
    await chat.say(phrases.fr.profile);
    // CLAIRE: "show my devices" → still answered in French, and "merci" after it too
    assert.ok(cardTexts(cardOf((await chat.say(phrases.en.devices)).at(-1) ?? {})).includes(fr.t('devices.heading')));
    assert.equal((await chat.say('merci'))[0]?.text, fr.t('smalltalk.thanks'));
    // Two English requests in a row: she means it.
    await chat.say(phrases.en.devices);
    assert.ok(cardTexts(cardOf((await chat.say(phrases.en.profile)).at(-1) ?? {})).includes(en.t('profile.heading')));
  });

  it('asking again for the goal going on starts it afresh, without "I left what we were doing"; another goal still says it', async function () {
    const t = translator('en');
    const chat = harness.chat(undefined, 'en-US');
    await chat.say(phrases.en.passwordReset);
    const again = await chat.say(phrases.en.passwordReset);
    assert.ok(!again.some((r) => r.text === t.t('goal.switched')), again.map((r) => r.text).join(' | '));
    assert.ok(cardTexts(chat.card()).includes(t.t('passwordReset.askAccount')), 'the reset asks for the account again');
    const anna = await demoUserNamed('anna');
    const signedIn = harness.chat(anna.id, 'en-US');
    await signedIn.say(phrases.en.signOut);
    assert.equal((await signedIn.say(phrases.en.devices))[0]?.text, t.t('goal.switched'));
  });
});
