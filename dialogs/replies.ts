// Replies more than one dialog sends: the menu, "sign in first", the helpdesk contact.
import { MessageFactory, type TurnContext } from 'botbuilder';
import { menuGoals } from '../bot/core/goals.js';
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { HelpdeskContact } from '../bot/core/ports/directory.js';
import { menuCard } from '../cards/menuCard.js';

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

