// audit.view: "what did you change on my account?": the user's own recent audit entries.
import type { DirectoryUser } from '../../bot/core/ports/directory.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { auditCard } from '../../cards/auditCards.js';
import { translatorOf } from '../dialogSupport.js';
import { ViewGoalDialog } from '../goalDialog.js';
import { MessageFactory, type TurnContext } from '../kit.js';

const shown = 10;

export class AuditViewDialog extends ViewGoalDialog {
  constructor(useCases: UseCases) {
    super('audit.view', useCases);
  }

  protected async show(context: TurnContext, user: DirectoryUser): Promise<void> {
    const t = translatorOf(context);
    const entries = await this.useCases.auditTrail.recent(user.id, shown);
    if (entries.length === 0) {
      await context.sendActivity(t.t('audit.none'));
      return;
    }
    await context.sendActivity(MessageFactory.attachment(auditCard(t, entries), t.t('audit.intro', { count: entries.length })));
  }
}
