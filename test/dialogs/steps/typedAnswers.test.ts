// Typing the answer to a Yes/No card, as people do: "yes please", "oui", "ja hoor", "nej tack".
// The typed answer presses the card's button once; the language stays; anything else is read as before.
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../../bot/core/i18n/i18n.js';
import { methodPhrase } from '../../../bot/core/i18n/methodNames.js';
import { demoUserNamed } from '../../helpers.js';
import { cardTexts, createHarness, modeOf, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';

const typedYes = { en: 'yes please', fr: 'oui', nl: 'ja hoor', sv: 'ja tack' } as const;
const typedNo = { en: 'no thanks', fr: 'non merci', nl: 'nee', sv: 'nej' } as const;

describe('typed answers to a confirmation card', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    it(`${locale}: "${typedYes[locale]}" at "sign out everywhere?" signs out; the card's own Yes is then spent`, async function () {
      const claire = await demoUserNamed('claire');
      const before = (await harness.directory.findUserById(claire.id))?.signInSessionsValidFromDateTime;
      const chat = harness.chat(claire.id, say.tag);
      await chat.say(say.signOut);
      const stale = chat.buttonData('yes');
      const replies = await chat.say(typedYes[locale]);
      assert.equal(replies.at(-1)?.text, t.t('signout.done'));
      assert.notEqual((await harness.directory.findUserById(claire.id))?.signInSessionsValidFromDateTime, before);
      assert.equal((await chat.send(stale))[0]?.text, t.t('card.stale'));
    });

    it(`${locale}: "${typedNo[locale]}" keeps everything, and the conversation stays in ${locale}`, async function () {
      const claire = await demoUserNamed('claire');
      const before = (await harness.directory.findUserById(claire.id))?.signInSessionsValidFromDateTime;
      const chat = harness.chat(claire.id, say.tag);
      await chat.say(say.signOut);
      assert.equal((await chat.say(typedNo[locale])).at(-1)?.text, t.t('signout.kept'));
      assert.equal((await harness.directory.findUserById(claire.id))?.signInSessionsValidFromDateTime, before);
      assert.equal((await chat.say(say.cancel))[0]?.text, t.t('cancel.nothing'), 'still answered in the same language');
    });
  }

  it('a "yes" typed by someone else in the conversation presses nothing', async function () {
    const t = translator('en');
    const claire = await demoUserNamed('claire');
    const anna = await demoUserNamed('anna');
    const before = (await harness.directory.findUserById(claire.id))?.signInSessionsValidFromDateTime;
    const chat = harness.chat(claire.id, 'en-US');
    await chat.say(phrases.en.signOut);
    const template = chat.adapter.template;
    const claireFrom = template.from;
    template.from = { id: 'teams-anna', name: 'Anna', aadObjectId: anna.id };
    const replies = await chat.say('yes');
    template.from = claireFrom;
    assert.notEqual(replies.at(-1)?.text, t.t('signout.done'));
    assert.equal((await harness.directory.findUserById(claire.id))?.signInSessionsValidFromDateTime, before, 'nothing revoked');
    assert.equal((await chat.submit('no'))[0]?.text, t.t('signout.kept'), 'the card still waits for Claire');
  });

  it('"yes" at a removal confirmation removes the method; a typed word that is no answer still gets "use the card"; "why?" at the pick and at the confirmation is answered, never with the card\'s own question', async function () {
    const t = translator('en');
    const anna = await demoUserNamed('anna');
    const chat = harness.chat(anna.id, 'en-US');
    const methods = await harness.directory.listAuthenticationMethods(anna.id);
    const email = methods.find((m) => m.kind === 'email');
    const phone = methods.find((m) => m.kind === 'phone');
    assert.ok(email && phone);
    await harness.services.verification.grantStepUp(anna.id, 'conversation-1');
    await chat.say(phrases.en.securityRemove);
    // At the pick, "why?" is not answered with the pick's own question, and no code was sent yet.
    assert.deepEqual((await chat.say('why?')).map((r) => r.text), [t.t('step.whyGeneric')]);
    assert.deepEqual((await chat.say("I didn't get a code")).map((r) => r.text), [t.t('code.noneSent')]);
    await chat.submit('choose', {}, { methodId: email.id });
    if (chat.buttonData('choose').methodId !== undefined) {
      // A check with another method is asked first: with the phone.
      await chat.submit('choose', {}, { methodId: phone.id });
      const { codeIn } = await import('../../helpers.js');
      await chat.say(codeIn((await harness.notifier.messagesFor(anna.id)).at(-1)?.text ?? ''));
    }
    assert.equal((await chat.say('purple'))[0]?.text, t.t('card.useCard'));
    // At the confirmation, "why?" says what removing it means, not the question again.
    assert.deepEqual((await chat.say('why?')).map((r) => r.text), [t.t('step.why', { reason: t.t('securityInfo.removeWhy', { method: methodPhrase(t, email) }) })]);
    await chat.say('yes');
    assert.ok(!(await harness.directory.listAuthenticationMethods(anna.id)).some((m) => m.id === email.id));
  });
});


describe('typed answers to the terms of use', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  const accepts = { en: 'yes, I accept', fr: "oui, j'accepte", nl: 'ja, ik ga akkoord', sv: 'ja, jag godkänner' } as const;
  const refuses = { en: 'I decline', fr: 'je refuse', nl: 'ik weiger', sv: 'jag avböjer' } as const;
  const plainNo = { en: 'no', fr: 'non', nl: 'nee', sv: 'nej' } as const;
  for (const locale of supportedLocales) {
    it(`${locale}: "${accepts[locale]}" accepts the agreement shown; "${refuses[locale]}" declines the next, "${plainNo[locale]}" leaves it for later`, async function () {
      const t = translator(locale);
      const anna = await demoUserNamed('anna');
      if (modeOf(harness, 'termsofuse.review') === 'portal') this.skip(); // Graph mode: the terms are Microsoft's page
      // Every agreement waiting for Anna: none decided yet.
      for (const agreement of await harness.directory.listTermsOfUse()) {
        await harness.directory.recordAgreementDecision(anna.id, { agreementId: agreement.id, agreementVersion: 'old', state: 'accepted', recordedDateTime: '2001-01-01T00:00:00Z' });
      }
      const decision = async (id: string) => (await harness.directory.listAgreementAcceptances(anna.id)).find((d) => d.agreementId === id);
      const chat = harness.chat(anna.id, phrases[locale].tag);
      await chat.say(phrases[locale].termsOfUse);
      const first = String(chat.buttonData('accept').agreementId);
      const version = (await harness.directory.listTermsOfUse()).find((a) => a.id === first)?.version;
      const accepted = await chat.say(accepts[locale]);
      assert.ok(accepted.some((r) => r.text?.startsWith(t.t('termsOfUse.accepted', { agreement: '\u0000' }).split('\u0000')[0] ?? '-')), accepted.map((r) => r.text).join(' | '));
      assert.deepEqual([(await decision(first))?.state, (await decision(first))?.agreementVersion], ['accepted', version]);
      const second = String(chat.buttonData('decline').agreementId);
      await chat.say(refuses[locale]);
      assert.equal((await decision(second))?.state, 'declined');
      // Offered again, as a declined one is: a plain "no" now records nothing.
      await chat.say(phrases[locale].termsOfUse);
      const again = String(chat.buttonData('decline').agreementId);
      const before = await decision(again);
      const replies = await chat.say(plainNo[locale]);
      assert.ok(replies.some((r) => r.text === t.t('termsOfUse.laterReply')), replies.map((r) => r.text).join(' | '));
      assert.deepEqual(await decision(again), before);
    });
  }
});

describe('questions while a card waits', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  it('"why?" at a check gets the card\'s own reason; "I\'m not getting the code" what to do; the card keeps waiting and the code still works', async function () {
    const t = translator('en');
    const anna = await demoUserNamed('anna');
    const chat = harness.chat(anna.id, 'en-US');
    await chat.say(phrases.en.securityAdd);
    assert.deepEqual((await chat.say('why?')).map((r) => r.text), [t.t('step.why', { reason: t.t('securityInfo.addReason') })]);
    const email = (await harness.directory.listAuthenticationMethods(anna.id)).find((m) => m.kind === 'email');
    assert.ok(email);
    await chat.submit('choose', {}, { methodId: email.id });
    assert.deepEqual((await chat.say("I'm not getting the code")).map((r) => r.text), [t.t('code.notArriving', { button: t.t('code.resend') })]);
    const { codeIn } = await import('../../helpers.js');
    await chat.say(codeIn((await harness.notifier.messagesFor(anna.id)).at(-1)?.text ?? ''));
    assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.addPick')), 'verified: the goal goes on');
  });

  for (const locale of supportedLocales) {
    it(`${locale}: at the code card, "why?" says what the code proves, a code said in a sentence is read, and other text typed there never reaches a ticket`, async function () {
      const t = translator(locale);
      const say = phrases[locale];
      const why = { en: 'why?', fr: 'pourquoi ?', nl: 'waarom?', sv: 'varför?' }[locale];
      const codeSaid = { en: 'the code is {code}', fr: 'le code c’est {code}', nl: 'de code is {code}', sv: 'koden är {code}' }[locale];
      const anna = await demoUserNamed('anna');
      const chat = harness.chat(anna.id, say.tag);
      await chat.say(say.securityAdd);
      const email = (await harness.directory.listAuthenticationMethods(anna.id)).find((m) => m.kind === 'email');
      assert.ok(email);
      await chat.submit('choose', {}, { methodId: email.id });
      assert.deepEqual((await chat.say(why)).map((r) => r.text), [t.t('step.why', { reason: t.t('code.why') })]);
      await chat.say('Tulpen Amsterdam 2026 X');
      assert.ok(cardTexts(chat.card()).includes(t.t('code.notACode')), 'not a code: the card asks again');
      const { codeIn: lastCode } = await import('../../helpers.js');
      await chat.say(codeSaid.replace('{code}', lastCode((await harness.notifier.messagesFor(anna.id)).at(-1)?.text)));
      assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.addPick')), 'verified: the goal goes on');
      await chat.say(say.cancel);
      await chat.say(say.helpdesk);
      await chat.submit('submit', { category: 'signInMethods', description: 'A question about my methods' });
      await chat.submit('send');
      const [ticket] = await harness.services.tickets.listForUser(anna.id);
      assert.ok(ticket);
      assert.ok(!JSON.stringify(ticket).includes('Tulpen'), 'what was typed at the code card is not in the ticket');
    });
  }

  it('"pourquoi ?" at the sign-out confirmation explains what it does, in French, and changes nothing', async function () {
    const t = translator('fr');
    const claire = await demoUserNamed('claire');
    const chat = harness.chat(claire.id, 'fr-FR');
    await chat.say(phrases.fr.signOut);
    assert.deepEqual((await chat.say('pourquoi ?')).map((r) => r.text), [t.t('step.why', { reason: t.t('signout.explain') })]);
    assert.equal((await chat.submit('no'))[0]?.text, t.t('signout.kept'));
  });
});
