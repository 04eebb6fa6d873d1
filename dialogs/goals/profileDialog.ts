// profile.view: the signed-in user's own profile as a card.
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnInfo } from '../../bot/turn/turnInfo.js';
import type { Directory } from '../../bot/core/ports/directory.js';
import { viewProfile } from '../../bot/core/usecases/viewProfile.js';
import { profileCard } from '../../cards/profileCard.js';
import { dialogIds } from '../dialogIds.js';
import { InterruptibleDialog } from '../interruptibleDialog.js';

export class ProfileDialog extends InterruptibleDialog {
  constructor(private readonly directory: Directory) {
    super(dialogIds.profile);
    this.addDialog(new WaterfallDialog(dialogIds.profileSteps, [this.showProfile.bind(this)]));
    this.initialDialogId = dialogIds.profileSteps;
  }

  private async showProfile(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { identity, t } = turnInfo(step.context);
    if (identity.kind !== 'user') return step.endDialog();
    const result = await viewProfile(this.directory, identity.user.id);
    if (!result.ok) {
      await step.context.sendActivity(t.t('identity.unknownUser'));
      return step.endDialog();
    }
    const { profile, organizationName } = result.value;
    const summary = t.t('profile.summary', { name: profile.displayName });
    await step.context.sendActivity(MessageFactory.attachment(profileCard(t, profile, organizationName), summary));
    return step.endDialog();
  }
}
