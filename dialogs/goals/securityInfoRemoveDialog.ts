// securityinfo.remove: pick a method, verify with a different one, confirm. Never the last method;
// removing the one the default relies on asks for the new default in the same confirmation card.
// When Microsoft wants a fresh MFA sign-in first, the user signs in again and the removal they
// confirmed is done then, with the method (and new default) they chose, checked again as ever.
import type { PreferredSecondaryMethod } from '../../bot/core/ports/directory.js';
import { methodsNamed, preferenceSaid, removalAndRest } from '../../bot/core/nlu/entities.js';
import { defaultOptions, isPreferredSecondaryMethod } from '../../bot/core/usecases/methods.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { methodPhrase } from '../../bot/core/i18n/methodNames.js';
import { removeConfirmForm, removePickForm } from '../../cards/securityInfoCards.js';
import { GoalDialog, type GoalOptions } from '../goalDialog.js';
import type { DialogTurnResult, WaterfallStepContext } from '../kit.js';
import { verificationSteps } from '../steps/verificationSteps.js';

interface RemoveMemory {
  methodId: string;
  /** The new default chosen in the confirmation card (not a secret: kept for a removal after signing in again). */
  newDefault: PreferredSecondaryMethod;
  /** The default the message asked for ("… and make the app my default"), preselected on the card should it ask for one. */
  wantedDefault: PreferredSecondaryMethod;
}
type RemoveStep = WaterfallStepContext<GoalOptions>;

export class SecurityInfoRemoveDialog extends GoalDialog {
  constructor(useCases: UseCases) {
    super('securityinfo.remove', useCases, verificationSteps(useCases));
    this.steps([this.pickMethod, this.verifyUser, this.confirm, this.remove, this.removeSignedInAgain]);
  }

  private readonly pickMethod = async (step: RemoveStep): Promise<DialogTurnResult> => {
    const methods = await this.useCases.securityInfo.methods(this.signedIn(step).id);
    if (methods.length <= 1) {
      await this.say(step, methods.length === 0 ? 'securityInfo.none' : 'securityInfo.lastMethod');
      return step.endDialog();
    }
    if (step.options.target) return step.next({ action: 'choose', fields: { methodId: step.options.target } });
    // A method the message names alone ("remove the number ending in 34") is chosen as if from the card; several, the card.
    // Only the words that ask for the removal say which: "… and make the app my default" does not; it says the default wanted.
    const locale = this.t(step).locale;
    const { removal, rest } = removalAndRest(this.saidText(step), locale, methods);
    const wanted = preferenceSaid(rest, locale, defaultOptions(methods).map((o) => o.preference));
    if (wanted) this.memory<RemoveMemory>(step).wantedDefault = wanted;
    const [named, ...others] = methodsNamed(removal, locale, methods);
    if (named && others.length === 0) return step.next({ action: 'choose', fields: { methodId: named.id } });
    return this.ask(step, removePickForm(this.t(step), methods));
  };

  private readonly verifyUser = async (step: RemoveStep): Promise<DialogTurnResult> => {
    const answer = this.answer(step);
    if (answer.action !== 'choose') return this.cancelled(step);
    const method = await this.useCases.securityInfo.method(this.signedIn(step).id, answer.fields.methodId);
    // Another user's method id, or one removed meanwhile: refused, nothing changes.
    if (!method) return this.askAgainAfterRefusedChoice(step);
    this.memory<RemoveMemory>(step).methodId = method.id;
    return this.verify(step, 'securityInfo.removeReason', { excludeMethodIds: [method.id] });
  };

  private readonly confirm = async (step: RemoveStep): Promise<DialogTurnResult> => {
    return this.whenVerified(step, async () => {
      const plan = await this.useCases.securityInfo.removalPlan(this.signedIn(step).id, this.memory<RemoveMemory>(step).methodId);
      if (!plan.ok) return step.endDialog();
      return this.ask(step, removeConfirmForm(this.t(step), plan.value.method, plan.value.newDefaultChoices, this.memory<RemoveMemory>(step).wantedDefault));
    });
  };

  private readonly remove = async (step: RemoveStep): Promise<DialogTurnResult> => {
    const answer = this.answer(step);
    if (answer.action !== 'remove') return this.cancelled(step);
    const memory = this.memory<RemoveMemory>(step);
    if (isPreferredSecondaryMethod(answer.fields.newDefault)) memory.newDefault = answer.fields.newDefault;
    return this.changeOrSignInAgain(step, false, () => this.removeChosen(step));
  };

  private readonly removeSignedInAgain = async (step: RemoveStep): Promise<DialogTurnResult> => {
    return this.whenSignedInAgain(step, () => this.changeOrSignInAgain(step, true, () => this.removeChosen(step)));
  };

  /** Removes the method chosen and confirmed (the use case checks again that it is the user's, and not their last). */
  private async removeChosen(step: RemoveStep): Promise<DialogTurnResult> {
    const { methodId = '', newDefault } = this.memory<RemoveMemory>(step);
    const user = this.signedIn(step);
    const method = await this.useCases.securityInfo.method(user.id, methodId);
    const outcome = await this.useCases.securityInfo.remove(this.actor(step, user.id), methodId, newDefault);
    await this.say(step, outcome.ok ? 'securityInfo.removed' : `securityInfo.removeFailed.${outcome.error}`, { method: method ? methodPhrase(this.t(step), method) : '' });
    return step.endDialog();
  }
}
