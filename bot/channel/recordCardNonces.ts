// The card nonce ledger over a botbuilder Storage (the one conversation state lives in): one item
// per conversation holding its unspent nonce hashes, changed only by eTag-checked writes. Spending
// reads the item, removes the hash and writes with the eTag it read; a concurrent spender's write
// then fails and it reads again, finds the hash gone, and answers false.
import type { Storage } from 'botbuilder';
import type { Clock } from '../core/ports/clock.js';
import type { CardNonceLedger } from '../turn/cardNonces.js';
import { StateConflictError } from './checkedStorage.js';

interface NonceItem {
  /** Hash → expiry, epoch milliseconds. */
  live: Record<string, number>;
  eTag?: string;
}

/** Unspent cards a conversation may hold at once; the oldest stops working beyond that. */
const maxLive = 20;
const maxAttempts = 8;
/** A card left unanswered this long stops working. */
const lifetimeMs = 24 * 60 * 60 * 1000;

export class StorageCardNonces implements CardNonceLedger {
  constructor(private readonly storage: Storage, private readonly clock: Clock) {}

  async issue(conversationId: string, nonceHash: string): Promise<void> {
    await this.change(conversationId, (live) => {
      live[nonceHash] = this.clock.now().getTime() + lifetimeMs;
      const hashes = Object.keys(live);
      for (const old of hashes.slice(0, Math.max(0, hashes.length - maxLive))) delete live[old];
      return true;
    });
  }

  async consume(conversationId: string, nonceHash: string): Promise<boolean> {
    let spent = false;
    await this.change(conversationId, (live) => {
      spent = live[nonceHash] !== undefined;
      delete live[nonceHash];
      return spent;
    });
    return spent;
  }

  /** Applies `edit` (which says whether it changed anything) with an eTag-checked write, again on a conflict. */
  private async change(conversationId: string, edit: (live: Record<string, number>) => boolean): Promise<void> {
    const key = `cardNonces/${encodeURIComponent(conversationId)}`;
    for (let attempt = 1; ; attempt += 1) {
      const item = (await this.storage.read([key]))[key] as NonceItem | undefined;
      const now = this.clock.now().getTime();
      const live = Object.fromEntries(Object.entries(item?.live ?? {}).filter(([, expires]) => typeof expires === 'number' && expires > now));
      if (!edit(live)) return;
      try {
        await this.storage.write({ [key]: { live, eTag: item?.eTag ?? '*' } });
        return;
      } catch (error) {
        if (!(error instanceof StateConflictError) || attempt >= maxAttempts) throw error;
      }
    }
  }
}
