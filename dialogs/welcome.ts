// The greeting when someone opens a conversation with the bot.
import type { TurnContext } from './kit.js';
import type { TurnInfo } from '../bot/turn/turnInfo.js';
import { sendMenu } from './replies.js';

export async function sendWelcome(context: TurnContext, info: TurnInfo, organizationName: string): Promise<void> {
  const { identity, t } = info;
  if (identity.kind !== 'user') {
    await context.sendActivity(t.t('welcome.anonymous', { organization: organizationName }));
    return;
  }
  const name = identity.user.givenName ?? identity.user.displayName;
  await context.sendActivity(t.t('welcome.user', { name, organization: organizationName }));
  await sendMenu(context, t);
}
