// Failed demo sign-ins per account name, kept in DATA_DIR/demo-signin.json so that a restart keeps
// a lock. A failure is counted before the password is checked (a reservation) and taken back when
// the password was right, so parallel guesses can never be checked beyond the limit. Names are kept
// only as salted hashes (people sometimes type a password into the user name field), and they are
// counted whether or not they are accounts: a limit that only known names reach would name them.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Clock } from '../core/ports/clock.js';
import { fail, ok, type Result } from '../core/result.js';

/** At most `limit` failures of one account within `windowMs`; the next attempt waits until the oldest is that old. */
export interface FailureRule {
  readonly limit: number;
  readonly windowMs: number;
}

interface Failure {
  readonly id: string;
  /** Salted SHA-256 of the normalized user name. */
  readonly account: string;
  readonly at: string;
}

interface FailuresFile {
  salt: string;
  failures: Failure[];
}

/** A failure counted ahead of a password check; settle it once the check is done. */
export interface Reservation {
  /** The sign-in was refused as a wrong password: the failure stays counted. */
  fail(): Promise<void>;
  /** The password was right: the failure is taken back; with `clearEarlier`, the account's earlier failures too. */
  release(options: { readonly clearEarlier: boolean }): Promise<void>;
}

export class SignInFailures {
  /** Ids of reservations whose password check is still running: a success elsewhere does not clear them. */
  private readonly pending = new Set<string>();

  private constructor(
    private readonly db: Low<FailuresFile>,
    private readonly clock: Clock,
    private readonly rule: FailureRule,
  ) {}

  static async open(dataDir: string, clock: Clock, rule: FailureRule): Promise<SignInFailures> {
    const file = path.join(dataDir, 'demo-signin.json');
    const db = new Low<FailuresFile>(new JSONFile<FailuresFile>(file), { salt: '', failures: [] });
    await db.read().catch((error: Error) => {
      throw new Error(`${file} is not valid JSON (${error.message}); fix or remove it`);
    });
    const stored = db.data as Partial<FailuresFile> | null;
    db.data = {
      salt: typeof stored?.salt === 'string' && stored.salt ? stored.salt : randomBytes(16).toString('hex'),
      failures: Array.isArray(stored?.failures) ? stored.failures : [],
    };
    const store = new SignInFailures(db, clock, rule);
    await store.save();
    return store;
  }

  /**
   * Counts a failure for the account before its password is checked, or says until when it must
   * wait. Synchronous on purpose: no other request runs between the count and the reservation.
   */
  reserve(userPrincipalName: string): Result<Reservation, { readonly error: 'locked'; readonly until: Date }> {
    const account = this.key(userPrincipalName);
    const now = this.clock.now().getTime();
    const recent = this.db.data.failures.filter((f) => f.account === account && Date.parse(f.at) > now - this.rule.windowMs);
    if (recent.length >= this.rule.limit) {
      const oldest = Math.min(...recent.map((f) => Date.parse(f.at)));
      return fail('locked', { until: new Date(oldest + this.rule.windowMs) });
    }
    const failure: Failure = { id: randomUUID(), account, at: new Date(now).toISOString() };
    this.db.data.failures.push(failure);
    this.pending.add(failure.id);
    // On disk while the password is checked: a crash now leaves the failure counted.
    const written = this.save();
    return ok({
      fail: async () => {
        this.pending.delete(failure.id);
        await written;
      },
      release: async ({ clearEarlier }) => {
        await written;
        this.pending.delete(failure.id);
        this.db.data.failures = this.db.data.failures.filter((f) =>
          f.id !== failure.id && !(clearEarlier && f.account === account && !this.pending.has(f.id)));
        await this.save();
      },
    });
  }

  private key(userPrincipalName: string): string {
    return createHash('sha256').update(`${this.db.data.salt}:${userPrincipalName.trim().toLowerCase()}`).digest('hex');
  }

  /** Writes the failures still inside the window (lowdb writes one at a time, the latest state last). */
  private save(): Promise<void> {
    const since = this.clock.now().getTime() - this.rule.windowMs;
    this.db.data.failures = this.db.data.failures.filter((f) => Date.parse(f.at) > since || this.pending.has(f.id));
    return this.db.write();
  }
}
