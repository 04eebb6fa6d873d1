// profile.view: the signed-in user's own profile as a card.
import type { DirectoryUser } from '../../bot/core/ports/directory.js';
import type { UseCases } from '../../bot/core/usecases/useCases.js';
import { profileCard } from '../../cards/profileCard.js';
import { translatorOf } from '../dialogSupport.js';
import { ViewGoalDialog } from '../goalDialog.js';
import { MessageFactory, type TurnContext } from '../kit.js';

export class ProfileDialog extends ViewGoalDialog {
  constructor(useCases: UseCases) {
    super('profile.view', useCases);
  }

  protected async show(context: TurnContext, user: DirectoryUser): Promise<void> {
    const t = translatorOf(context);
    const result = await this.useCases.profiles.view(user.id);
    if (!result.ok) {
      await context.sendActivity(t.t('identity.unknownUser'));
      return;
    }
    const { profile, organizationName } = result.value;
    await context.sendActivity(MessageFactory.attachment(profileCard(t, profile, organizationName), t.t('profile.summary', { name: profile.displayName })));
  }
}
