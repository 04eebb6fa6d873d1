// ticket.status: the user's own tickets with state, last update and agent; for an agent, every
// open ticket first.
import type { DirectoryUser } from '../../bot/core/ports/directory.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { myTicketsCard, openTicketsCard } from '../../cards/ticketCards.js';
import { translatorOf } from '../dialogSupport.js';
import { ViewGoalDialog } from '../goalDialog.js';
import { MessageFactory, type TurnContext } from '../kit.js';

const shown = 10;

export class TicketStatusDialog extends ViewGoalDialog {
  constructor(useCases: UseCases) {
    super('ticket.status', useCases);
  }

  protected async show(context: TurnContext, user: DirectoryUser): Promise<void> {
    const t = translatorOf(context);
    const { helpdesk, clock } = this.useCases;
    const open = await helpdesk.openTickets(user.id);
    if (open.ok) {
      await context.sendActivity(open.value.length === 0
        ? t.t('agent.noOpenTickets')
        : MessageFactory.attachment(openTicketsCard(t, open.value, clock.now()), t.t('agent.openHeading', { count: open.value.length })));
    }
    const tickets = await helpdesk.mine(user.id, shown);
    if (tickets.length === 0) {
      await context.sendActivity(t.t('ticket.none'));
      return;
    }
    const rows = [];
    for (const ticket of tickets) rows.push({ ticket, agentName: await helpdesk.displayName(ticket.assignedTo) });
    await context.sendActivity(MessageFactory.attachment(myTicketsCard(t, rows, clock.now()), t.t('ticket.listSummary', { count: tickets.length })));
  }
}
