// How many sign-in requests one client address may make in a short window (the demo sign-in, the
// anonymous chats, Sign in with Microsoft). In local mode every client is 127.0.0.1, so this never
// locks anybody out: it slows a flood of guesses spread over many names (and the CPU each scrypt
// run costs) for a minute at most, then lets everyone in again. Kept in memory: a restart takes
// longer than the window.
import type { Response } from 'restify';
import type { Clock } from './core/ports/clock.js';

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
