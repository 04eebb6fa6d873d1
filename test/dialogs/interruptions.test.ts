// Small talk, answered as such at any point: greetings, thanks, goodbyes, and anger (a person is offered).
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../bot/core/i18n/i18n.js';
import { demoUserNamed } from '../helpers.js';
import { createHarness, type Harness } from './harness.js';
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
    it(`${locale}: a greeting, thanks and goodbye get a word back, not "I didn't understand" and the menu; thanks in a goal leaves it waiting`, async function () {
      const anna = await demoUserNamed('anna');
      const chat = harness.chat(anna.id, phrases[locale].tag);
      assert.deepEqual((await chat.say(hello[locale])).map((r) => r.text), [t.t('smalltalk.greeting')]);
      await chat.say(phrases[locale].signOut);
      assert.deepEqual((await chat.say(thanks[locale])).map((r) => r.text), [t.t('smalltalk.thanks')], 'not read as cancel');
      assert.equal((await chat.submit('no'))[0]?.text, t.t('signout.kept'), 'the card still works');
      assert.deepEqual((await chat.say(bye[locale])).map((r) => r.text), [t.t('smalltalk.goodbye')]);
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
});
