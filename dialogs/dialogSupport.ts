// What every dialog reads of its turn: who acts (and the actor every change is recorded with), the
// conversation, the translator; and the few sentences many dialogs say the same way.
import type { DirectoryUser } from '../bot/core/ports/directory.js';
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { Actor } from '../bot/core/usecases/actor.js';
import type { SendResult } from '../bot/core/usecases/codes.js';
import { turnInfo } from '../bot/turn/turnInfo.js';
import type { DialogContext, TurnContext } from './kit.js';
import { isGoalIntent } from '../bot/core/goals.js';
import { dialogIds } from './dialogIds.js';
import { stackedDialogs } from './dialogStack.js';

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

/** Where a goal's dialog instance notes that it changed the account (beside the component's own "dialogs"). */
const changedKey = 'changedAccount';

/**
 * Notes that the goal going on changed the account (on every goal it runs in, a goal begun by
 * another too): stopping or leaving it later says that what was done stays done, never that nothing
 * was changed.
 */
export function noteChangeMade(dc: DialogContext): void {
  for (let d: DialogContext | undefined = dc; d; d = d.parent) {
    const instance = d.activeDialog;
    if (instance && isGoalIntent(instance.id)) (instance.state as Record<string, unknown>)[changedKey] = true;
  }
}

/** Whether a goal this dialog context runs in (or the goal active in it) changed the account. */
export function changeMadeInGoal(dc: DialogContext): boolean {
  for (let d: DialogContext | undefined = dc; d; d = d.parent) {
    const instance = d.activeDialog;
    if (instance && isGoalIntent(instance.id) && (instance.state as Record<string, unknown>)[changedKey] === true) return true;
  }
  return false;
}

/**
 * What to say when the user stops: for a helpdesk agent at a ticket's form, that the ticket is
 * unchanged; for a goal, that nothing was changed on the account, or, after a change, that it stays done.
 */
export function cancelledSentence(dc: DialogContext): string {
  const t = translatorOf(dc.context);
  const agentAt = stackedDialogs({ dialogStack: dc.stack }).find((d) => d.id === dialogIds.agentTicketSteps);
  const ticket = (agentAt?.state?.options as { ticket?: unknown } | undefined)?.ticket;
  if (typeof ticket === 'string') return t.t('agent.cancelled', { number: ticket });
  return t.t(changeMadeInGoal(dc) ? 'cancel.doneAfterChange' : 'cancel.done');
}

const stopped = Symbol('stoppedByUser');

/** Says that the goal stopped and nothing was changed, or what was done stays done (and notes, for this turn, that the user stopped it). */
export async function sayCancelled(dc: DialogContext): Promise<void> {
  dc.context.turnState.set(stopped, true);
  await dc.context.sendActivity(cancelledSentence(dc));
}

/** Whether the user stopped a goal in this turn (its Cancel button, or "cancel" typed at one of its steps). */
export const stoppedByUser = (context: TurnContext): boolean => context.turnState.get<boolean | undefined>(stopped) === true;
