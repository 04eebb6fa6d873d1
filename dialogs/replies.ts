// Replies more than one dialog sends: the menu, "sign in first", "not in the chat yet", helpdesk contact.
import { MessageFactory, type TurnContext } from 'botbuilder';
import { goalFor, menuGoals } from '../bot/goals.js';
import type { Translator } from '../bot/i18n/i18n.js';
import type { GoalIntent } from '../bot/nlu/intents.js';
import type { HelpdeskContact } from '../bot/ports/directory.js';
import { menuCard } from '../cards/menuCard.js';
import { noticeCard } from '../cards/noticeCard.js';

export async function sendMenu(context: TurnContext, t: Translator, introKey = 'menu.intro'): Promise<void> {
  const intro = t.t(introKey);
  await context.sendActivity(MessageFactory.attachment(menuCard(t, menuGoals(), intro), undefined, intro));
}

export async function sendSignInRequired(context: TurnContext, t: Translator): Promise<void> {
  await context.sendActivity(MessageFactory.text(t.t('identity.signInRequired'), t.t('identity.signInRequired')));
}

export function helpdeskLines(t: Translator, helpdesk: HelpdeskContact): string[] {
  return [
    t.t('helpdesk.contact.name', { helpdesk: helpdesk.displayName }),
    helpdesk.email ? t.t('helpdesk.contact.email', { email: helpdesk.email }) : '',
    helpdesk.phone ? t.t('helpdesk.contact.phone', { phone: helpdesk.phone }) : '',
  ].filter((line) => line !== '');
}

/** For a goal the chat cannot carry out yet: where the user can do it themselves, or whom to ask. */
export async function sendNotInChat(context: TurnContext, t: Translator, intent: GoalIntent, helpdesk: HelpdeskContact): Promise<void> {
  const goal = goalFor(intent);
  const what = t.t(`goal.${intent}.title`);
  if (goal.portalUrl) {
    await context.sendActivity(t.t('goal.notInChat.portal', { goal: what, url: goal.portalUrl }));
  } else {
    await context.sendActivity(MessageFactory.attachment(noticeCard(t.t('goal.notInChat.helpdesk', { goal: what }), helpdeskLines(t, helpdesk))));
  }
}
