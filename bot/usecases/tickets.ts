// Hand-offs to the helpdesk: a ticket with the context already filled in, audited; and what a user
// may see of tickets (their own) and what an agent may (all of them).
import type { Ticket, TicketCategory, TicketContext, TranscriptLine } from '../ports/tickets.js';
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
