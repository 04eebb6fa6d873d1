// A helpdesk agent works a ticket from its card: open it, assign it to themselves, resolve it with a
// comment, or send it back to the user as a self-service task; or the same typed ("resolve it: done").
// Agents only; the user hears of every change in their own language.
import { isGoalIntent, selfServiceTasks } from '../../bot/core/goals.js';
import type { Ticket } from '../../bot/core/ports/tickets.js';
import type { TicketRefusal } from '../../bot/core/usecases/helpdesk.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import type { Result } from '../../bot/core/result.js';
import type { TicketAct } from '../../cards/cardVerbs.js';
import { agentTicketCard, resolveForm, sendBackForm } from '../../cards/ticketCards.js';
import { AssistantDialog } from '../assistantDialog.js';
import { dialogIds } from '../dialogIds.js';
import { MessageFactory, type DialogTurnResult, type TurnContext, type WaterfallStepContext } from '../kit.js';
import { tellOwner } from './helpdeskNews.js';

export interface AgentTicketOptions {
  readonly ticket: string;
  readonly act: TicketAct;
  /** Typed with the command ("resolve it: done"): the comment (or note) the form starts with. */
  readonly note?: string;
}

/** The ticket an agent last opened or worked on in this conversation, the "it" of a typed command: only its number is kept. */
export interface TicketFocus {
  get(context: TurnContext): Promise<string | undefined>;
  set(context: TurnContext, number: string): Promise<void>;
}

type AgentStep = WaterfallStepContext<AgentTicketOptions>;

export class AgentTicketDialog extends AssistantDialog<AgentTicketOptions> {
  constructor(useCases: UseCases, private readonly focus: TicketFocus) {
    super(dialogIds.agentTicket, useCases);
    this.steps([this.start, this.apply], dialogIds.agentTicketSteps);
  }

  private readonly start = async (step: AgentStep): Promise<DialogTurnResult> => {
    const t = this.t(step);
    const { helpdesk, clock } = this.useCases;
    const options = step.options;
    const agent = this.user(step);
    // Only agents see other people's tickets; to anyone else a ticket number means nothing.
    const found = agent ? await helpdesk.ticket(agent.id, options.ticket) : undefined;
    if (!agent || !found || (!found.ok && found.error === 'notAgent')) {
      await this.say(step, 'agent.only');
      return step.endDialog();
    }
    if (!found.ok) {
      await this.say(step, 'ticket.unknown', { number: options.ticket });
      return step.endDialog();
    }
    const ticket = found.value;
    await this.focus.set(step.context, ticket.number);
    // A resolved ticket is said to be so before any form: assigning, resolving or sending it back would be refused after it.
    if (options.act !== 'open' && ticket.state === 'resolved') {
      await this.say(step, 'agent.alreadyResolved', { number: ticket.number });
      return step.endDialog();
    }
    switch (options.act) {
      case 'open':
        await step.context.sendActivity(MessageFactory.attachment(agentTicketCard(t, ticket, { agentName: await helpdesk.displayName(ticket.assignedTo), now: clock.now() })));
        return step.endDialog();
      case 'assign':
        return this.report(step, await helpdesk.assign(this.actor(step, agent.id), ticket.number), 'assigned');
      case 'resolve':
        return this.ask(step, resolveForm(t, ticket, options.note));
      case 'sendBack':
        return this.ask(step, sendBackForm(t, ticket, options.note));
    }
  };

  private readonly apply = async (step: AgentStep): Promise<DialogTurnResult> => {
    const options = step.options;
    const answer = this.answer(step);
    const agent = this.user(step);
    if (!agent) return step.endDialog();
    const actor = this.actor(step, agent.id);
    if (answer.action === 'resolve') {
      const comment = (answer.fields.comment ?? '').trim();
      if (comment === '') {
        await this.say(step, 'agent.commentRequired');
        return step.replaceDialog(dialogIds.agentTicketSteps, { ticket: options.ticket, act: options.act } satisfies AgentTicketOptions);
      }
      return this.report(step, await this.useCases.helpdesk.resolve(actor, options.ticket, comment), 'resolved');
    }
    if (answer.action === 'sendBack') {
      const task = answer.fields.task;
      if (!isGoalIntent(task) || !selfServiceTasks.includes(task)) {
        await this.say(step, 'card.notYours');
        return step.endDialog();
      }
      return this.report(step, await this.useCases.helpdesk.sendBack(actor, options.ticket, task, answer.fields.note ?? ''), 'sentBack');
    }
    return this.cancelled(step);
  };

  private async report(step: AgentStep, outcome: Result<Ticket, TicketRefusal>, change: 'assigned' | 'resolved' | 'sentBack'): Promise<DialogTurnResult> {
    const number = step.options.ticket;
    if (!outcome.ok) {
      const said = { resolved: 'agent.alreadyResolved', notAgent: 'agent.only', alreadyYours: 'agent.alreadyYours', notFound: 'ticket.unknown', notYours: 'ticket.unknown' }[outcome.error];
      await this.say(step, said, { number });
      return step.endDialog();
    }
    const told = await tellOwner(this.useCases, outcome.value, change);
    await this.say(step, `agent.done.${change}${told ? '' : 'Untold'}`, { number, user: outcome.value.userDisplayName });
    return step.endDialog();
  }
}
