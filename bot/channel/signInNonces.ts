// The nonces of Sign in with Microsoft, kept in the record store that every instance shares: the
// page asks one instance for a nonce and may send the ID token that carries it to another, and two
// sends of one token, to one instance or two, redeem it once. Only a hash of each nonce is kept,
// with its expiry, in one of 16 records (by the hash), each changed with updateRecord's conditional
// writes; expired nonces go whenever their record is written, and a record holds at most a
// sixteenth of `max` (the oldest go first), so a flood of nonce requests cannot grow it for ever.
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../core/ports/clock.js';
import { updateRecord, type RecordStore } from '../core/ports/recordStore.js';

/** Hash → expiry, epoch milliseconds. */
type Waiting = Record<string, number>;

const partition = 'signInNonces';
const shards = 16;

const hashOf = (nonce: string): string => createHash('sha256').update(nonce).digest('base64url');

/** The record a hash is kept in: its first character, one of 64, folded onto 16. */
const shardOf = (hash: string): string => String('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(hash.charAt(0)) % shards);

export class RecordSignInNonces {
  constructor(
    private readonly records: RecordStore,
    private readonly clock: Clock,
    /** How long a nonce waits for its sign-in to come back. */
    private readonly lifetimeMs = 10 * 60 * 1000,
    /** Nonces waiting at most. */
    private readonly max = 10_000,
  ) {}

  /** A new nonce, waiting from now on. */
  async issue(): Promise<string> {
    const nonce = randomBytes(24).toString('base64url');
    const hash = hashOf(nonce);
    const perShard = Math.max(1, Math.floor(this.max / shards));
    await updateRecord<Waiting>(this.records, partition, shardOf(hash), (current) => {
      const waiting = this.unexpired(current);
      waiting.push([hash, this.clock.now().getTime() + this.lifetimeMs]);
      return Object.fromEntries(waiting.sort((a, b) => a[1] - b[1]).slice(-perShard));
    });
    return nonce;
  }

  /** True once for a nonce this store gave out and that has not expired; false for anything else. */
  async redeem(nonce: unknown): Promise<boolean> {
    if (typeof nonce !== 'string' || nonce.length === 0 || nonce.length > 200) return false;
    const hash = hashOf(nonce);
    let redeemed = false;
    await updateRecord<Waiting>(this.records, partition, shardOf(hash), (current) => {
      const waiting = this.unexpired(current);
      redeemed = waiting.some(([waitingHash]) => waitingHash === hash);
      return redeemed ? Object.fromEntries(waiting.filter(([waitingHash]) => waitingHash !== hash)) : undefined;
    });
    return redeemed;
  }

  private unexpired(current: Waiting | undefined): [string, number][] {
    const now = this.clock.now().getTime();
    return Object.entries(current ?? {}).filter(([, expires]) => typeof expires === 'number' && expires > now);
  }
}
