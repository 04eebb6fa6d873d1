// What the bot worked out about a turn before any dialog runs: who is talking, in which language,
// what they asked for. Kept in the turn's state, never persisted.
import type { TurnContext } from 'botbuilder';
import type { CardAction } from './cardSubmission.js';
import type { Locale, Translator } from '../core/i18n/i18n.js';
import type { Identity } from './identity.js';
import type { Recognition } from '../core/nlu/recognizer.js';
import type { Confirmation } from '../core/nlu/confirmation.js';
import type { Concept } from '../core/nlu/conceptQuestions.js';
import type { SmallTalk } from '../core/nlu/smallTalk.js';
import type { StepQuestion } from '../core/nlu/stepQuestions.js';
import type { TicketCommand } from '../core/nlu/ticketCommands.js';

export interface TurnInfo {
  readonly identity: Identity;
  readonly t: Translator;
  /** For text messages. */
  readonly recognition?: Recognition;
  /** A typed "yes" or "no" to the card the conversation waits on (then nothing else reads the text). */
  readonly confirmation?: Confirmation;
  /** The message answers the card that waits, as if typed in it (an item it names, what its one field asks for): nothing else reads it. */
  readonly typedAtCard?: boolean;
  /** A greeting, thanks, goodbye or an angry message (then the recognizer does not read it). */
  readonly smallTalk?: SmallTalk;
  /** "what is an authenticator?": a question about one of the ideas the assistant talks about (answered, and a card that waits keeps waiting). */
  readonly concept?: Concept;
  /** "why?" or "I'm not getting the code" while a card waits (answered, and the card keeps waiting). */
  readonly stepQuestion?: StepQuestion;
  /** A typed ticket command ("open INC-000123", an agent's "assign it to me"); then the recognizer does not read the text. */
  readonly ticketCommand?: TicketCommand;
  /** The one ticket number a recognized message names ("what's happening with INC-000104?"), normalized. */
  readonly ticketNumber?: string;
  /** For card submissions: the parsed action, or undefined when the payload was not recognised. */
  readonly cardAction?: CardAction;
  readonly isCardSubmission: boolean;
  /** Set when the message asked to change the language (already saved in user state). */
  readonly languageSwitch?: Locale;
  /** The message was longer than the bot reads; nothing else was looked at. */
  readonly inputTooLong: boolean;
  readonly correlationId: string;
  /** Goals the directory cannot carry out, with Microsoft's page for each (the menu links to it). */
  readonly portalGoals: ReadonlyMap<string, string>;
}

/** Longest message the bot reads; longer ones are refused with a message. */
export const maxMessageLength = 4000;

const key = Symbol('turnInfo');

export function setTurnInfo(context: TurnContext, info: TurnInfo): void {
  context.turnState.set(key, info);
}

export function turnInfo(context: TurnContext): TurnInfo {
  const info = context.turnState.get<TurnInfo | undefined>(key);
  if (!info) throw new Error('Turn info was not set for this turn');
  return info;
}

/** The turn info when it was set (for the error handler, which can run before it is). */
export function turnInfoIfSet(context: TurnContext): TurnInfo | undefined {
  return context.turnState.get<TurnInfo | undefined>(key);
}
