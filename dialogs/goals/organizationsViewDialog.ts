// organizations.view: the home organization and the ones where the user is a guest.
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import { organizations } from '../../bot/core/usecases/account.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { formCard, startsGoal } from '../../cards/formCard.js';
import { dialogIds } from '../dialogIds.js';
import { signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';


export class OrganizationsViewDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.organizationsView);
    this.addDialog(new WaterfallDialog(dialogIds.organizationsViewSteps, [this.showOrganizations.bind(this)]));
    this.initialDialogId = dialogIds.organizationsViewSteps;
  }

  private async showOrganizations(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    const list = await organizations(this.services, userId);
    const guests = list.filter((o) => !o.isHome);
    const card = formCard({
      heading: t.t('organizations.heading'),
      lines: [{ text: guests.length === 0 ? t.t('organizations.noGuest') : t.t('organizations.intro', { count: guests.length }) }],
      items: list.map((o) => ({
        title: o.displayName,
        subtitle: [o.defaultDomain, t.t(o.isHome ? 'organizations.home' : 'organizations.guest')].filter(Boolean).join(' · '),
        badge: o.isHome ? t.t('organizations.homeBadge') : '',
        buttons: o.isHome ? [] : [{ title: t.t('organizations.leaveButton', { organization: o.displayName }), action: 'organizations.leave', values: { target: o.tenantId } }],
      })),
    }, startsGoal);
    await step.context.sendActivity(MessageFactory.attachment(card, t.t('organizations.heading')));
    return step.endDialog();
  }
}
