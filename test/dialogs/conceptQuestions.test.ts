// "What is an authenticator?" and the like, asked with nothing going on, at the step-up card and at
// the code card: a short explanation, in the conversation's language; a card that waits still waits.
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../bot/core/i18n/i18n.js';
import { codeIn, demoUserNamed } from '../helpers.js';
import { cardTexts, createHarness, type Harness } from './harness.js';
import { phrases } from './testData/phrases.js';

const whatIsAuthenticator = { en: 'what is an authenticator?', fr: "c'est quoi une application authenticator ?", nl: 'wat is een authenticator eigenlijk?', sv: 'vad är en authenticator?' } as const;
const whatIsStepUp = { en: 'what is step-up verification?', fr: "c'est quoi un code de vérification ?", nl: 'wat is een verificatiecode?', sv: 'vad är en verifieringskod?' } as const;
const whatIsMfa = { en: "what's 2FA", fr: "qu'est-ce que l'authentification multifacteur ?", nl: 'wat is tweestapsverificatie?', sv: 'vad är MFA?' } as const;

describe('questions about what a word means', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    it(`${locale}: with nothing going on, "${whatIsAuthenticator[locale]}", "${whatIsStepUp[locale]}" and "${whatIsMfa[locale]}" are explained`, async function () {
      const claire = await demoUserNamed('claire');
      const chat = harness.chat(claire.id, say.tag);
      assert.deepEqual((await chat.say(whatIsAuthenticator[locale])).map((r) => r.text), [t.t('concept.authenticator')]);
      assert.deepEqual((await chat.say(whatIsStepUp[locale])).map((r) => r.text), [t.t('concept.verificationCode')]);
      assert.deepEqual((await chat.say(whatIsMfa[locale])).map((r) => r.text), [t.t('concept.multiFactor')]);
    });

    it(`${locale}: asked at the step-up card and at the code card, the answer says the card still waits, and it does`, async function () {
      const claire = await demoUserNamed('claire');
      const chat = harness.chat(claire.id, say.tag);
      await chat.say(say.securityAdd);
      assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.addReason')));
      const waiting = `\n\n${t.t('concept.cardWaits')}`;
      assert.deepEqual((await chat.say(whatIsAuthenticator[locale])).map((r) => r.text), [`${t.t('concept.authenticator')}${waiting}`]);
      const email = (await harness.directory.listAuthenticationMethods(claire.id)).find((m) => m.kind === 'email');
      await chat.submit('choose', {}, { methodId: email?.id ?? '' });
      assert.deepEqual((await chat.say(whatIsStepUp[locale])).map((r) => r.text), [`${t.t('concept.verificationCode')}${waiting}`]);
      assert.deepEqual((await chat.say(whatIsAuthenticator[locale])).map((r) => r.text), [`${t.t('concept.authenticator')}${waiting}`]);
      await chat.say(codeIn((await harness.notifier.messagesFor(claire.id)).at(-1)?.text ?? ''));
      assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.addPick')), 'the code card still took the code');
    });
  }
});
