// securityinfo.remove asked for together with something else in the same message ("remove my phone
// number and make the app my default", "delete the SMS number, I only use the app now"): the method
// removed is the one the removal words name, never the one the other words name; the default the
// message asks for is preselected when the confirmation asks for a new one. In every language; the
// methods come from the directory and the expected text from the locale files.
import assert from 'node:assert/strict';
import { supportedLocales, translator, type Locale } from '../../../bot/core/i18n/i18n.js';
import { methodPhrase } from '../../../bot/core/i18n/methodNames.js';
import { demoUserNamed } from '../../helpers.js';
import { cardTexts, createHarness, presetInputs, passCheck, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';

/** A removal and, in the same message, words about the app that ask for something else. */
const removalWithAppWords: Record<Locale, readonly string[]> = {
  en: ['remove my phone number and make the app my default', 'delete the sms number, I only use the app now'],
  fr: ['supprime mon numéro de téléphone et mets l’application par défaut', 'supprime le numéro SMS, j’utilise seulement l’appli maintenant'],
  nl: ['verwijder mijn telefoonnummer en maak de app standaard', 'verwijder het sms-nummer, ik gebruik alleen nog de app'],
  sv: ['ta bort mitt telefonnummer och gör appen till standard', 'ta bort sms-numret, jag använder bara appen nu'],
};

describe('securityinfo.remove with other words in the same message', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    describe(`in ${locale}`, function () {
      for (const text of removalWithAppWords[locale]) {
        it(`"${text}": the phone is the one removed, the app the new default preselected`, async function () {
          // Emily's default is text messages to her phone: removing the phone asks for a new default.
          const emily = await demoUserNamed('emily');
          const methods = await harness.directory.listAuthenticationMethods(emily.id);
          const phone = methods.find((m) => m.kind === 'phone');
          const app = methods.find((m) => m.kind === 'microsoftAuthenticator');
          assert.ok(phone && app);
          const chat = harness.chat(emily.id, say.tag);
          await chat.say(text);
          assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.removeReason')), 'the check comes first');
          assert.ok(!JSON.stringify(chat.card()).includes(phone.id), 'the phone being removed is not offered for the check');
          await passCheck(harness, chat, emily.id, { kind: 'email' });
          const texts = cardTexts(chat.card());
          assert.ok(texts.includes(t.t('securityInfo.removeConfirm', { method: methodPhrase(t, phone) })), 'the confirmation names the phone');
          assert.ok(!texts.includes(t.t('securityInfo.removeConfirm', { method: methodPhrase(t, app) })), 'not the app');
          assert.ok(texts.includes(t.t('securityInfo.removeDefaultNote')));
          assert.equal(presetInputs(chat.card()).newDefault, 'push', 'the app, as the message asked, is the new default preselected');
          assert.equal((await harness.directory.listAuthenticationMethods(emily.id)).length, methods.length, 'nothing changed yet');
          await chat.submit('remove');
          const left = await harness.directory.listAuthenticationMethods(emily.id);
          assert.ok(!left.some((m) => m.id === phone.id), 'the phone was removed');
          assert.ok(left.some((m) => m.id === app.id), 'the app is kept');
          assert.equal((await harness.directory.getSignInPreferences(emily.id))?.userPreferredMethodForSecondaryAuthentication, 'push');
        });
      }

      it('a removal that names two methods in two parts still gets the choice', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(`${say.removePhone}, ${emailWord[locale]}`);
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.removePick')));
      });
    });
  }
});

/** The alternate e-mail named alone, as the second part of a removal ("remove my phone number, my e-mail too"). */
const emailWord: Record<Locale, string> = {
  en: 'my e-mail too',
  fr: 'mon adresse e-mail aussi',
  nl: 'mijn e-mailadres ook',
  sv: 'min e-post också',
};
