// Replies more than one dialog sends: the menu, "sign in first" (or "your account was not found").
import { menuGoals, type GoalIntent } from '../bot/core/goals.js';
import type { Translator } from '../bot/core/i18n/i18n.js';
import { standardMenuCard } from '../cards/menuCard.js';
import { MessageFactory, type TurnContext } from './kit.js';
import { turnInfo } from '../bot/turn/turnInfo.js';

export async function sendMenu(context: TurnContext, t: Translator, introKey = 'menu.intro'): Promise<void> {
  const intro = t.t(introKey);
  await context.sendActivity(MessageFactory.attachment(standardMenuCard(t, menuGoals(), introKey, turnInfo(context).portalGoals), undefined, intro));
}

/** What a greeting suggests: three of the most asked tasks, not the whole menu. */
const suggested: readonly GoalIntent[] = ['password.change', 'securityinfo.view', 'helpdesk.ticket'];

/** A short card of three suggestions (for a greeting): each a button, or a link where the goal is done in the portal. */
export async function sendSuggestions(context: TurnContext, t: Translator): Promise<void> {
  const introKey = 'smalltalk.suggestions';
  const goals = suggested.flatMap((intent) => menuGoals().filter((g) => g.intent === intent));
  await context.sendActivity(MessageFactory.attachment(standardMenuCard(t, goals, introKey, turnInfo(context).portalGoals), undefined, t.t(introKey)));
}

/** "Sign in first" — or, to someone the channel vouches for, that the directory does not know their account, or that it is disabled. */
export async function sendSignInRequired(context: TurnContext, t: Translator): Promise<void> {
  const identity = turnInfo(context).identity;
  const key = identity.kind !== 'anonymous' || identity.reason === 'notSignedIn' ? 'identity.signInRequired' : `identity.${identity.reason}`;
  await context.sendActivity(MessageFactory.text(t.t(key), t.t(key)));
}
