// securityinfo.default: choose the default second factor among the ones the user's methods allow,
// verify (with a method other than the one the old default relied on, when the change replaces it),
// then save.
import { preferenceSaid } from '../../bot/core/nlu/entities.js';
import type { PreferredSecondaryMethod } from '../../bot/core/ports/directory.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { preferenceLabel } from '../../bot/core/i18n/methodNames.js';
import { defaultForm, onlyDefaultCard } from '../../cards/securityInfoCards.js';
import { GoalDialog, type GoalOptions } from '../goalDialog.js';
import { MessageFactory, type DialogTurnResult, type WaterfallStepContext } from '../kit.js';
import { verificationSteps } from '../steps/verificationSteps.js';

interface DefaultMemory {
  preference: PreferredSecondaryMethod;
}
type DefaultStep = WaterfallStepContext<GoalOptions>;

export class SecurityInfoDefaultDialog extends GoalDialog {
  constructor(useCases: UseCases) {
    super('securityinfo.default', useCases, verificationSteps(useCases));
    this.steps([this.choose, this.verifyUser, this.save]);
  }

  private readonly choose = async (step: DefaultStep): Promise<DialogTurnResult> => {
    const { options, current } = await this.useCases.securityInfo.defaultChoices(this.signedIn(step).id);
    if (options.length === 0) {
      await this.say(step, 'securityInfo.noDefaultOptions');
      return step.endDialog();
    }
    // One setting only, and it is the default already: nothing to choose; the card says what to add to have a choice.
    const [only, ...others] = options;
    if (only && others.length === 0 && only.preference === current) {
      await step.context.sendActivity(MessageFactory.attachment(onlyDefaultCard(this.t(step), only)));
      return step.endDialog();
    }
    // "Make the app my default": that choice is preselected; the user still saves it, and it is checked as any other.
    const said = preferenceSaid(this.saidText(step), this.t(step).locale, options.map((o) => o.preference));
    return this.ask(step, defaultForm(this.t(step), options, said ?? current));
  };

  private readonly verifyUser = async (step: DefaultStep): Promise<DialogTurnResult> => {
    const answer = this.answer(step);
    if (answer.action !== 'save') return this.cancelled(step);
    const { options, current } = await this.useCases.securityInfo.defaultChoices(this.signedIn(step).id);
    const chosen = options.find((o) => o.preference === answer.fields.preference);
    if (!chosen) return this.askAgainAfterRefusedChoice(step);
    // The default the user already has: nothing to change, so nothing to check, record or announce.
    if (chosen.preference === current) {
      await this.say(step, 'securityInfo.defaultUnchanged', { method: preferenceLabel(this.t(step), chosen.preference, chosen.method) });
      return step.endDialog();
    }
    this.memory<DefaultMemory>(step).preference = chosen.preference;
    const replaced = await this.useCases.securityInfo.replacedByDefault(this.signedIn(step).id, chosen.preference);
    return this.verify(step, 'securityInfo.defaultReason', { excludeMethodIds: replaced });
  };

  private readonly save = async (step: DefaultStep): Promise<DialogTurnResult> => {
    return this.whenVerified(step, async () => {
      const preference = this.memory<DefaultMemory>(step).preference ?? 'none';
      const saved = await this.useCases.securityInfo.setDefault(this.actor(step, this.signedIn(step).id), preference);
      await step.context.sendActivity(saved.ok
        ? this.t(step).t('securityInfo.defaultChanged', { method: preferenceLabel(this.t(step), preference, saved.value.method) })
        : this.t(step).t('card.notYours'));
      return step.endDialog();
    });
  };
}
