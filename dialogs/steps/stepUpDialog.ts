// Step-up verification: the user picks one of their methods (shown masked), gets a code there and
// types it back. Policy from the tenant: code length, lifetime, attempts, sends per hour, lock-out.
// On success the step-up is granted for this user and conversation, with the method that proved it,
// and the calling goal carries on with the action it was about to do. A fresh grant spares the check,
// unless it was proved with one of the excluded methods (the rule is StepUp.isFresh's).
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import type { CodeTarget } from '../../bot/core/usecases/codes.js';
import { chooseMethodForm } from '../../cards/verificationCards.js';
import { AssistantDialog } from '../assistantDialog.js';
import { dialogIds } from '../dialogIds.js';
import { conversationIdOf, sayNoCode } from '../dialogSupport.js';
import type { DialogTurnResult, WaterfallStepContext } from '../kit.js';
import { CodeEntryDialog } from './codeEntryDialog.js';
import { codeResultOf, type CodeEntryOptions, type StepUpOptions, type StepUpResult } from './stepContracts.js';

type StepUpStep = WaterfallStepContext<StepUpOptions>;

export class StepUpDialog extends AssistantDialog<StepUpOptions> {
  constructor(useCases: UseCases) {
    super(dialogIds.stepUp, useCases, [new CodeEntryDialog(useCases)]);
    this.steps([this.chooseMethod, this.sendCode, this.finish], dialogIds.stepUpSteps);
  }

  private readonly chooseMethod = async (step: StepUpStep): Promise<DialogTurnResult> => {
    const { stepUp, clock } = this.useCases;
    const options = step.options;
    // A recent check spares this one, unless it was proved with a method this check may not use (the one being removed or replaced).
    if (options.purpose === 'stepUp' && (await stepUp.isFresh(options.userId, conversationIdOf(step.context), options.excludeMethodIds))) {
      return step.endDialog({ verified: true } satisfies StepUpResult);
    }
    const locked = await stepUp.lockedUntil(options.userId);
    if (locked) {
      await this.say(step, 'verify.locked', { until: this.t(step).moment(locked, clock.now()) });
      return step.endDialog({ verified: false, reason: 'locked' } satisfies StepUpResult);
    }
    const methods = await stepUp.methods(options.userId, options.purpose, options.excludeMethodIds);
    if (methods.length === 0) return step.endDialog({ verified: false, reason: 'noMethod' } satisfies StepUpResult);
    return this.ask(step, chooseMethodForm(this.t(step), options.reasonKey, methods));
  };

  private readonly sendCode = async (step: StepUpStep): Promise<DialogTurnResult> => {
    const options = step.options;
    const answer = this.answer(step);
    if (answer.action !== 'choose') return step.endDialog({ verified: false, reason: 'cancelled' } satisfies StepUpResult);
    const method = (await this.useCases.stepUp.methods(options.userId, options.purpose, options.excludeMethodIds)).find((m) => m.id === answer.fields.methodId);
    if (!method) {
      // Not one of this user's usable methods: a forged or outdated button.
      await this.say(step, 'card.notYours');
      return step.replaceDialog(dialogIds.stepUpSteps, options);
    }
    const target: CodeTarget = { kind: 'method', userId: options.userId, methodId: method.id, purpose: options.purpose };
    const sent = await this.useCases.codes.send(target, conversationIdOf(step.context), this.t(step).locale);
    if (!sent.ok) return step.endDialog({ verified: false, reason: await sayNoCode(step.context, sent, this.useCases.clock.now()) } satisfies StepUpResult);
    return step.beginDialog(dialogIds.codeEntry, {
      challengeId: sent.value.challengeId, target, sentTo: { kind: 'method', userId: options.userId, methodId: method.id }, channel: method.kind,
    } satisfies CodeEntryOptions);
  };

  private readonly finish = async (step: StepUpStep): Promise<DialogTurnResult> => {
    const result = codeResultOf(step.result);
    if (!result.verified) return step.endDialog({ verified: false, reason: result.reason } satisfies StepUpResult);
    if (step.options.purpose === 'stepUp') await this.useCases.stepUp.grant(step.options.userId, conversationIdOf(step.context), result.methodId);
    return step.endDialog({ verified: true, methodId: result.methodId } satisfies StepUpResult);
  };
}
