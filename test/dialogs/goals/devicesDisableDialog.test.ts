// devices.disable, the lost-device path: removing the lost phone's Authenticator follows the rule of
// securityinfo.remove. When the default sign-in method relies on it, the confirmation asks for the
// new default in the same card, and the one chosen is saved; when it does not, nothing is asked and
// the default stays. In every language; expected text comes from the locale files.
import assert from 'node:assert/strict';
import { supportedLocales, translator, type Locale } from '../../../bot/core/i18n/i18n.js';
import type { AuthenticationMethod, Device, PreferredSecondaryMethod } from '../../../bot/core/ports/directory.js';
import { deviceKindOf } from '../../../bot/core/usecases/devices.js';
import { authenticatorOn, defaultOptions, isDefaultMethod } from '../../../bot/core/usecases/methods.js';
import { preferenceLabel } from '../../../bot/core/i18n/methodNames.js';
import { codeIn, demoSeed } from '../../helpers.js';
import { cardTexts, createHarness, passCheck, presetInputs, submitActions, type Chat, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';

interface LostPhone {
  readonly userId: string;
  readonly device: Device;
  readonly authenticator: AuthenticationMethod;
  readonly preference: PreferredSecondaryMethod;
  /** Another method to pass the check with. */
  readonly other: AuthenticationMethod;
}

/** The input of a card with that id (a choice, a toggle, a text field). */
function inputOf(card: unknown, id: string): Record<string, unknown> | undefined {
  if (Array.isArray(card)) return card.map((c) => inputOf(c, id)).find(Boolean);
  if (!card || typeof card !== 'object') return undefined;
  const node = card as Record<string, unknown>;
  if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id === id) return node;
  return Object.values(node).map((v) => inputOf(v, id)).find(Boolean);
}

/** A demo user with a device whose Authenticator the default does (or does not) rely on. */
async function lostPhone(harness: Harness, defaultOnIt: boolean): Promise<LostPhone> {
  for (const seeded of (await demoSeed()).users) {
    const userId = String(seeded.id);
    const methods = await harness.directory.listAuthenticationMethods(userId);
    const preference = (await harness.directory.getSignInPreferences(userId))?.userPreferredMethodForSecondaryAuthentication ?? 'none';
    const other = methods.find((m) => m.kind === 'email' || (m.kind === 'phone' && m.phoneType === 'mobile'));
    for (const device of (await harness.directory.listDevices(userId)).filter((d) => d.accountEnabled)) {
      const authenticator = authenticatorOn(device, methods);
      if (authenticator && other && isDefaultMethod(authenticator, methods, preference) === defaultOnIt) return { userId, device, authenticator, preference, other };
    }
  }
  throw new Error('No demo user fits');
}

describe('devices.disable: a lost phone and its Authenticator', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  async function reportLostPhone(chat: Chat, phone: LostPhone, lostPhrase: string): Promise<void> {
    await chat.say(lostPhrase);
    await chat.submit('choose', {}, { deviceId: phone.device.id });
  }

  async function stepUp(chat: Chat, phone: LostPhone): Promise<void> {
    await chat.submit('choose', {}, { methodId: phone.other.id });
    await chat.say(codeIn((await harness.notifier.messagesFor(phone.userId)).at(-1)?.text ?? ''));
  }

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    describe(`in ${locale}`, function () {
      it('the default relies on that Authenticator: the confirmation asks for the new default, and the one chosen is saved', async function () {
        const phone = await lostPhone(harness, true);
        const remaining = (await harness.directory.listAuthenticationMethods(phone.userId)).filter((m) => m.id !== phone.authenticator.id);
        const choices = defaultOptions(remaining);
        assert.ok(choices.length >= 2, 'the demo user has more than one default to choose from');
        const chosen = choices[choices.length - 1];
        const chat = harness.chat(phone.userId, say.tag);
        await reportLostPhone(chat, phone, say.deviceLost);
        const newDefault = inputOf(chat.card(), 'newDefault');
        assert.equal(newDefault?.type, 'Input.ChoiceSet', 'asks for the new default in the same card');
        assert.equal(newDefault?.label, t.t('devices.lost.newDefaultLabel'));
        assert.deepEqual(cardTexts(newDefault?.choices), choices.flatMap((c) => [preferenceLabel(t, c.preference, c.method), c.preference]), 'offers what the other methods can serve');
        // Not the preselected choice: the user's own.
        await chat.submit('disable', { signOut: 'false', removeAuthenticator: 'true', ticket: 'false', newDefault: chosen?.preference ?? '' });
        await stepUp(chat, phone);
        const report = cardTexts(chat.card());
        assert.ok(report.includes(t.t('devices.done.authenticatorRemoved')));
        assert.ok(chosen && report.includes(t.t('devices.done.newDefault', { method: preferenceLabel(t, chosen.preference, chosen.method) })), `the new default is said: ${report.join('\n')}`);
        const methods = await harness.directory.listAuthenticationMethods(phone.userId);
        assert.ok(!methods.some((m) => m.id === phone.authenticator.id), 'the Authenticator is gone');
        const preference = (await harness.directory.getSignInPreferences(phone.userId))?.userPreferredMethodForSecondaryAuthentication;
        assert.equal(preference, chosen?.preference, 'the default the user chose, not one picked for them');
        assert.equal((await harness.directory.listDevices(phone.userId)).find((d) => d.id === phone.device.id)?.accountEnabled, false);
      });

      it('the default does not rely on it: no new default is asked for, and the default stays', async function () {
        const phone = await lostPhone(harness, false);
        const chat = harness.chat(phone.userId, say.tag);
        await reportLostPhone(chat, phone, say.deviceLost);
        assert.equal(inputOf(chat.card(), 'newDefault'), undefined);
        assert.equal(inputOf(chat.card(), 'removeAuthenticator')?.type, 'Input.Toggle', 'removing the Authenticator is offered');
        await chat.submit('disable', { signOut: 'false', removeAuthenticator: 'true', ticket: 'false' });
        await stepUp(chat, phone);
        const done = [t.t('devices.done.heading'), t.t('devices.done.disabled', { device: phone.device.displayName }), t.t('devices.done.authenticatorRemoved')];
        assert.deepEqual(cardTexts(chat.card()), done, 'no new default to tell');
        assert.equal((await harness.directory.getSignInPreferences(phone.userId))?.userPreferredMethodForSecondaryAuthentication, phone.preference);
      });
    });
  }

  it('a forged new default that the user\'s methods cannot serve removes nothing', async function () {
    const phone = await lostPhone(harness, true);
    const chat = harness.chat(phone.userId, 'en-US');
    await reportLostPhone(chat, phone, phrases.en.deviceLost);
    await chat.submit('disable', { signOut: 'false', removeAuthenticator: 'true', ticket: 'false', newDefault: 'voiceOffice' });
    await stepUp(chat, phone);
    assert.ok(cardTexts(chat.card()).includes(translator('en').t('devices.done.authenticatorKept')));
    assert.ok((await harness.directory.listAuthenticationMethods(phone.userId)).some((m) => m.id === phone.authenticator.id), 'the Authenticator stays');
    assert.equal((await harness.directory.getSignInPreferences(phone.userId))?.userPreferredMethodForSecondaryAuthentication, phone.preference, 'the default is unchanged');
  });
});

describe('devices.disable: what the helpdesk sees of a lost phone', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  /** A lost phone disabled with every step on (sign out, remove its Authenticator, a ticket), checked with the other method: the ticket form waits. */
  async function lostPhoneToTicketForm(locale: Locale): Promise<{ phone: LostPhone; chat: Chat }> {
    const phone = await lostPhone(harness, false);
    const chat = harness.chat(phone.userId, phrases[locale].tag);
    await chat.say(phrases[locale].deviceLost);
    await chat.submit('choose', {}, { deviceId: phone.device.id });
    await chat.submit('disable', { signOut: 'true', removeAuthenticator: 'true', ticket: 'true' });
    await passCheck(harness, chat, phone.userId, phone.other.id);
    return { phone, chat };
  }

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const agentT = translator('en');

    it(`${locale}: the agent reads what the assistant did, and every message the user was told would be attached`, async function () {
      const { phone, chat } = await lostPhoneToTicketForm(locale);
      await chat.submit('submit', { category: 'device', description: 'Left on the train' });
      const summary = cardTexts(chat.card());
      const told = Array.from({ length: 21 }, (_, count) => count).find((count) => summary.includes(t.t('helpdesk.attached', { count })));
      assert.ok(told !== undefined && told > 0, 'the summary says how many messages go with the ticket');
      const [created] = await chat.submit('send');
      const number = /INC-\d{6}/.exec(created?.text ?? '')?.[0] ?? '';

      const agentId = (await harness.directory.tenant()).helpdesk.agents[0] ?? '';
      const agent = harness.chat(agentId, 'en-GB');
      await agent.say(number);
      const lines = cardTexts(agent.card()).filter((text) => text.startsWith(agentT.t('agent.line.user')) || text.startsWith(agentT.t('agent.line.bot')));
      assert.equal(lines.length, told, 'as many messages as the user was told');
      assert.equal((await harness.services.tickets.get(number))?.transcript.length, told, 'and those are the ones attached');
      // BOT: [What I did] / … is disabled. / Every session … / The Authenticator … was removed …
      const done = lines.find((line) => line.startsWith(`${agentT.t('agent.line.bot')} [${t.t('devices.done.heading')}]`)) ?? '';
      for (const line of [t.t('devices.done.disabled', { device: phone.device.displayName }), t.t('devices.done.signedOut'), t.t('devices.done.authenticatorRemoved')]) {
        assert.ok(done.includes(line), `${line} in ${done}`);
      }
    });

    it(`${locale}: the ticket form starts with a description of the lost device and what was done, which is enough to go on`, async function () {
      const { phone, chat } = await lostPhoneToTicketForm(locale);
      const drafted = t.t('devices.lost.ticketDescription', { device: phone.device.displayName, signedOut: 'yes', authenticator: 'removed' });
      assert.equal(presetInputs(chat.card()).description, drafted);
      // "Continue" as the form is: no "describe the problem" again, the summary with the drafted description.
      await chat.submit('submit');
      assert.ok(cardTexts(chat.card()).includes(t.t('helpdesk.summaryHeading')), cardTexts(chat.card()).join('\n'));
      const [created] = await chat.submit('send');
      const number = /INC-\d{6}/.exec(created?.text ?? '')?.[0] ?? '';
      assert.equal((await harness.services.tickets.get(number))?.description, drafted);
    });
  }
});

describe('devices.disable: a lost device named by its kind', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  /** The device ids a pick card offers. */
  const offered = (card: unknown): string[] => submitActions(card).filter((d) => d.action === 'choose').map((d) => String(d.deviceId));

  /** A demo user with enabled phones and computers both. */
  async function phoneAndComputerOwner(): Promise<{ userId: string; devices: Device[] }> {
    for (const seeded of (await demoSeed()).users) {
      const devices = (await harness.directory.listDevices(String(seeded.id))).filter((d) => d.accountEnabled);
      if (devices.some((d) => deviceKindOf(d) === 'mobile') && devices.some((d) => deviceKindOf(d) === 'computer')) return { userId: String(seeded.id), devices };
    }
    throw new Error('No demo user fits');
  }

  for (const locale of supportedLocales) {
    it(`${locale}: "${phrases[locale].deviceLost}" offers the phones, not the computers`, async function () {
      const owner = await phoneAndComputerOwner();
      const chat = harness.chat(owner.userId, phrases[locale].tag);
      await chat.say(phrases[locale].deviceLost);
      assert.deepEqual(offered(chat.card()).sort(), owner.devices.filter((d) => deviceKindOf(d) === 'mobile').map((d) => d.id).sort());
    });
  }

  it('a lost laptop offers the computers; a kind the user has none of offers every device', async function () {
    const owner = await phoneAndComputerOwner();
    const chat = harness.chat(owner.userId, 'en-US');
    await chat.say('someone stole my laptop');
    assert.deepEqual(offered(chat.card()).sort(), owner.devices.filter((d) => deviceKindOf(d) === 'computer').map((d) => d.id).sort());
    await chat.say(phrases.en.cancel);
    const computersOnly = (await demoSeed()).users.find((u) => Array.isArray(u.devices) && u.devices.length > 0 && (u.devices as Device[]).every((d) => deviceKindOf(d) === 'computer' && d.accountEnabled));
    assert.ok(computersOnly, 'a demo user with computers only');
    const other = harness.chat(String(computersOnly.id), 'en-US');
    await other.say('my phone was stolen');
    assert.deepEqual(offered(other.card()).sort(), (computersOnly.devices as Device[]).map((d) => d.id).sort());
  });
});
