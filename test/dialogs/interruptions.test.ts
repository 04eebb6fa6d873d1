// Small talk, answered as such at any point: greetings, thanks, goodbyes, and anger (a person is offered).
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../bot/core/i18n/i18n.js';
import { demoUserNamed } from '../helpers.js';
import { cardOf, cardTexts, createHarness, submitActions, type Harness } from './harness.js';
import { phrases } from './testData/phrases.js';
describe('small talk', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  const hello = { en: 'hi', fr: 'bonjour', nl: 'hoi', sv: 'hej' } as const;
  const thanks = { en: 'thanks!', fr: 'merci', nl: 'bedankt!', sv: 'tack' } as const;
  const bye = { en: 'bye', fr: 'au revoir', nl: 'doei', sv: 'hej då' } as const;

  for (const locale of supportedLocales) {
    const t = translator(locale);
    it(`${locale}: a greeting gets a word back and three suggestions, thanks and goodbye a word back, not "I didn't understand" and the menu; a hello or thanks in a goal points to its card, which still waits`, async function () {
      const anna = await demoUserNamed('anna');
      const chat = harness.chat(anna.id, phrases[locale].tag);
      // "hi" → a word back and three suggestions, not the whole menu
      const greeted = await chat.say(hello[locale]);
      assert.equal(greeted.length, 2);
      assert.equal(greeted[0]?.text, t.t('smalltalk.greeting'));
      const suggestions = cardTexts(cardOf(greeted[1] ?? {}));
      assert.ok(suggestions.includes(t.t('smalltalk.suggestions')), 'the card says what it is');
      for (const goal of ['password.change', 'securityinfo.view', 'helpdesk.ticket']) assert.ok(suggestions.includes(t.t(`goal.${goal}.title`)), goal);
      assert.equal(submitActions(cardOf(greeted[1] ?? {})).length, 3, 'three buttons');
      await chat.say(phrases[locale].signOut);
      assert.deepEqual((await chat.say(hello[locale])).map((r) => r.text), [t.t('smalltalk.greetingDuringGoal')], 'during a goal: a reminder of its card, no suggestions over it');
      assert.deepEqual((await chat.say(thanks[locale])).map((r) => r.text), [t.t('smalltalk.thanksDuringGoal')], 'not read as cancel');
      assert.equal((await chat.submit('no'))[0]?.text, t.t('signout.kept'), 'the card still works');
      assert.deepEqual((await chat.say(bye[locale])).map((r) => r.text), [t.t('smalltalk.goodbye')]);
    });
  }

  // Words of agreement: the Yes of a Yes/No card; with nothing asked, a word back (never the terms of use, which they resemble).
  const agreed = { en: 'agreed', fr: 'd accord', nl: 'akkoord', sv: 'jag håller med' } as const;
  for (const locale of supportedLocales) {
    const t = translator(locale);
    it(`${locale}: "${agreed[locale]}" is a word back with nothing asked, a reminder of the card that waits on a form, and the Yes of a Yes/No card`, async function () {
      const anna = await demoUserNamed('anna');
      const chat = harness.chat(anna.id, phrases[locale].tag);
      assert.deepEqual((await chat.say(agreed[locale])).map((r) => r.text), [t.t('smalltalk.acknowledgement')]);
      await chat.say(phrases[locale].helpdesk);
      const form = chat.card();
      assert.deepEqual((await chat.say(agreed[locale])).map((r) => r.text), [t.t('smalltalk.acknowledgementDuringGoal')]);
      assert.deepEqual(chat.card(), form, 'the form still waits');
      await chat.say(phrases[locale].cancel);
      await chat.say(phrases[locale].signOut);
      assert.equal((await chat.say(agreed[locale]))[0]?.text, t.t('signout.done'));
    });
  }

  it('anger gets an apology and the helpdesk form, even in the middle of a goal', async function () {
    const t = translator('nl');
    const anna = await demoUserNamed('anna');
    const chat = harness.chat(anna.id, 'nl-NL');
    await chat.say(phrases.nl.signOut);
    const replies = await chat.say('wat een kutbot');
    assert.equal(replies[0]?.text, t.t('smalltalk.frustration'));
    assert.ok(JSON.stringify(chat.card()).includes(t.t('helpdesk.descriptionLabel')), 'the helpdesk form');
  });

  it('a request said in anger is the request: "I forgot my damn password" starts the reset as the plain words do, no ticket', async function () {
    const t = translator('en');
    const anna = await demoUserNamed('anna');
    const texts = async (text: string): Promise<string[]> =>
      (await harness.chat(anna.id, 'en-US').say(text)).flatMap((r) => [r.text ?? '', ...cardTexts(cardOf(r))]);
    const angry = await texts('I forgot my damn password');
    assert.ok(!angry.includes(t.t('smalltalk.frustration')), angry.join('\n'));
    assert.deepEqual(angry, await texts('I forgot my password'));
  });
});
