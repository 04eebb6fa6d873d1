// What every dialog reads of its turn: who acts (and the actor every change is recorded with), the
// conversation, the translator; and the few sentences many dialogs say the same way.
import type { DirectoryUser } from '../bot/core/ports/directory.js';
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { Actor } from '../bot/core/usecases/actor.js';
import type { SendResult } from '../bot/core/usecases/codes.js';
import { turnInfo } from '../bot/turn/turnInfo.js';
import type { TurnContext } from './kit.js';

/** The translator of this turn, in the language the conversation goes on in. */
export const translatorOf = (context: TurnContext): Translator => turnInfo(context).t;

/** The signed-in user, when there is one. */
export function signedInUser(context: TurnContext): DirectoryUser | undefined {
  const { identity } = turnInfo(context);
  return identity.kind === 'user' ? identity.user : undefined;
}

export const conversationIdOf = (context: TurnContext): string => context.activity.conversation?.id ?? '';

/** Who acts on an account in this turn (the user, or the one a reset verified), for use cases to record. */
export function actorFor(context: TurnContext, userId: string): Actor {
  const info = turnInfo(context);
  return {
    userId,
    channel: context.activity.channelId ?? 'unknown',
    conversationId: conversationIdOf(context),
    correlationId: info.correlationId,
    locale: info.t.locale,
  };
}

/** Says why no code was sent (locked, too many codes, or the target is not the user's) and returns the reason. */
export async function sayNoCode(context: TurnContext, refused: Exclude<SendResult, { ok: true }>, now: Date): Promise<'locked' | 'throttled' | 'unavailable'> {
  const t = translatorOf(context);
  if (refused.error === 'unavailable') {
    await context.sendActivity(t.t('card.notYours'));
    return 'unavailable';
  }
  await context.sendActivity(t.t(refused.error === 'locked' ? 'verify.locked' : 'verify.throttled', { until: t.moment(refused.until, now) }));
  return refused.error;
}

const stopped = Symbol('stoppedByUser');

/** Says that the goal stopped and nothing was changed (and notes, for this turn, that the user stopped it). */
export async function sayCancelled(context: TurnContext): Promise<void> {
  context.turnState.set(stopped, true);
  await context.sendActivity(translatorOf(context).t('cancel.done'));
}

/** Whether the user stopped a goal in this turn (its Cancel button, or "cancel" typed at one of its steps). */
export const stoppedByUser = (context: TurnContext): boolean => context.turnState.get<boolean | undefined>(stopped) === true;
