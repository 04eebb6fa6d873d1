// password.change: current, new and confirmation in one card with password inputs; the policy is
// checked rule by rule; on success other sessions must sign in again and the user is told elsewhere.
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { changePassword, passwordFailureKey } from '../../bot/core/usecases/passwords.js';
import type { PolicyFailure } from '../../bot/core/usecases/passwordPolicy.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import type { FormLine } from '../../cards/formCard.js';
import { CardPrompt } from '../steps/cardPrompt.js';
import { dialogIds } from '../dialogIds.js';
import { actorFor, answerOf, askWithCard, endCancelled, signedInUserId, until } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';
import { failureLines, newPasswordForm } from '../../cards/passwordCards.js';

interface ChangeOptions {
  /** What went wrong with the last attempt (rule ids only, never the passwords). */
  readonly failures?: readonly PolicyFailure[];
  readonly wrongCurrent?: boolean;
}

export class PasswordChangeDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.passwordChange);
    this.addDialog(new WaterfallDialog(dialogIds.passwordChangeSteps, [this.askPasswords.bind(this), this.change.bind(this)]));
    this.addDialog(new CardPrompt(dialogIds.cardPrompt));
    this.initialDialogId = dialogIds.passwordChangeSteps;
  }

  private async askPasswords(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    const options = (step.options ?? {}) as ChangeOptions;
    const locked = await this.services.verification.lockedUntil(passwordFailureKey(userId));
    if (locked) {
      await step.context.sendActivity(t.t('passwordChange.locked', { until: until(t, locked, this.services.clock.now()) }));
      return step.endDialog();
    }
    const { policy } = await this.services.directory.tenant();
    const problems: FormLine[] = options.wrongCurrent ? [{ text: t.t('passwordChange.wrongCurrent'), warning: true }] : failureLines(t, options.failures ?? []);
    return askWithCard(step, {
      secret: true,
      form: newPasswordForm(t, { headingKey: 'passwordChange.heading', withCurrent: true, policy: policy.password, problems }),
    });
  }

  private async change(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const answer = answerOf(step);
    const userId = signedInUserId(step.context);
    if (answer.action !== 'submit' || !userId) return endCancelled(step);
    const outcome = await changePassword(this.services, actorFor(step.context, userId), {
      current: answer.fields.currentPassword ?? '',
      next: answer.fields.newPassword ?? '',
      confirmation: answer.fields.confirmPassword ?? '',
    });
    if (outcome.ok) {
      await step.context.sendActivity(t.t('passwordChange.done'));
      return step.endDialog();
    }
    switch (outcome.error) {
      case 'wrongCurrent':
        return step.replaceDialog(dialogIds.passwordChangeSteps, { wrongCurrent: true } satisfies ChangeOptions);
      case 'policy':
        return step.replaceDialog(dialogIds.passwordChangeSteps, { failures: outcome.failures } satisfies ChangeOptions);
      case 'locked':
        await step.context.sendActivity(t.t('passwordChange.locked', { until: until(t, outcome.until, this.services.clock.now()) }));
        return step.endDialog();
      default:
        await step.context.sendActivity(t.t('identity.unknownUser'));
        return step.endDialog();
    }
  }
}
