// password.change: current, new and confirmation in one card with password inputs; the policy is
// checked rule by rule; on success other sessions must sign in again and the user is told elsewhere.
// When Microsoft wants a fresh MFA sign-in first, the user signs in again and gets the card again:
// the passwords they typed were never kept (no secret in state), so they type them once more.
import type { PolicyFailure } from '../../bot/core/usecases/passwordPolicy.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import type { FormLine } from '../../cards/formCard.js';
import { failureLines, newPasswordForm } from '../../cards/passwordCards.js';
import { stepsOf } from '../dialogIds.js';
import { GoalDialog } from '../goalDialog.js';
import type { DialogTurnResult, WaterfallStepContext } from '../kit.js';
import type { CardAnswer } from '../steps/cardPrompt.js';

interface ChangeOptions {
  /** What went wrong with the last attempt (rule ids only, never the passwords). */
  readonly failures?: readonly PolicyFailure[];
  /** The directory refused the last try: the current password was wrong, or (it did not say) the new one was refused. */
  readonly wrongCurrent?: 'wrongCurrent' | 'wrongCurrentOrRefused';
  /** The user signed in again for Microsoft's fresh-MFA rule during this goal: not asked a second time. */
  readonly signedInAgain?: boolean;
}
type ChangeStep = WaterfallStepContext<ChangeOptions>;

export class PasswordChangeDialog extends GoalDialog<ChangeOptions> {
  constructor(useCases: UseCases) {
    super('password.change', useCases);
    this.steps([this.askPasswords, this.change, this.askAgainSignedIn]);
  }

  private readonly askPasswords = async (step: ChangeStep): Promise<DialogTurnResult> => {
    const { passwords, clock } = this.useCases;
    const t = this.t(step);
    const locked = await passwords.changeLockedUntil(this.signedIn(step).id);
    if (locked) {
      await this.say(step, 'passwordChange.locked', { until: t.moment(locked, clock.now()) });
      return step.endDialog();
    }
    const { wrongCurrent, failures = [], signedInAgain } = step.options;
    const problems: FormLine[] = wrongCurrent ? [{ text: t.t(`passwordChange.${wrongCurrent}`), warning: true }] : failureLines(t, failures);
    // Just signed in again: why the card is back, empty.
    if (signedInAgain && problems.length === 0) problems.push({ text: t.t('freshMfa.passwordsAgain') });
    const form = newPasswordForm(t, { headingKey: 'passwordChange.heading', withCurrent: true, policy: await passwords.policy(), problems });
    return this.ask(step, form, { secret: true });
  };

  private readonly change = async (step: ChangeStep): Promise<DialogTurnResult> => {
    const answer = this.answer(step);
    if (answer.action !== 'submit') return this.cancelled(step);
    const { signedInAgain } = step.options;
    return this.changeOrSignInAgain(step, signedInAgain === true, () => this.changeWith(step, answer.fields));
  };

  private readonly askAgainSignedIn = async (step: ChangeStep): Promise<DialogTurnResult> => {
    return this.whenSignedInAgain(step, () => step.replaceDialog(stepsOf(this.goal), { signedInAgain: true } satisfies ChangeOptions));
  };

  private async changeWith(step: ChangeStep, fields: CardAnswer['fields']): Promise<DialogTurnResult> {
    const { signedInAgain } = step.options;
    const outcome = await this.useCases.passwords.change(this.actor(step, this.signedIn(step).id), {
      current: fields.currentPassword ?? '',
      next: fields.newPassword ?? '',
      confirmation: fields.confirmPassword ?? '',
    });
    if (outcome.ok) {
      await this.say(step, outcome.value.signedOut ? 'passwordChange.done' : 'passwordChange.doneNotSignedOut');
      return step.endDialog();
    }
    switch (outcome.error) {
      case 'wrongCurrent':
      case 'wrongCurrentOrRefused':
        return step.replaceDialog(stepsOf(this.goal), { wrongCurrent: outcome.error, signedInAgain } satisfies ChangeOptions);
      case 'policy':
        return step.replaceDialog(stepsOf(this.goal), { failures: outcome.failures, signedInAgain } satisfies ChangeOptions);
      case 'locked':
        await this.say(step, 'passwordChange.locked', { until: this.t(step).moment(outcome.until, this.useCases.clock.now()) });
        return step.endDialog();
      case 'notFound':
        await this.say(step, 'identity.unknownUser');
        return step.endDialog();
    }
  }
}
