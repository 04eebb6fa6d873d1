// organizations.view: the home organization and the ones where the user is a guest.
import { organizationsCard, organizationsSummary } from '../../cards/organizationCards.js';
import { viewGoal } from '../goalDialog.js';
import { MessageFactory } from '../kit.js';

export const OrganizationsViewDialog = viewGoal('organizations.view', async ({ context, t, user, useCases }) => {
  const organizations = await useCases.organizations.list(user.id);
  await context.sendActivity(MessageFactory.attachment(organizationsCard(t, organizations), organizationsSummary(t, organizations)));
});
