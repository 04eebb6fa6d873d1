// securityinfo.default: choose the default second factor among the ones the user's methods allow,
// verify, then save.
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { PreferredSecondaryMethod } from '../../bot/core/ports/directory.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { defaultOptions } from '../../bot/core/usecases/methods.js';
import { setDefaultMethod } from '../../bot/core/usecases/securityInfo.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { preferenceLabel } from '../../cards/methodLabels.js';
import { CardPrompt } from '../steps/cardPrompt.js';
import { dialogIds } from '../dialogIds.js';
import { HandoffOfferDialog, noMethodOffer } from '../steps/handoffOfferDialog.js';
import { actorFor, answerOf, askWithCard, endCancelled, signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';
import { StepUpDialog, type StepUpResult } from '../steps/stepUpDialog.js';

interface DefaultValues {
  preference?: PreferredSecondaryMethod;
}
const values = (step: WaterfallStepContext): DefaultValues => step.values;

export class SecurityInfoDefaultDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.securityInfoDefault);
    this.addDialog(new WaterfallDialog(dialogIds.securityInfoDefaultSteps, [this.choose.bind(this), this.verify.bind(this), this.save.bind(this)]));
    this.addDialog(new CardPrompt(dialogIds.cardPrompt));
    this.addDialog(new StepUpDialog(services));
    for (const dialog of HandoffOfferDialog.companions(services)) this.addDialog(dialog);
    this.initialDialogId = dialogIds.securityInfoDefaultSteps;
  }

  private async choose(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    const options = defaultOptions(await this.services.directory.listAuthenticationMethods(userId));
    if (options.length === 0) {
      await step.context.sendActivity(t.t('securityInfo.noDefaultOptions'));
      return step.endDialog();
    }
    const current = (await this.services.directory.getSignInPreferences(userId))?.userPreferredMethodForSecondaryAuthentication;
    return askWithCard(step, {
      form: {
        heading: t.t('securityInfo.defaultHeading'),
        lines: [{ text: t.t('securityInfo.defaultPick') }],
        inputs: [{
          kind: 'choice', id: 'preference', label: t.t('securityInfo.defaultLabel'),
          value: options.some((o) => o.preference === current) ? current : options[0]?.preference,
          choices: options.map((o) => ({ title: preferenceLabel(t, o.preference, o.method), value: o.preference })),
        }],
        buttons: [{ title: t.t('common.save'), action: 'save', style: 'positive' }, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
      },
    });
  }

  private async verify(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const answer = answerOf(step);
    const userId = signedInUserId(step.context) ?? '';
    if (answer.action !== 'save') return endCancelled(step);
    const options = defaultOptions(await this.services.directory.listAuthenticationMethods(userId));
    const chosen = options.find((o) => o.preference === answer.fields.preference);
    if (!chosen) {
      await step.context.sendActivity(t.t('card.notYours'));
      return step.endDialog();
    }
    values(step).preference = chosen.preference;
    return step.beginDialog(dialogIds.stepUp, { userId, purpose: 'stepUp', reasonKey: 'securityInfo.defaultReason' });
  }

  private async save(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const result = step.result as StepUpResult;
    if (!result.verified) {
      if (result.reason === 'cancelled') return endCancelled(step);
      if (result.reason === 'noMethod') return step.replaceDialog(dialogIds.handoffOffer, noMethodOffer('securityinfo.default'));
      return step.endDialog();
    }
    const userId = signedInUserId(step.context) ?? '';
    const preference = values(step).preference ?? 'none';
    const saved = await setDefaultMethod(this.services, actorFor(step.context, userId), preference);
    const option = defaultOptions(await this.services.directory.listAuthenticationMethods(userId)).find((o) => o.preference === preference);
    await step.context.sendActivity(saved.ok ? t.t('securityInfo.defaultChanged', { method: preferenceLabel(t, preference, option?.method) }) : t.t('card.notYours'));
    return step.endDialog();
  }
}
