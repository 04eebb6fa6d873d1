// ticket.status: the user's own tickets with state, last update and agent.
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { isAgent } from '../../bot/core/usecases/tickets.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { actsOnTicket, formCard } from '../../cards/formCard.js';
import { dialogIds } from '../dialogIds.js';
import { signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';

const shown = 10;

export class TicketStatusDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.ticketStatus);
    this.addDialog(new WaterfallDialog(dialogIds.ticketStatusSteps, [this.showTickets.bind(this)]));
    this.initialDialogId = dialogIds.ticketStatusSteps;
  }

  /** For agents: every open ticket, oldest first, each with a button to open it. */
  private async showOpenTickets(step: WaterfallStepContext): Promise<void> {
    const { t } = turnInfo(step.context);
    const open = await this.services.tickets.listOpen();
    if (open.length === 0) {
      await step.context.sendActivity(t.t('agent.noOpenTickets'));
      return;
    }
    const now = this.services.clock.now();
    const card = formCard({
      heading: t.t('agent.openHeading', { count: open.length }),
      items: open.slice(0, 20).map((ticket) => ({
        title: `${ticket.number} · ${ticket.userDisplayName}`,
        subtitle: [t.t(`ticket.category.${ticket.category}`), ticket.description, t.t('ticket.updated', { when: t.relative(ticket.updatedAt, now) })].join(' · '),
        badge: t.t(`ticket.state.${ticket.state}`),
        buttons: [{ title: t.t('agent.act.open', { number: ticket.number }), action: 'open', values: { ticket: ticket.number } }],
      })),
    }, actsOnTicket);
    await step.context.sendActivity(MessageFactory.attachment(card, t.t('agent.openHeading', { count: open.length })));
  }

  private async showTickets(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    if (await isAgent(this.services, userId)) await this.showOpenTickets(step);
    const tickets = (await this.services.tickets.listForUser(userId)).slice(0, shown);
    if (tickets.length === 0) {
      await step.context.sendActivity(t.t('ticket.none'));
      return step.endDialog();
    }
    const now = this.services.clock.now();
    const items = [];
    for (const ticket of tickets) {
      const agent = ticket.assignedTo ? (await this.services.directory.findUserById(ticket.assignedTo))?.displayName : undefined;
      items.push({
        title: `${ticket.number} · ${t.t(`ticket.category.${ticket.category}`)}`,
        subtitle: [ticket.description, t.t('ticket.updated', { when: t.relative(ticket.updatedAt, now) }), agent ? t.t('ticket.agent', { agent }) : ''].filter(Boolean).join(' · '),
        badge: t.t(`ticket.state.${ticket.state}`),
      });
    }
    const card = formCard({ heading: t.t('ticket.listHeading'), items }, () => ({}));
    await step.context.sendActivity(MessageFactory.attachment(card, t.t('ticket.listSummary', { count: tickets.length })));
    return step.endDialog();
  }
}
