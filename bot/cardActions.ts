// Card submissions are data from the client. They are parsed here, where they arrive, into a typed
// action or rejected; handlers never see the raw value.
import { isGoalIntent, type GoalIntent } from './nlu/intents.js';

export const cardVerbs = {
  startGoal: 'goal.start',
  showMenu: 'menu.show',
  reportProfileError: 'profile.reportError',
} as const;

export type CardAction =
  | { readonly verb: typeof cardVerbs.startGoal; readonly goal: GoalIntent }
  | { readonly verb: typeof cardVerbs.showMenu }
  | { readonly verb: typeof cardVerbs.reportProfileError };

/** Largest card payload accepted, serialized. */
const maxPayloadLength = 8 * 1024;

export function parseCardAction(value: unknown): CardAction | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (JSON.stringify(value).length > maxPayloadLength) return undefined;
  const data = value as Record<string, unknown>;
  switch (data.verb) {
    case cardVerbs.startGoal:
      return isGoalIntent(data.goal) ? { verb: cardVerbs.startGoal, goal: data.goal } : undefined;
    case cardVerbs.showMenu:
      return { verb: cardVerbs.showMenu };
    case cardVerbs.reportProfileError:
      return { verb: cardVerbs.reportProfileError };
    default:
      return undefined;
  }
}
