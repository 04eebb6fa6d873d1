// The greeting when someone opens a conversation with the bot.
import type { GoalIntent } from '../bot/core/goals.js';
import type { TurnContext } from './kit.js';
import type { TurnInfo } from '../bot/turn/turnInfo.js';
import { sendMenu } from './replies.js';

/**
 * Greets, and says which goal to start at once, if any: someone who is not signed in (the web
 * page's "I can't sign in") goes straight to the password reset, which asks for the account first.
 */
export async function sendWelcome(
  context: TurnContext, info: TurnInfo, organizationName: string, options: { readonly signInLater?: boolean } = {},
): Promise<GoalIntent | undefined> {
  const { identity, t } = info;
  if (identity.kind !== 'user') {
    if (identity.reason === 'notSignedIn') {
      await context.sendActivity(t.t('welcome.cannotSignIn', { organization: organizationName }));
      return 'password.reset';
    }
    if (identity.reason === 'accountDisabled') {
      await context.sendActivity(t.t('identity.accountDisabled'));
      return undefined;
    }
    // In Teams with single sign-on, the assistant may know people only once they sign in, at their
    // first request: someone it cannot place yet is greeted as a colleague, not sent away.
    if (options.signInLater && context.activity.channelId === 'msteams') {
      await context.sendActivity(t.t('welcome.teams', { organization: organizationName }));
      await sendMenu(context, t);
      return undefined;
    }
    await context.sendActivity(t.t('welcome.anonymous', { organization: organizationName }));
    return undefined;
  }
  const name = identity.user.givenName ?? identity.user.displayName;
  await context.sendActivity(t.t('welcome.user', { name, organization: organizationName }));
  await sendMenu(context, t);
  return undefined;
}
