// securityinfo.view: the registered sign-in methods, masked, the default marked, with buttons to
// add one, remove one or change the default.
import type { DirectoryUser } from '../../bot/core/ports/directory.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { methodsCard } from '../../cards/securityInfoCards.js';
import { translatorOf } from '../dialogSupport.js';
import { ViewGoalDialog } from '../goalDialog.js';
import { MessageFactory, type TurnContext } from '../kit.js';

export class SecurityInfoViewDialog extends ViewGoalDialog {
  constructor(useCases: UseCases) {
    super('securityinfo.view', useCases);
  }

  protected async show(context: TurnContext, user: DirectoryUser): Promise<void> {
    const t = translatorOf(context);
    const overview = await this.useCases.securityInfo.overview(user.id);
    await context.sendActivity(MessageFactory.attachment(methodsCard(t, overview), t.t('securityInfo.summary', { count: overview.methods.length })));
  }
}
