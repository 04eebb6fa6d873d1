// A dead end, said plainly, with the helpdesk's contact and an offer to open a ticket with the
// context already filled in.
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Params } from '../../bot/core/i18n/i18n.js';
import type { GoalIntent } from '../../bot/core/goals.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { noticeCard } from '../../cards/noticeCard.js';
import { dialogIds } from '../dialogIds.js';
import { answerOf, askWithCard, signedInUserId } from '../goalSupport.js';
import { HelpdeskTicketDialog, type HandoffOptions } from '../goals/helpdeskTicketDialog.js';
import { helpdeskLines } from '../replies.js';

export interface OfferOptions {
  /** What could not be done, as a string key and its values. */
  readonly headingKey: string;
  readonly params?: Params;
  readonly lineKeys?: readonly string[];
  readonly handoff: HandoffOptions;
}

/** No sign-in method left to prove it's the user: a person must help. */
export const noMethodOffer = (goal: GoalIntent): OfferOptions => ({
  headingKey: 'securityInfo.noOtherMethod',
  handoff: { category: 'signInMethods', context: { goal, step: 'noMethodToVerify' } },
});

/** Add to a goal's dialog set; begin it (or replace the goal's steps with it) at a dead end. */
export class HandoffOfferDialog extends WaterfallDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.handoffOffer, []);
    this.addStep(this.offer.bind(this));
    this.addStep(this.handOff.bind(this));
  }

  /** The dialogs the offer needs next to it in the same set (a goal adds them once). */
  static companions(services: AccountServices): [HandoffOfferDialog, HelpdeskTicketDialog] {
    return [new HandoffOfferDialog(services), new HelpdeskTicketDialog(services)];
  }

  private async offer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = step.options as OfferOptions;
    const { helpdesk } = await this.services.directory.tenant();
    const lines = [...(options.lineKeys ?? []).map((key) => t.t(key, options.params)), ...helpdeskLines(t, helpdesk)];
    if (signedInUserId(step.context) === undefined) {
      // Nobody to open a ticket for: the contact is the way to a person.
      await step.context.sendActivity(MessageFactory.attachment(noticeCard(t.t(options.headingKey, options.params), lines)));
      return step.endDialog();
    }
    return askWithCard(step, {
      form: {
        heading: t.t(options.headingKey, options.params),
        lines: lines.map((text) => ({ text })),
        buttons: [{ title: t.t('helpdesk.openTicket'), action: 'ticket', style: 'positive' }, { title: t.t('helpdesk.noThanks'), action: 'no', sendsInputs: false }],
      },
    });
  }

  private async handOff(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (answerOf(step).action !== 'ticket') {
      await step.context.sendActivity(turnInfo(step.context).t.t('helpdesk.offerDeclined'));
      return step.endDialog();
    }
    return step.replaceDialog(dialogIds.helpdeskTicket, (step.options as OfferOptions).handoff);
  }
}
