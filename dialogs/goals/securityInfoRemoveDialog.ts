// securityinfo.remove: pick a method, verify with a different one, confirm. Never the last method;
// removing the one the default relies on asks for the new default in the same confirmation card.
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { AuthenticationMethod, PreferredSecondaryMethod } from '../../bot/core/ports/directory.js';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { defaultOptions, removalNeedsNewDefault } from '../../bot/core/usecases/methods.js';
import { removeMethod } from '../../bot/core/usecases/securityInfo.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import type { FormInput } from '../../cards/formCard.js';
import { methodLabel, preferenceLabel } from '../../cards/methodLabels.js';
import { CardPrompt } from '../steps/cardPrompt.js';
import { dialogIds } from '../dialogIds.js';
import { HandoffOfferDialog, noMethodOffer } from '../steps/handoffOfferDialog.js';
import { actorFor, answerOf, askWithCard, endCancelled, signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';
import { StepUpDialog, type StepUpResult } from '../steps/stepUpDialog.js';

interface RemoveValues {
  methodId?: string;
}
const values = (step: WaterfallStepContext): RemoveValues => step.values;

export class SecurityInfoRemoveDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.securityInfoRemove);
    this.addDialog(new WaterfallDialog(dialogIds.securityInfoRemoveSteps, [
      this.pickMethod.bind(this), this.verify.bind(this), this.confirm.bind(this), this.remove.bind(this),
    ]));
    this.addDialog(new CardPrompt(dialogIds.cardPrompt));
    this.addDialog(new StepUpDialog(services));
    for (const dialog of HandoffOfferDialog.companions(services)) this.addDialog(dialog);
    this.initialDialogId = dialogIds.securityInfoRemoveSteps;
  }

  private methods(userId: string): Promise<readonly AuthenticationMethod[]> {
    return this.services.directory.listAuthenticationMethods(userId);
  }

  private async pickMethod(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    const methods = await this.methods(userId);
    if (methods.length <= 1) {
      await step.context.sendActivity(t.t(methods.length === 0 ? 'securityInfo.none' : 'securityInfo.lastMethod'));
      return step.endDialog();
    }
    const target = (step.options as { target?: string } | undefined)?.target;
    if (target) return step.next({ action: 'choose', fields: { methodId: target } });
    return askWithCard(step, {
      form: {
        heading: t.t('securityInfo.removeHeading'),
        lines: [{ text: t.t('securityInfo.removePick') }],
        items: methods.map((m) => ({ title: methodLabel(t, m), buttons: [{ title: t.t('securityInfo.removeButton', { method: methodLabel(t, m) }), action: 'choose', values: { methodId: m.id } }] })),
        buttons: [{ title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
      },
    });
  }

  private async verify(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const answer = answerOf(step);
    const userId = signedInUserId(step.context);
    if (answer.action !== 'choose' || !userId) return endCancelled(step);
    const method = (await this.methods(userId)).find((m) => m.id === answer.fields.methodId);
    if (!method) {
      // Another user's method id, or one removed meanwhile: refused, nothing changes.
      await step.context.sendActivity(t.t('card.notYours'));
      return step.endDialog();
    }
    values(step).methodId = method.id;
    return step.beginDialog(dialogIds.stepUp, { userId, purpose: 'stepUp', excludeMethodIds: [method.id], reasonKey: 'securityInfo.removeReason' });
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const result = step.result as StepUpResult;
    const userId = signedInUserId(step.context) ?? '';
    if (!result.verified) {
      if (result.reason === 'cancelled') return endCancelled(step);
      if (result.reason === 'noMethod') return step.replaceDialog(dialogIds.handoffOffer, noMethodOffer('securityinfo.remove'));
      return step.endDialog();
    }
    const methods = await this.methods(userId);
    const method = methods.find((m) => m.id === values(step).methodId);
    if (!method) return step.endDialog();
    const preference = (await this.services.directory.getSignInPreferences(userId))?.userPreferredMethodForSecondaryAuthentication ?? 'none';
    const remaining = methods.filter((m) => m.id !== method.id);
    const choices = removalNeedsNewDefault(method, methods, preference) ? defaultOptions(remaining) : [];
    const inputs: FormInput[] = choices.length > 0
      ? [{ kind: 'choice', id: 'newDefault', label: t.t('securityInfo.newDefaultLabel'), value: choices[0]?.preference, choices: choices.map((c) => ({ title: preferenceLabel(t, c.preference, c.method), value: c.preference })) }]
      : [];
    return askWithCard(step, {
      form: {
        heading: t.t('securityInfo.removeConfirmHeading'),
        lines: [
          { text: t.t('securityInfo.removeConfirm', { method: methodLabel(t, method) }) },
          ...(choices.length > 0 ? [{ text: t.t('securityInfo.removeDefaultNote') }] : []),
        ],
        inputs,
        buttons: [{ title: t.t('securityInfo.removeNow'), action: 'remove', style: 'destructive' }, { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false }],
      },
    });
  }

  private async remove(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const answer = answerOf(step);
    const userId = signedInUserId(step.context) ?? '';
    if (answer.action !== 'remove') return endCancelled(step);
    const method = (await this.methods(userId)).find((m) => m.id === values(step).methodId);
    const label = method ? methodLabel(t, method) : '';
    const newDefault = answer.fields.newDefault as PreferredSecondaryMethod | undefined;
    const outcome = await removeMethod(this.services, actorFor(step.context, userId), values(step).methodId ?? '', newDefault);
    await step.context.sendActivity(t.t(outcome.ok ? 'securityInfo.removed' : `securityInfo.removeFailed.${outcome.error}`, { method: label }));
    return step.endDialog();
  }
}
