// Hand-offs to the helpdesk: a ticket with the context already filled in, audited; and what a user
// may see of tickets (their own) and what an agent may (all of them).
import { goalFor, type GoalIntent, type TicketCategory } from '../goals.js';
import type { Ticket, TicketChange, TicketContext, TranscriptLine } from '../ports/tickets.js';
import { redact } from './redaction.js';
import { audit, type AccountServices, type Actor } from './services.js';

/** Longest description kept. */
export const maxDescriptionLength = 500;

export async function openTicket(
  services: AccountServices, actor: Actor,
  input: { category: TicketCategory; description: string; context: TicketContext; transcript: readonly TranscriptLine[] },
): Promise<Ticket | undefined> {
  const user = await services.directory.findUserById(actor.userId);
  if (!user) return undefined;
  const ticket = await services.tickets.create({
    userId: user.id,
    userDisplayName: user.displayName,
    channel: actor.channel,
    locale: actor.locale,
    category: input.category,
    description: redact(input.description.trim()).slice(0, maxDescriptionLength),
    context: input.context,
    // Lines are redacted when recorded; once more here, in case a description quoted a code.
    transcript: input.transcript.map((line) => ({ ...line, text: redact(line.text) })),
  }, services.clock.now());
  await audit(services, actor, 'ticket.create', 'success', { target: ticket.number });
  return ticket;
}

export async function isAgent(services: AccountServices, userId: string): Promise<boolean> {
  return (await services.directory.tenant()).helpdesk.agents.includes(userId);
}

export type TicketUpdateOutcome = { ok: true; ticket: Ticket } | { ok: false; error: 'notFound' | 'notAgent' | 'resolved' | 'notYours' };

async function agentChange(
  services: AccountServices, actor: Actor, number: string,
  change: (ticket: Ticket, at: string) => TicketChange,
): Promise<TicketUpdateOutcome> {
  if (!(await isAgent(services, actor.userId))) {
    await audit(services, actor, 'ticket.update', 'refused', { target: number, reason: 'notAgent' });
    return { ok: false, error: 'notAgent' };
  }
  const ticket = await services.tickets.get(number);
  if (!ticket) return { ok: false, error: 'notFound' };
  if (ticket.state === 'resolved') return { ok: false, error: 'resolved' };
  const updated = await services.tickets.update(ticket.number, change(ticket, services.clock.now().toISOString()));
  if (!updated) return { ok: false, error: 'notFound' };
  await services.audit.record({
    userId: ticket.userId, actorId: actor.userId, action: 'ticket.update', target: `${ticket.number} ${updated.state}`, channel: actor.channel,
    result: 'success', correlationId: actor.correlationId, at: services.clock.now().toISOString(),
  });
  return { ok: true, ticket: updated };
}

export const assignTicket = (services: AccountServices, actor: Actor, number: string): Promise<TicketUpdateOutcome> =>
  agentChange(services, actor, number, (_t, at) => ({ state: 'assigned', assignedTo: actor.userId, event: { at, actorId: actor.userId, action: 'assigned' } }));

export const resolveTicket = (services: AccountServices, actor: Actor, number: string, comment: string): Promise<TicketUpdateOutcome> =>
  agentChange(services, actor, number, (t, at) => ({
    state: 'resolved', assignedTo: t.assignedTo ?? actor.userId, resolution: redact(comment.trim()).slice(0, maxDescriptionLength),
    event: { at, actorId: actor.userId, action: 'resolved', note: redact(comment.trim()).slice(0, maxDescriptionLength) },
  }));

export const sendBackTicket = (services: AccountServices, actor: Actor, number: string, task: GoalIntent, note: string): Promise<TicketUpdateOutcome> =>
  agentChange(services, actor, number, (t, at) => ({
    state: 'sentBack', assignedTo: t.assignedTo ?? actor.userId, task,
    event: { at, actorId: actor.userId, action: 'sentBack', note: redact(note.trim()).slice(0, maxDescriptionLength) || undefined },
  }));

/**
 * Resolves a ticket that was sent back to the user when they have just done its task: their own
 * ticket, waiting for them, for this goal, and the audit log shows the change succeeded since.
 */
export async function completeTask(services: AccountServices, actor: Actor, number: string, goal: GoalIntent, since: string): Promise<TicketUpdateOutcome> {
  const ticket = await services.tickets.get(number);
  if (!ticket || ticket.userId !== actor.userId) return { ok: false, error: 'notYours' };
  if (ticket.state !== 'sentBack' || ticket.task !== goal) return { ok: false, error: 'resolved' };
  const action = goalFor(goal).task;
  const done = (await services.audit.listForUser(actor.userId, 50)).some((e) => e.action === action && e.result === 'success' && e.at >= since);
  if (!done) return { ok: false, error: 'notYours' };
  const at = services.clock.now().toISOString();
  const updated = await services.tickets.update(ticket.number, {
    state: 'resolved', resolution: 'completed by the user with the assistant', event: { at, actorId: actor.userId, action: 'taskCompleted' },
  });
  if (!updated) return { ok: false, error: 'notFound' };
  await audit(services, actor, 'ticket.update', 'success', { target: `${ticket.number} resolved` });
  return { ok: true, ticket: updated };
}
