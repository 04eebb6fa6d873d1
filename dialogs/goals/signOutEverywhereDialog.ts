// signout.everywhere: Yes / No as in My Account; on Yes every session is revoked and any step-up is void.
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { signOutEverywhere } from '../../bot/core/usecases/passwords.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { CardPrompt } from '../steps/cardPrompt.js';
import { dialogIds } from '../dialogIds.js';
import { actorFor, answerOf, askWithCard, signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';

export class SignOutEverywhereDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.signOut);
    this.addDialog(new WaterfallDialog(dialogIds.signOutSteps, [this.confirm.bind(this), this.signOut.bind(this)]));
    this.addDialog(new CardPrompt(dialogIds.cardPrompt));
    this.initialDialogId = dialogIds.signOutSteps;
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    return askWithCard(step, {
      form: {
        heading: t.t('signout.heading'),
        lines: [{ text: t.t('signout.explain') }],
        buttons: [{ title: t.t('common.yes'), action: 'yes', style: 'destructive' }, { title: t.t('common.no'), action: 'no' }],
      },
    });
  }

  private async signOut(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context);
    if (answerOf(step).action !== 'yes' || !userId) {
      await step.context.sendActivity(t.t('signout.kept'));
      return step.endDialog();
    }
    const done = await signOutEverywhere(this.services, actorFor(step.context, userId));
    await step.context.sendActivity(t.t(done ? 'signout.done' : 'identity.unknownUser'));
    return step.endDialog();
  }
}
