// organizations.view: the home organization and the ones where the user is a guest.
import type { DirectoryUser } from '../../bot/core/ports/directory.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { organizationsCard } from '../../cards/organizationCards.js';
import { translatorOf } from '../dialogSupport.js';
import { ViewGoalDialog } from '../goalDialog.js';
import { MessageFactory, type TurnContext } from '../kit.js';

export class OrganizationsViewDialog extends ViewGoalDialog {
  constructor(useCases: UseCases) {
    super('organizations.view', useCases);
  }

  protected async show(context: TurnContext, user: DirectoryUser): Promise<void> {
    const t = translatorOf(context);
    const organizations = await this.useCases.organizations.list(user.id);
    await context.sendActivity(MessageFactory.attachment(organizationsCard(t, organizations), t.t('organizations.heading')));
  }
}
