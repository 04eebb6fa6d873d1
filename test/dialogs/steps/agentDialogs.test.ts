// An employee in one conversation and a helpdesk agent in another take a ticket from creation to
// resolution, in every language; the user hears of every change in their own language.
import assert from 'node:assert/strict';
import path from 'node:path';
import { FileRecords } from '../../../bot/adapters/embedded/fileRecords.js';
import { RecordConversationReferences } from '../../../bot/adapters/records/recordConversationReferences.js';
import { RecordTickets } from '../../../bot/adapters/records/recordTickets.js';
import { supportedLocales, translator, type Locale } from '../../../bot/core/i18n/i18n.js';
import { isPreferredSecondaryMethod } from '../../../bot/core/usecases/methods.js';
import { codeIn, demoSeed, demoUser, demoUserNamed } from '../../helpers.js';
import { cardOf, cardTexts, createHarness, presetInputs, submitActions, type Harness } from '../harness.js';
import { phrases } from '../testData/phrases.js';
import { openTicket } from './ticketSteps.js';


/** A demo employee (not an agent) whose directory language is the locale. */
async function employeeSpeaking(locale: Locale) {
  const seed = await demoSeed();
  const agents = ((seed.tenant.helpdesk as { agents?: string[] } | undefined)?.agents) ?? [];
  return demoUser((u) => String(u.preferredLanguage).startsWith(locale) && !agents.includes(String(u.id)) && u.lockedOut !== true
    && Array.isArray(u.authenticationMethods) && u.authenticationMethods.length >= 2);
}

describe('helpdesk agents and users', function () {
  let harness: Harness;
  let agentId: string;
  beforeEach(async () => {
    harness = await createHarness();
    agentId = (await harness.directory.tenant()).helpdesk.agents[0] ?? '';
  });
  afterEach(() => harness.close());

  for (const locale of supportedLocales) {
    const t = translator(locale);
    const agentT = translator('en');

    it(`${locale}: new ticket posted to the agent; assign, send back as a task; the user completes it and the ticket resolves`, async function () {
      const employee = await employeeSpeaking(locale);
      const agent = harness.chat(agentId, 'en-GB');
      await agent.say('hello');
      agent.inbox();
      const user = harness.chat(employee.id, phrases[locale].tag);
      const number = await openTicket(user, locale, 'My default method is wrong');
      assert.match(number, /^INC-\d{6}$/);

      // The agent gets the ticket, in the agent's language, with the user's context.
      const [posted] = agent.inbox();
      assert.equal(posted?.text, agentT.t('agent.newTicket', { number }));
      assert.ok(cardTexts(cardOf(posted ?? {})).includes(agentT.t('ticket.heading', { number })));
      await agent.send(submitActions(agent.card()).find((d) => d.act === 'assign'));
      assert.equal(agent.transcript.at(-1)?.text, agentT.t('agent.done.assigned', { number, user: employee.displayName }));
      const [assigned] = user.inbox();
      assert.equal(assigned?.text, t.t('ticket.user.assigned', { number, agent: (await harness.directory.findUserById(agentId))?.displayName ?? '' }));

      // Sent back as a self-service task: the user gets a card that starts the goal.
      await agent.send({ verb: 'ticket.act', ticket: number, act: 'sendBack' });
      await agent.submit('sendBack', { task: 'securityinfo.default', note: 'Please set the app as default' });
      const [task] = user.inbox();
      assert.equal(task?.text, t.t('ticket.user.sentBack', { number, goal: t.t('goal.securityinfo.default.title') }));
      assert.equal((await harness.services.tickets.get(number))?.state, 'sentBack');
      const pushed = cardTexts(cardOf(task ?? {}));
      for (const said of [t.t('ticket.field.task'), t.t('goal.securityinfo.default.title'), t.t('ticket.field.note'), 'Please set the app as default']) assert.ok(pushed.includes(said), said);
      // Missed that card? "My tickets" and the ticket's own status say what to do, with the agent's note and the button.
      await user.say(phrases[locale].ticketStatus);
      const listed = cardTexts(user.card()).join('\n');
      assert.ok(listed.includes(t.t('ticket.noteInList', { note: 'Please set the app as default' })), listed);
      const fromList = submitActions(user.card()).find((d) => d.goal === 'securityinfo.default');
      assert.deepEqual(fromList && { task: fromList.task, verb: fromList.verb }, { task: number, verb: 'goal.start' });
      await user.say(number);
      assert.ok(cardTexts(user.card()).includes('Please set the app as default'));
      assert.ok(submitActions(user.card()).some((d) => d.goal === 'securityinfo.default' && d.task === number));
      await user.send(fromList);
      const options = submitActions(user.card());
      assert.ok(options.length > 0);
      // Another default than the current one (saving the same one changes nothing, and completes no task).
      const current = presetInputs(user.card()).preference;
      const preference = [...JSON.stringify(user.card()).matchAll(/"value":"(\w+)"/g)].map((m) => m[1]).find((v) => v && v !== current && isPreferredSecondaryMethod(v)) ?? '';
      await user.submit('save', { preference });
      const chosen = submitActions(user.card()).find((d) => d.action === 'choose')?.methodId;
      const methodId = typeof chosen === 'string' ? chosen : '';
      await user.submit('choose', {}, { methodId });
      const done = await user.say(codeIn((await harness.notifier.messagesFor(employee.id)).at(-1)?.text ?? ''));
      assert.ok(done.some((r) => r.text === t.t('ticket.user.taskCompleted', { number })), 'the ticket resolves by itself');
      assert.equal((await harness.services.tickets.get(number))?.state, 'resolved');
      assert.equal(agent.inbox()[0]?.text, agentT.t('agent.taskCompleted', { number, user: employee.displayName }));
    });

    it(`${locale}: the agent resolves with a comment; the user is told with the comment; ticket.status shows it resolved`, async function () {
      const employee = await employeeSpeaking(locale);
      const agent = harness.chat(agentId, 'en-GB');
      await agent.say('hello');
      const user = harness.chat(employee.id, phrases[locale].tag);
      const number = await openTicket(user, locale, 'Question about my account');
      agent.inbox();
      await agent.send({ verb: 'ticket.act', ticket: number, act: 'resolve' });
      await agent.submit('resolve', { comment: 'Fixed on our side' });
      const [resolved] = user.inbox();
      assert.equal(resolved?.text, t.t('ticket.user.resolved', { number, resolution: 'Fixed on our side' }));
      await user.say(phrases[locale].ticketStatus);
      assert.ok(cardTexts(user.card()).includes(t.t('ticket.state.resolved')));
      const entries = await harness.audit.listForUser(employee.id, 5);
      assert.ok(entries.some((e) => e.action === 'ticket.update' && e.actorId === agentId), 'the agent\'s change is in the user\'s audit log');
    });
  }

  it('the user is told of their ticket in the language they asked the assistant for since opening it', async function () {
    const employee = await employeeSpeaking('sv');
    const agent = harness.chat(agentId, 'en-GB');
    await agent.say('hello');
    const user = harness.chat(employee.id, phrases.sv.tag);
    const number = await openTicket(user, 'sv', 'En fråga om mitt konto');
    await user.say(phrases.en.switchHere);
    agent.inbox();
    await agent.send({ verb: 'ticket.act', ticket: number, act: 'resolve' });
    await agent.submit('resolve', { comment: 'Fixed on our side' });
    const [resolved] = user.inbox();
    assert.equal(resolved?.text, translator('en').t('ticket.user.resolved', { number, resolution: 'Fixed on our side' }));
    assert.match(String(resolved?.locale), /^en-/, 'and labelled as English, for screen readers and translation');
  });

  it('only agents see and change other people\'s tickets; bad numbers are refused', async function () {
    const t = translator('en');
    const employee = await employeeSpeaking('en');
    const user = harness.chat(employee.id, 'en-US');
    const number = await openTicket(user, 'en', 'Something');
    const other = await demoUserNamed('james');
    const nosy = harness.chat(other.id, 'en-US');
    for (const act of ['open', 'assign', 'resolve', 'sendBack']) {
      assert.equal((await nosy.send({ verb: 'ticket.act', ticket: number, act }))[0]?.text, t.t('agent.only'));
    }
    const listed = await nosy.say(phrases.en.ticketStatus);
    assert.ok(!JSON.stringify(listed).includes(number), 'not listed for someone else');
    assert.equal((await harness.services.tickets.get(number))?.state, 'new');
    const agent = harness.chat(agentId, 'en-GB');
    assert.equal((await agent.send({ verb: 'ticket.act', ticket: 'INC-999999', act: 'open' }))[0]?.text, t.t('ticket.unknown', { number: 'INC-999999' }));
    assert.equal((await agent.send({ verb: 'ticket.act', ticket: '../../etc', act: 'open' }))[0]?.text, t.t('card.unknown'));
    const status = await agent.say(phrases.en.ticketStatus);
    assert.equal(status.at(-1)?.text, t.t('ticket.noneOwn'), 'the agent has no ticket of their own, and is not told "no tickets" under the list');
    const open = agent.transcript.find((a) => cardTexts(cardOf(a)).some((x) => x.startsWith(number)));
    assert.ok(open, 'the agent sees open tickets');
    const [opened] = await agent.send(submitActions(cardOf(open)).find((d) => d.ticket === number && d.act === 'open'));
    const texts = cardTexts(cardOf(opened ?? {}));
    assert.ok(texts.includes(t.t('ticket.heading', { number })));
    assert.ok(texts.includes(t.t('agent.transcript')), 'with the redacted transcript');
    // A task card for someone else's ticket resolves nothing.
    await harness.services.tickets.update(number, { state: 'sentBack', task: 'signout.everywhere', event: { at: new Date().toISOString(), actorId: agentId, action: 'sentBack' } });
    await nosy.send({ verb: 'goal.start', goal: 'signout.everywhere', task: number });
    await nosy.submit('yes');
    assert.equal((await harness.services.tickets.get(number))?.state, 'sentBack');
  });

  it('tickets and conversation references survive a restart', async function () {
    const employee = await employeeSpeaking('en');
    const user = harness.chat(employee.id, 'en-US');
    const number = await openTicket(user, 'en', 'Persist me');
    const restarted = new FileRecords(path.join(harness.dataDir, 'records'));
    try {
      const tickets = new RecordTickets(restarted);
      assert.equal((await tickets.get(number))?.description, 'Persist me');
      const references = new RecordConversationReferences(restarted);
      const stored = await references.get(employee.id);
      assert.ok(stored);
      assert.equal(stored.activityId, undefined, 'the per-turn activity id is not kept, so later turns do not rewrite the record');
    } finally {
      await restarted.close();
    }
  });
});
