// ticket.status: the user's own tickets with state, last update and agent; for an agent, every
// open ticket first. Started for one number ("INC-000104?"): that ticket, if it is the user's own.
import { myTicketsCard, openTicketsCard, ownTicketCard } from '../../cards/ticketCards.js';
import { viewGoal } from '../goalDialog.js';
import { MessageFactory } from '../kit.js';

/** How many of the user's tickets are shown, newest first. */
const shown = 10;
/** How many open tickets an agent sees, oldest first. */
const openShown = 20;

export const TicketStatusDialog = viewGoal('ticket.status', async ({ context, t, user, useCases: { helpdesk, clock }, target }) => {
  if (target) {
    // Someone else's ticket gets the same answer as a number that does not exist.
    const found = await helpdesk.ownTicket(user.id, target);
    await context.sendActivity(found.ok
      ? MessageFactory.attachment(ownTicketCard(t, found.value, { agentName: await helpdesk.displayName(found.value.assignedTo), now: clock.now() }))
      : t.t('ticket.unknown', { number: target }));
    return;
  }
  const open = await helpdesk.openTickets(user.id, openShown);
  if (open.ok) {
    await context.sendActivity(open.value.total === 0
      ? t.t('agent.noOpenTickets')
      : MessageFactory.attachment(openTicketsCard(t, open.value.oldest, open.value.total, clock.now()), undefined, t.t('agent.openHeading', { count: open.value.total })));
  }
  const tickets = await helpdesk.mine(user.id, shown);
  if (tickets.length === 0) {
    // An agent has just seen the helpdesk's tickets: "no tickets" would contradict the list.
    await context.sendActivity(t.t(open.ok ? 'ticket.noneOwn' : 'ticket.none'));
    return;
  }
  const rows = await Promise.all(tickets.map(async (ticket) => ({ ticket, agentName: await helpdesk.displayName(ticket.assignedTo) })));
  await context.sendActivity(MessageFactory.attachment(myTicketsCard(t, rows, clock.now()), t.t('ticket.listSummary', { count: tickets.length })));
});
