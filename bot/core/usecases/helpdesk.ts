// The helpdesk: a hand-off opens a ticket with the context already filled in; a user sees their own
// tickets, an agent sees and works all of them; a ticket sent back as a self-service task resolves
// itself once the user has done it. Every change is audited, and each person hears of a ticket in
// their own language, in their own conversation with the assistant.
import { goalFor, type GoalIntent, type TicketCategory } from '../goals.js';
import { regionalTag, toLocale, translator, type Locale, type Translator } from '../i18n/i18n.js';
import { timeZoneOf } from '../i18n/timeZones.js';
import type { Clock } from '../ports/clock.js';
import type { Directory, HelpdeskContact } from '../ports/directory.js';
import type { OutgoingMessage, Proactive } from '../ports/proactive.js';
import type { Ticket, TicketChange, TicketContext, Tickets, TranscriptLine } from '../ports/tickets.js';
import { fail, ok, type Result } from '../result.js';
import type { Actor } from './actor.js';
import type { AuditTrail } from './auditTrail.js';
import { redact } from './redaction.js';

/** Longest description (and agent comment) kept. */
export const maxDescriptionLength = 500;

export type TicketRefusal = 'notFound' | 'notAgent' | 'resolved' | 'notYours' | 'alreadyYours';

/** Whether the ticket is assigned to this agent and waiting on them (not sent back, not resolved). */
const isAssignedTo = (ticket: Ticket, agentId: string): boolean => ticket.state === 'assigned' && ticket.assignedTo === agentId;

/** What a person is told: messages written with a translator in their language. */
export type Compose = (t: Translator) => readonly OutgoingMessage[];

export interface NewTicketRequest {
  readonly category: TicketCategory;
  readonly description: string;
  readonly context: TicketContext;
  readonly transcript: readonly TranscriptLine[];
}

export interface HelpdeskDependencies {
  readonly directory: Directory;
  readonly tickets: Tickets;
  readonly proactive: Proactive;
  readonly auditTrail: AuditTrail;
  readonly clock: Clock;
}

export class Helpdesk {
  constructor(private readonly deps: HelpdeskDependencies) {}

  async contact(): Promise<HelpdeskContact> {
    return (await this.deps.directory.tenant()).helpdesk;
  }

  async isAgent(userId: string): Promise<boolean> {
    return (await this.contact()).agents.includes(userId);
  }

  /** A person's name as the directory has it. */
  async displayName(userId: string | undefined): Promise<string | undefined> {
    return userId ? (await this.deps.directory.findUserById(userId))?.displayName : undefined;
  }

  async open(actor: Actor, request: NewTicketRequest): Promise<Result<Ticket, 'notFound'>> {
    const user = await this.deps.directory.findUserById(actor.userId);
    if (!user) return fail('notFound');
    const ticket = await this.deps.tickets.create({
      userId: user.id,
      userDisplayName: user.displayName,
      channel: actor.channel,
      locale: actor.locale,
      category: request.category,
      description: redact(request.description.trim()).slice(0, maxDescriptionLength),
      context: request.context,
      // Lines are redacted when recorded; once more here, in case a description quoted a code.
      transcript: request.transcript.map((line) => ({ ...line, text: redact(line.text) })),
    }, this.deps.clock.now());
    await this.deps.auditTrail.record(actor, 'ticket.create', 'success', { target: ticket.number, subject: { type: 'ticket', number: ticket.number } });
    return ok(ticket);
  }

  /** The user's own tickets, newest first. */
  async mine(userId: string, top: number): Promise<readonly Ticket[]> {
    return this.deps.tickets.listForUser(userId, top);
  }

  /**
   * One of the user's own tickets by number. Someone else's ticket is "not found", exactly as a
   * missing one is, so a number tells nobody whether it exists.
   */
  async ownTicket(userId: string, number: string): Promise<Result<Ticket, 'notFound'>> {
    const ticket = await this.deps.tickets.get(number);
    return ticket && ticket.userId === userId ? ok(ticket) : fail('notFound');
  }

  /** For agents: the `top` oldest tickets not resolved yet, and how many there are in all. */
  async openTickets(agentId: string, top: number): Promise<Result<{ readonly oldest: readonly Ticket[]; readonly total: number }, 'notAgent'>> {
    if (!(await this.isAgent(agentId))) return fail('notAgent');
    const [oldest, total] = await Promise.all([this.deps.tickets.listOpen(top), this.deps.tickets.countOpen()]);
    return ok({ oldest, total: Math.max(total, oldest.length) });
  }

  /** For agents: one ticket by number. */
  async ticket(agentId: string, number: string): Promise<Result<Ticket, 'notAgent' | 'notFound'>> {
    if (!(await this.isAgent(agentId))) return fail('notAgent');
    const ticket = await this.deps.tickets.get(number);
    return ticket ? ok(ticket) : fail('notFound');
  }

  /** Assigns the ticket to the agent; one already theirs is left as it is (no second notice to its owner, no second entry). */
  assign(actor: Actor, number: string): Promise<Result<Ticket, TicketRefusal>> {
    return this.agentChange(actor, number, (_t, at) => ({
      state: 'assigned', assignedTo: actor.userId, event: { at, actorId: actor.userId, action: 'assigned' },
      onlyIf: (current) => !isAssignedTo(current, actor.userId),
    }));
  }

  resolve(actor: Actor, number: string, comment: string): Promise<Result<Ticket, TicketRefusal>> {
    const text = redact(comment.trim()).slice(0, maxDescriptionLength);
    return this.agentChange(actor, number, (t, at) => ({
      state: 'resolved', assignedTo: t.assignedTo ?? actor.userId, resolution: text, event: { at, actorId: actor.userId, action: 'resolved', note: text },
    }));
  }

  sendBack(actor: Actor, number: string, task: GoalIntent, note: string): Promise<Result<Ticket, TicketRefusal>> {
    return this.agentChange(actor, number, (t, at) => ({
      state: 'sentBack', assignedTo: t.assignedTo ?? actor.userId, task,
      event: { at, actorId: actor.userId, action: 'sentBack', note: redact(note.trim()).slice(0, maxDescriptionLength) || undefined },
    }));
  }

  /**
   * Resolves a ticket that was sent back to the user when they have just done its task: their own
   * ticket, waiting for them, for this goal, and the audit log shows the change succeeded since.
   */
  async completeTask(actor: Actor, number: string, goal: GoalIntent, since: string): Promise<Result<Ticket, TicketRefusal>> {
    const { tickets, auditTrail, clock } = this.deps;
    const ticket = await tickets.get(number);
    if (!ticket || ticket.userId !== actor.userId) return fail('notYours');
    if (ticket.state !== 'sentBack' || ticket.task !== goal) return fail('resolved');
    const action = goalFor(goal).task;
    const done = (await auditTrail.recent(actor.userId, 50)).some((e) => e.action === action && e.result === 'success' && e.at >= since);
    if (!done) return fail('notYours');
    const at = clock.now().toISOString();
    const updated = await tickets.update(ticket.number, {
      state: 'resolved', resolution: 'completed by the user with the assistant', event: { at, actorId: actor.userId, action: 'taskCompleted' },
    });
    if (!updated) return fail('notFound');
    await auditTrail.record(actor, 'ticket.update', 'success', { target: `${ticket.number} resolved`, subject: { type: 'ticket', number: ticket.number, state: 'resolved' } });
    return ok(updated);
  }

  /** Posts a new ticket to every helpdesk agent but its owner, in each agent's language. */
  async announce(ticket: Ticket, compose: Compose): Promise<void> {
    for (const agentId of (await this.contact()).agents) {
      if (agentId !== ticket.userId) await this.tell(agentId, compose);
    }
  }

  /** Tells the ticket's owner, in the language they last spoke with the assistant (else the one they opened it in, else their directory's). */
  async tellOwner(ticket: Ticket, compose: Compose): Promise<boolean> {
    return this.tell(ticket.userId, compose, ticket.locale);
  }

  /** Tells a person in their latest conversation with the assistant; false when it could not be delivered. */
  async tell(userId: string, compose: Compose, used?: string): Promise<boolean> {
    const [user, tenant, spoken] = await Promise.all([this.deps.directory.findUserById(userId), this.deps.directory.tenant(), this.deps.proactive.languageOf(userId)]);
    // Their language: the one the assistant last spoke with them (a language they asked for included),
    // else the one they used for this (a ticket's), else their directory preference.
    const locale: Locale = toLocale(spoken) ?? toLocale(used) ?? toLocale(user?.preferredLanguage) ?? 'en';
    const t = translator(locale, { region: regionalTag(locale, used, user?.preferredLanguage), timeZone: timeZoneOf(user, tenant) });
    return this.deps.proactive.send(userId, compose(t).map((m) => ({ ...m, locale: t.region })));
  }

  private async agentChange(actor: Actor, number: string, change: (ticket: Ticket, at: string) => TicketChange): Promise<Result<Ticket, TicketRefusal>> {
    const { tickets, auditTrail, clock } = this.deps;
    if (!(await this.isAgent(actor.userId))) {
      await auditTrail.record(actor, 'ticket.update', 'refused', { target: number, subject: { type: 'ticket', number }, reason: 'notAgent' });
      return fail('notAgent');
    }
    const ticket = await tickets.get(number);
    if (!ticket) return fail('notFound');
    if (ticket.state === 'resolved') return fail('resolved');
    // Checked again as stored, in the same step as the change: of two agents' presses at once, or two of one agent's, one acts.
    const proposed = change(ticket, clock.now().toISOString());
    const updated = await tickets.update(ticket.number, { ...proposed, onlyIf: (current) => current.state !== 'resolved' && (proposed.onlyIf?.(current) ?? true) });
    if (!updated) {
      const now = await tickets.get(number);
      return fail(!now ? 'notFound' : now.state === 'resolved' ? 'resolved' : 'alreadyYours');
    }
    await auditTrail.recordFor(ticket.userId, actor, 'ticket.update', 'success', { target: `${ticket.number} ${updated.state}`, subject: { type: 'ticket', number: ticket.number, state: updated.state } });
    return ok(updated);
  }
}
