// audit.view: "what did you change on my account?": the user's own recent audit entries.
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { formCard } from '../../cards/formCard.js';
import { dialogIds } from '../dialogIds.js';
import { signedInUserId } from '../goalSupport.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';

const shown = 10;

export class AuditViewDialog extends InterruptibleDialog {
  constructor(private readonly services: AccountServices) {
    super(dialogIds.auditView);
    this.addDialog(new WaterfallDialog(dialogIds.auditViewSteps, [this.showEntries.bind(this)]));
    this.initialDialogId = dialogIds.auditViewSteps;
  }

  private async showEntries(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const userId = signedInUserId(step.context);
    if (!userId) return step.endDialog();
    const entries = await this.services.audit.listForUser(userId, shown);
    if (entries.length === 0) {
      await step.context.sendActivity(t.t('audit.none'));
      return step.endDialog();
    }
    const card = formCard({
      heading: t.t('audit.heading'),
      lines: [{ text: t.t('audit.intro', { count: entries.length }) }],
      items: entries.map((e) => ({
        title: t.t(`audit.action.${e.action}`),
        subtitle: [t.dateTime(e.at), e.target, t.t(`audit.channel.${e.channel === 'msteams' ? 'teams' : 'web'}`)].filter(Boolean).join(' · '),
        badge: e.result === 'success' ? '' : t.t(`audit.result.${e.result}`),
      })),
      footer: t.t('audit.footer'),
    }, () => ({}));
    await step.context.sendActivity(MessageFactory.attachment(card, t.t('audit.intro', { count: entries.length })));
    return step.endDialog();
  }
}
