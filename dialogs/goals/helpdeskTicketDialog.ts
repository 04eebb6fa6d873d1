// helpdesk.ticket: hand the case to a person. The bot asks for what is missing (category, a short
// description), shows a summary to confirm, and opens the ticket with the context already filled in:
// where the bot stopped, what it was about, and the last turns with every secret removed.
import { EventFactory, MessageFactory, type Activity } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { recentTurns } from '../../bot/turn/conversationHistory.js';
import { isTicketCategory, ticketCategories, type TicketCategory } from '../../bot/core/goals.js';
import type { TicketContext } from '../../bot/core/ports/tickets.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { maxDescriptionLength, openTicket } from '../../bot/core/usecases/tickets.js';
import { noticeCard } from '../../cards/noticeCard.js';
import { ticketCard } from '../../cards/ticketCard.js';
import { CardPrompt } from '../steps/cardPrompt.js';
import { dialogIds } from '../dialogIds.js';
import { actorFor, answerOf, askWithCard, endCancelled, signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';
import { announceTicket } from '../steps/ticketDesk.js';
import { helpdeskLines } from '../replies.js';

export interface HandoffOptions {
  readonly category?: TicketCategory;
  readonly context?: TicketContext;
  readonly problemKey?: string;
}

interface TicketValues {
  category?: TicketCategory;
  description?: string;
}
const values = (step: WaterfallStepContext): TicketValues => step.values;

export class HelpdeskTicketDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.helpdeskTicket);
    this.addDialog(new WaterfallDialog(dialogIds.helpdeskTicketSteps, [this.ask.bind(this), this.confirm.bind(this), this.open.bind(this)]));
    this.addDialog(new CardPrompt(dialogIds.cardPrompt));
    this.initialDialogId = dialogIds.helpdeskTicketSteps;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = (step.options ?? {}) as HandoffOptions;
    const { helpdesk } = await this.services.directory.tenant();
    if (!signedInUserId(step.context)) {
      // Without a known user there is nobody to open a ticket for: say how to reach a person.
      await step.context.sendActivity(MessageFactory.attachment(noticeCard(t.t('helpdesk.anonymous'), helpdeskLines(t, helpdesk))));
      return step.endDialog();
    }
    const lines = [
      ...(options.problemKey ? [{ text: t.t(options.problemKey), warning: true }] : []),
      { text: t.t('helpdesk.intro', { helpdesk: helpdesk.displayName }) },
      ...(options.context?.goal ? [{ text: t.t('helpdesk.contextKnown', { goal: t.t(`goal.${options.context.goal}.title`) }) }] : []),
    ];
    return askWithCard(step, {
      form: {
        heading: t.t('helpdesk.heading'),
        lines,
        inputs: [
          { kind: 'choice', id: 'category', label: t.t('helpdesk.categoryLabel'), value: options.category ?? 'other', choices: ticketCategories.map((c) => ({ title: t.t(`ticket.category.${c}`), value: c })) },
          { kind: 'text', id: 'description', label: t.t('helpdesk.descriptionLabel'), placeholder: t.t('helpdesk.descriptionPlaceholder'), maxLength: maxDescriptionLength, errorMessage: t.t('helpdesk.descriptionRequired') },
        ],
        buttons: [{ title: t.t('common.continue'), action: 'submit', style: 'positive' }, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
        footer: t.t('helpdesk.noSecrets'),
      },
    });
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = (step.options ?? {}) as HandoffOptions;
    const answer = answerOf(step);
    if (answer.action !== 'submit') return endCancelled(step);
    const category = answer.fields.category;
    const description = (answer.fields.description ?? '').trim();
    if (!isTicketCategory(category)) return step.replaceDialog(dialogIds.helpdeskTicketSteps, { ...options, problemKey: 'helpdesk.pickCategory' } satisfies HandoffOptions);
    if (description === '') return step.replaceDialog(dialogIds.helpdeskTicketSteps, { ...options, category, problemKey: 'helpdesk.descriptionRequired' } satisfies HandoffOptions);
    values(step).category = category;
    values(step).description = description.slice(0, maxDescriptionLength);
    const attached = recentTurns(step.context).length;
    return askWithCard(step, {
      form: {
        heading: t.t('helpdesk.summaryHeading'),
        facts: [
          { title: t.t('ticket.field.category'), value: t.t(`ticket.category.${category}`) },
          { title: t.t('ticket.field.description'), value: values(step).description ?? '' },
          ...(options.context?.goal ? [{ title: t.t('helpdesk.where'), value: t.t(`goal.${options.context.goal}.title`) }] : []),
          ...(options.context?.objects?.length ? [{ title: t.t('helpdesk.about'), value: options.context.objects.map((o) => o.label).join(', ') }] : []),
        ],
        lines: [{ text: t.t('helpdesk.attached', { count: attached }) }],
        buttons: [{ title: t.t('helpdesk.send'), action: 'send', style: 'positive' }, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
      },
    });
  }

  private async open(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = (step.options ?? {}) as HandoffOptions;
    if (answerOf(step).action !== 'send') return endCancelled(step);
    const userId = signedInUserId(step.context) ?? '';
    const transcript = recentTurns(step.context);
    const ticket = await openTicket(this.services, actorFor(step.context, userId), {
      category: values(step).category ?? 'other',
      description: values(step).description ?? '',
      context: options.context ?? {},
      transcript,
    });
    if (!ticket) {
      await step.context.sendActivity(t.t('identity.unknownUser'));
      return step.endDialog();
    }
    const card = ticketCard(t, ticket, { now: this.services.clock.now(), lines: [t.t('helpdesk.created', { number: ticket.number })] });
    await step.context.sendActivity(MessageFactory.attachment(card, t.t('helpdesk.created', { number: ticket.number })));
    // The standard hand-off signal, on channels that take events (Teams refuses them).
    if (step.context.activity.channelId !== 'msteams') {
      const handoff = EventFactory.createHandoffInitiation(step.context, { ticket: ticket.number, category: ticket.category, context: ticket.context }, {
        activities: ticket.transcript.map((line) => ({ type: 'message', text: line.text, timestamp: new Date(line.at), from: { id: line.from === 'user' ? userId : 'bot', name: line.from, role: line.from } }) as Partial<Activity> as Activity),
      });
      await step.context.sendActivity(handoff);
    }
    await announceTicket(this.services, ticket.number);
    return step.endDialog({ ticket: ticket.number });
  }
}
