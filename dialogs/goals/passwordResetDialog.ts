// password.reset: forgotten, locked out or expired. A signed-in user verifies with their methods;
// an anonymous web user names their account and gets the same answer whether or not it exists.
// The tenant's gates (one or two different methods), then a new password, unlock, notice, audit,
// and "sign out everywhere" offered as the next step.
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { canSelfReset, sendCode, type CodeTarget } from '../../bot/core/usecases/codes.js';
import { resetPassword, signOutEverywhere } from '../../bot/core/usecases/passwords.js';
import type { PolicyFailure } from '../../bot/core/usecases/passwordPolicy.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { CardPrompt } from '../steps/cardPrompt.js';
import { CodeEntryDialog, type CodeEntryOptions, type CodeResult } from '../steps/codeEntryDialog.js';
import { dialogIds } from '../dialogIds.js';
import { HandoffOfferDialog, type OfferOptions } from '../steps/handoffOfferDialog.js';
import { actorFor, answerOf, askWithCard, conversationIdOf, endCancelled, sendNoCode, signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';
import { failureLines, newPasswordForm } from '../../cards/passwordCards.js';
import { StepUpDialog, type StepUpResult } from '../steps/stepUpDialog.js';

const registrationUrl = 'https://aka.ms/mysecurityinfo';
const looksLikeAccountName = (text: string): boolean => /^[^\s@]{1,64}@[^\s@]{1,190}$/.test(text.trim());

/** Kept between steps: who was verified (never a secret). */
interface ResetValues {
  userId?: string;
}
const values = (step: WaterfallStepContext): ResetValues => step.values;

interface NewPasswordOptions {
  readonly userId: string;
  readonly failures?: readonly PolicyFailure[];
}

export class PasswordResetDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.passwordReset);
    this.addDialog(new WaterfallDialog(dialogIds.passwordResetSteps, [
      this.identify.bind(this), this.firstGate.bind(this), this.secondGate.bind(this), this.newPassword.bind(this),
      this.offerSignOut.bind(this), this.signOut.bind(this),
    ]));
    this.addDialog(new WaterfallDialog(dialogIds.newPassword, [this.askNewPassword.bind(this), this.applyNewPassword.bind(this)]));
    this.addDialog(new CardPrompt(dialogIds.cardPrompt));
    this.addDialog(new CodeEntryDialog(services));
    this.addDialog(new StepUpDialog(services));
    for (const dialog of HandoffOfferDialog.companions(services)) this.addDialog(dialog);
    this.initialDialogId = dialogIds.passwordResetSteps;
  }

  /** Says plainly why the reset can't be done here, with the helpdesk and (signed in) a ticket offer. */
  private sendDeadEnd(step: WaterfallStepContext, key: string): Promise<DialogTurnResult> {
    return step.replaceDialog(dialogIds.handoffOffer, {
      headingKey: key,
      params: { url: registrationUrl },
      lineKeys: ['passwordReset.helpdesk'],
      handoff: { category: 'password', context: { goal: 'password.reset', step: key.replace('passwordReset.', '') } },
    } satisfies OfferOptions);
  }

  private async identify(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const tenant = await this.services.directory.tenant();
    if (!tenant.policy.selfServicePasswordReset.enabled) return this.sendDeadEnd(step, 'passwordReset.disabled');
    const userId = signedInUserId(step.context);
    if (userId) {
      const user = await this.services.directory.findUserById(userId);
      if (!user?.selfServicePasswordResetRegistered) return this.sendDeadEnd(step, 'passwordReset.notRegistered');
      if (!(await canSelfReset(this.services.directory, tenant, user))) return this.sendDeadEnd(step, 'passwordReset.noMethods');
      values(step).userId = userId;
      return step.next();
    }
    return askWithCard(step, {
      acceptsText: true,
      form: {
        heading: t.t('passwordReset.heading'),
        lines: [{ text: t.t('passwordReset.askAccount') }],
        inputs: [{ kind: 'text', id: 'account', label: t.t('passwordReset.accountLabel'), style: 'email', placeholder: `name@${tenant.verifiedDomains[0] ?? 'contoso.com'}`, maxLength: 256 }],
        buttons: [{ title: t.t('common.continue'), action: 'submit', style: 'positive' }, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
      },
    });
  }

  private async firstGate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = values(step).userId;
    if (userId) return step.beginDialog(dialogIds.stepUp, { userId, purpose: 'reset', reasonKey: 'passwordReset.verifyReason' });
    const answer = answerOf(step);
    if (answer.action === 'cancel') return endCancelled(step);
    const name = (answer.action === 'text' ? answer.fields.text : answer.fields.account) ?? '';
    if (!looksLikeAccountName(name)) {
      await step.context.sendActivity(t.t('passwordReset.notAnAccountName'));
      return step.replaceDialog(dialogIds.passwordResetSteps);
    }
    const target: CodeTarget = { kind: 'claimed', name: name.trim() };
    const issued = await sendCode(this.services, target, conversationIdOf(step.context), t.locale);
    if (!issued?.ok) {
      await sendNoCode(step.context, issued, this.services.clock.now());
      return step.endDialog();
    }
    // The same words whether or not the account exists or can reset: no enumeration.
    await step.context.sendActivity(t.t('passwordReset.codeSentIfExists', { account: name.trim() }));
    return step.beginDialog(dialogIds.codeEntry, { challengeId: issued.challengeId, target, sentTo: { kind: 'unnamed' }, channel: 'unknown' } satisfies CodeEntryOptions);
  }

  private async secondGate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as StepUpResult | CodeResult;
    if (!result.verified) return this.notVerified(step, result.reason);
    const userId = values(step).userId ?? ('userId' in result ? result.userId : undefined);
    if (!userId) return step.endDialog();
    values(step).userId = userId;
    const { policy } = await this.services.directory.tenant();
    if (policy.selfServicePasswordReset.gates < 2) return step.next({ verified: true });
    const exclude = result.methodId ? [result.methodId] : [];
    return step.beginDialog(dialogIds.stepUp, { userId, purpose: 'reset', excludeMethodIds: exclude, reasonKey: 'passwordReset.secondGate' });
  }

  private async notVerified(step: WaterfallStepContext, reason: string): Promise<DialogTurnResult> {
    if (reason === 'cancelled') return endCancelled(step);
    if (reason === 'noMethod') return this.sendDeadEnd(step, 'passwordReset.noMethods');
    return step.endDialog();
  }

  private async newPassword(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as StepUpResult;
    if (!result.verified) return this.notVerified(step, result.reason);
    return step.beginDialog(dialogIds.newPassword, { userId: values(step).userId ?? '' } satisfies NewPasswordOptions);
  }

  private async askNewPassword(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = step.options as NewPasswordOptions;
    const { policy } = await this.services.directory.tenant();
    return askWithCard(step, {
      secret: true,
      form: newPasswordForm(t, { headingKey: 'passwordReset.newHeading', introKey: 'passwordReset.verified', withCurrent: false, policy: policy.password, problems: failureLines(t, options.failures ?? []) }),
    });
  }

  private async applyNewPassword(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = step.options as NewPasswordOptions;
    const answer = answerOf(step);
    if (answer.action !== 'submit') return step.endDialog({ done: false });
    const wasLocked = (await this.services.directory.findUserById(options.userId))?.lockedOut === true;
    const outcome = await resetPassword(this.services, actorFor(step.context, options.userId), {
      next: answer.fields.newPassword ?? '',
      confirmation: answer.fields.confirmPassword ?? '',
    });
    if (!outcome.ok && outcome.error === 'policy') return step.replaceDialog(dialogIds.newPassword, { ...options, failures: outcome.failures });
    if (!outcome.ok) {
      await step.context.sendActivity(t.t('identity.unknownUser'));
      return step.endDialog({ done: false });
    }
    await step.context.sendActivity(t.t(wasLocked ? 'passwordReset.doneUnlocked' : 'passwordReset.done'));
    return step.endDialog({ done: true });
  }

  private async offerSignOut(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    if (!(step.result as { done?: boolean } | undefined)?.done) return endCancelled(step);
    return askWithCard(step, {
      form: {
        heading: t.t('signout.offerHeading'),
        lines: [{ text: t.t('signout.offer') }],
        buttons: [{ title: t.t('common.yes'), action: 'yes', style: 'destructive' }, { title: t.t('common.no'), action: 'no' }],
      },
    });
  }

  private async signOut(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    if (answerOf(step).action !== 'yes') {
      await step.context.sendActivity(t.t('signout.skipped'));
      return step.endDialog();
    }
    const done = await signOutEverywhere(this.services, actorFor(step.context, values(step).userId ?? ''));
    await step.context.sendActivity(t.t(done ? 'signout.done' : 'identity.unknownUser'));
    return step.endDialog();
  }
}
