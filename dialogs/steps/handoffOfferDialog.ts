// A dead end, said plainly, with the helpdesk's contact and an offer to open a ticket with the
// context already filled in. Anonymous users get the contact only: there is nobody to open a
// ticket for.
import type { GoalIntent } from '../../bot/core/goals.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { noticeCard } from '../../cards/noticeCard.js';
import { handoffOfferForm, helpdeskLines } from '../../cards/ticketCards.js';
import { dialogIds } from '../dialogIds.js';
import { signedInUser, translatorOf } from '../dialogSupport.js';
import { MessageFactory, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../kit.js';
import { HelpdeskTicketDialog } from '../goals/helpdeskTicketDialog.js';
import { ask, cardAnswerOf } from './cardPrompt.js';
import type { OfferOptions } from './stepContracts.js';

type OfferStep = WaterfallStepContext<OfferOptions>;

/** Add to a goal's dialog set (with its companion, the ticket form); begin it, or replace the goal's steps with it, at a dead end. */
export class HandoffOfferDialog extends WaterfallDialog<OfferOptions> {
  constructor(private readonly useCases: UseCases) {
    super(dialogIds.handoffOffer, []);
    this.addStep(this.offer.bind(this));
    this.addStep(this.handOff.bind(this));
  }

  /** The dialogs the offer needs in the same set: itself and the ticket form. */
  static withTicketForm(useCases: UseCases): [HandoffOfferDialog, HelpdeskTicketDialog] {
    return [new HandoffOfferDialog(useCases), new HelpdeskTicketDialog(useCases)];
  }

  private async offer(step: OfferStep): Promise<DialogTurnResult> {
    const t = translatorOf(step.context);
    const options = step.options;
    const contact = await this.useCases.helpdesk.contact();
    const heading = t.t(options.headingKey, options.params);
    const lines = [...(options.lineKeys ?? []).map((key) => t.t(key, options.params)), ...helpdeskLines(t, contact)];
    if (!signedInUser(step.context)) {
      await step.context.sendActivity(MessageFactory.attachment(noticeCard(heading, lines)));
      return step.endDialog();
    }
    return ask(step, { form: handoffOfferForm(t, heading, lines) });
  }

  private async handOff(step: OfferStep): Promise<DialogTurnResult> {
    if (cardAnswerOf(step.result).action !== 'ticket') {
      await step.context.sendActivity(translatorOf(step.context).t('helpdesk.offerDeclined'));
      return step.endDialog();
    }
    return step.replaceDialog('helpdesk.ticket' satisfies GoalIntent, step.options.handoff);
  }
}
