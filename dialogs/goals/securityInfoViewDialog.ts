// securityinfo.view: the registered sign-in methods, masked, the default marked, with buttons to
// add one, remove one or change the default.
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { defaultOptions, isDefaultMethod } from '../../bot/core/usecases/methods.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { formCard, startsGoal, type FormButton } from '../../cards/formCard.js';
import { methodDetail, methodTitle, preferenceLabel } from '../../cards/methodLabels.js';
import { dialogIds } from '../dialogIds.js';
import { signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';


export class SecurityInfoViewDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.securityInfoView);
    this.addDialog(new WaterfallDialog(dialogIds.securityInfoViewSteps, [this.showMethods.bind(this)]));
    this.initialDialogId = dialogIds.securityInfoViewSteps;
  }

  private async showMethods(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    const { directory } = this.services;
    const methods = await directory.listAuthenticationMethods(userId);
    const preference = (await directory.getSignInPreferences(userId))?.userPreferredMethodForSecondaryAuthentication ?? 'none';
    const current = defaultOptions(methods).find((o) => o.preference === preference);
    const lines = methods.length === 0
      ? [{ text: t.t('securityInfo.none') }]
      : [{ text: t.t('securityInfo.defaultIs', { method: current ? preferenceLabel(t, current.preference, current.method) : t.t('securityInfo.noDefault') }) }];
    const buttons: FormButton[] = [{ title: t.t('securityInfo.addButton'), action: 'securityinfo.add', style: 'positive' }];
    if (defaultOptions(methods).length > 1) buttons.push({ title: t.t('securityInfo.defaultButton'), action: 'securityinfo.default' });
    const card = formCard({
      heading: t.t('securityInfo.heading'),
      lines,
      items: methods.map((m) => ({
        title: methodTitle(t, m),
        subtitle: methodDetail(m),
        badge: isDefaultMethod(m, methods, preference) ? t.t('securityInfo.defaultBadge') : '',
        buttons: methods.length > 1 ? [{ title: t.t('securityInfo.removeButton', { method: methodTitle(t, m) }), action: 'securityinfo.remove', values: { target: m.id } }] : [],
      })),
      buttons,
      footer: t.t('securityInfo.footer'),
    }, startsGoal);
    await step.context.sendActivity(MessageFactory.attachment(card, t.t('securityInfo.summary', { count: methods.length })));
    return step.endDialog();
  }
}
