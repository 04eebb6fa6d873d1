// Helpdesk: opening a ticket (redacted, audited), what only agents may do and how it is audited on
// the owner's log, self-service tasks that resolve themselves, and who is told in which language.
import assert from 'node:assert/strict';
import { translator, type Locale } from '../../../../bot/core/i18n/i18n.js';
import type { Ticket, TranscriptLine } from '../../../../bot/core/ports/tickets.js';
import type { Helpdesk } from '../../../../bot/core/usecases/helpdesk.js';
import { redact } from '../../../../bot/core/usecases/redaction.js';
import { minutes } from '../../../fakes/memoryPorts.js';
import { actorFor, testBed, type TestBed } from '../../../fakes/testBed.js';

type NewTicketRequest = Parameters<Helpdesk['open']>[1];
type Compose = Parameters<Helpdesk['announce']>[1];

/** What a redacted code reads as. */
const redactedMark = redact('482913');

const annaActor = actorFor('user-anna');
const svenActor = actorFor('user-sven', { conversationId: 'conversation-sven' });
const camilleActor = actorFor('user-camille', { conversationId: 'conversation-camille', locale: 'fr' });
const bertActor = actorFor('user-bert', { conversationId: 'conversation-bert', locale: 'nl' });

const request = (overrides: Partial<NewTicketRequest> = {}): NewTicketRequest => ({
  category: 'password',
  description: 'I cannot change my password',
  context: { goal: 'password.change', step: 'current' },
  transcript: [],
  ...overrides,
});

async function open(bed: TestBed, actor = annaActor): Promise<Ticket> {
  const result = await bed.useCases.helpdesk.open(actor, request());
  assert.ok(result.ok);
  return result.value;
}

/** A message a person reads in their own language: a state name differs in every locale. */
const compose: Compose = (t) => [{ text: t.t('ticket.state.resolved') }];
const composed = (locale: Locale): string => translator(locale).t('ticket.state.resolved');

describe('Helpdesk', function () {
  describe('open', function () {
    it('redacts codes and tokens in the description and the transcript, and audits ticket.create', async function () {
      const bed = testBed();
      const transcript: TranscriptLine[] = [
        { from: 'user', text: 'The code was 482913', at: '2025-03-10T08:58:00.000Z' },
        { from: 'bot', text: 'Let me find someone who can help.', at: '2025-03-10T08:58:01.000Z' },
        { from: 'user', text: 'my token is eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', at: '2025-03-10T08:58:30.000Z' },
      ];
      const result = await bed.useCases.helpdesk.open(annaActor, request({ description: '  Code 482 913 failed, then 771-204 too  ', transcript }));
      assert.ok(result.ok);
      const stored = await bed.ports.tickets.get(result.value.number);
      assert.ok(stored);
      assert.equal(stored.number, 'INC-000100');
      assert.equal(stored.description, `Code ${redactedMark} failed, then ${redactedMark} too`);
      assert.deepEqual(stored.transcript.map((l) => l.text), [`The code was ${redactedMark}`, 'Let me find someone who can help.', `my token is ${redactedMark}`]);
      const json = JSON.stringify(stored);
      for (const secret of ['482913', '482 913', '771-204', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9']) assert.ok(!json.includes(secret), secret);
      assert.deepEqual([stored.userId, stored.userDisplayName, stored.channel, stored.locale, stored.state], ['user-anna', 'Anna Lindqvist', 'msteams', 'en', 'new']);
      assert.deepEqual(bed.ports.audit.entries.map((e) => [e.userId, e.actorId, e.action, e.result, e.target]), [['user-anna', 'user-anna', 'ticket.create', 'success', 'INC-000100']]);
    });

    it('keeps at most 500 characters of description', async function () {
      const bed = testBed();
      const result = await bed.useCases.helpdesk.open(annaActor, request({ description: 'Help! '.repeat(200) }));
      assert.ok(result.ok);
      assert.equal(result.value.description.length, 500);
    });

    it('numbers tickets one after the other', async function () {
      const bed = testBed();
      assert.deepEqual([(await open(bed)).number, (await open(bed, bertActor)).number], ['INC-000100', 'INC-000101']);
    });

    it('opens nothing for someone the directory does not know', async function () {
      const bed = testBed();
      assert.deepEqual(await bed.useCases.helpdesk.open(actorFor('user-gone'), request()), { ok: false, error: 'notFound' });
      assert.deepEqual(await bed.ports.tickets.listOpen(), []);
      assert.deepEqual(bed.ports.audit.entries, []);
    });
  });

  describe('agents', function () {
    it('a non-agent cannot assign, resolve or send back: refused, audited, ticket unchanged', async function () {
      const bed = testBed();
      const { helpdesk } = bed.useCases;
      const ticket = await open(bed);
      for (const actor of [bertActor, annaActor]) {
        assert.deepEqual(await helpdesk.assign(actor, ticket.number), { ok: false, error: 'notAgent' });
        assert.deepEqual(await helpdesk.resolve(actor, ticket.number, 'Fixed it myself'), { ok: false, error: 'notAgent' });
        assert.deepEqual(await helpdesk.sendBack(actor, ticket.number, 'password.change', 'Do it yourself'), { ok: false, error: 'notAgent' });
      }
      assert.deepEqual(await bed.ports.tickets.get(ticket.number), ticket);
      const refusals = bed.ports.audit.entries.filter((e) => e.action === 'ticket.update');
      assert.equal(refusals.length, 6);
      assert.ok(refusals.every((e) => e.result === 'refused' && e.reason === 'notAgent' && e.target === ticket.number && e.userId === e.actorId));
      assert.deepEqual(await helpdesk.openTickets('user-bert', 20), { ok: false, error: 'notAgent' });
      assert.deepEqual(await helpdesk.ticket('user-bert', ticket.number), { ok: false, error: 'notAgent' });
    });

    it('an agent assigns; the owner\'s audit log shows the update with the agent as actor', async function () {
      const bed = testBed();
      const ticket = await open(bed);
      bed.clock.advance(minutes(5));
      const assigned = await bed.useCases.helpdesk.assign(svenActor, ticket.number);
      assert.ok(assigned.ok);
      assert.deepEqual([assigned.value.state, assigned.value.assignedTo, assigned.value.updatedAt], ['assigned', 'user-sven', bed.clock.now().toISOString()]);
      assert.deepEqual(assigned.value.history.map((e) => [e.action, e.actorId]), [['created', 'user-anna'], ['assigned', 'user-sven']]);
      const [latest] = await bed.ports.audit.listForUser('user-anna', 1);
      assert.deepEqual([latest?.action, latest?.result, latest?.actorId, latest?.channel, latest?.target], ['ticket.update', 'success', 'user-sven', 'msteams', 'INC-000100 assigned']);
      assert.deepEqual(await bed.ports.audit.listForUser('user-sven', 10), [], 'written on the owner\'s log, not the agent\'s');
    });

    it('assigning a ticket already the agent\'s changes nothing: no second entry, nothing new in the audit log', async function () {
      const bed = testBed();
      const ticket = await open(bed);
      assert.ok((await bed.useCases.helpdesk.assign(svenActor, ticket.number)).ok);
      const audited = (await bed.ports.audit.listForUser('user-anna', 50)).length;
      const again = await bed.useCases.helpdesk.assign(svenActor, ticket.number);
      assert.deepEqual(again, { ok: false, error: 'alreadyYours' });
      assert.equal((await bed.ports.tickets.get(ticket.number))?.history.filter((e) => e.action === 'assigned').length, 1);
      assert.equal((await bed.ports.audit.listForUser('user-anna', 50)).length, audited);
    });

    it('an agent resolves, with the comment redacted; the ticket keeps who handled it; then nothing can change it', async function () {
      const bed = testBed();
      const { helpdesk } = bed.useCases;
      const ticket = await open(bed);
      assert.ok((await helpdesk.assign(svenActor, ticket.number)).ok);
      const resolved = await helpdesk.resolve(camilleActor, ticket.number, '  Reset done, temporary code 55512345  ');
      assert.ok(resolved.ok);
      assert.deepEqual([resolved.value.state, resolved.value.assignedTo, resolved.value.resolution], ['resolved', 'user-sven', `Reset done, temporary code ${redactedMark}`]);
      assert.equal((await bed.ports.audit.listForUser('user-anna', 1))[0]?.target, 'INC-000100 resolved');

      const before = await bed.ports.tickets.get(ticket.number);
      assert.deepEqual(await helpdesk.assign(camilleActor, ticket.number), { ok: false, error: 'resolved' });
      assert.deepEqual(await helpdesk.resolve(svenActor, ticket.number, 'again'), { ok: false, error: 'resolved' });
      assert.deepEqual(await helpdesk.sendBack(svenActor, ticket.number, 'password.change', ''), { ok: false, error: 'resolved' });
      assert.deepEqual(await bed.ports.tickets.get(ticket.number), before);
      assert.deepEqual(await helpdesk.openTickets('user-sven', 20), { ok: true, value: { oldest: [], total: 0 } });
    });

    it('an agent sends a ticket back as a task for the user', async function () {
      const bed = testBed();
      const ticket = await open(bed);
      const sent = await bed.useCases.helpdesk.sendBack(svenActor, ticket.number, 'securityinfo.add', 'Please add your new phone, code 998877 will not work');
      assert.ok(sent.ok);
      assert.deepEqual([sent.value.state, sent.value.task, sent.value.assignedTo], ['sentBack', 'securityinfo.add', 'user-sven']);
      assert.equal(sent.value.history.at(-1)?.note, `Please add your new phone, code ${redactedMark} will not work`);
    });

    it('an unknown ticket number is notFound', async function () {
      const bed = testBed();
      assert.deepEqual(await bed.useCases.helpdesk.assign(svenActor, 'INC-000999'), { ok: false, error: 'notFound' });
      assert.deepEqual(await bed.useCases.helpdesk.ticket('user-sven', 'INC-000999'), { ok: false, error: 'notFound' });
    });
  });

  describe('ownTicket', function () {
    it('the owner gets their ticket; anyone else gets the same notFound as for a number that does not exist', async function () {
      const bed = testBed();
      const ticket = await open(bed);
      const mine = await bed.useCases.helpdesk.ownTicket('user-anna', ticket.number);
      assert.ok(mine.ok);
      assert.equal(mine.value.number, ticket.number);
      const someoneElses = await bed.useCases.helpdesk.ownTicket('user-camille', ticket.number);
      assert.deepEqual(someoneElses, await bed.useCases.helpdesk.ownTicket('user-camille', 'INC-000999'));
      assert.deepEqual(someoneElses, { ok: false, error: 'notFound' });
    });
  });

  describe('completeTask', function () {
    /** Anna's ticket, sent back to her to change her password; and when the task started. */
    async function sentBack(bed: TestBed): Promise<{ number: string; since: string }> {
      const ticket = await open(bed);
      assert.ok((await bed.useCases.helpdesk.sendBack(svenActor, ticket.number, 'password.change', '')).ok);
      bed.clock.advance(minutes(1));
      return { number: ticket.number, since: bed.clock.now().toISOString() };
    }

    const changeAnnasPassword = async (bed: TestBed): Promise<void> => {
      assert.ok((await bed.useCases.passwords.change(annaActor, { current: 'Winter-Morning-42', next: 'Quiet-Orchard-Lamp-58', confirmation: 'Quiet-Orchard-Lamp-58' })).ok);
    };

    it('resolves the owner\'s sent-back ticket once the audit log shows the task done since it started', async function () {
      const bed = testBed();
      const { number, since } = await sentBack(bed);
      await changeAnnasPassword(bed);
      const done = await bed.useCases.helpdesk.completeTask(annaActor, number, 'password.change', since);
      assert.ok(done.ok);
      assert.equal(done.value.state, 'resolved');
      assert.deepEqual(done.value.history.at(-1), { at: bed.clock.now().toISOString(), actorId: 'user-anna', action: 'taskCompleted' });
      assert.deepEqual((await bed.ports.audit.listForUser('user-anna', 1)).map((e) => [e.action, e.result, e.target]), [['ticket.update', 'success', `${number} resolved`]]);
    });

    it('not for another user, even one who did the same task', async function () {
      const bed = testBed();
      const { number, since } = await sentBack(bed);
      assert.ok((await bed.useCases.passwords.change(bertActor, { current: 'Gracht-Fiets-Kaas-11', next: 'Quiet-Orchard-Lamp-58', confirmation: 'Quiet-Orchard-Lamp-58' })).ok);
      assert.deepEqual(await bed.useCases.helpdesk.completeTask(bertActor, number, 'password.change', since), { ok: false, error: 'notYours' });
      assert.equal((await bed.ports.tickets.get(number))?.state, 'sentBack');
    });

    it('not for another goal than the one it was sent back for, even one the user did', async function () {
      const bed = testBed();
      const { number, since } = await sentBack(bed);
      assert.ok((await bed.useCases.passwords.signOutEverywhere(annaActor)).ok);
      const other = await bed.useCases.helpdesk.completeTask(annaActor, number, 'signout.everywhere', since);
      assert.equal(other.ok, false);
      assert.equal((await bed.ports.tickets.get(number))?.state, 'sentBack');
    });

    it('not without a matching success in the audit log since the task started', async function () {
      const bed = testBed();
      const { helpdesk, passwords } = bed.useCases;
      const ticket = await open(bed);
      await changeAnnasPassword(bed);
      assert.ok((await helpdesk.sendBack(svenActor, ticket.number, 'password.change', '')).ok);
      bed.clock.advance(minutes(1));
      const since = bed.clock.now().toISOString();
      assert.deepEqual(await helpdesk.completeTask(annaActor, ticket.number, 'password.change', since), { ok: false, error: 'notYours' }, 'a success before the task started');
      await passwords.change(annaActor, { current: 'Not-My-Password-1', next: 'Another-Fresh-Lamp-77', confirmation: 'Another-Fresh-Lamp-77' });
      assert.deepEqual(await helpdesk.completeTask(annaActor, ticket.number, 'password.change', since), { ok: false, error: 'notYours' }, 'a refused change');
      assert.equal((await bed.ports.tickets.get(ticket.number))?.state, 'sentBack');
    });

    it('not for a ticket that is not waiting for the user: never sent back, or taken back by an agent since', async function () {
      const bed = testBed();
      const { helpdesk } = bed.useCases;
      const fresh = await open(bed);
      const { number: takenBack, since } = await sentBack(bed);
      assert.ok((await helpdesk.assign(camilleActor, takenBack)).ok);
      await changeAnnasPassword(bed);
      assert.equal((await helpdesk.completeTask(annaActor, fresh.number, 'password.change', since)).ok, false);
      assert.equal((await helpdesk.completeTask(annaActor, takenBack, 'password.change', since)).ok, false);
      assert.deepEqual([(await bed.ports.tickets.get(fresh.number))?.state, (await bed.ports.tickets.get(takenBack))?.state], ['new', 'assigned']);
    });
  });

  describe('telling people', function () {
    // The assertions below tell languages apart by this message, so it must differ in each.
    before(function () {
      assert.equal(new Set((['en', 'fr', 'nl', 'sv'] as const).map(composed)).size, 4);
    });

    it('announce tells every agent but the owner, each in their own directory language', async function () {
      const bed = testBed();
      await bed.useCases.helpdesk.announce(await open(bed), compose);
      assert.deepEqual(bed.ports.proactive.sent, [{ userId: 'user-sven', messages: [{ text: composed('sv'), locale: 'sv-SE' }] }, { userId: 'user-camille', messages: [{ text: composed('fr'), locale: 'fr-FR' }] }]);

      const own = testBed();
      await own.useCases.helpdesk.announce(await open(own, svenActor), compose);
      assert.deepEqual(own.ports.proactive.sent.map((s) => s.userId), ['user-camille'], 'an agent is not told of their own ticket');
    });

    it('announce goes on to the other agents when one cannot be reached', async function () {
      const bed = testBed();
      bed.ports.proactive.unreachable.add('user-sven');
      await bed.useCases.helpdesk.announce(await open(bed), compose);
      assert.deepEqual(bed.ports.proactive.sent.map((s) => s.userId), ['user-camille']);
    });

    it('tellOwner speaks the language the ticket was opened in, and says whether it was delivered', async function () {
      const bed = testBed();
      const ticket = await open(bed, { ...annaActor, locale: 'nl' });
      assert.equal(await bed.useCases.helpdesk.tellOwner(ticket, compose), true);
      assert.deepEqual(bed.ports.proactive.sent, [{ userId: 'user-anna', messages: [{ text: composed('nl'), locale: 'nl-NL' }] }]);
      // Once the assistant has spoken another language with them since, that one.
      bed.ports.proactive.languages.set('user-anna', 'fr');
      await bed.useCases.helpdesk.tellOwner(ticket, compose);
      assert.deepEqual(bed.ports.proactive.sent.at(-1), { userId: 'user-anna', messages: [{ text: composed('fr'), locale: 'fr-FR' }] });
      bed.ports.proactive.unreachable.add('user-anna');
      assert.equal(await bed.useCases.helpdesk.tellOwner(ticket, compose), false);
    });

    it('tell uses the directory language, else English', async function () {
      const bed = testBed();
      assert.equal(await bed.useCases.helpdesk.tell('user-bert', compose), true);
      assert.equal(await bed.useCases.helpdesk.tell('user-gone', compose), true);
      assert.deepEqual(bed.ports.proactive.sent.map((s) => [s.userId, s.messages[0]?.text]), [['user-bert', composed('nl')], ['user-gone', composed('en')]]);
    });
  });
});
