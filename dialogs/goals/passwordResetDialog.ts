// password.reset: forgotten, locked out or expired. A signed-in user verifies with their methods;
// an anonymous web user names their account and gets the same answer whether or not it exists.
// The tenant's gates (one or two different methods), then a new password, unlock, notice, audit,
// and "sign out everywhere" offered as the next step.
import { portalLinks } from '../../bot/core/portalLinks.js';
import type { CodeTarget } from '../../bot/core/usecases/codes.js';
import type { ResetBlocker } from '../../bot/core/usecases/passwords.js';
import type { PolicyFailure } from '../../bot/core/usecases/passwordPolicy.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { accountNameForm, failureLines, newPasswordForm, signOutOfferForm } from '../../cards/passwordCards.js';
import { dialogIds, stepsOf } from '../dialogIds.js';
import { conversationIdOf, noteChangeMade, sayNoCode } from '../dialogSupport.js';
import { GoalDialog, type GoalOptions } from '../goalDialog.js';
import type { DialogTurnResult, WaterfallStepContext } from '../kit.js';
import { CodeEntryDialog } from '../steps/codeEntryDialog.js';
import { codeResultOf, stepUpResultOf, type CodeEntryOptions, type OfferOptions } from '../steps/stepContracts.js';
import { verificationSteps } from '../steps/verificationSteps.js';

const looksLikeAccountName = (text: string): boolean => /^[^\s@]{1,64}@[^\s@]{1,190}$/.test(text.trim());

/** Kept between steps: who was verified (never a secret). */
interface ResetMemory {
  userId: string;
}

interface NewPasswordOptions {
  readonly userId: string;
  readonly failures?: readonly PolicyFailure[];
}

type ResetStep = WaterfallStepContext<GoalOptions>;
type NewPasswordStep = WaterfallStepContext<NewPasswordOptions>;

export class PasswordResetDialog extends GoalDialog {
  constructor(useCases: UseCases) {
    super('password.reset', useCases, [new CodeEntryDialog(useCases), ...verificationSteps(useCases)]);
    this.steps([this.identify, this.firstGate, this.secondGate, this.newPassword, this.offerSignOut, this.signOut]);
    this.waterfall<NewPasswordOptions>(dialogIds.newPassword, [this.askNewPassword, this.applyNewPassword]);
  }

  /** Why the reset can't be done here, said plainly, with the helpdesk and (signed in) a ticket offer. */
  private deadEndOffer(blocker: ResetBlocker): OfferOptions {
    return {
      headingKey: `passwordReset.${blocker}`,
      params: { url: portalLinks.securityInfoShort },
      lineKeys: ['passwordReset.helpdesk'],
      handoff: { category: this.ticketCategory, context: { goal: this.goal, step: blocker } },
    };
  }

  /** No method left for a gate: the same dead end as too few methods. */
  protected override noMethodOffer(): OfferOptions {
    return this.deadEndOffer('noMethods');
  }

  private readonly identify = async (step: ResetStep): Promise<DialogTurnResult> => {
    const user = this.user(step);
    const ready = await this.useCases.passwords.readiness(user?.id);
    if (!ready.ok) return step.replaceDialog(dialogIds.handoffOffer, this.deadEndOffer(ready.error));
    if (user) {
      this.memory<ResetMemory>(step).userId = user.id;
      return step.next();
    }
    const { verifiedDomains } = await this.useCases.profiles.organization();
    return this.ask(step, accountNameForm(this.t(step), verifiedDomains[0] ?? 'contoso.com'), { acceptsText: true });
  };

  private readonly firstGate = async (step: ResetStep): Promise<DialogTurnResult> => {
    const userId = this.memory<ResetMemory>(step).userId;
    // Two gates are said from the start, so the second check comes as no surprise.
    if (userId) return this.verify(step, (await this.useCases.passwords.resetGates()) >= 2 ? 'passwordReset.verifyReasonTwoGates' : 'passwordReset.verifyReason', { userId, purpose: 'reset' });
    const answer = this.answer(step);
    if (answer.action === 'cancel') return this.cancelled(step);
    const name = ((answer.action === 'text' ? answer.fields.text : answer.fields.account) ?? '').trim();
    if (!looksLikeAccountName(name)) {
      const { verifiedDomains } = await this.useCases.profiles.organization();
      await this.say(step, 'passwordReset.notAnAccountName', { domain: verifiedDomains[0] ?? 'contoso.com' });
      return step.replaceDialog(stepsOf(this.goal));
    }
    const target: CodeTarget = { kind: 'claimed', name };
    const sent = await this.useCases.codes.send(target, conversationIdOf(step.context), this.t(step).locale);
    if (!sent.ok) {
      await sayNoCode(step.context, sent, this.useCases.clock.now());
      return step.endDialog();
    }
    // The same words whether or not the account exists or can reset: no enumeration.
    await this.say(step, 'passwordReset.codeSentIfExists', { account: name });
    return step.beginDialog(dialogIds.codeEntry, { challengeId: sent.value.challengeId, target, sentTo: { kind: 'unnamed' }, channel: 'unknown' } satisfies CodeEntryOptions);
  };

  private readonly secondGate = async (step: ResetStep): Promise<DialogTurnResult> => {
    // The first gate was a step-up (signed in) or a code to the named account (anonymous).
    const memory = this.memory<ResetMemory>(step);
    const first = memory.userId ? stepUpResultOf(step.result) : codeResultOf(step.result);
    if (!first.verified) return this.stopUnverified(step, first.reason);
    const proved = codeResultOf(step.result);
    const userId = memory.userId ?? (proved.verified ? proved.userId : undefined);
    if (!userId) return step.endDialog();
    memory.userId = userId;
    if ((await this.useCases.passwords.resetGates()) < 2) return step.next({ verified: true });
    return this.verify(step, 'passwordReset.secondGate', { userId, purpose: 'reset', excludeMethodIds: first.methodId ? [first.methodId] : [] });
  };

  private readonly newPassword = async (step: ResetStep): Promise<DialogTurnResult> => {
    return this.whenVerified(step, () => step.beginDialog(dialogIds.newPassword, { userId: this.memory<ResetMemory>(step).userId ?? '' } satisfies NewPasswordOptions));
  };

  private readonly askNewPassword = async (step: NewPasswordStep): Promise<DialogTurnResult> => {
    const t = this.t(step);
    const form = newPasswordForm(t, {
      headingKey: 'passwordReset.newHeading', introKey: 'passwordReset.verified', withCurrent: false,
      policy: await this.useCases.passwords.policy(), problems: failureLines(t, step.options.failures ?? []),
    });
    return this.ask(step, form, { secret: true });
  };

  private readonly applyNewPassword = async (step: NewPasswordStep): Promise<DialogTurnResult> => {
    const answer = this.answer(step);
    if (answer.action !== 'submit') return step.endDialog({ done: false });
    const outcome = await this.useCases.passwords.reset(this.actor(step, step.options.userId), {
      next: answer.fields.newPassword ?? '',
      confirmation: answer.fields.confirmPassword ?? '',
    });
    if (!outcome.ok && outcome.error === 'policy') return step.replaceDialog(dialogIds.newPassword, { ...step.options, failures: outcome.failures } satisfies NewPasswordOptions);
    if (!outcome.ok) {
      await this.say(step, 'identity.unknownUser');
      return step.endDialog({ done: false });
    }
    noteChangeMade(step);
    await this.say(step, outcome.value.unlocked ? 'passwordReset.doneUnlocked' : 'passwordReset.done');
    return step.endDialog({ done: true });
  };

  private readonly offerSignOut = async (step: ResetStep): Promise<DialogTurnResult> => {
    const result: unknown = step.result;
    const done = typeof result === 'object' && result !== null && 'done' in result && result.done === true;
    if (!done) return this.cancelled(step);
    return this.ask(step, signOutOfferForm(this.t(step)));
  };

  private readonly signOut = async (step: ResetStep): Promise<DialogTurnResult> => {
    if (this.answer(step).action !== 'yes') {
      await this.say(step, 'signout.skipped');
      return step.endDialog();
    }
    const done = await this.useCases.passwords.signOutEverywhere(this.actor(step, this.memory<ResetMemory>(step).userId ?? ''));
    await this.say(step, done.ok ? 'signout.done' : 'identity.unknownUser');
    return step.endDialog();
  };
}
