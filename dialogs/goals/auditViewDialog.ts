// audit.view: "what did you change on my account?": the user's own recent audit entries.
import { auditCard } from '../../cards/auditCards.js';
import { viewGoal } from '../goalDialog.js';
import { MessageFactory } from '../kit.js';

/** How many entries are shown, newest first. */
const shown = 10;

export const AuditViewDialog = viewGoal('audit.view', async ({ context, t, user, useCases }) => {
  const entries = await useCases.auditTrail.shownToUser(user.id, shown);
  await context.sendActivity(entries.length === 0
    ? t.t('audit.none')
    : MessageFactory.attachment(auditCard(t, entries, await useCases.agreements.all()), t.t('audit.intro', { count: entries.length })));
});
