// What the reusable steps take and give back, in one place that imports no dialog: a goal begins a
// step with these options and reads its result with these guards (a result is data from a finished
// dialog: read back checked, never cast).
import type { GoalIntent, TicketCategory } from '../../bot/core/goals.js';
import type { Params } from '../../bot/core/i18n/i18n.js';
import type { TicketContext } from '../../bot/core/ports/tickets.js';
import type { CodeTarget } from '../../bot/core/usecases/codes.js';
import type { StepUpPurpose } from '../../bot/core/usecases/stepUp.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Step-up: prove it's the user with one of their methods before a risky change. */
export interface StepUpOptions {
  readonly userId: string;
  readonly purpose: StepUpPurpose;
  /** Methods that may not be used (the one being removed or replaced, the gate already passed), nor count through a recent check they proved. */
  readonly excludeMethodIds?: readonly string[];
  /** Why the check is needed, shown on the card. */
  readonly reasonKey: string;
}

const stepUpFailures = ['cancelled', 'noMethod', 'locked', 'throttled', 'unavailable'] as const;
export type StepUpFailure = (typeof stepUpFailures)[number];

export type StepUpResult =
  | { readonly verified: true; readonly methodId?: string }
  | { readonly verified: false; readonly reason: StepUpFailure };

export function stepUpResultOf(result: unknown): StepUpResult {
  if (isRecord(result) && result.verified === true) return { verified: true, methodId: optionalString(result.methodId) };
  const reason = isRecord(result) ? stepUpFailures.find((r) => r === result.reason) : undefined;
  return { verified: false, reason: reason ?? 'cancelled' };
}

/** Code entry: wait for a one-time code sent to a target. */
export interface CodeEntryOptions {
  readonly challengeId: string;
  readonly target: CodeTarget;
  /** Where the code went, worked out in the user's language each time the card is shown. */
  readonly sentTo: SentTo;
  /** The kind of destination, to say how the code arrives (text, e-mail, app). */
  readonly channel: string;
  /** Set after a wrong code, to say so on the card. */
  readonly problemKey?: string;
  readonly attemptsLeft?: number;
}

export type SentTo =
  | { readonly kind: 'method'; readonly userId: string; readonly methodId: string }
  | { readonly kind: 'address'; readonly text: string }
  | { readonly kind: 'unnamed' };

const codeFailures = ['cancelled', 'locked', 'throttled', 'unavailable'] as const;
export type CodeResult =
  | { readonly verified: true; readonly userId?: string; readonly methodId?: string }
  | { readonly verified: false; readonly reason: (typeof codeFailures)[number] };

export function codeResultOf(result: unknown): CodeResult {
  if (isRecord(result) && result.verified === true) return { verified: true, userId: optionalString(result.userId), methodId: optionalString(result.methodId) };
  const reason = isRecord(result) ? codeFailures.find((r) => r === result.reason) : undefined;
  return { verified: false, reason: reason ?? 'cancelled' };
}

/** The helpdesk ticket form, with what is already known filled in. */
export interface HandoffOptions {
  readonly category?: TicketCategory;
  readonly context?: TicketContext;
  readonly problemKey?: string;
  /** What the user typed in the chat while the form waited, passwords and codes masked: the form shows it filled in. */
  readonly description?: string;
  /**
   * What the assistant already knows of the problem, as a string key and its values: the form's
   * description starts with it, written when the form is shown (in the language of that moment).
   */
  readonly suggestion?: { readonly key: string; readonly params?: Readonly<Record<string, string>> };
}

/** A dead end: what could not be done (a string key and its values), the helpdesk, and a ticket offer. */
export interface OfferOptions {
  readonly headingKey: string;
  readonly params?: Params;
  readonly lineKeys?: readonly string[];
  readonly handoff: HandoffOptions;
}

/** No sign-in method left to prove it's the user: a person must help. */
export const noMethodOffer = (goal: GoalIntent): OfferOptions => ({
  headingKey: 'securityInfo.noOtherMethod',
  handoff: { category: 'signInMethods', context: { goal, step: 'noMethodToVerify' } },
});
