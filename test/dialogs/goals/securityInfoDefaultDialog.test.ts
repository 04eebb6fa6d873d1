// securityinfo.default saved with the default the user already has: said so before any check, and
// nothing is checked, changed, recorded or announced; a task the helpdesk sent back stays open. With
// the default the only setting the methods allow, no card to choose from, but what to add for a
// choice. In every language; the expected text comes from the locale files.
import assert from 'node:assert/strict';
import { supportedLocales, translator } from '../../../bot/core/i18n/i18n.js';
import { preferenceLabel } from '../../../bot/core/i18n/methodNames.js';
import { defaultOptions } from '../../../bot/core/usecases/methods.js';
import { demoUserNamed } from '../../helpers.js';
import { cardOf, cardTexts, createHarness, presetInputs, submitActions, passCheck, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';

describe('securityinfo.default with the default the user already has', function () {
  let harness: Harness;
  beforeEach(async () => (harness = await createHarness()));
  afterEach(() => harness.close());

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = phrases[locale];

    it(`${locale}: "already your default", no check, no change, no audit entry, no notice`, async function () {
      const anna = await demoUserNamed('anna');
      const current = (await harness.directory.getSignInPreferences(anna.id))?.userPreferredMethodForSecondaryAuthentication;
      const option = defaultOptions(await harness.directory.listAuthenticationMethods(anna.id)).find((o) => o.preference === current);
      assert.ok(option);
      const audited = (await harness.audit.listForUser(anna.id, 50)).length;
      const notices = (await harness.notifier.messagesFor(anna.id)).length;
      const chat = harness.chat(anna.id, say.tag);
      await chat.say(say.securityDefault);
      assert.equal(presetInputs(chat.card()).preference, current);
      const [answer, ...more] = await chat.submit('save');
      assert.equal(answer?.text, t.t('securityInfo.defaultUnchanged', { method: preferenceLabel(t, option.preference, option.method) }));
      assert.equal(more.length, 0);
      assert.ok(!chat.transcript.some((a) => cardTexts(cardOf(a)).includes(t.t('securityInfo.defaultReason'))), 'no check');
      assert.equal((await harness.audit.listForUser(anna.id, 50)).length, audited, 'no audit entry');
      assert.equal((await harness.notifier.messagesFor(anna.id)).length, notices, 'no code, no notice');
      assert.equal((await harness.directory.getSignInPreferences(anna.id))?.userPreferredMethodForSecondaryAuthentication, current);
    });
  }

  for (const locale of supportedLocales) {
    const t = translator(locale);

    it(`${locale}: with one setting only, the default already, no card to choose from: what to add for a choice`, async function () {
      // Ingrid without her mobile phone: calls to her office phone are the only setting her methods allow.
      const ingrid = await demoUserNamed('ingrid');
      const methods = await harness.directory.listAuthenticationMethods(ingrid.id);
      const mobile = methods.find((m) => m.kind === 'phone' && m.phoneType === 'mobile');
      const office = methods.find((m) => m.kind === 'phone' && m.phoneType === 'office');
      assert.ok(mobile && office);
      // The default first: Microsoft Graph refuses to remove the method the default relies on.
      await harness.directory.setSignInPreferences(ingrid.id, { userPreferredMethodForSecondaryAuthentication: 'voiceOffice' });
      await harness.directory.removeAuthenticationMethod(ingrid.id, mobile.id);
      const chat = harness.chat(ingrid.id, phrases[locale].tag);
      await chat.say(phrases[locale].securityDefault);
      const texts = cardTexts(chat.card());
      assert.ok(texts.includes(t.t('securityInfo.onlyDefault', { method: preferenceLabel(t, 'voiceOffice', office) })));
      assert.ok(!texts.includes(t.t('securityInfo.defaultPick')), 'no choice of one');
      assert.deepEqual(submitActions(chat.card()).map((d) => d.goal), ['securityinfo.add']);
    });
  }

  it('a "change the default" task sent back by the helpdesk is not resolved by saving the same default', async function () {
    const anna = await demoUserNamed('anna');
    const t = translator('en');
    const agentId = (await harness.directory.tenant()).helpdesk.agents[0] ?? '';
    const ticket = await harness.services.tickets.create({
      userId: anna.id, userDisplayName: anna.displayName, channel: 'msteams', locale: 'en', category: 'signInMethods', description: 'Default method', context: {}, transcript: [],
    }, new Date());
    await harness.services.tickets.update(ticket.number, { state: 'sentBack', task: 'securityinfo.default', event: { at: new Date().toISOString(), actorId: agentId, action: 'sentBack' } });
    const chat = harness.chat(anna.id, 'en-US');
    await chat.send({ verb: 'goal.start', goal: 'securityinfo.default', task: ticket.number });
    const replies = await chat.submit('save');
    // Were the check asked for, the user would pass it.
    if (cardTexts(chat.card()).includes(t.t('securityInfo.defaultReason'))) replies.push(...(await passCheck(harness, chat, anna.id, { kind: 'email' })));
    assert.ok(!replies.some((r) => r.text === t.t('ticket.user.taskCompleted', { number: ticket.number })));
    assert.equal((await harness.services.tickets.get(ticket.number))?.state, 'sentBack');
  });
});
