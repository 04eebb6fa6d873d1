// How many sign-in requests one client address may make in a short window (the demo sign-in, the
// anonymous chats, Sign in with Microsoft). In local mode every client is 127.0.0.1, so this never
// locks anybody out: it slows a flood of guesses spread over many names (and the CPU each scrypt
// run costs) for a minute at most, then lets everyone in again. SourceRateLimit keeps its counts in
// memory (a restart takes longer than the window); SharedSourceRateLimit keeps them in the record
// store, a record an address, so every instance on one DATA_DIR or Azure Storage account counts
// against one limit, and a restart clears nothing.
import { randomBytes } from 'node:crypto';
import type { Response } from 'restify';
import type { Clock } from './core/ports/clock.js';
import { updateRecord, type RecordStore } from './core/ports/recordStore.js';

/** Answers 429 with when to try again. */
export function tooMany(res: Response, retryAfterSeconds: number, code: string, message: string): void {
  res.header('Retry-After', String(retryAfterSeconds));
  res.send(429, { error: { code, message, retryAfterSeconds } });
}

export interface RateRule {
  readonly limit: number;
  readonly windowMs: number;
}

export class SourceRateLimit {
  private readonly checks = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly rule: RateRule,
  ) {}

  /** Whole seconds the source must wait before its next check; 0 when it may go now. */
  retryAfterSeconds(source: string): number {
    const recent = this.recent(source);
    if (recent.length < this.rule.limit) return 0;
    return Math.max(1, Math.ceil(((recent[0] as number) + this.rule.windowMs - this.clock.now().getTime()) / 1000));
  }

  /** Counts one check for the source (as soon as it may run; `uncount` if it does not). */
  count(source: string): void {
    this.checks.set(source, [...this.recent(source), this.clock.now().getTime()]);
  }

  /** Takes back the latest check counted for the source (it did not run after all). */
  uncount(source: string): void {
    const recent = this.recent(source);
    if (recent.length > 1) this.checks.set(source, recent.slice(0, -1));
    else this.checks.delete(source);
  }

  private recent(source: string): number[] {
    const since = this.clock.now().getTime() - this.rule.windowMs;
    const times = (this.checks.get(source) ?? []).filter((t) => t > since);
    if (times.length === 0) this.checks.delete(source);
    else this.checks.set(source, times);
    return times;
  }
}

/** The checks of one address in the window, oldest first: when each was counted, and which request counted it. */
interface SourceChecks {
  readonly checks: readonly { readonly at: number; readonly id: string }[];
}

/** What taking a check answers: go, with a way to take it back if it does not run after all; or wait. */
export type SourceCheck = { readonly ok: true; readonly giveBack: () => Promise<void> } | { readonly ok: false; readonly retryAfterSeconds: number };

export class SharedSourceRateLimit {
  constructor(
    private readonly records: RecordStore,
    /** Where this limit's records are, one an address. */
    private readonly partition: string,
    private readonly clock: Clock,
    private readonly rule: RateRule,
  ) {}

  /** Counts one check for the source if it may go now (atomically, also against other instances); else how long it must wait. */
  async take(source: string): Promise<SourceCheck> {
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

  /** The checks still in the window, oldest first. */
  private recent(current: SourceChecks | undefined, now: number): SourceChecks['checks'] {
    return (current?.checks ?? []).filter((c) => c.at > now - this.rule.windowMs).sort((a, b) => a.at - b.at);
  }
}
