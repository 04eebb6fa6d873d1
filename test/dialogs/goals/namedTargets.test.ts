// A goal asked for with its object named in the same message ("leave Fabrikam", "disable
// CON-LT-0142", "remove the number ending in 78", "add a phone number", "text messages as my
// default"): the "which one?" step is skipped, the check and the confirmation are as from the card
// and name the object, and nothing changes before the user confirms. A name that is not one of the
// user's own objects, or that fits several, gets the usual card. In every language; the objects
// come from the directory and the expected text from the locale files.
import assert from 'node:assert/strict';
import { supportedLocales, translator, type Locale } from '../../../bot/core/i18n/i18n.js';
import { maskEmail } from '../../../bot/core/usecases/methods.js';
import { methodPhrase, preferenceLabel } from '../../../bot/core/i18n/methodNames.js';
import { codeIn, demoSeed, demoUserNamed, phoneDigits } from '../../helpers.js';
import { assertSentToPortal, cardOf, cardTexts, createHarness, modeOf, passCheck, presetInputs, submitActions, type Chat, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';

/** Asking to add a private e-mail address (the alternate e-mail), without giving one. */
const addPrivateEmail: Record<Locale, string> = {
  en: 'I want to add my private e-mail',
  fr: 'je veux ajouter mon adresse e-mail personnelle',
  nl: 'ik wil mijn privé-e-mailadres toevoegen',
  sv: 'jag vill lägga till min privata mejl',
};

describe('goals with their object named in the message', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  /** Every text of every card the bot sent in this conversation. */
  const allCardTexts = (chat: Chat): string[] => chat.transcript.flatMap((a) => cardTexts(cardOf(a)));

  /** A name another demo user's object has and none of this user's objects has (with `namesOf` the names a user has). */
  async function foreignName(userId: string, namesOf: (userId: string) => Promise<string[]>): Promise<string> {
    const own = new Set((await namesOf(userId)).map((n) => n.toLowerCase()));
    for (const other of (await demoSeed()).users) {
      const found = (await namesOf(String(other.id))).find((n) => !own.has(n.toLowerCase()));
      if (found) return found;
    }
    throw new Error('No other demo user has an object this user lacks');
  }

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    /** Where organizations are Microsoft's page (Graph): one of hers named, from the seed, gets that page. */
    async function namedOrganizationToPortal(user: { id: string; organizations?: unknown }): Promise<void> {
      const named = ((user.organizations ?? []) as { displayName?: string }[]).map((o) => o.displayName).find((n) => typeof n === 'string');
      assert.ok(named, 'the seed names an organization of hers');
      await assertSentToPortal(harness, t, 'organizations.leave', () => harness.chat(user.id, say.tag).say(say.leaveNamed(named)));
    }

    describe(`in ${locale}`, function () {
      it('devices.disable: the device named goes straight to the confirmation naming it; disabled only on "disable"', async function () {
        const anna = await demoUserNamed('anna');
        const device = (await harness.directory.listDevices(anna.id)).find((d) => d.accountEnabled);
        assert.ok(device);
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.disableNamed(device.displayName));
        const texts = cardTexts(chat.card());
        assert.ok(texts.includes(t.t('devices.confirmHeading', { device: device.displayName })), 'the confirmation names the device');
        assert.ok(texts.includes(t.t('devices.cannotUndo')));
        assert.ok(!allCardTexts(chat).includes(t.t('devices.disablePick')), 'no "which device?"');
        assert.ok((await harness.directory.listDevices(anna.id)).find((d) => d.id === device.id)?.accountEnabled, 'nothing changed yet');
        const [report] = await chat.submit('disable');
        assert.ok(cardTexts(cardOf(report ?? {})).includes(t.t('devices.done.disabled', { device: device.displayName })));
        assert.equal((await harness.directory.listDevices(anna.id)).find((d) => d.id === device.id)?.accountEnabled, false);
      });

      it('devices.disable: another user\'s device name gets the usual "which device?"', async function () {
        const anna = await demoUserNamed('anna');
        const foreign = await foreignName(anna.id, async (id) => (await harness.directory.listDevices(id)).map((d) => d.displayName));
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.disableNamed(foreign));
        assert.ok(cardTexts(chat.card()).includes(t.t('devices.disablePick')));
      });

      it('organizations.leave: the guest organization named skips the choice; the check, then the confirmation naming it, then it is left', async function () {
        const anna = await demoUserNamed('anna');
        // Graph lists no guest organizations and leaves none: an organization named still gets Microsoft's page.
        if (modeOf(harness, 'organizations.leave') === 'portal') return namedOrganizationToPortal(anna);
        const guest = (await harness.directory.listOrganizations(anna.id)).find((o) => !o.isHome && o.allowsSelfLeave);
        assert.ok(guest);
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.leaveNamed(guest.displayName));
        assert.ok(cardTexts(chat.card()).includes(t.t('organizations.verifyReason')), 'the check comes first, as from the card');
        await passCheck(harness, chat, anna.id, { kind: 'email' });
        assert.ok(cardTexts(chat.card()).includes(t.t('organizations.confirm', { organization: guest.displayName })));
        assert.ok(!allCardTexts(chat).includes(t.t('organizations.leavePick')), 'no "which organization?"');
        assert.ok((await harness.directory.listOrganizations(anna.id)).some((o) => o.tenantId === guest.tenantId), 'nothing changed yet');
        assert.equal((await chat.submit('leave'))[0]?.text, t.t('organizations.left', { organization: guest.displayName }));
        assert.ok(!(await harness.directory.listOrganizations(anna.id)).some((o) => o.tenantId === guest.tenantId));
      });

      it('organizations.leave: the home organization named is explained; another user\'s organization gets the usual choice', async function () {
        const anna = await demoUserNamed('anna');
        // Graph lists no guest organizations and leaves none: an organization named still gets Microsoft's page.
        if (modeOf(harness, 'organizations.leave') === 'portal') return namedOrganizationToPortal(anna);
        const orgs = await harness.directory.listOrganizations(anna.id);
        const home = orgs.find((o) => o.isHome);
        const chat = harness.chat(anna.id, say.tag);
        const [answer] = await chat.say(say.leaveNamed(home?.displayName ?? ''));
        assert.equal(answer?.text, t.t('organizations.homeExplained', { home: home?.displayName ?? '' }));
        const foreign = await foreignName(anna.id, async (id) => (await harness.directory.listOrganizations(id)).map((o) => o.displayName));
        await chat.say(say.leaveNamed(foreign));
        assert.ok(cardTexts(chat.card()).includes(t.t('organizations.leavePick')));
        assert.equal((await harness.directory.listOrganizations(anna.id)).length, orgs.length);
      });

      it('securityinfo.remove: the number named by its last digits skips the choice; the check with another method, the confirmation naming it', async function () {
        const anna = await demoUserNamed('anna');
        const phone = (await harness.directory.listAuthenticationMethods(anna.id)).find((m) => m.kind === 'phone');
        const digits = (phone?.phoneNumber ?? '').replace(/\D/g, '').slice(-2);
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.removeEnding(digits));
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.removeReason')));
        assert.ok(!JSON.stringify(chat.card()).includes(phone?.id ?? '-'), 'the phone being removed is not offered for the check');
        await passCheck(harness, chat, anna.id, { kind: 'email' });
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.removeConfirm', { method: phone ? methodPhrase(t, phone) : '' })));
        assert.ok(!allCardTexts(chat).includes(t.t('securityInfo.removePick')), 'no "which method?"');
        assert.ok((await harness.directory.listAuthenticationMethods(anna.id)).some((m) => m.id === phone?.id), 'nothing changed yet');
        await chat.submit('remove');
        assert.ok(!(await harness.directory.listAuthenticationMethods(anna.id)).some((m) => m.id === phone?.id));
      });

      it('securityinfo.remove: "my phone number" with several phones, or last digits of none of them, gets the usual choice', async function () {
        const erik = await demoUserNamed('erik');
        const phones = (await harness.directory.listAuthenticationMethods(erik.id)).filter((m) => m.kind === 'phone');
        assert.ok(phones.length > 1);
        const chat = harness.chat(erik.id, say.tag);
        await chat.say(say.removePhone);
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.removePick')));
        await chat.say(say.cancel);
        const endings = new Set(phones.map((p) => (p.phoneNumber ?? '').replace(/\D/g, '').slice(-2)));
        const other = [...Array(100).keys()].map((n) => String(n).padStart(2, '0')).find((d) => !endings.has(d)) ?? '';
        await chat.say(say.removeEnding(other));
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.removePick')));
        assert.equal((await harness.directory.listAuthenticationMethods(erik.id)).filter((m) => m.kind === 'phone').length, phones.length);
      });

      it('securityinfo.add: "add a phone number" goes from the check straight to the phone card, and nothing is added without its code', async function () {
        const claire = await demoUserNamed('claire');
        const before = await harness.directory.listAuthenticationMethods(claire.id);
        const chat = harness.chat(claire.id, say.tag);
        await chat.say(say.securityAddPhone);
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.addReason')), 'the check comes first');
        await passCheck(harness, chat, claire.id, { kind: 'email' });
        const texts = cardTexts(chat.card());
        assert.ok(texts.includes(t.t('securityInfo.phoneIntro')));
        assert.ok(!allCardTexts(chat).includes(t.t('securityInfo.addPick')), 'no "what kind?"');
        assert.equal((await harness.directory.listAuthenticationMethods(claire.id)).length, before.length);
      });

      it('securityinfo.add: the number in the message is filled in on the phone card, and added only once the code sent to it is typed', async function () {
        const claire = await demoUserNamed('claire');
        const number = '+33 7 81 23 45 67';
        const chat = harness.chat(claire.id, say.tag);
        await chat.say(say.addPhoneNumber(number));
        await passCheck(harness, chat, claire.id, { kind: 'email' });
        assert.equal(presetInputs(chat.card()).phone, number);
        await chat.submit('submit');
        const sms = (await harness.notifier.messagesFor(claire.id)).at(-1);
        assert.equal(sms?.to, number, 'the code goes to the new number');
        assert.ok(!(await harness.directory.listAuthenticationMethods(claire.id)).some((m) => phoneDigits(m.phoneNumber) === phoneDigits(number)), 'not added before the code');
        await chat.submit('verify', { code: codeIn(sms?.text ?? '') });
        assert.ok((await harness.directory.listAuthenticationMethods(claire.id)).some((m) => phoneDigits(m.phoneNumber) === phoneDigits(number)));
      });

      it('securityinfo.add: a phone asked for when no phone can be added any more is said so before any check, with a remove button for each phone', async function () {
        const erik = await demoUserNamed('erik');
        const phones = (await harness.directory.listAuthenticationMethods(erik.id)).filter((m) => m.kind === 'phone' && m.phoneType !== 'office');
        const chat = harness.chat(erik.id, say.tag);
        await chat.say(say.securityAddPhone);
        const texts = cardTexts(chat.card());
        assert.ok(texts.includes(t.t('securityInfo.phonesFull')));
        for (const phone of phones) assert.ok(texts.includes(t.t('securityInfo.removeButton', { method: methodPhrase(t, phone) })));
        assert.deepEqual(submitActions(chat.card()).map((d) => [d.goal, d.target]), phones.map((p) => ['securityinfo.remove', p.id]));
        assert.ok(!allCardTexts(chat).includes(t.t('securityInfo.addReason')), 'no check');
        assert.equal((await harness.notifier.messagesFor(erik.id)).length, 0, 'no code sent');
      });

      it('securityinfo.add: an e-mail asked for when there is one already is said so, masked, before any check, with its remove button', async function () {
        const anna = await demoUserNamed('anna');
        const email = (await harness.directory.listAuthenticationMethods(anna.id)).find((m) => m.kind === 'email');
        assert.ok(email);
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(addPrivateEmail[locale]);
        const texts = cardTexts(chat.card());
        assert.ok(texts.includes(t.t('securityInfo.emailTaken', { address: maskEmail(email.emailAddress ?? '') })));
        assert.ok(!JSON.stringify(chat.card()).includes(email.emailAddress ?? '-'), 'the address is masked');
        assert.deepEqual(submitActions(chat.card()).map((d) => [d.goal, d.target]), [['securityinfo.remove', email.id]]);
        assert.ok(!allCardTexts(chat).includes(t.t('securityInfo.addReason')), 'no check');
        assert.equal((await harness.notifier.messagesFor(anna.id)).length, 0, 'no code sent');
        // The button starts the removal of that address, with its own check.
        await chat.send(submitActions(chat.card())[0]);
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.removeReason')));
      });

      it('securityinfo.default: the setting named is preselected; saved only on "save", after the check', async function () {
        const anna = await demoUserNamed('anna');
        const phone = (await harness.directory.listAuthenticationMethods(anna.id)).find((m) => m.kind === 'phone');
        const before = (await harness.directory.getSignInPreferences(anna.id))?.userPreferredMethodForSecondaryAuthentication;
        assert.notEqual(before, 'sms');
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.defaultSms);
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.defaultPick')));
        assert.equal(presetInputs(chat.card()).preference, 'sms');
        assert.equal((await harness.directory.getSignInPreferences(anna.id))?.userPreferredMethodForSecondaryAuthentication, before, 'nothing changed yet');
        await chat.submit('save');
        assert.ok(cardTexts(chat.card()).includes(t.t('securityInfo.defaultReason')));
        await passCheck(harness, chat, anna.id, { kind: 'email' });
        assert.equal(chat.transcript.at(-1)?.text, t.t('securityInfo.defaultChanged', { method: preferenceLabel(t, 'sms', phone) }));
        assert.equal((await harness.directory.getSignInPreferences(anna.id))?.userPreferredMethodForSecondaryAuthentication, 'sms');
      });

      it('securityinfo.default: nothing named keeps the current setting preselected', async function () {
        const anna = await demoUserNamed('anna');
        const current = (await harness.directory.getSignInPreferences(anna.id))?.userPreferredMethodForSecondaryAuthentication;
        const chat = harness.chat(anna.id, say.tag);
        await chat.say(say.securityDefault);
        assert.equal(presetInputs(chat.card()).preference, current);
      });
    });
  }

  it('a goal started from a card button keeps its target, whatever the message before said', async function () {
    const anna = await demoUserNamed('anna');
    const [first, second] = (await harness.directory.listDevices(anna.id)).filter((d) => d.accountEnabled);
    assert.ok(first && second);
    const chat = harness.chat(anna.id, 'en-US');
    await chat.say(phrases.en.disableNamed(first.displayName));
    await chat.say(phrases.en.cancel);
    await chat.send({ verb: 'goal.start', goal: 'devices.disable', target: second.id });
    assert.ok(cardTexts(chat.card()).includes(translator('en').t('devices.confirmHeading', { device: second.displayName })));
  });
});
