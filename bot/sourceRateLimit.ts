// How many requests one client address may make in a short window (the demo sign-in, the anonymous
// chats, Sign in with Microsoft, the Teams tab's summary). In local mode every client is 127.0.0.1,
// so this never locks anybody out: it slows a flood of guesses spread over many names (and the CPU
// each scrypt run costs) for a minute at most, then lets everyone in again. The counts are kept in
// the record store, a record an address, so every instance on one DATA_DIR or Azure Storage
// account counts against one limit, and a restart clears nothing. The records of addresses with
// nothing left in the window are swept away now and then, so that a flood from ever new addresses
// does not leave a record for each behind.
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { Clock } from './core/ports/clock.js';
import { updateRecord, VersionConflictError, type RecordStore } from './core/ports/recordStore.js';

/** Answers 429 with when to try again. */
export function tooMany(res: Response, retryAfterSeconds: number, code: string, message: string): void {
  res.header('Retry-After', String(retryAfterSeconds));
  res.send(429, { error: { code, message, retryAfterSeconds } });
}

export interface RateRule {
  readonly limit: number;
  readonly windowMs: number;
}

/** The checks of one address in the window, oldest first: when each was counted, and which request counted it. */
interface SourceChecks {
  readonly checks: readonly { readonly at: number; readonly id: string }[];
}

/** What taking a check answers: go, with a way to take it back if it does not run after all; or wait. */
export type SourceCheck = { readonly ok: true; readonly giveBack: () => Promise<void> } | { readonly ok: false; readonly retryAfterSeconds: number };

/** How often (at most) an instance sweeps a limit's records of addresses with nothing left in the window. */
const sweepEveryMs = 10 * 60 * 1000;

export class SharedSourceRateLimit {
  private sweptAt: number;

  constructor(
    private readonly records: RecordStore,
    /** Where this limit's records are, one an address. */
    private readonly partition: string,
    private readonly clock: Clock,
    private readonly rule: RateRule,
  ) {
    this.sweptAt = clock.now().getTime();
  }

  /** Counts one check for the source if it may go now (atomically, also against other instances); else how long it must wait. */
  async take(source: string): Promise<SourceCheck> {
    if (this.clock.now().getTime() - this.sweptAt >= sweepEveryMs) await this.sweep();
    const id = randomBytes(8).toString('hex');
    let wait = 0;
    await updateRecord<SourceChecks>(this.records, this.partition, source, (current) => {
      const now = this.clock.now().getTime();
      const recent = this.recent(current, now);
      const oldest = recent[0];
      wait = oldest && recent.length >= this.rule.limit ? Math.max(1, Math.ceil((oldest.at + this.rule.windowMs - now) / 1000)) : 0;
      return wait > 0 ? undefined : { checks: [...recent, { at: now, id }] };
    });
    if (wait > 0) return { ok: false, retryAfterSeconds: wait };
    return {
      ok: true,
      giveBack: async () => {
        await updateRecord<SourceChecks>(this.records, this.partition, source, (current) =>
          current?.checks.some((c) => c.id === id) ? { checks: this.recent(current, this.clock.now().getTime()).filter((c) => c.id !== id) } : undefined);
      },
    };
  }

  /**
   * Counts a request of the request's address and says whether it may go on; when the address is
   * over the limit, answers it 429 ("Too many `what` from this address…", with when to try again).
   */
  async admit(req: Request, res: Response, what: string): Promise<boolean> {
    const check = await this.take(req.socket?.remoteAddress ?? 'unknown');
    if (!check.ok) tooMany(res, check.retryAfterSeconds, 'rateLimited', `Too many ${what} from this address. Try again in ${check.retryAfterSeconds} seconds.`);
    return check.ok;
  }

  /**
   * Removes the records of addresses with no check left in the window, each at the version read (a
   * record that counted a check meanwhile stays); how many it removed.
   */
  async sweep(): Promise<number> {
    const now = this.clock.now().getTime();
    this.sweptAt = now;
    let removed = 0;
    for (const record of await this.records.list<SourceChecks>(this.partition)) {
      if (this.recent(record.value, now).length > 0) continue;
      try {
        if (await this.records.remove(this.partition, record.id, { version: record.version })) removed += 1;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    return removed;
  }

  /** The checks still in the window, oldest first. */
  private recent(current: SourceChecks | undefined, now: number): SourceChecks['checks'] {
    return (current?.checks ?? []).filter((c) => c.at > now - this.rule.windowMs).sort((a, b) => a.at - b.at);
  }
}
