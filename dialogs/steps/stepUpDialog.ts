// Step-up verification: the user picks one of their methods (shown masked), gets a code there and
// types it back. Policy from the tenant: code length, lifetime, attempts, sends per hour, lock-out.
// On success the step-up is granted for this user and conversation, and the calling goal carries on
// with the action it was about to do.
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { resetMethods, sendCode, userSubject, type CodeTarget } from '../../bot/core/usecases/codes.js';
import { verifiableMethods } from '../../bot/core/usecases/methods.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { methodLabel } from '../../cards/methodLabels.js';
import { CardPrompt } from './cardPrompt.js';
import { CodeEntryDialog, type CodeEntryOptions, type CodeResult } from './codeEntryDialog.js';
import { dialogIds } from '../dialogIds.js';
import { answerOf, askWithCard, conversationIdOf, sendNoCode, until } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';

export interface StepUpOptions {
  readonly userId: string;
  /** "stepUp" grants a step-up window; "reset" is a password-reset gate (only reset methods count). */
  readonly purpose: 'stepUp' | 'reset';
  /** Methods that may not be used (the one being removed, the gate already passed). */
  readonly excludeMethodIds?: readonly string[];
  /** Why the check is needed, shown on the card. */
  readonly reasonKey: string;
}

export type StepUpResult =
  | { readonly verified: true; readonly methodId?: string }
  | { readonly verified: false; readonly reason: 'cancelled' | 'noMethod' | 'locked' | 'throttled' | 'unavailable' };

export class StepUpDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.stepUp);
    this.addDialog(new WaterfallDialog(dialogIds.stepUpSteps, [this.chooseMethod.bind(this), this.sendCode.bind(this), this.finish.bind(this)]));
    this.addDialog(new CardPrompt(dialogIds.cardPrompt));
    this.addDialog(new CodeEntryDialog(services));
    this.initialDialogId = dialogIds.stepUpSteps;
  }

  private async usableMethods(options: StepUpOptions) {
    const { directory } = this.services;
    const user = await directory.findUserById(options.userId);
    if (!user) return [];
    const methods = options.purpose === 'reset'
      ? await resetMethods(directory, await directory.tenant(), user)
      : verifiableMethods(await directory.listAuthenticationMethods(user.id));
    return methods.filter((m) => !(options.excludeMethodIds ?? []).includes(m.id));
  }

  private async chooseMethod(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = step.options as StepUpOptions;
    const user = await this.services.directory.findUserById(options.userId);
    if (options.purpose === 'stepUp' && user && (await this.services.verification.hasFreshStepUp(user, conversationIdOf(step.context)))) {
      return step.endDialog({ verified: true } satisfies StepUpResult);
    }
    const locked = await this.services.verification.lockedUntil(userSubject(options.userId));
    if (locked) {
      await step.context.sendActivity(t.t('verify.locked', { until: until(t, locked, this.services.clock.now()) }));
      return step.endDialog({ verified: false, reason: 'locked' } satisfies StepUpResult);
    }
    const methods = await this.usableMethods(options);
    if (methods.length === 0) return step.endDialog({ verified: false, reason: 'noMethod' } satisfies StepUpResult);
    return askWithCard(step, {
      form: {
        heading: t.t('verify.heading'),
        lines: [{ text: t.t(options.reasonKey) }, { text: t.t('verify.choose') }],
        items: methods.map((m) => ({ title: methodLabel(t, m), buttons: [{ title: t.t('verify.sendHere'), action: 'choose', values: { methodId: m.id } }] })),
        buttons: [{ title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
      },
    });
  }

  private async sendCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const options = step.options as StepUpOptions;
    const answer = answerOf(step);
    if (answer.action !== 'choose') return step.endDialog({ verified: false, reason: 'cancelled' } satisfies StepUpResult);
    const method = (await this.usableMethods(options)).find((m) => m.id === answer.fields.methodId);
    if (!method) {
      // Not one of this user's usable methods: a forged or outdated button.
      await step.context.sendActivity(t.t('card.notYours'));
      return step.replaceDialog(dialogIds.stepUpSteps, options);
    }
    const target: CodeTarget = { kind: 'method', userId: options.userId, methodId: method.id, purpose: options.purpose };
    const issued = await sendCode(this.services, target, conversationIdOf(step.context), t.locale);
    if (!issued?.ok) return step.endDialog({ verified: false, reason: await sendNoCode(step.context, issued, this.services.clock.now()) } satisfies StepUpResult);
    return step.beginDialog(dialogIds.codeEntry, { challengeId: issued.challengeId, target, sentTo: { kind: 'method', userId: options.userId, methodId: method.id }, channel: method.kind } satisfies CodeEntryOptions);
  }

  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as StepUpOptions;
    const result = step.result as CodeResult;
    if (!result.verified) return step.endDialog({ verified: false, reason: result.reason } satisfies StepUpResult);
    if (options.purpose === 'stepUp') await this.services.verification.grantStepUp(options.userId, conversationIdOf(step.context));
    return step.endDialog({ verified: true, methodId: result.methodId } satisfies StepUpResult);
  }
}
