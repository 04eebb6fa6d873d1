// securityinfo.view/add/remove/default and audit.view as transcripts in every language, and the
// card-submission rules: replayed, stale, forged and cross-user submissions change nothing.
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../../bot/core/i18n/i18n.js';
import { maskEmail, maskPhone } from '../../../bot/core/usecases/methods.js';
import { methodPhrase, preferenceLabel } from '../../../bot/core/i18n/methodNames.js';
import { codeIn, demoUserNamed, phoneDigits } from '../../helpers.js';
import { cardTexts, createHarness, modeOf, passCheck, textOf, submitActions, type Chat, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';


describe('security info dialogs', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    describe(`in ${locale}`, function () {
      it('securityinfo.view: every method, masked, the default marked, with add / remove / default buttons', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.securityView);
        const texts = cardTexts(chat.card());
        const methods = await harness.directory.listAuthenticationMethods(anna.id);
        const phone = methods.find((m) => m.kind === 'phone');
        const email = methods.find((m) => m.kind === 'email');
        assert.ok(texts.includes(maskPhone(phone?.phoneNumber ?? '')));
        assert.ok(texts.includes(maskEmail(email?.emailAddress ?? '')));
        assert.ok(!JSON.stringify(chat.card()).includes(phone?.phoneNumber ?? '-'), 'the full number is not shown');
        assert.ok(texts.includes(t.t('securityInfo.defaultBadge')));
        assert.ok(texts.includes(t.t('securityInfo.defaultIs', { method: t.t('method.preference.push', { detail: '' }) })));
        const goals = submitActions(chat.card()).map((d) => d.goal);
        assert.deepEqual([...new Set(goals)].sort(), ['securityinfo.add', 'securityinfo.default', 'securityinfo.remove']);
      });

      it('securityinfo.add: step-up first, a bad number is refused, the new phone is proved by a code sent to it, E.164-normalized', async function () {
        const claire = await demoUserNamed('claire');
        // Claire has a mobile phone already, so a new one is her alternate phone.
        const chat = harness.chat(claire.id, say.tag);
        await chat.say(say.securityAdd);
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.addReason')));
        const email = (await harness.directory.listAuthenticationMethods(claire.id)).find((m) => m.kind === 'email');
        await passCheck(harness, chat, claire.id, email?.id ?? '');
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.addPick')));
        await chat.submit('phone');
        await chat.submit('submit', { phone: '12345' });
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.badPhone')));
        await chat.submit('submit', { phone: '+33 7 81 23 45 67' });
        const sms = (await harness.notifier.messagesFor(claire.id)).at(-1);
        assert.equal(sms?.to, '+33 7 81 23 45 67');
        assert.equal(sms?.channel, 'sms');
        const replies = await chat.submit('verify', { code: codeIn(sms?.text ?? '') });
        // The same number, however the directory writes it (Graph keeps "+33 781234567").
        const added = (await harness.directory.listAuthenticationMethods(claire.id)).find((m) => phoneDigits(m.phoneNumber) === '+33781234567');
        assert.equal(added?.phoneType, 'alternateMobile');
        assert.equal(replies[0]?.text, t.t('securityInfo.added', { method: methodPhrase(t, added) }));
        const notices = (await harness.notifier.messagesFor(claire.id)).filter((n) => n.to !== '+33 7 81 23 45 67' && !/\d{6}/.test(n.text));
        assert.ok(notices.length >= 2, 'the other channels are told');
        assert.equal((await harness.audit.listForUser(claire.id, 1))[0]?.action, 'securityinfo.add');
      });

      it('securityinfo.add: a work address is refused as the alternate e-mail, a personal one is proved by a code sent to it', async function () {
        const pieter = await demoUserNamed('pieter');
        const chat = harness.chat(pieter.id, say.tag);
        await chat.say(say.securityAdd);
        const phone = (await harness.directory.listAuthenticationMethods(pieter.id)).find((m) => m.kind === 'phone');
        await passCheck(harness, chat, pieter.id, phone?.id ?? '');
        await chat.submit('email');
        const domain = (await harness.directory.tenant()).verifiedDomains[0] ?? '';
        for (const work of [pieter.userPrincipalName.toUpperCase(), `someone.else@${domain}`, `pieter@mail.${domain}`]) {
          await chat.submit('submit', { email: work });
          assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.workEmail')), work);
        }
        const sent = (await harness.notifier.messagesFor(pieter.id)).length;
        await chat.submit('submit', { email: 'pieter.private@example.net' });
        const mail = (await harness.notifier.messagesFor(pieter.id)).at(-1);
        assert.equal((await harness.notifier.messagesFor(pieter.id)).length, sent + 1, 'one code, to the personal address only');
        assert.equal(mail?.to, 'pieter.private@example.net');
        await chat.submit('verify', { code: codeIn(mail?.text ?? '') });
        const emails = (await harness.directory.listAuthenticationMethods(pieter.id)).filter((m) => m.kind === 'email');
        assert.deepEqual(emails.map((m) => m.emailAddress), ['pieter.private@example.net']);
      });

      it('securityinfo.add: the Authenticator app is paired with a code sent to the demo phone', async function () {
        const pieter = await demoUserNamed('pieter');
        const chat = harness.chat(pieter.id, say.tag);
        await chat.say(say.securityAdd);
        const phone = (await harness.directory.listAuthenticationMethods(pieter.id)).find((m) => m.kind === 'phone');
        await passCheck(harness, chat, pieter.id, phone?.id ?? '');
        if (modeOf(harness, 'securityinfo.add') !== 'embedded') {
          // Graph cannot register the Authenticator for someone (that happens in the app): Microsoft's page is given instead, and nothing is added.
          const before = await harness.directory.listAuthenticationMethods(pieter.id);
          assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.addPick')));
          assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.authenticatorOnPage', { url: 'https://mysignins.microsoft.com/security-info' })));
          assert.ok(!submitActions(chat.card()).some((d) => d.action === 'authenticator'), 'no Authenticator to pair here');
          assert.equal(textOf((await chat.send({ ...chat.buttonData('phone'), action: 'authenticator' }))[0]), t.t('cancel.done'), 'nor by a forged button');
          assert.deepEqual(await harness.directory.listAuthenticationMethods(pieter.id), before);
          return;
        }
        assert.ok(!cardTexts(chat.card()).includes(t.t('securityInfo.authenticatorOnPage', { url: 'https://mysignins.microsoft.com/security-info' })), 'paired here, not sent away');
        await chat.submit('authenticator');
        assert.ok(JSON.stringify(chat.card()).includes('https://mysignins.microsoft.com/security-info'), 'deep link to the security info page');
        await chat.submit('submit', { deviceName: 'Pixel 9' });
        const pairing = (await harness.notifier.messagesFor(pieter.id)).at(-1);
        assert.equal(pairing?.channel, 'authenticator');
        await chat.say(codeIn(pairing?.text ?? ''));
        const methods = await harness.directory.listAuthenticationMethods(pieter.id);
        assert.ok(methods.some((m) => m.kind === 'microsoftAuthenticator' && m.displayName === 'Pixel 9'));
      });

      it('securityinfo.remove: the default one, with step-up by a different method and the new default in the same confirmation', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        const methods = await harness.directory.listAuthenticationMethods(anna.id);
        const app = methods.find((m) => m.kind === 'microsoftAuthenticator');
        const phone = methods.find((m) => m.kind === 'phone');
        await chat.say(say.securityRemove);
        await chat.submit('choose', {}, { methodId: app?.id ?? '' });
        assert.ok(!JSON.stringify(chat.card()).includes(app?.id ?? '-'), 'the method being removed is not offered for the step-up');
        await passCheck(harness, chat, anna.id, phone?.id ?? '');
        const texts = cardTexts(chat.card());
        assert.ok(texts.includes(t.t('securityInfo.removeDefaultNote')));
        assert.ok(texts.includes(preferenceLabel(t, 'sms', phone)));
        await chat.submit('remove', { newDefault: 'sms' });
        const after = await harness.directory.listAuthenticationMethods(anna.id);
        assert.ok(!after.some((m) => m.id === app?.id));
        assert.equal((await harness.directory.getSignInPreferences(anna.id))?.userPreferredMethodForSecondaryAuthentication, 'sms');
      });

      it('securityinfo.remove right after a check with that very method: asks for another one; adding still reuses the check', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        const methods = await harness.directory.listAuthenticationMethods(anna.id);
        const phone = methods.find((m) => m.kind === 'phone');
        const email = methods.find((m) => m.kind === 'email');
        // A fresh step-up, proved with the phone.
        await chat.say(say.securityAdd);
        await passCheck(harness, chat, anna.id, phone?.id ?? '');
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.addPick')));
        await chat.say(say.cancel);
        // Removing that phone asks for a check with another method, however recent the last one.
        await chat.say(say.securityRemove);
        await chat.submit('choose', {}, { methodId: phone?.id ?? '' });
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.removeReason')), 'a new check is asked');
        assert.ok(!JSON.stringify(chat.card()).includes(phone?.id ?? '-'), 'the phone being removed is not offered for it');
        await passCheck(harness, chat, anna.id, email?.id ?? '');
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.removeConfirm', { method: methodPhrase(t, phone!) })));
        await chat.submit('remove');
        assert.ok(!(await harness.directory.listAuthenticationMethods(anna.id)).some((m) => m.id === phone?.id));
        // Adding a method targets none: the check with the e-mail is still good.
        await chat.say(say.securityAdd);
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.addPick')));
      });

      it('securityinfo.default right after a check with the method the default relies on: asks for another one', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        const methods = await harness.directory.listAuthenticationMethods(anna.id);
        const app = methods.find((m) => m.kind === 'microsoftAuthenticator');
        const email = methods.find((m) => m.kind === 'email');
        const phone = methods.find((m) => m.kind === 'phone');
        // A fresh step-up, proved with the Authenticator her default (push) relies on.
        await chat.say(say.securityAdd);
        await passCheck(harness, chat, anna.id, app?.id ?? '');
        await chat.say(say.cancel);
        await chat.say(say.securityDefault);
        const replies = await chat.submit('save', { preference: 'sms' });
        assert.ok(!replies.some((r) => r.text === t.t('securityInfo.defaultChanged', { method: preferenceLabel(t, 'sms', phone) })), 'not changed on the old check');
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.defaultReason')));
        assert.ok(!JSON.stringify(chat.card()).includes(app?.id ?? '-'), 'the Authenticator being replaced is not offered for it');
        await chat.submit('choose', {}, { methodId: email?.id ?? '' });
        const done = await chat.say(codeIn((await harness.notifier.messagesFor(anna.id)).at(-1)?.text ?? ''));
        assert.equal(done[0]?.text, t.t('securityInfo.defaultChanged', { method: preferenceLabel(t, 'sms', phone) }));
      });

      it('securityinfo.add with no method to verify with: says so and points to the security info page', async function () {
        const lucas = await demoUserNamed('lucas');
        const chat = harness.chat(lucas.id, say.tag);
        await chat.say(say.securityAdd);
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.addNoMethod', { url: 'https://mysignins.microsoft.com/security-info' })));
        // ... and offers the helpdesk, with a ticket about sign-in methods.
        await chat.submit('ticket');
        await chat.submit('submit', { category: 'signInMethods', description: 'I have no phone registered' });
        await chat.submit('send');
        assert.equal((await harness.services.tickets.listForUser(lucas.id))[0]?.context.goal, 'securityinfo.add');
        assert.deepEqual(await harness.directory.listAuthenticationMethods(lucas.id), []);
      });

      it('securityinfo.remove: never the last method', async function () {
        const anna = await demoUserNamed('anna');
        const methods = await harness.directory.listAuthenticationMethods(anna.id);
        for (const m of methods.slice(1)) await harness.directory.removeAuthenticationMethod(anna.id, m.id);
        const chat = harness.chat(anna.id, say.tag);
        assert.equal((await chat.say(say.securityRemove))[0]?.text, t.t('securityInfo.lastMethod'));
        assert.equal((await harness.directory.listAuthenticationMethods(anna.id)).length, 1);
      });

      it('securityinfo.default: choose, verify, saved; a step-up is reused within its window', async function () {
        const erik = await demoUserNamed('erik');
        const chat = harness.chat(erik.id, say.tag);
        await chat.say(say.securityDefault);
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.defaultPick')));
        await chat.submit('save', { preference: 'sms' });
        const email = (await harness.directory.listAuthenticationMethods(erik.id)).find((m) => m.kind === 'email');
        await chat.submit('choose', {}, { methodId: email?.id ?? '' });
        const replies = await chat.say(codeIn((await harness.notifier.messagesFor(erik.id)).at(-1)?.text ?? ''));
        const mobile = (await harness.directory.listAuthenticationMethods(erik.id)).find((m) => m.phoneType === 'mobile');
        assert.equal(replies[0]?.text, t.t('securityInfo.defaultChanged', { method: preferenceLabel(t, 'sms', mobile) }));
        // Within the step-up window, the next change goes straight to the pending action.
        await chat.say(say.securityDefault);
        const again = await chat.submit('save', { preference: 'push' });
        assert.ok(again.some((r) => r.text === t.t('securityInfo.defaultChanged', { method: t.t('method.preference.push', { detail: '' }) })));
        // After the window, verification is asked again.
        harness.clock.advance(11 * 60 * 1000);
        await chat.say(say.securityDefault);
        await chat.submit('save', { preference: 'oath' });
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.defaultReason')));
      });

      it('securityinfo.default: a choice the account does not offer is refused, nothing changes, and the choice is asked again', async function () {
        const erik = await demoUserNamed('erik');
        const chat = harness.chat(erik.id, say.tag);
        await chat.say(say.securityDefault);
        const before = await harness.directory.getSignInPreferences(erik.id);
        const refused = await chat.submit('save', { preference: 'no-such-preference' });
        assert.equal(refused[0]?.text, t.t('card.notYours'));
        assert.equal(refused[1]?.attachments?.length, 1);
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.defaultPick')));
        assert.deepEqual(await harness.directory.getSignInPreferences(erik.id), before);
        await chat.submit('save', { preference: 'sms' });
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.defaultReason')), 'the fresh card works');
      });

      it('audit.view: the user\'s own changes, newest first', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        assert.equal((await chat.say(say.auditView))[0]?.text, t.t('audit.none'));
        await chat.say(say.securityDefault);
        await chat.submit('save', { preference: 'sms' });
        const email = (await harness.directory.listAuthenticationMethods(anna.id)).find((m) => m.kind === 'email');
        await passCheck(harness, chat, anna.id, email?.id ?? '');
        await chat.say(say.auditView);
        assert.ok(cardTexts(chat.card()).includes(t.t('audit.action.securityinfo.default')));
      });
    });
  }

  it('a check passed before a sign-out everywhere (in another chat) no longer lets the confirmation change anything', async function () {
    const t = translator('en');
    const anna = await demoUserNamed('anna');
    const chat = harness.chat(anna.id, 'en-US');
    const methods = await harness.directory.listAuthenticationMethods(anna.id);
    const app = methods.find((m) => m.kind === 'microsoftAuthenticator');
    const phone = methods.find((m) => m.kind === 'phone');
    assert.ok(app && phone);
    await chat.say(phrases.en.securityRemove);
    await chat.submit('choose', {}, { methodId: app.id });
    await passCheck(harness, chat, anna.id, phone.id);
    assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.removeConfirmHeading')), 'at the confirmation');
    const other = harness.chat(anna.id, 'en-US');
    await other.say(phrases.en.signOut);
    await other.submit('yes');
    const replies = await chat.submit('remove', { newDefault: 'sms' });
    assert.equal(replies[0]?.text, t.t('verify.voided'));
    assert.ok((await harness.directory.listAuthenticationMethods(anna.id)).some((m) => m.id === app.id), 'nothing was removed');
    // Asked again, the goal checks once more.
    await chat.say(phrases.en.securityRemove);
    await chat.submit('choose', {}, { methodId: app.id });
    assert.ok(JSON.stringify(chat.card()).includes(phone.id), 'a new check is asked');
  });

  describe('card submissions', function () {
    const t = translator('en');

    async function atConfirmation(): Promise<{ chat: Chat; anna: Awaited<ReturnType<typeof demoUserNamed>>; phoneId: string }> {
      const anna = await demoUserNamed('anna');
      const chat = harness.chat(anna.id, 'en-US');
      const methods = await harness.directory.listAuthenticationMethods(anna.id);
      await chat.say(phrases.en.securityRemove);
      await chat.submit('choose', {}, { methodId: methods.find((m) => m.kind === 'email')?.id ?? '' });
      await passCheck(harness, chat, anna.id, methods.find((m) => m.kind === 'phone')?.id ?? '');
      return { chat, anna, phoneId: methods.find((m) => m.kind === 'phone')?.id ?? '' };
    }

    it('a replayed submission is refused and changes nothing', async function () {
      const { chat, anna } = await atConfirmation();
      const confirm = chat.buttonData('remove');
      await chat.send(confirm);
      const count = (await harness.directory.listAuthenticationMethods(anna.id)).length;
      assert.equal((await chat.send(confirm))[0]?.text, t.t('card.stale'));
      assert.equal((await harness.directory.listAuthenticationMethods(anna.id)).length, count);
    });

    it('securityinfo.add: a kind the card did not offer (a second e-mail) goes no further, however the button was forged', async function () {
      const anna = await demoUserNamed('anna');
      const chat = harness.chat(anna.id, 'en-US');
      const methods = await harness.directory.listAuthenticationMethods(anna.id);
      assert.ok(methods.some((m) => m.kind === 'email'), 'Anna has her e-mail already');
      await chat.say(phrases.en.securityAdd);
      await passCheck(harness, chat, anna.id, methods.find((m) => m.kind === 'phone')?.id ?? '');
      assert.ok(!submitActions(chat.card()).some((d) => d.action === 'email'), 'no second e-mail offered');
      assert.equal(textOf((await chat.send({ ...chat.buttonData('cancel'), action: 'email' }))[0]), t.t('cancel.done'));
      assert.deepEqual(await harness.directory.listAuthenticationMethods(anna.id), methods);
    });

    it('a stale card (replaced by a newer one) and a forged nonce are refused', async function () {
      const { chat, anna } = await atConfirmation();
      const old = chat.buttonData('remove');
      await chat.say(phrases.en.help);
      assert.equal((await chat.send(old))[0]?.text, t.t('card.stale'));
      assert.equal((await chat.send({ ...chat.buttonData('remove'), nonce: 'AAAAAAAAAAAAAAAAAAAAAAAA' }))[0]?.text, t.t('card.stale'));
      assert.equal((await chat.send({ verb: 'step.submit', action: 'remove' }))[0]?.text, t.t('card.unknown'));
      assert.equal((await harness.directory.listAuthenticationMethods(anna.id)).length, 3);
    });

    it('a card from another conversation is refused', async function () {
      const { chat, anna } = await atConfirmation();
      const other = harness.chat(anna.id, 'en-US');
      assert.equal((await other.send(chat.buttonData('remove')))[0]?.text, t.t('card.stale'));
      assert.equal((await harness.directory.listAuthenticationMethods(anna.id)).length, 3);
    });

    it('another user\'s method id is refused and changes nothing on either account', async function () {
      const anna = await demoUserNamed('anna');
      const claire = await demoUserNamed('claire');
      const claireMethod = (await harness.directory.listAuthenticationMethods(claire.id))[0];
      const chat = harness.chat(anna.id, 'en-US');
      await chat.say(phrases.en.securityRemove);
      const forged = { ...chat.buttonData('choose', { methodId: (await harness.directory.listAuthenticationMethods(anna.id))[0]?.id ?? '' }), methodId: claireMethod?.id };
      const refused = await chat.send(forged);
      assert.equal(refused[0]?.text, t.t('card.notYours'));
      assert.equal(refused[1]?.attachments?.length, 1, 'the choice is asked again with a fresh card');
      assert.equal((await harness.directory.listAuthenticationMethods(claire.id)).length, 3);
      assert.equal((await harness.directory.listAuthenticationMethods(anna.id)).length, 3);
      const own = (await harness.directory.listAuthenticationMethods(anna.id))[0];
      await chat.submit('choose', {}, { methodId: own?.id ?? '' });
      assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.removeReason')), 'the fresh card works');
      // Straight from a "remove" button of the view card, too.
      const viaGoal = harness.chat(anna.id, 'en-US');
      await viaGoal.send({ verb: 'goal.start', goal: 'securityinfo.remove', target: claireMethod?.id });
      assert.ok(viaGoal.transcript.some((a) => a.text === t.t('card.notYours')));
      assert.equal((await harness.directory.listAuthenticationMethods(claire.id)).length, 3);
    });

    it('cancel at the confirmation leaves the account unchanged', async function () {
      const { chat, anna } = await atConfirmation();
      assert.equal((await chat.say(phrases.en.cancel))[0]?.text, t.t('cancel.done'));
      assert.equal((await harness.directory.listAuthenticationMethods(anna.id)).length, 3);
      assert.deepEqual((await harness.audit.listForUser(anna.id, 5)).filter((e) => e.result === 'success'), []);
    });
  });
});
