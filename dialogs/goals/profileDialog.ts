// profile.view: the signed-in user's own profile as a card.
import { profileCard } from '../../cards/profileCard.js';
import { viewGoal } from '../goalDialog.js';
import { MessageFactory } from '../kit.js';

export const ProfileDialog = viewGoal('profile.view', async ({ context, t, user, useCases }) => {
  const result = await useCases.profiles.view(user.id);
  if (!result.ok) {
    await context.sendActivity(t.t('identity.unknownUser'));
    return;
  }
  const { profile, organizationName } = result.value;
  await context.sendActivity(MessageFactory.attachment(profileCard(t, profile, organizationName), t.t('profile.summary', { name: profile.displayName })));
});
