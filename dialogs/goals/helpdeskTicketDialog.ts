// helpdesk.ticket: hand the case to a person. The bot asks for what is missing (category, a short
// description), shows a summary to confirm, and opens the ticket with the context already filled in:
// where the bot stopped, what it was about, and the last turns with every secret removed.
import { isTicketCategory, type TicketCategory } from '../../bot/core/goals.js';
import { maxDescriptionLength } from '../../bot/core/usecases/helpdesk.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import type { TranscriptLine } from '../../bot/core/ports/tickets.js';
import { recentTurns } from '../../bot/turn/conversationHistory.js';
import { sendHandoffInitiation } from '../../bot/turn/handoff.js';
import { noticeCard } from '../../cards/noticeCard.js';
import { helpdeskLines, ticketCard, ticketForm, ticketSummaryForm } from '../../cards/ticketCards.js';
import { stepsOf } from '../dialogIds.js';
import { GoalDialog, type GoalOptions } from '../goalDialog.js';
import { MessageFactory, type DialogTurnResult, type WaterfallStepContext } from '../kit.js';
import { announceTicket } from '../steps/helpdeskNews.js';
import type { HandoffOptions } from '../steps/stepContracts.js';
import { maskPasswords, redact } from '../../bot/core/usecases/redaction.js';
import { problemIn } from '../../bot/core/nlu/handoffReason.js';

interface TicketMemory {
  category: TicketCategory;
  description: string;
  /** The lines the summary said would be attached: exactly those go with the ticket. */
  transcript: readonly TranscriptLine[];
}
type TicketStep = WaterfallStepContext<HandoffOptions>;

export class HelpdeskTicketDialog extends GoalDialog<HandoffOptions> {
  constructor(useCases: UseCases) {
    super('helpdesk.ticket', useCases);
    this.steps([this.describe, this.confirm, this.open]);
  }

  private readonly describe = async (step: TicketStep): Promise<DialogTurnResult> => {
    const t = this.t(step);
    const contact = await this.useCases.helpdesk.contact();
    if (!this.user(step)) {
      // Without a known user there is nobody to open a ticket for: say how to reach a person.
      await step.context.sendActivity(MessageFactory.attachment(noticeCard(t.t('helpdesk.anonymous'), helpdeskLines(t, contact))));
      return step.endDialog();
    }
    // Asked for in a sentence that says what is wrong ("I need a person, the codes don't work"): the form starts with it.
    const { suggestion, description } = step.options;
    const asked = description === undefined && suggestion === undefined ? problemIn(this.saidText(step as unknown as WaterfallStepContext<GoalOptions>)) : undefined;
    const suggested = suggestion ? t.t(suggestion.key, suggestion.params) : asked && redact(asked).slice(0, maxDescriptionLength);
    return this.ask(step, ticketForm(t, contact, { ...step.options, ...(suggested ? { suggestedDescription: suggested } : {}) }), { describesGoal: true });
  };

  private readonly confirm = async (step: TicketStep): Promise<DialogTurnResult> => {
    const options = step.options;
    const answer = this.answer(step);
    if (answer.action === 'text') return this.describedInChat(step, answer.fields.text ?? '');
    if (answer.action !== 'submit') return this.cancelled(step);
    const category = answer.fields.category;
    const description = (answer.fields.description ?? '').trim();
    if (!isTicketCategory(category)) return step.replaceDialog(stepsOf(this.goal), { ...options, problemKey: 'helpdesk.pickCategory' } satisfies HandoffOptions);
    if (description === '') return step.replaceDialog(stepsOf(this.goal), { ...options, category, problemKey: 'helpdesk.descriptionRequired' } satisfies HandoffOptions);
    const memory = this.memory<TicketMemory>(step);
    memory.category = category;
    // Kept in conversation state until sent: a password or a code typed here never reaches it, or the ticket.
    memory.description = await this.masked(step, description);
    memory.transcript = recentTurns(step.context);
    return this.ask(step, ticketSummaryForm(this.t(step), { category, description: memory.description, context: options.context, attachedLines: memory.transcript.length }));
  };

  /** A message typed while the form waited is its description: the form again, filled in, to check and send on; passwords and codes in it masked first. */
  private async describedInChat(step: TicketStep, text: string): Promise<DialogTurnResult> {
    const description = await this.masked(step, text.trim());
    const { problemKey: _problem, ...options } = step.options;
    return step.replaceDialog(stepsOf(this.goal), { ...options, description } satisfies HandoffOptions);
  }

  /** A description as it may be kept: passwords and codes taken out, with a word why when something was. */
  private async masked(step: TicketStep, description: string): Promise<string> {
    const limited = description.slice(0, maxDescriptionLength);
    const kept = redact(limited);
    if (maskPasswords(limited).masked) await this.say(step, 'helpdesk.passwordMasked');
    else if (kept !== limited) await this.say(step, 'helpdesk.codeMasked');
    return kept;
  }

  private readonly open = async (step: TicketStep): Promise<DialogTurnResult> => {
    const t = this.t(step);
    if (this.answer(step).action !== 'send') return this.cancelled(step);
    const user = this.user(step);
    const memory = this.memory<TicketMemory>(step);
    const opened = user && await this.useCases.helpdesk.open(this.actor(step, user.id), {
      category: memory.category ?? 'other',
      description: memory.description ?? '',
      context: step.options.context ?? {},
      transcript: memory.transcript ?? recentTurns(step.context),
    });
    if (!user || !opened?.ok) {
      await this.say(step, 'identity.unknownUser');
      return step.endDialog();
    }
    const ticket = opened.value;
    const created = t.t('helpdesk.created', { number: ticket.number });
    // The sentence is the message's text; the card under it shows the ticket (saying it twice read as two tickets).
    await step.context.sendActivity(MessageFactory.attachment(ticketCard(t, ticket, { now: this.useCases.clock.now() }), created));
    await sendHandoffInitiation(step.context, ticket);
    await announceTicket(this.useCases, ticket);
    return step.endDialog({ ticket: ticket.number });
  };
}
