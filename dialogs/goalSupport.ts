// Small pieces every goal dialog shares: who acts, how a stop is announced, how a step asks with a card.
import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Translator } from '../bot/core/i18n/i18n.js';
import { turnInfo } from '../bot/turn/turnInfo.js';
import type { Actor } from '../bot/core/usecases/services.js';
import type { IssueResult } from '../bot/core/usecases/verification.js';
import type { CardAnswer, CardPromptOptions } from './steps/cardPrompt.js';
import { dialogIds } from './dialogIds.js';

export function actorFor(context: TurnContext, userId: string): Actor {
  const info = turnInfo(context);
  return {
    userId,
    channel: context.activity.channelId ?? 'unknown',
    conversationId: context.activity.conversation?.id ?? '',
    correlationId: info.correlationId,
    locale: info.t.locale,
  };
}

export const conversationIdOf = (context: TurnContext): string => context.activity.conversation?.id ?? '';

/** The signed-in user's id, when there is one. */
export function signedInUserId(context: TurnContext): string | undefined {
  const { identity } = turnInfo(context);
  return identity.kind === 'user' ? identity.user.id : undefined;
}

export function askWithCard(dc: DialogContext, options: CardPromptOptions): Promise<DialogTurnResult> {
  return dc.beginDialog(dialogIds.cardPrompt, options);
}

export const answerOf = (step: WaterfallStepContext): CardAnswer => step.result as CardAnswer;

/** Ends the goal after the user stopped it: nothing was changed. */
export async function endCancelled(step: WaterfallStepContext): Promise<DialogTurnResult> {
  await step.context.sendActivity(turnInfo(step.context).t.t('cancel.done'));
  return step.endDialog();
}

/** "until 14:35" today, or with the date when it is another day. */
export function until(t: Translator, date: Date, now: Date): string {
  return date.toDateString() === now.toDateString() ? t.time(date) : t.dateTime(date);
}

/** Says why no code was sent (locked, too many codes, or the target is not the user's) and returns the reason. */
export async function sendNoCode(context: TurnContext, issued: IssueResult | undefined, now: Date): Promise<'locked' | 'throttled' | 'unavailable'> {
  const { t } = turnInfo(context);
  if (!issued || issued.ok) {
    await context.sendActivity(t.t('card.notYours'));
    return 'unavailable';
  }
  await context.sendActivity(t.t(issued.error === 'locked' ? 'verify.locked' : 'verify.throttled', { until: until(t, issued.until, now) }));
  return issued.error;
}
