// Two requests in one message ("show my devices and sign me out everywhere"): the first is done, the
// second offered, and a typed or pressed Yes starts it. Two goals read as close: "did you mean…?".
import assert from 'node:assert/strict';
import { supportedLocales, translator, type Locale } from '../../bot/core/i18n/i18n.js';
import type { GoalIntent } from '../../bot/core/goals.js';
import { demoUserNamed } from '../helpers.js';
import { cardOf, cardTexts, createHarness, sharedRecognizer, submitActions, textOf, type Harness } from './harness.js';
import { phrases, type Phrases } from './testData/phrases.js';

const devicesAndSignOut: Record<Locale, string> = {
  en: 'show my devices and sign me out everywhere',
  fr: 'montre-moi mes appareils et déconnecte-moi partout',
  nl: 'toon mijn apparaten en meld me overal af',
  sv: 'visa mina enheter och logga ut mig överallt',
};
/** The words of the second request, which its goal is started with. */
const secondWords: Record<Locale, string> = { en: 'sign me out everywhere', fr: 'déconnecte-moi partout', nl: 'meld me overal af', sv: 'logga ut mig överallt' };
const typedYes = { en: 'yes please', fr: 'oui', nl: 'ja hoor', sv: 'ja tack' } as const;
const typedNo = { en: 'no thanks', fr: 'non merci', nl: 'nee', sv: 'nej' } as const;

/** The phrases that are plain text (not built from an object's name). */
type PlainPhrase = { [K in keyof Phrases]: Phrases[K] extends string ? K : never }[keyof Phrases];

/** Messages that read as two close goals, neither sure, and the phrase that asks for the second one plainly. */
const unsure: Record<Locale, { text: string; second: GoalIntent; plainly: PlainPhrase }> = {
  en: { text: 'my support ticket', second: 'ticket.status', plainly: 'ticketStatus' },
  fr: { text: 'ticket support', second: 'ticket.status', plainly: 'ticketStatus' },
  nl: { text: 'ik moet voor het eerst MFA instellen', second: 'securityinfo.default', plainly: 'securityDefault' },
  sv: { text: 'har servicedesken svarat på min incident', second: 'helpdesk.ticket', plainly: 'helpdesk' },
};

describe('two requests in one message, and "did you mean"', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  const sessionsOf = async (userId: string): Promise<string | undefined> => (await harness.directory.findUserById(userId))?.signInSessionsValidFromDateTime;

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];
    const offer = t.t('also.heading', { goal: t.t('goal.signout.everywhere.title') });

    it(`${locale}: the devices are shown, then "sign out everywhere" is offered; "${typedYes[locale]}" starts it`, async function () {
      const claire = await demoUserNamed('claire');
      const before = await sessionsOf(claire.id);
      const chat = harness.chat(claire.id, say.tag);
      const replies = await chat.say(devicesAndSignOut[locale]);
      assert.ok(cardTexts(cardOf(replies[0] ?? {})).includes(t.t('devices.heading')), 'the first request is done first');
      assert.deepEqual(cardTexts(chat.card()).slice(0, 1), [offer]);
      assert.equal(await sessionsOf(claire.id), before, 'nothing signed out before the Yes');
      const started = await chat.say(typedYes[locale]);
      assert.ok(cardTexts(chat.card()).includes(t.t('signout.heading')), started.map(textOf).join(' | '));
      const stored = Object.values((harness.storage as unknown as { memory: Record<string, string> }).memory).join('\n');
      assert.ok(stored.includes(JSON.stringify({ said: secondWords[locale] }).slice(1, -1)), 'the goal was started with the words that asked for it');
      assert.equal((await chat.submit('yes')).at(-1)?.text, t.t('signout.done'));
      assert.notEqual(await sessionsOf(claire.id), before);
    });

    it(`${locale}: "${say.cancel}" at the offer is a No (the first request may have changed something: no "nothing was changed"); another request simply starts`, async function () {
      const claire = await demoUserNamed('claire');
      const chat = harness.chat(claire.id, say.tag);
      await chat.say(devicesAndSignOut[locale]);
      assert.deepEqual(cardTexts(chat.card()).slice(0, 1), [offer]);
      assert.deepEqual((await chat.say(say.cancel)).map(textOf), [t.t('also.declined')]);
      await chat.say(devicesAndSignOut[locale]);
      const replies = (await chat.say(say.profile)).map(textOf);
      assert.ok(!replies.includes(t.t('goal.switched')), replies.join(' | '));
      assert.ok(cardTexts(chat.card()).length > 0 && !cardTexts(chat.card()).includes(offer), 'the profile, not the offer');
    });

    it(`${locale}: "${typedNo[locale]}" to the offer starts nothing`, async function () {
      const claire = await demoUserNamed('claire');
      const before = await sessionsOf(claire.id);
      const chat = harness.chat(claire.id, say.tag);
      await chat.say(devicesAndSignOut[locale]);
      assert.deepEqual(cardTexts(chat.card()).slice(0, 1), [offer]);
      const replies = await chat.say(typedNo[locale]);
      assert.equal(replies.at(-1)?.text, t.t('also.declined'));
      assert.ok(!replies.some((r) => cardTexts(cardOf(r)).includes(t.t('signout.heading'))));
      assert.equal(await sessionsOf(claire.id), before);
      assert.equal((await chat.say(say.cancel))[0]?.text, t.t('cancel.nothing'), 'nothing is waiting any more');
    });

    it(`${locale}: two close goals get "did you mean" with a button for each; pressing the second starts it`, async function () {
      const { text, second, plainly } = unsure[locale];
      const recognition = await (await sharedRecognizer()).recognize(text, locale);
      assert.equal(recognition.runnerUp !== undefined && [recognition.intent, recognition.runnerUp].includes(second), true, `${text}: ${JSON.stringify(recognition)}`);
      const anna = await demoUserNamed('anna');
      const chat = harness.chat(anna.id, say.tag);
      await chat.say(text);
      const card = chat.card();
      assert.equal(cardTexts(card)[0], t.t('didYouMean.heading'));
      const goals = submitActions(card).map((d) => d.goal).filter((g) => g !== undefined);
      assert.deepEqual(goals, [recognition.intent, recognition.runnerUp]);
      const pressed = (await chat.send(submitActions(card).find((d) => d.goal === second))).map(textOf);
      const asked = (await harness.chat(anna.id, say.tag).say(say[plainly])).map(textOf);
      assert.deepEqual(pressed, asked, 'the same as asking for it plainly');
    });
  }

  it('the second request names a device: once accepted, it goes straight to the confirmation naming it (the words travel with the offer)', async function () {
    const t = translator('en');
    const claire = await demoUserNamed('claire');
    const device = (await harness.directory.listDevices(claire.id)).find((d) => d.accountEnabled);
    assert.ok(device);
    const chat = harness.chat(claire.id, 'en-US');
    await chat.say(`show my sign-in methods. Also I want to disable my device ${device.displayName}`);
    assert.deepEqual(cardTexts(chat.card()).slice(0, 1), [t.t('also.heading', { goal: t.t('goal.devices.disable.title') })]);
    await chat.say('yes');
    const texts = cardTexts(chat.card());
    assert.ok(texts.includes(t.t('devices.confirmHeading', { device: device.displayName })), texts.join(' | '));
    assert.ok(!texts.includes(t.t('devices.disablePick')), 'no "which device?"');
    assert.ok((await harness.directory.listDevices(claire.id)).find((d) => d.id === device.id)?.accountEnabled, 'nothing changed before the confirmation');
  });

  it('a password typed in the second request is never kept in conversation state, while offered nor once its goal runs', async function () {
    const claire = await demoUserNamed('claire');
    const chat = harness.chat(claire.id, 'en-US');
    const stored = (): string => Object.values((harness.storage as unknown as { memory: Record<string, string> }).memory).join('\n');
    await chat.say('show my devices and then change my password, the old one is Winter2025!');
    assert.deepEqual(cardTexts(chat.card()).slice(0, 1), [translator('en').t('also.heading', { goal: translator('en').t('goal.password.change.title') })]);
    assert.ok(!stored().includes('Winter2025'), 'not while the offer waits');
    await chat.say('yes');
    assert.ok(!stored().includes('Winter2025'), 'not in the goal started from it');
  });

  it('"Something else" shows the menu', async function () {
    const t = translator('en');
    const anna = await demoUserNamed('anna');
    const chat = harness.chat(anna.id, 'en-US');
    await chat.say(unsure.en.text);
    const replies = await chat.send(submitActions(chat.card()).find((d) => d.goal === undefined));
    assert.ok(cardTexts(cardOf(replies[0] ?? {})).includes(t.t('menu.intro')));
  });

  it('after the user stops the first request, the second is not offered', async function () {
    const t = translator('en');
    const claire = await demoUserNamed('claire');
    const chat = harness.chat(claire.id, 'en-US');
    await chat.say('sign me out everywhere and show my devices');
    assert.ok(cardTexts(chat.card()).includes(t.t('signout.heading')));
    const replies = await chat.say('cancel');
    assert.deepEqual(replies.map((r) => r.text), [t.t('cancel.done')]);
    assert.equal((await chat.say('cancel'))[0]?.text, t.t('cancel.nothing'));
  });
});
