// Replies more than one dialog sends: the menu, "sign in first".
import { menuGoals } from '../bot/core/goals.js';
import type { Translator } from '../bot/core/i18n/i18n.js';
import { menuCard } from '../cards/menuCard.js';
import { MessageFactory, type TurnContext } from './kit.js';

export async function sendMenu(context: TurnContext, t: Translator, introKey = 'menu.intro'): Promise<void> {
  const intro = t.t(introKey);
  await context.sendActivity(MessageFactory.attachment(menuCard(t, menuGoals(), intro), undefined, intro));
}

export async function sendSignInRequired(context: TurnContext, t: Translator): Promise<void> {
  await context.sendActivity(MessageFactory.text(t.t('identity.signInRequired'), t.t('identity.signInRequired')));
}
