// The card nonce ledger over the record store (files in DATA_DIR, or Azure Table Storage): one
// record per conversation holding its unspent nonce hashes, changed only with updateRecord, whose
// writes are conditional: a new record only while it is absent, an existing one only at the
// version read. Two spenders of one nonce, in one instance or two, cannot both see it unspent.
import type { Clock } from '../core/ports/clock.js';
import { updateRecord, type RecordStore } from '../core/ports/recordStore.js';
import type { CardNonceLedger } from '../turn/cardNonces.js';

/** Hash → expiry, epoch milliseconds. */
type Live = Record<string, number>;

const partition = 'cardNonces';
/** Unspent cards a conversation may hold at once; the oldest stops working beyond that. */
const maxLive = 20;
/** A card left unanswered this long stops working. */
const lifetimeMs = 24 * 60 * 60 * 1000;

export class RecordCardNonces implements CardNonceLedger {
  constructor(private readonly records: RecordStore, private readonly clock: Clock) {}

  async issue(conversationId: string, nonceHash: string): Promise<void> {
    await updateRecord<Live>(this.records, partition, conversationId, (current) => {
      const live = this.unexpired(current);
      live[nonceHash] = this.clock.now().getTime() + lifetimeMs;
      const hashes = Object.keys(live);
      for (const old of hashes.slice(0, Math.max(0, hashes.length - maxLive))) delete live[old];
      return live;
    });
  }

  async consume(conversationId: string, nonceHash: string): Promise<boolean> {
    let spent = false;
    await updateRecord<Live>(this.records, partition, conversationId, (current) => {
      const live = this.unexpired(current);
      spent = live[nonceHash] !== undefined;
      if (!spent) return undefined;
      delete live[nonceHash];
      return live;
    });
    return spent;
  }

  private unexpired(current: Live | undefined): Live {
    const now = this.clock.now().getTime();
    return Object.fromEntries(Object.entries(current ?? {}).filter(([, expires]) => typeof expires === 'number' && expires > now));
  }
}
