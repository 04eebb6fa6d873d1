// The ledger of one-time card nonces. A card's nonce is spent by an atomic compare-and-delete on a
// shared store, not by a field in the turn's own copy of conversation state: however many copies
// of one submission arrive at once, on however many instances, exactly one of them acts.
import type { TurnContext } from 'botbuilder';

export interface CardNonceLedger {
  /** Records an unspent nonce (by its hash) of a conversation; it expires unspent after a day. */
  issue(conversationId: string, nonceHash: string): Promise<void>;
  /** Spends the nonce: true for exactly one caller while it is unspent and unexpired, false for all others. */
  consume(conversationId: string, nonceHash: string): Promise<boolean>;
}

const key = Symbol('cardNonces');

export function setCardNonces(context: TurnContext, ledger: CardNonceLedger): void {
  context.turnState.set(key, ledger);
}

export function cardNonces(context: TurnContext): CardNonceLedger {
  const ledger = context.turnState.get<CardNonceLedger | undefined>(key);
  if (!ledger) throw new Error('The card nonce ledger was not set for this turn');
  return ledger;
}
