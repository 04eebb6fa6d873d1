// devices, organizations, terms of use, sign out everywhere and sign-in activity as transcripts in
// every language, happy and unhappy paths; expected text comes from the locale files.
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../../bot/core/i18n/i18n.js';
import { codeIn, demoUserNamed } from '../../helpers.js';
import { assertSentToPortal, cardOf, cardTexts, createHarness, modeOf, submitActions, type Chat, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';


describe('account dialogs', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  async function stepUp(chat: Chat, userId: string, kind: string): Promise<void> {
    const method = (await harness.directory.listAuthenticationMethods(userId)).find((m) => m.kind === kind && JSON.stringify(chat.card()).includes(m.id));
    await chat.submit('choose', {}, { methodId: method?.id ?? '' });
    await chat.say(codeIn((await harness.notifier.messagesFor(userId)).at(-1)?.text ?? ''));
  }

  it('the sentence said over a list card is not said again on the card (Teams and Web Chat show both)', async function () {
    const anna = await demoUserNamed('anna');
    const say = phrases.en;
    const lists = [[say.devices, 'devices.view'], [say.organizations, 'organizations.view'], [say.signIns, 'signins.view'], [say.auditView, undefined]] as const;
    // In Graph mode a goal Graph has no API for is Microsoft's page: no card there.
    for (const [ask] of lists.filter(([, goal]) => goal === undefined || modeOf(harness, goal) !== 'portal')) {
      const chat = harness.chat(anna.id, say.tag);
      if (ask === say.auditView) await chat.say(say.signOut).then(() => chat.submit('yes'));
      const replies = await chat.say(ask);
      const withCard = replies.find((r) => cardTexts(cardOf(r)).length > 0);
      assert.ok(withCard?.text, `${ask}: a sentence with the card`);
      assert.ok(!cardTexts(cardOf(withCard)).includes(withCard.text ?? ''), `${ask}: "${withCard.text ?? ''}" is said once`);
    }
  });

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    describe(`in ${locale}`, function () {
      it('devices.view: enabled devices, newest first, with OS, join type, last sign-in and state', async function () {
        const erik = await demoUserNamed('erik');
        const chat = harness.chat(erik.id, say.tag);
        await chat.say(say.devices);
        const texts = cardTexts(chat.card());
        const all = await harness.directory.listDevices(erik.id);
        const enabled = all.filter((d) => d.accountEnabled).sort((a, b) => (b.approximateLastSignInDateTime ?? '').localeCompare(a.approximateLastSignInDateTime ?? ''));
        const shown = texts.filter((x) => all.some((d) => d.displayName === x));
        assert.deepEqual(shown, enabled.map((d) => d.displayName), 'disabled devices are left out; newest first');
        assert.ok(texts.some((x) => x.includes(t.t('devices.join.AzureAd'))));
        assert.ok(texts.some((x) => x.includes(t.t('devices.lastSignIn', { when: t.relative(enabled[0]?.approximateLastSignInDateTime ?? '', harness.clock.now()) }))));
        assert.ok(texts.some((x) => x.includes(t.t('devices.compliant'))));
      });

      it('devices.disable: the confirmation says it cannot be undone; the device leaves the list; cancel changes nothing', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        const laptop = (await harness.directory.listDevices(anna.id)).find((d) => d.operatingSystem === 'Windows');
        await chat.send({ verb: 'goal.start', goal: 'devices.disable', target: laptop?.id });
        assert.ok(cardTexts(chat.card()).includes(t.t('devices.cannotUndo')));
        assert.equal((await chat.say(say.cancel))[0]?.text, t.t('cancel.done'));
        assert.ok((await harness.directory.listDevices(anna.id)).find((d) => d.id === laptop?.id)?.accountEnabled);
        await chat.send({ verb: 'goal.start', goal: 'devices.disable', target: laptop?.id });
        const [report] = await chat.submit('disable');
        assert.ok(cardTexts(cardOf(report ?? {})).includes(t.t('devices.done.disabled', { device: laptop?.displayName ?? '' })));
        assert.equal((await harness.directory.listDevices(anna.id)).find((d) => d.id === laptop?.id)?.accountEnabled, false);
        await chat.say(say.devices);
        assert.ok(!cardTexts(chat.card()).includes(laptop?.displayName ?? '-'));
        assert.equal((await harness.audit.listForUser(anna.id, 1))[0]?.action, 'devices.disable');
      });

      it('devices.disable, lost phone: disable, sign out everywhere, remove its Authenticator after a check, and the helpdesk', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        const before = Date.parse((await harness.directory.findUserById(anna.id))?.signInSessionsValidFromDateTime ?? '1970-01-01');
        await chat.say(say.deviceLost);
        assert.ok(cardTexts(chat.card()).includes(t.t('devices.lostPick')));
        const phone = (await harness.directory.listDevices(anna.id)).find((d) => d.operatingSystem === 'Android');
        await chat.submit('choose', {}, { deviceId: phone?.id ?? '' });
        const ids = JSON.stringify(chat.card());
        for (const id of ['signOut', 'removeAuthenticator', 'ticket']) assert.ok(ids.includes(`"id":"${id}"`), `offers ${id}`);
        await chat.submit('disable', { signOut: 'true', removeAuthenticator: 'true', ticket: 'true' });
        assert.ok(cardTexts(chat.card()).includes(t.t('devices.lost.verifyReason')));
        await stepUp(chat, anna.id, 'email');
        const report = cardTexts(chat.transcript.map((a) => cardOf(a)).find((c) => cardTexts(c).includes(t.t('devices.done.heading'))));
        for (const key of ['devices.done.signedOut', 'devices.done.authenticatorRemoved']) assert.ok(report.includes(t.t(key)), key);
        // Then the helpdesk ticket, about that device, the category already chosen.
        assert.ok(cardTexts(chat.card()).includes(t.t('helpdesk.heading')));
        await chat.submit('submit', { category: 'device', description: 'Phone stolen on the train' });
        await chat.submit('send');
        const [ticket] = await harness.services.tickets.listForUser(anna.id);
        assert.deepEqual(ticket?.context.objects?.map((o) => [o.kind, o.id]), [['device', phone?.id]]);
        assert.equal((await harness.directory.listDevices(anna.id)).find((d) => d.id === phone?.id)?.accountEnabled, false);
        assert.ok(!(await harness.directory.listAuthenticationMethods(anna.id)).some((m) => m.kind === 'microsoftAuthenticator'));
        assert.ok(Date.parse((await harness.directory.findUserById(anna.id))?.signInSessionsValidFromDateTime ?? '') > before);
      });

      it('organizations.view and leave: home explained, never offered; a guest organization left after a check and confirmation', async function () {
        const anna = await demoUserNamed('anna');
        const chat = harness.chat(anna.id, say.tag);
        if (modeOf(harness, 'organizations.view') === 'portal') {
          // Graph lists no guest organizations and leaves none: both are Microsoft's page.
          await assertSentToPortal(harness, t, 'organizations.view', () => chat.say(say.organizations));
          await assertSentToPortal(harness, t, 'organizations.leave', () => chat.say(say.organizationsLeave));
          return;
        }
        await chat.say(say.organizations);
        const orgs = await harness.directory.listOrganizations(anna.id);
        const home = orgs.find((o) => o.isHome);
        const leavable = orgs.find((o) => !o.isHome && o.allowsSelfLeave);
        assert.ok(cardTexts(chat.card()).includes(t.t('organizations.homeBadge')));
        assert.ok(!submitActions(chat.card()).some((d) => d.target === home?.tenantId), 'no leave button for home');
        await chat.say(say.organizationsLeave);
        assert.ok(cardTexts(chat.card()).includes(t.t('organizations.homeExplained', { home: home?.displayName ?? '' })));
        await chat.submit('choose', {}, { tenantId: leavable?.tenantId ?? '' });
        await stepUp(chat, anna.id, 'email');
        assert.ok(cardTexts(chat.card()).includes(t.t('organizations.confirm', { organization: leavable?.displayName ?? '' })));
        assert.equal((await chat.submit('leave'))[0]?.text, t.t('organizations.left', { organization: leavable?.displayName ?? '' }));
        assert.ok(!(await harness.directory.listOrganizations(anna.id)).some((o) => o.tenantId === leavable?.tenantId));
      });

      it('organizations.leave: one that forbids leaving is explained with a drafted request; the home one via a forged button is refused', async function () {
        const pieter = await demoUserNamed('pieter');
        if (modeOf(harness, 'organizations.leave') === 'portal') {
          // A card's button for it, whatever organization it names, gets the page as well.
          const guest = (pieter.organizations as { tenantId: string; isHome: boolean }[]).find((o) => !o.isHome)?.tenantId;
          await assertSentToPortal(harness, t, 'organizations.leave', () => harness.chat(pieter.id, say.tag).send({ verb: 'goal.start', goal: 'organizations.leave', target: guest }));
          return;
        }
        const orgs = await harness.directory.listOrganizations(pieter.id);
        const locked = orgs.find((o) => !o.isHome && !o.allowsSelfLeave);
        const chat = harness.chat(pieter.id, say.tag);
        await chat.send({ verb: 'goal.start', goal: 'organizations.leave', target: locked?.tenantId });
        const texts = cardTexts(cardOf(chat.transcript.at(-1) ?? {}));
        assert.ok(texts.includes(t.t('organizations.notAllowed', { organization: locked?.displayName ?? '' })));
        assert.ok(texts.includes(t.t('organizations.draft', { organization: locked?.displayName ?? '', account: pieter.userPrincipalName })));
        const home = orgs.find((o) => o.isHome);
        await chat.send({ verb: 'goal.start', goal: 'organizations.leave', target: home?.tenantId });
        assert.equal(chat.transcript.at(-1)?.text, t.t('organizations.homeExplained', { home: home?.displayName ?? '' }));
        assert.equal((await harness.directory.listOrganizations(pieter.id)).length, orgs.length);
      });

      it('termsofuse.review: pending versions shown in the user\'s language (else English); accept and decline recorded with version and time', async function () {
        const anna = await demoUserNamed('anna');
        if (modeOf(harness, 'termsofuse.review') === 'portal') {
          // Graph records a decision only when the user signs in: the review is Microsoft's page.
          await assertSentToPortal(harness, t, 'termsofuse.review', () => harness.chat(anna.id, say.tag).say(say.termsOfUse));
          return;
        }
        const agreements = await harness.directory.listTermsOfUse();
        const withoutSwedish = agreements.find((a) => !a.content.sv);
        // Make both agreements pending: one at an older version, one never decided.
        await harness.directory.recordAgreementDecision(anna.id, { agreementId: withoutSwedish?.id ?? '', agreementVersion: '2001.1', state: 'accepted', recordedDateTime: '2001-01-01T00:00:00Z' });
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.termsOfUse);
        const overview = cardTexts(cardOf(chat.transcript.find((a) => cardTexts(cardOf(a)).includes(t.t('termsOfUse.heading'))) ?? {}));
        assert.ok(overview.includes(t.t('termsOfUse.status.pendingVersion', { version: '2001.1' })));
        assert.equal(agreements.length, 2);
        assert.ok(chat.transcript.some((a) => a.text === t.t('termsOfUse.summaryAll', { total: 2 })), 'both are waiting, not "2 of the 2"');
        const first = cardTexts(chat.card());
        const firstId = String(chat.buttonData('accept').agreementId);
        const firstAgreement = agreements.find((a) => a.id === firstId);
        assert.ok(first.includes(firstAgreement?.content[locale] ?? firstAgreement?.content.en ?? '-'));
        await chat.submit('accept');
        const secondId = String(chat.buttonData('decline').agreementId);
        const second = agreements.find((a) => a.id === secondId);
        if (!second?.content[locale]) assert.ok(cardTexts(chat.card()).includes(t.t('termsOfUse.otherLanguage', { language: new Intl.DisplayNames([locale], { type: 'language' }).of('en') ?? 'en' })));
        await chat.submit('decline');
        const decisions = await harness.directory.listAgreementAcceptances(anna.id);
        assert.deepEqual(decisions.find((d) => d.agreementId === firstId)?.agreementVersion, firstAgreement?.version);
        assert.equal(decisions.find((d) => d.agreementId === firstId)?.state, 'accepted');
        assert.equal(decisions.find((d) => d.agreementId === secondId)?.state, 'declined');
        for (const id of [firstId, secondId]) {
          const recorded = Date.parse(decisions.find((d) => d.agreementId === id)?.recordedDateTime ?? '');
          assert.ok(Math.abs(recorded - harness.clock.now().getTime()) < 60_000, 'recorded with the time of the decision');
        }
        assert.equal((await harness.audit.listForUser(anna.id, 1))[0]?.action, 'termsofuse.decision');
      });

      it('termsofuse.review: an agreement declined earlier is offered again, saying when; accepting it then is recorded', async function () {
        const anna = await demoUserNamed('anna');
        if (modeOf(harness, 'termsofuse.review') === 'portal') {
          // From the menu's button as well as typed: Microsoft's page.
          await assertSentToPortal(harness, t, 'termsofuse.review', () => harness.chat(anna.id, say.tag).send({ verb: 'goal.start', goal: 'termsofuse.review' }));
          return;
        }
        const agreements = await harness.directory.listTermsOfUse();
        for (const a of agreements) {
          await harness.directory.recordAgreementDecision(anna.id, { agreementId: a.id, agreementVersion: a.version, state: a === agreements[0] ? 'declined' : 'accepted', recordedDateTime: '2026-11-02T09:00:00Z' });
        }
        const declined = agreements[0];
        assert.ok(declined);
        const chat = harness.chat(anna.id, say.tag);
        const replies = await chat.say(say.termsOfUse);
        const annaT = await harness.translatorFor(anna.id, say.tag);
        // BOT: nothing new is waiting, but one was declined; "You declined … on 2 Nov 2026. Here it is again…" and its card
        assert.equal(replies[0]?.text, t.t('termsOfUse.summaryDeclined', { declined: 1 }), 'not "nothing is waiting" above the agreement it offers');
        assert.ok(replies.some((r) => r.text === t.t('termsOfUse.reviewDeclined', { agreement: `${declined.localizedDisplayNames?.[locale] ?? declined.displayName} (${declined.version})`, when: annaT.date('2026-11-02T09:00:00Z') })));
        assert.ok(!replies.some((r) => r.text === t.t('termsOfUse.allDone')), 'never "accepted every version" while one is declined');
        assert.equal(String(chat.buttonData('accept').agreementId), declined.id);
        await chat.submit('accept');
        const decisions = await harness.directory.listAgreementAcceptances(anna.id);
        assert.equal(decisions.find((d) => d.agreementId === declined.id)?.state, 'accepted');
      });

      it('signout.everywhere: No keeps everything; Yes revokes every session and voids the step-up', async function () {
        const claire = await demoUserNamed('claire');
        const chat = harness.chat(claire.id, say.tag);
        const before = (await harness.directory.findUserById(claire.id))?.signInSessionsValidFromDateTime;
        await chat.say(say.signOut);
        assert.equal((await chat.submit('no'))[0]?.text, t.t('signout.kept'));
        assert.equal((await harness.directory.findUserById(claire.id))?.signInSessionsValidFromDateTime, before);
        await harness.services.verification.grantStepUp(claire.id, 'elsewhere');
        harness.clock.advance(1000);
        await chat.say(say.signOut);
        assert.equal((await chat.submit('yes'))[0]?.text, t.t('signout.done'));
        const user = await harness.directory.findUserById(claire.id);
        assert.notEqual(user?.signInSessionsValidFromDateTime, before);
        assert.equal(await harness.services.verification.hasFreshStepUp(user!, 'elsewhere'), false);
      });

      it('signins.view: unusual sign-ins marked; "this wasn\'t me" signs out everywhere, changes the password, then opens the ticket, in the card\'s order', async function () {
        const emily = await demoUserNamed('emily');
        const chat = harness.chat(emily.id, say.tag);
        await chat.say(say.signIns);
        const texts = cardTexts(chat.card());
        assert.ok(texts.includes(t.t('signins.unusual.newCountry')));
        await chat.send(submitActions(chat.card()).find((d) => d.goal === 'signins.view' && d.target === 'notMe'));
        assert.ok(cardTexts(chat.card()).includes(t.t('signins.secureIntro')));
        const replies = await chat.submit('secure', { signOut: 'true', changePassword: 'true', helpdesk: 'true' });
        assert.equal(replies[0]?.text, t.t('signout.done'));
        assert.ok(cardTexts(chat.card()).includes(t.t('passwordChange.heading')), 'then on to change the password');
        const newPassword = 'Quiet-Orchard-Lamp-58';
        const changed = await chat.submit('submit', { currentPassword: emily.password, newPassword, confirmPassword: newPassword });
        assert.ok(await harness.hasPassword(emily.id, newPassword), changed.map((r) => r.text).join(' / '));
        assert.ok(cardTexts(chat.card()).includes(t.t('helpdesk.heading')), 'then the helpdesk');
        await chat.submit('submit', { category: 'other', description: 'A sign-in from abroad' });
        await chat.submit('send');
        assert.equal((await harness.services.tickets.listForUser(emily.id))[0]?.context.goal, 'signins.view');
      });

      it('signins.view: "this wasn\'t me" with all three steps switched off says nothing was done and shows the card again; nothing changes', async function () {
        const emily = await demoUserNamed('emily');
        const chat = harness.chat(emily.id, say.tag);
        const before = (await harness.directory.findUserById(emily.id))?.signInSessionsValidFromDateTime;
        await chat.say(say.signIns);
        await chat.send(submitActions(chat.card()).find((d) => d.goal === 'signins.view' && d.target === 'notMe'));
        // Teams: the press is answered in place, and the card comes back with why.
        const { response, replies } = await chat.execute('secure', { signOut: 'false', changePassword: 'false', helpdesk: 'false' });
        assert.equal(response.body?.type, 'application/vnd.microsoft.card.adaptive');
        assert.equal(replies.length, 1, 'a reply follows the press');
        const again = cardTexts(cardOf(replies[0] ?? {}));
        assert.equal(again[0], t.t('signins.secureHeading'));
        assert.ok(again.includes(t.t('signins.nothingChosen', { cancel: t.t('common.cancel') })), again.join(' / '));
        assert.ok(again.includes(t.t('signins.secureIntro')));
        assert.equal((await harness.directory.findUserById(emily.id))?.signInSessionsValidFromDateTime, before, 'nobody was signed out');
        assert.deepEqual(await harness.services.tickets.listForUser(emily.id), [], 'no ticket');
        // The card asked again works: a step switched on is done.
        const done = await chat.submit('secure', { signOut: 'true', changePassword: 'false', helpdesk: 'false' });
        assert.equal(done[0]?.text, t.t('signout.done'));
        assert.notEqual((await harness.directory.findUserById(emily.id))?.signInSessionsValidFromDateTime, before);
      });
    });
  }

  it('termsofuse.review with no agreements says so', async function () {
    const empty = await createHarness({ seed: (s) => { delete (s.tenant as Record<string, unknown>).termsOfUse; delete (s as unknown as Record<string, unknown>).termsOfUse; for (const u of s.users) u.agreementAcceptances = []; } });
    try {
      const anna = await demoUserNamed('anna');
      if (modeOf(empty, 'termsofuse.review') === 'portal') {
        await assertSentToPortal(empty, translator('en'), 'termsofuse.review', () => empty.chat(anna.id, 'en-US').say(phrases.en.termsOfUse));
        return;
      }
      assert.equal((await empty.chat(anna.id, 'en-US').say(phrases.en.termsOfUse))[0]?.text, translator('en').t('termsOfUse.none'));
    } finally {
      await empty.close();
    }
  });

  it('devices.disable with another user\'s device id is refused and changes nothing', async function () {
    const anna = await demoUserNamed('anna');
    const claire = await demoUserNamed('claire');
    const theirs = (await harness.directory.listDevices(claire.id))[0];
    const chat = harness.chat(anna.id, 'en-US');
    const replies = await chat.send({ verb: 'goal.start', goal: 'devices.disable', target: theirs?.id });
    assert.equal(replies[0]?.text, translator('en').t('card.notYours'));
    assert.ok((await harness.directory.listDevices(claire.id)).every((d) => d.accountEnabled || d.id !== theirs?.id));
    // Asked again with a fresh card of her own devices, never left with a card that no longer works.
    const picker = cardTexts(chat.card());
    const own = (await harness.directory.listDevices(anna.id)).filter((d) => d.accountEnabled);
    assert.ok(own.length > 0 && own.every((d) => picker.includes(d.displayName)), picker.join(' / '));
    assert.ok(!picker.includes(theirs?.displayName ?? ''));
    await chat.submit('choose', {}, { deviceId: own[0]?.id ?? '' });
    assert.ok(chat.buttonData('disable'), 'the fresh card works');
  });

  it('termsofuse.review: an answer for an agreement other than the one shown is refused, recorded nowhere, and the agreement asked again', async function () {
    const t = translator('en');
    const anna = await demoUserNamed('anna');
    // Graph mode leaves the review to Microsoft's page (the test above): there is no card to forge.
    if (modeOf(harness, 'termsofuse.review') === 'portal') return;
    const before = await harness.directory.listAgreementAcceptances(anna.id);
    const chat = harness.chat(anna.id, 'en-US');
    await chat.say(phrases.en.termsOfUse);
    const shown = String(chat.buttonData('accept').agreementId);
    const replies = await chat.send({ ...chat.buttonData('accept'), agreementId: 'no-such-agreement' });
    assert.equal(replies[0]?.text, t.t('card.notYours'));
    assert.deepEqual(await harness.directory.listAgreementAcceptances(anna.id), before);
    assert.equal(String(chat.buttonData('accept').agreementId), shown, 'the same agreement, on a fresh card');
    await chat.submit('accept');
    assert.equal((await harness.directory.listAgreementAcceptances(anna.id)).find((d) => d.agreementId === shown)?.state, 'accepted');
  });

  it('a replayed "disable" and "leave" are refused', async function () {
    const t = translator('en');
    const anna = await demoUserNamed('anna');
    const chat = harness.chat(anna.id, 'en-US');
    const [first, second] = await harness.directory.listDevices(anna.id);
    await chat.send({ verb: 'goal.start', goal: 'devices.disable', target: first?.id });
    const confirm = chat.buttonData('disable');
    await chat.send(confirm);
    await harness.directory.listDevices(anna.id);
    assert.equal((await chat.send({ ...confirm, deviceId: second?.id }))[0]?.text, t.t('card.stale'));
    assert.ok((await harness.directory.listDevices(anna.id)).find((d) => d.id === second?.id)?.accountEnabled, 'the second device is untouched');
  });
});
