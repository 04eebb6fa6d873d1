// Teams' Action.Execute arrives as an `adaptiveCard/action` invoke, not as a message: the button's
// data is in `value.action.data`, and the turn owes Teams an answer, the card to show in place of
// the one pressed or a short message. What the dialogs decide for that answer is kept here for the
// turn; on any other activity the same calls behave as they do for an Action.Submit message.
import type { Activity, TurnContext } from 'botbuilder';
import type { CardAttachment } from '../../cards/renderer.js';

export const cardActionInvoke = 'adaptiveCard/action';

/** The answer an Action.Execute gets: the card that replaces the pressed one, or a message that leaves it. */
export type CardInvokeAnswer =
  | { readonly kind: 'card'; readonly card: CardAttachment }
  | { readonly kind: 'message'; readonly text: string };

const key = Symbol('cardInvokeAnswer');

export function isCardInvoke(activity: Partial<Activity>): boolean {
  return activity.type === 'invoke' && activity.name === cardActionInvoke;
}

/** What the card's button sent: an Action.Submit message's value, or an Action.Execute invoke's `action.data`. */
export function cardPayload(activity: Partial<Activity>): unknown {
  if (isCardInvoke(activity)) {
    const value: unknown = activity.value;
    const action = typeof value === 'object' && value !== null ? (value as { action?: unknown }).action : undefined;
    return typeof action === 'object' && action !== null ? (action as { data?: unknown }).data : undefined;
  }
  const text = typeof activity.text === 'string' ? activity.text : '';
  return activity.type === 'message' && text.trim() === '' ? activity.value : undefined;
}

/** The pressed card has been answered: on Teams it is replaced in place by `card`. */
export function answerCard(context: TurnContext, card: CardAttachment): void {
  if (isCardInvoke(context.activity)) context.turnState.set(key, { kind: 'card', card } satisfies CardInvokeAnswer);
}

const refused = Symbol('cardRefused');

/**
 * A card press that changes nothing (stale, replayed, unknown): said in the invoke answer on Teams,
 * in the chat elsewhere. The turn then saves no state: the press of a spent card, landing beside the
 * press that spent it (another instance), must not win the save over the turn that acted.
 */
export async function refuseCard(context: TurnContext, text: string): Promise<void> {
  context.turnState.set(refused, true);
  if (isCardInvoke(context.activity)) context.turnState.set(key, { kind: 'message', text } satisfies CardInvokeAnswer);
  else await context.sendActivity(text);
}

/** Whether the turn's card press was refused (its state is then not saved). */
export const cardRefused = (context: TurnContext): boolean => context.turnState.get<boolean | undefined>(refused) === true;

export function cardInvokeAnswer(context: TurnContext): CardInvokeAnswer | undefined {
  return context.turnState.get<CardInvokeAnswer | undefined>(key);
}
