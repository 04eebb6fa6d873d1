// securityinfo.view: the registered sign-in methods, masked, the default marked, with buttons to
// add one, remove one or change the default.
import { methodsCard } from '../../cards/securityInfoCards.js';
import { viewGoal } from '../goalDialog.js';
import { MessageFactory } from '../kit.js';

export const SecurityInfoViewDialog = viewGoal('securityinfo.view', async ({ context, t, user, useCases }) => {
  const overview = await useCases.securityInfo.overview(user.id);
  await context.sendActivity(MessageFactory.attachment(methodsCard(t, overview), t.t('securityInfo.summary', { count: overview.methods.length })));
});
