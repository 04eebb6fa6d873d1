// A helpdesk agent works a ticket from its card: open it, assign it to themselves, resolve it with a
// comment, or send it back to the user as a self-service task. Agents only; the user hears of every
// change in their own language.
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TicketAct } from '../../cards/cardVerbs.js';
import { isGoalIntent, selfServiceTasks } from '../../bot/core/goals.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { assignTicket, isAgent, maxDescriptionLength, resolveTicket, sendBackTicket, type TicketUpdateOutcome } from '../../bot/core/usecases/tickets.js';
import { CardPrompt } from './cardPrompt.js';
import { dialogIds } from '../dialogIds.js';
import { actorFor, answerOf, askWithCard, endCancelled, signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';
import { agentTicketCard, tellUser } from './ticketDesk.js';

export interface AgentTicketOptions {
  readonly ticket: string;
  readonly act: TicketAct;
}

export class AgentTicketDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.agentTicket);
    this.addDialog(new WaterfallDialog(dialogIds.agentTicketSteps, [this.start.bind(this), this.apply.bind(this)]));
    this.addDialog(new CardPrompt(dialogIds.cardPrompt));
    this.initialDialogId = dialogIds.agentTicketSteps;
  }

  private async start(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = step.options as AgentTicketOptions;
    const userId = signedInUserId(step.context);
    // Only agents see other people's tickets; to anyone else a ticket number means nothing.
    if (!userId || !(await isAgent(this.services, userId))) {
      await step.context.sendActivity(t.t('agent.only'));
      return step.endDialog();
    }
    const ticket = await this.services.tickets.get(options.ticket);
    if (!ticket) {
      await step.context.sendActivity(t.t('ticket.unknown', { number: options.ticket }));
      return step.endDialog();
    }
    switch (options.act) {
      case 'open':
        await step.context.sendActivity(MessageFactory.attachment(await agentTicketCard(this.services, t, ticket)));
        return step.endDialog();
      case 'assign':
        return this.report(step, await assignTicket(this.services, actorFor(step.context, userId), ticket.number), 'assigned');
      case 'resolve':
        return askWithCard(step, {
          form: {
            heading: t.t('agent.resolveHeading', { number: ticket.number }),
            inputs: [{ kind: 'text', id: 'comment', label: t.t('agent.commentLabel'), maxLength: maxDescriptionLength, errorMessage: t.t('agent.commentRequired') }],
            buttons: [{ title: t.t('agent.act.resolve'), action: 'resolve', style: 'positive' }, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
          },
        });
      case 'sendBack':
        return askWithCard(step, {
          form: {
            heading: t.t('agent.sendBackHeading', { number: ticket.number }),
            lines: [{ text: t.t('agent.sendBackIntro', { user: ticket.userDisplayName }) }],
            inputs: [
              { kind: 'choice', id: 'task', label: t.t('agent.taskLabel'), value: selfServiceTasks[0], choices: selfServiceTasks.map((g) => ({ title: t.t(`goal.${g}.title`), value: g })) },
              { kind: 'text', id: 'note', label: t.t('agent.noteLabel'), required: false, maxLength: maxDescriptionLength },
            ],
            buttons: [{ title: t.t('agent.act.sendBack'), action: 'sendBack', style: 'positive' }, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
          },
        });
    }
  }

  private async apply(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = step.options as AgentTicketOptions;
    const answer = answerOf(step);
    const actor = actorFor(step.context, signedInUserId(step.context) ?? '');
    if (answer.action === 'resolve') {
      const comment = (answer.fields.comment ?? '').trim();
      if (comment === '') {
        await step.context.sendActivity(t.t('agent.commentRequired'));
        return step.replaceDialog(dialogIds.agentTicketSteps, options);
      }
      return this.report(step, await resolveTicket(this.services, actor, options.ticket, comment), 'resolved');
    }
    if (answer.action === 'sendBack') {
      const task = answer.fields.task;
      if (!isGoalIntent(task) || !selfServiceTasks.includes(task)) {
        await step.context.sendActivity(t.t('card.notYours'));
        return step.endDialog();
      }
      return this.report(step, await sendBackTicket(this.services, actor, options.ticket, task, answer.fields.note ?? ''), 'sentBack');
    }
    return endCancelled(step);
  }

  private async report(step: WaterfallStepContext, outcome: TicketUpdateOutcome, change: 'assigned' | 'resolved' | 'sentBack'): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const number = (step.options as AgentTicketOptions).ticket;
    if (!outcome.ok) {
      await step.context.sendActivity(t.t(outcome.error === 'resolved' ? 'agent.alreadyResolved' : outcome.error === 'notAgent' ? 'agent.only' : 'ticket.unknown', { number }));
      return step.endDialog();
    }
    await step.context.sendActivity(t.t(`agent.done.${change}`, { number, user: outcome.ticket.userDisplayName }));
    await tellUser(this.services, outcome.ticket, change);
    return step.endDialog();
  }
}
