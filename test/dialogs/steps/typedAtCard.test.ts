// Choices typed at a card instead of clicked: the number at the card asking for a phone number, the
// method named at the list of methods to remove. The typed answer goes through the card's own button,
// once (the card's nonce is spent); anything that names no item, or several, is read as before.
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../../bot/core/i18n/i18n.js';
import { demoUserNamed, phoneDigits } from '../../helpers.js';
import { cardTexts, createHarness, passCheck, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';

/** The phone, named as people type it at the list of methods. */
const thePhone = { en: 'my mobile phone', fr: 'mon téléphone', nl: 'mijn telefoon', sv: 'mobilen' } as const;
/** The e-mail address, named as people type it. */
const theEmail = { en: 'the email one', fr: "l'adresse e-mail", nl: 'het e-mailadres', sv: 'e-posten' } as const;

describe('choices typed at a card', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    it(`${locale}: a number typed at the card asking for a phone number fills it: a bad one gets the card's own check, a good one a code, and the card's button is then spent`, async function () {
      const claire = await demoUserNamed('claire');
      const chat = harness.chat(claire.id, say.tag);
      await chat.say(say.securityAdd);
      const email = (await harness.directory.listAuthenticationMethods(claire.id)).find((m) => m.kind === 'email');
      await passCheck(harness, chat, claire.id, email?.id ?? '');
      await chat.submit('phone');
      const bad = await chat.say('12345');
      assert.ok(!bad.some((r) => r.text === t.t('card.useCard')), bad.map((r) => r.text).join(' | '));
      assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.badPhone')));
      const stale = chat.buttonData('submit');
      await chat.say('+33 7 81 23 45 67');
      const sms = (await harness.notifier.messagesFor(claire.id)).at(-1);
      assert.equal(phoneDigits(sms?.to ?? ''), '+33781234567');
      assert.equal(sms?.channel, 'sms');
      assert.equal((await chat.send({ ...stale, phone: '+33 7 81 23 45 68' }))[0]?.text, t.t('card.stale'));
    });

    it(`${locale}: "${theEmail[locale]}" at the list of methods to remove picks the e-mail; "${thePhone[locale]}" the phone; a word naming none still gets "use the card"`, async function () {
      const anna = await demoUserNamed('anna');
      const methods = await harness.directory.listAuthenticationMethods(anna.id);
      const email = methods.find((m) => m.kind === 'email');
      const phone = methods.find((m) => m.kind === 'phone');
      assert.ok(email && phone);
      for (const [typed, chosen] of [[theEmail[locale], email], [thePhone[locale], phone]] as const) {
        await harness.services.verification.grantStepUp(anna.id, 'conversation-1');
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.securityRemove);
        assert.equal((await chat.say('purple'))[0]?.text, t.t('card.useCard'));
        const stale = chat.buttonData('choose', { methodId: chosen.id });
        const replies = await chat.say(typed);
        assert.ok(!replies.some((r) => r.text === t.t('card.useCard')), `${typed}: ${replies.map((r) => r.text).join(' | ')}`);
        assert.ok(!cardTexts(chat.card()).includes(t.t('securityInfo.removePick')), `${typed}: the pick is answered`);
        assert.equal((await chat.send(stale))[0]?.text, t.t('card.stale'), `${typed}: the button pressed is spent`);
        await chat.say(say.cancel);
      }
    });
  }
});
