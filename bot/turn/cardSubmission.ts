// Card submissions are data from the client. They are parsed here, where they arrive, into a typed
// action or rejected; handlers never see the raw value.
import { cardVerbs, ticketActs, type TicketAct } from '../../cards/cardVerbs.js';
import { isGoalIntent, type GoalIntent } from '../core/goals.js';

export type CardAction =
  | { readonly verb: typeof cardVerbs.startGoal; readonly goal: GoalIntent; readonly target?: string; readonly task?: string }
  | { readonly verb: typeof cardVerbs.ticketAction; readonly ticket: string; readonly act: TicketAct }
  | { readonly verb: typeof cardVerbs.submitStep; readonly nonce: string; readonly action: string; readonly fields: Readonly<Record<string, string>> }
  | { readonly verb: typeof cardVerbs.showMenu }
  | { readonly verb: typeof cardVerbs.reportProfileError };

const isTicketNumber = (value: unknown): value is string => typeof value === 'string' && /^INC-\d{6}$/i.test(value);

const isIdLike = (value: string): boolean => /^[\w.:@+-]{1,128}$/.test(value);
const fieldName = /^[a-zA-Z][\w]{0,39}$/;
/** Longest value of one input (passwords may have 256 characters). */
const maxFieldLength = 1024;

/** Inputs come back as extra string keys beside the card's own data. */
function parseStepSubmission(data: Record<string, unknown>): CardAction | undefined {
  const { nonce, action } = data;
  if (typeof nonce !== 'string' || !/^[\w-]{16,64}$/.test(nonce)) return undefined;
  if (typeof action !== 'string' || !/^[\w.]{1,40}$/.test(action)) return undefined;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'verb' || key === 'nonce' || key === 'action' || !fieldName.test(key)) continue;
    if (typeof value !== 'string') continue;
    if (value.length > maxFieldLength) return undefined;
    fields[key] = value;
  }
  return { verb: cardVerbs.submitStep, nonce, action, fields };
}

/** Largest card payload accepted, serialized. */
const maxPayloadLength = 8 * 1024;

export function parseCardAction(value: unknown): CardAction | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (JSON.stringify(value).length > maxPayloadLength) return undefined;
  const data = value as Record<string, unknown>;
  switch (data.verb) {
    case cardVerbs.startGoal:
      if (!isGoalIntent(data.goal)) return undefined;
      return {
        verb: cardVerbs.startGoal,
        goal: data.goal,
        ...(typeof data.target === 'string' && isIdLike(data.target) ? { target: data.target } : {}),
        ...(isTicketNumber(data.task) ? { task: data.task.toUpperCase() } : {}),
      };
    case cardVerbs.ticketAction:
      return isTicketNumber(data.ticket) && (ticketActs as readonly unknown[]).includes(data.act)
        ? { verb: cardVerbs.ticketAction, ticket: data.ticket.toUpperCase(), act: data.act as TicketAct }
        : undefined;
    case cardVerbs.submitStep:
      return parseStepSubmission(data);
    case cardVerbs.showMenu:
      return { verb: cardVerbs.showMenu };
    case cardVerbs.reportProfileError:
      return { verb: cardVerbs.reportProfileError };
    default:
      return undefined;
  }
}
