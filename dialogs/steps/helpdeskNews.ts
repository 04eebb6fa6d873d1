// What the helpdesk and the user are told when a ticket arrives or moves, each in their own
// language, in their own conversation with the assistant.
import type { Ticket } from '../../bot/core/ports/tickets.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { agentTicketCard, ticketUpdateCard } from '../../cards/ticketCards.js';

/** Posts a new ticket to every helpdesk agent who has talked to the assistant. */
export async function announceTicket(useCases: UseCases, ticket: Ticket): Promise<void> {
  const { helpdesk, clock } = useCases;
  const agentName = await helpdesk.displayName(ticket.assignedTo);
  await helpdesk.announce(ticket, (t) => {
    const intro = t.t('agent.newTicket', { number: ticket.number });
    return [{ text: intro, attachment: agentTicketCard(t, ticket, { agentName, now: clock.now(), intro }) }];
  });
}

/** Tells the user, in their language, that their ticket moved (for a task, with the button that starts it); false when it could not be delivered. */
export async function tellOwner(useCases: UseCases, ticket: Ticket, change: 'assigned' | 'resolved' | 'sentBack'): Promise<boolean> {
  const { helpdesk, clock } = useCases;
  const agentName = await helpdesk.displayName(ticket.assignedTo);
  return helpdesk.tellOwner(ticket, (t) => {
    const text = change === 'sentBack' && ticket.task
      ? t.t('ticket.user.sentBack', { number: ticket.number, goal: t.t(`goal.${ticket.task}.title`) })
      : t.t(`ticket.user.${change}`, { number: ticket.number, agent: agentName ?? '', resolution: ticket.resolution ?? '' });
    return [{ text, attachment: ticketUpdateCard(t, ticket, text, { agentName, now: clock.now() }) }];
  });
}

/** Tells the agent who sent a task back that the user has done it. */
export async function tellTaskDone(useCases: UseCases, ticket: Ticket): Promise<void> {
  if (!ticket.assignedTo) return;
  await useCases.helpdesk.tell(ticket.assignedTo, (t) => [{ text: t.t('agent.taskCompleted', { number: ticket.number, user: ticket.userDisplayName }) }]);
}
