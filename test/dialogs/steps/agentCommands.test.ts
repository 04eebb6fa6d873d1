// Typed ticket commands, in every language: an agent opens, assigns and resolves a ticket by typing,
// exactly as with the buttons (the resolve form, prefilled, is still the confirmation); an employee
// who names a ticket number sees it if it is theirs and otherwise learns nothing about it.
import assert from 'node:assert/strict';
import { supportedLocales, translator, type Locale } from '../../../bot/core/i18n/i18n.js';
import { demoSeed, demoUser, demoUserNamed } from '../../helpers.js';
import { cardOf, cardTexts, createHarness, presetInputs, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';
import { openTicket } from './ticketSteps.js';

/** What an agent or an employee types, per language (the answers come from the locale files). */
const typed: Record<Locale, { open: (n: string) => string; assign: string; resolve: (comment: string) => string; ask: (n: string) => string; assignNumber: (n: string) => string }> = {
  en: { open: (n) => `open ${n}`, assign: "I'll take it", resolve: (c) => `resolve it: ${c}`, ask: (n) => `what's happening with ${n}?`, assignNumber: (n) => `assign ${n} to me` },
  fr: { open: (n) => `ouvre ${n}`, assign: 'je le prends', resolve: (c) => `résous-le : ${c}`, ask: (n) => `où en est le ticket ${n} ?`, assignNumber: (n) => `assigne-moi ${n}` },
  nl: { open: (n) => `toon ${n}`, assign: 'ik neem hem', resolve: (c) => `los op: ${c}`, ask: (n) => `wat is de status van ${n}?`, assignNumber: (n) => `wijs ${n} toe aan mij` },
  sv: { open: (n) => `öppna ${n}`, assign: 'jag tar den', resolve: (c) => `lös den: ${c}`, ask: (n) => `vad är status på ${n}?`, assignNumber: (n) => `tilldela mig ${n}` },
};

/** Two demo employees (not agents), the first speaking the locale. */
async function employees(locale: Locale) {
  const seed = await demoSeed();
  const agents = ((seed.tenant.helpdesk as { agents?: string[] } | undefined)?.agents) ?? [];
  const employee = (extra: (u: Record<string, unknown>) => boolean) => demoUser((u) => !agents.includes(String(u.id)) && u.lockedOut !== true && extra(u));
  const owner = await employee((u) => String(u.preferredLanguage).startsWith(locale));
  const other = await employee((u) => u.id !== owner.id);
  return { owner, other };
}

const texts = (replies: readonly Partial<{ text: string }>[]): string[] => replies.map((r) => r.text ?? '');

describe('typed ticket commands', function () {
  let harness: Harness;
  let agentId: string;
  beforeEach(async () => {
    harness = await createHarness();
    agentId = (await harness.directory.tenant()).helpdesk.agents[0] ?? '';
  });
  afterEach(() => harness.close());

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const say = typed[locale];

    it(`${locale}: the agent types open, "${say.assign}", "${say.resolve('…')}"; nothing is resolved before the form's button`, async function () {
      const { owner } = await employees(locale);
      const user = harness.chat(owner.id, phrases[locale].tag);
      const number = await openTicket(user, locale, 'My phone number is wrong');
      const agent = harness.chat(agentId, phrases[locale].tag);

      // "it" before any ticket was opened here: how to name one.
      assert.deepEqual(texts(await agent.say(say.assign)), [t.t('agent.whichTicket')]);

      const [opened] = await agent.say(say.open(number));
      const card = cardTexts(cardOf(opened ?? {}));
      assert.ok(card.includes(t.t('ticket.heading', { number })), 'the card an agent works a ticket from');
      assert.ok(card.includes(t.t('agent.act.assign')));

      assert.deepEqual(texts(await agent.say(say.assign)), [t.t('agent.done.assigned', { number, user: owner.displayName })]);
      assert.equal((await harness.services.tickets.get(number))?.state, 'assigned');
      const agentName = (await harness.directory.findUserById(agentId))?.displayName ?? '';
      assert.equal(user.inbox()[0]?.text, t.t('ticket.user.assigned', { number, agent: agentName }));
      // Again: nothing changes, and the owner is not told twice.
      const told = user.inbox().length;
      assert.deepEqual(texts(await agent.say(say.assign)), [t.t('agent.alreadyYours', { number })]);
      assert.equal(user.inbox().length, told, 'no second notice');
      assert.equal((await harness.services.tickets.get(number))?.history.filter((e) => e.action === 'assigned').length, 1);

      const comment = 'Phone number corrected';
      await agent.say(say.resolve(comment));
      assert.ok(cardTexts(agent.card()).includes(t.t('agent.resolveHeading', { number })));
      assert.equal(presetInputs(agent.card()).comment, comment, 'the form starts with the typed comment');
      assert.equal((await harness.services.tickets.get(number))?.state, 'assigned', 'not resolved before the press');

      assert.deepEqual(texts(await agent.submit('resolve')), [t.t('agent.done.resolved', { number, user: owner.displayName })]);
      const resolved = await harness.services.tickets.get(number);
      assert.deepEqual([resolved?.state, resolved?.resolution], ['resolved', comment]);
      assert.equal(user.inbox()[0]?.text, t.t('ticket.user.resolved', { number, resolution: comment }));

      // Once resolved, "resolve it" or "assign it" again says so at once, with no form first.
      for (const again of [say.resolve('again'), say.assign]) {
        assert.deepEqual(texts(await agent.say(again)), [t.t('agent.alreadyResolved', { number })], again);
      }
    });

    it(`${locale}: an agent who stops the resolve or send-back form is told the ticket is unchanged, not their account`, async function () {
      const { owner } = await employees(locale);
      const user = harness.chat(owner.id, phrases[locale].tag);
      const number = await openTicket(user, locale, 'My phone number is wrong');
      const agent = harness.chat(agentId, phrases[locale].tag);
      await agent.say(say.open(number));
      await agent.say(say.resolve('done'));
      assert.deepEqual(texts(await agent.submit('cancel')), [t.t('agent.cancelled', { number })], 'the Cancel button');
      await agent.send({ verb: 'ticket.act', ticket: number, act: 'sendBack' });
      assert.deepEqual(texts(await agent.say(phrases[locale].cancel)), [t.t('agent.cancelled', { number })], '"cancel" typed');
      assert.equal((await harness.services.tickets.get(number))?.state, 'new');
    });

    it(`${locale}: an employee asking about a ticket number sees it if it is theirs; anyone else gets the unknown-ticket answer`, async function () {
      const { owner, other } = await employees(locale);
      const user = harness.chat(owner.id, phrases[locale].tag);
      const number = await openTicket(user, locale, 'Question about my sign-in');

      for (const text of [say.ask(number), number.toLowerCase()]) {
        const [status] = await user.say(text);
        const card = cardTexts(cardOf(status ?? {}));
        assert.ok(card.includes(t.t('ticket.heading', { number })), text);
        assert.ok(card.includes(t.t('ticket.state.new')), text);
      }

      const nosy = harness.chat(other.id, phrases[locale].tag);
      const missing = 'INC-999999';
      for (const [text, n] of [[say.ask(number), number], [say.ask(missing), missing], [number, number], [say.open(missing), missing]] as const) {
        const replies = await nosy.say(text);
        assert.deepEqual(texts(replies), [t.t('ticket.unknown', { number: n })], text);
        assert.ok(!JSON.stringify(replies).includes('Question about my sign-in'), 'nothing of the ticket is shown');
      }
      // The agents' commands are theirs: the same refusal whether the number exists or not, and nothing changes.
      for (const n of [number, missing]) assert.deepEqual(texts(await nosy.say(say.assignNumber(n))), [t.t('agent.only')]);
      assert.deepEqual(texts(await user.say(`${say.assignNumber(number)}`)), [t.t('agent.only')], 'not even the owner');
      assert.equal((await harness.services.tickets.get(number))?.state, 'new');
    });
  }

  it('the agent is told when the owner could not be told (they have never talked to the assistant)', async function () {
    const t = translator('en');
    const owner = await demoUserNamed('james');
    const { number } = await harness.services.tickets.create({
      userId: owner.id, userDisplayName: owner.displayName, channel: 'webchat', locale: 'en', category: 'other', description: 'Opened by phone', context: {}, transcript: [],
    }, harness.clock.now());
    const agent = harness.chat(agentId, 'en-GB');
    await agent.say(typed.en.open(number));
    assert.deepEqual(texts(await agent.say(typed.en.assign)), [t.t('agent.done.assignedUntold', { number, user: owner.displayName })]);
    assert.equal((await harness.services.tickets.get(number))?.state, 'assigned', 'the ticket moved all the same');
  });

  it('a button sets "it" too; "it" belongs to one conversation; an employee\'s "I\'ll take it" is not a command', async function () {
    const t = translator('en');
    const { owner } = await employees('en');
    const user = harness.chat(owner.id, 'en-US');
    const number = await openTicket(user, 'en', 'Something');
    const agent = harness.chat(agentId, 'en-GB');
    await agent.send({ verb: 'ticket.act', ticket: number, act: 'open' });
    assert.deepEqual(texts(await agent.say('assign it to me')), [t.t('agent.done.assigned', { number, user: owner.displayName })]);
    const elsewhere = harness.chat(agentId, 'en-GB');
    assert.deepEqual(texts(await elsewhere.say('resolve it: done')), [t.t('agent.whichTicket')]);
    const replies = texts(await user.say("I'll take it"));
    assert.ok(!replies.includes(t.t('agent.only')) && !replies.includes(t.t('agent.whichTicket')), 'read as any other message');
  });

  it('a typed command while a card waits leaves that goal; its card is then stale, and a forged resolve changes nothing', async function () {
    const t = translator('en');
    const { owner } = await employees('en');
    const user = harness.chat(owner.id, 'en-US');
    const number = await openTicket(user, 'en', 'Something else');
    const agent = harness.chat(agentId, 'en-GB');
    await agent.say(phrases.en.signOut);
    const stale = agent.buttonData('yes');
    const replies = await agent.say(`show me ${number}`);
    assert.equal(replies[0]?.text, t.t('goal.switched'));
    assert.ok(cardTexts(cardOf(replies[1] ?? {})).includes(t.t('ticket.heading', { number })));
    assert.equal((await agent.send(stale))[0]?.text, t.t('card.stale'));

    await agent.say(`close ${number} – fixed`);
    assert.equal(presetInputs(agent.card()).comment, 'fixed');
    const forged = { ...agent.buttonData('resolve'), nonce: 'f'.repeat(32), comment: 'forged' };
    assert.equal((await agent.send(forged))[0]?.text, t.t('card.stale'));
    assert.equal((await harness.services.tickets.get(number))?.state, 'new');
    // The form still waits and its own button works.
    assert.deepEqual(texts(await agent.submit('resolve')), [t.t('agent.done.resolved', { number, user: owner.displayName })]);
  });
});
