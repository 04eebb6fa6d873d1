// One-time codes, rate limits, lock-outs and step-up grants. Codes are random, stored only as a
// salted hash, compared in constant time, expire, and allow a few attempts; too many failures lock
// the subject out for a while; sends are limited per subject over all conversations, and per
// conversation whatever the subject (see sendBudgets). A step-up is bound to user and
// conversation, records the method that proved it, and is void after a password change or a
// sign-out everywhere.
// Every count is one atomic change of one small record (VerificationStore), so the limits hold when
// several instances serve the bot: a send is counted against each budget in turn (and taken back
// when a later one is used up), an attempt is taken from the challenge before the code is compared,
// and a failure, a lock-out and a pass meet in the key's failure record. What no longer counts
// (expired challenges, sends and failures out of their window, ended lock-outs, stale step-ups) is
// dropped whenever its record is written.
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../ports/clock.js';
import type { DirectoryUser, TenantPolicy } from '../ports/directory.js';
import type { NotificationChannel, Notifier } from '../ports/notifier.js';
import type { CodeChallenge, ConversationChallenges, FailureLog, PendingFailure, StepUpGrant, VerificationPurpose, VerificationStore } from '../ports/verificationStore.js';
import { fail, ok, type Result } from '../result.js';
import { grantedAfterRevocation } from './sessionRevocation.js';

const hourMs = 60 * 60 * 1000;
const minuteMs = 60 * 1000;

/**
 * The send budgets a code counts against, each for an hour, each maxSendsPerHour: the subject over
 * all conversations, so that no phone or mailbox gets more codes than the policy says, however many
 * conversations ask; and the conversation, whatever the subject, so that one conversation cannot try
 * name after name. A subject is the signed-in user (`user:`) or, in the anonymous reset, the name
 * typed (`name:`), account or not, so no answer reveals which names are accounts.
 *
 * The account behind a name typed keeps its own budget and lock-out too, shared with the person's
 * signed-in checks (see `issue`): however the codes are asked for, the account's phone gets no more
 * than the policy, and a lock-out earned on one path holds on the other. There, the account's limits
 * never answer: the reset then goes on as for a name that is no account (nothing is sent, no code
 * passes), so they reveal nothing either.
 */
function sendBudgets(request: CodeRequest, maxSendsPerHour: number): { readonly key: string; readonly limit: number }[] {
  return [
    { key: request.subject, limit: maxSendsPerHour },
    { key: `conversation:${request.conversationId}`, limit: maxSendsPerHour },
  ];
}

export interface CodeDestination {
  readonly userId: string;
  readonly channel: NotificationChannel;
  readonly to: string;
}

export interface CodeRequest {
  readonly subject: string;
  /** The account's own key when the subject is a name typed for it (the anonymous reset). */
  readonly account?: string;
  readonly conversationId: string;
  readonly purpose: VerificationPurpose;
  readonly userId?: string;
  readonly methodId?: string;
  /** Where the code goes; undefined sends nothing (the caller must not reveal that). */
  readonly destination?: CodeDestination;
  /** The message that carries the code, in the user's language. */
  readonly message: (code: string) => string;
}

/** Why no code was issued: too many sent this hour, or the subject is locked out; until when. */
export type NotIssued = { readonly error: 'throttled' | 'locked'; readonly until: Date };
export type IssueResult = Result<{ readonly challengeId: string; readonly expiresAt: Date }, NotIssued>;

/** Who a checked code proved to be, and with which method. */
export interface Proof {
  readonly userId?: string;
  readonly methodId?: string;
  readonly purpose: VerificationPurpose;
}
export type CheckResult = Result<Proof,
  | { readonly error: 'wrong'; readonly attemptsLeft: number }
  | { readonly error: 'exhausted' | 'expired' | 'unknown' }
  | { readonly error: 'locked'; readonly until: Date }>;

/** A throttle on repeated failures of anything (codes, current passwords). */
export interface FailureRule {
  readonly limit: number;
  readonly windowMinutes: number;
  readonly lockMinutes: number;
}

/** A failure counted ahead of a check, or until when the key must wait. */
export type Reserved = Result<FailureReservation, { readonly error: 'locked'; readonly until: Date }>;

/** A failure counted ahead of a check (see reserveFailure); settle it once the check is done. */
export interface FailureReservation {
  /** The check failed: the failure stays counted, and locks the key when it is the limit's. */
  fail(): Promise<void>;
  /** The check passed: the failure is taken back; with `clearEarlier`, the key's settled failures too (a lock-out stays). */
  release(options: { readonly clearEarlier: boolean }): Promise<void>;
}

const digest = (salt: string, code: string): Buffer => createHash('sha256').update(`${salt}:${code}`).digest();

/** Spaces, dashes and dots people type inside codes are ignored; full-width digits (as some keyboards type them) are digits. */
export const normalizeCode = (text: string): string => text.normalize('NFKC').replace(/[\s.-]/g, '');

/** A typed message that can be a code (four to ten digits once spaces and dashes are gone). */
export const looksLikeCode = (text: string): boolean => /^\d{4,10}$/.test(normalizeCode(text));

/**
 * The code in a typed message: the whole message, or in a short sentence ("le code c'est 913585",
 * "it says 123 456") its one run of digits, when it has the tenant's code length (a passphrase with a
 * year in it is no code); undefined when there is none, or several.
 */
export function codeIn(text: string, digits: number): string | undefined {
  if (looksLikeCode(text)) return normalizeCode(text);
  if (text.length > 100 || text.trim().split(/\s+/).length > 10) return undefined;
  const runs = (text.normalize('NFKC').match(/(?<![\p{L}\p{N}])\d(?:[\d .-]*\d)?(?![\p{L}\p{N}])/gu) ?? []).map(normalizeCode).filter((run) => /^\d+$/.test(run));
  const [only, ...others] = runs;
  return only !== undefined && others.length === 0 && only.length === digits ? only : undefined;
}

export interface VerificationDependencies {
  readonly store: VerificationStore;
  readonly notifier: Notifier;
  readonly clock: Clock;
  /** The tenant's policy: code length, lifetime, attempts, sends per hour, lock-out, step-up window. */
  readonly policy: () => Promise<TenantPolicy>;
}

/** What one attempt at a challenge came to, decided on the challenge's record. */
type Attempt = { readonly outcome: 'unknown' | 'expired' | 'exhausted' | 'passed' } | { readonly outcome: 'wrong'; readonly attemptsLeft: number };

/** The lock-out of a failure log while it lasts (ms). */
function activeLock(log: FailureLog | undefined, now: number): number | undefined {
  const until = log?.lockedUntil === undefined ? undefined : Date.parse(log.lockedUntil);
  return until !== undefined && until > now ? until : undefined;
}

/** A failure log as it is kept: nothing when it holds no failure, no lock-out and no check still running. */
function failureLog(failures: readonly string[], lockedUntil: number | undefined, pending: readonly PendingFailure[] = []): FailureLog | undefined {
  if (failures.length === 0 && lockedUntil === undefined && pending.length === 0) return undefined;
  return { failures, ...(lockedUntil === undefined ? {} : { lockedUntil: new Date(lockedUntil).toISOString() }), ...(pending.length > 0 ? { pending } : {}) };
}

/** The checks of a log still counted ahead, but for `except`: those of the window (one left by a process that died counts until then). */
function pendingIn(log: FailureLog | undefined, since: number, except?: string): PendingFailure[] {
  return (log?.pending ?? []).filter((p) => p.id !== except && Date.parse(p.at) > since);
}

/** A conversation's challenges that have not expired, but for the one of `except`; nothing when none is left. */
function liveChallenges(open: ConversationChallenges | undefined, now: number, except?: VerificationPurpose): ConversationChallenges | undefined {
  const live = Object.entries(open ?? {}).filter(([purpose, c]) => purpose !== except && Date.parse(c.expiresAt) > now);
  return live.length > 0 ? Object.fromEntries(live) : undefined;
}

const matches = (challenge: CodeChallenge, typed: string): boolean => {
  const expected = Buffer.from(challenge.codeHash, 'hex');
  const actual = digest(challenge.salt, normalizeCode(typed).slice(0, 64));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
};

export class Verification {
  private readonly store: VerificationStore;
  private readonly notifier: Notifier;
  private readonly clock: Clock;
  private readonly policy: () => Promise<TenantPolicy>;

  constructor(deps: VerificationDependencies) {
    this.store = deps.store;
    this.notifier = deps.notifier;
    this.clock = deps.clock;
    this.policy = deps.policy;
  }

  /** When the key is locked out, until when. */
  async lockedUntil(key: string): Promise<Date | undefined> {
    const until = activeLock(await this.store.read('failures', key), this.clock.now().getTime());
    return until === undefined ? undefined : new Date(until);
  }

  /**
   * Counts a failure; returns the lock-out end when this failure locks the key. A failure that finds
   * the key already locked (a parallel request locked it first) is not counted and returns that end.
   */
  recordFailure(key: string, rule: FailureRule): Promise<Date | undefined> {
    return this.settleFailure(key, rule, new Date(this.clock.now()).toISOString());
  }

  /**
   * Counts a failure for the key before a check that may fail (a password check elsewhere than
   * the chat), or says until when the key must wait: checks running at once, on any instance, count
   * against the rule together, so no more of them run than it allows. Settle the reservation when
   * the check is done; one never settled (its process died) counts until it leaves the window.
   */
  reserveFailure(key: string, rule: FailureRule): Promise<Reserved> {
    const now = this.clock.now().getTime();
    const since = now - rule.windowMinutes * minuteMs;
    const reserved: PendingFailure = { id: randomUUID(), at: new Date(now).toISOString() };
    return this.store.change<'failures', Reserved>('failures', key, (log) => {
      const locked = activeLock(log, now);
      if (locked !== undefined) return { value: log, answer: fail('locked', { until: new Date(locked) }) };
      const failures = (log?.failures ?? []).filter((at) => Date.parse(at) > since);
      const pending = pendingIn(log, since);
      const counted = [...failures, ...pending.map((p) => p.at)].map((at) => Date.parse(at));
      // Only checks still running can reach the limit without a lock-out: the oldest one's window says when.
      if (counted.length >= rule.limit) return { value: log, answer: fail('locked', { until: new Date(Math.min(...counted) + rule.windowMinutes * minuteMs) }) };
      return { value: failureLog(failures, undefined, [...pending, reserved]), answer: ok(this.reservation(key, rule, reserved)) };
    });
  }

  private reservation(key: string, rule: FailureRule, reserved: PendingFailure): FailureReservation {
    return {
      fail: async () => {
        await this.settleFailure(key, rule, reserved.at, reserved.id);
      },
      release: async ({ clearEarlier }) => {
        const now = this.clock.now().getTime();
        const since = now - rule.windowMinutes * minuteMs;
        await this.store.change('failures', key, (log) => {
          const failures = clearEarlier ? [] : (log?.failures ?? []).filter((at) => Date.parse(at) > since);
          return { value: log && failureLog(failures, activeLock(log, now), pendingIn(log, since, reserved.id)), answer: undefined };
        });
      },
    };
  }

  /** Counts the failure of `at` (settling the reservation `pendingId`); returns the lock-out end when it locks the key, or the lock that was there. */
  private settleFailure(key: string, rule: FailureRule, at: string, pendingId?: string): Promise<Date | undefined> {
    const now = this.clock.now().getTime();
    const since = now - rule.windowMinutes * minuteMs;
    return this.store.change('failures', key, (log) => {
      const pending = pendingIn(log, since, pendingId);
      const locked = activeLock(log, now);
      if (locked !== undefined) return { value: pendingId === undefined ? log : failureLog(log?.failures ?? [], locked, pending), answer: new Date(locked) };
      const recent = [...(log?.failures ?? []).filter((t) => Date.parse(t) > since), at].sort((a, b) => Date.parse(a) - Date.parse(b));
      if (recent.length < rule.limit) return { value: failureLog(recent, undefined, pending), answer: undefined };
      const until = now + rule.lockMinutes * minuteMs;
      return { value: failureLog([], until, pending), answer: new Date(until) };
    });
  }

  async clearFailures(key: string): Promise<void> {
    const now = this.clock.now().getTime();
    await this.store.change('failures', key, (log) => ({ value: log && failureLog([], activeLock(log, now), log.pending ?? []), answer: undefined }));
  }

  private async codeFailureRule(): Promise<FailureRule> {
    const { verificationCode: p } = await this.policy();
    return { limit: p.maxAttempts * 2, windowMinutes: 60, lockMinutes: p.lockoutMinutes };
  }

  /** Creates a code, sends it, and returns the challenge to check it against. */
  async issue(request: CodeRequest): Promise<IssueResult> {
    const { verificationCode: p } = await this.policy();
    const now = this.clock.now();
    const locked = await this.lockedUntil(request.subject);
    if (locked) return fail('locked', { until: locked });
    const throttled = await this.countSend(sendBudgets(request, p.maxSendsPerHour), now);
    if (throttled) return fail('throttled', { until: throttled });
    // The account behind a name typed: locked out, or its budget used up, the code goes nowhere (and
    // the answer stays the one a name that is no account gets).
    const account = request.account !== undefined && request.account !== request.subject ? request.account : undefined;
    const held = account !== undefined && request.destination !== undefined &&
      ((await this.lockedUntil(account)) !== undefined || (await this.countSend([{ key: account, limit: p.maxSendsPerHour }], now)) !== undefined);
    const destination = held ? undefined : request.destination;
    const code = Array.from({ length: p.length }, () => randomInt(10)).join('');
    const salt = randomBytes(16).toString('hex');
    const expiresAt = new Date(now.getTime() + p.ttlSeconds * 1000);
    const challenge: CodeChallenge = {
      id: randomUUID(),
      subject: request.subject,
      ...(account === undefined ? {} : { account }),
      conversationId: request.conversationId,
      userId: request.userId,
      methodId: request.methodId,
      channel: request.destination?.channel,
      purpose: request.purpose,
      salt,
      // Nobody receives a code for a name that is no account: hash one nobody knows.
      codeHash: digest(salt, destination ? code : randomBytes(16).toString('hex')).toString('hex'),
      expiresAt: expiresAt.toISOString(),
      attemptsLeft: p.maxAttempts,
    };
    // A new code replaces the earlier one of the same conversation and purpose.
    await this.store.change('challenges', request.conversationId, (open) =>
      ({ value: { ...liveChallenges(open, now.getTime(), request.purpose), [request.purpose]: challenge }, answer: undefined }));
    if (destination) {
      await this.notifier.send({ userId: destination.userId, to: destination.to, channel: destination.channel, text: request.message(code) });
    }
    return ok({ challengeId: challenge.id, expiresAt });
  }

  /**
   * Counts one send against each budget in turn, each count one atomic change. When a budget is used
   * up, the counts already made are taken back (last first) and the answer is when that budget frees up.
   */
  private async countSend(budgets: readonly { readonly key: string; readonly limit: number }[], now: Date): Promise<Date | undefined> {
    const requestId = randomUUID();
    const since = now.getTime() - hourMs;
    const counted: string[] = [];
    for (const { key, limit } of budgets) {
      const freeFrom = await this.store.change('sends', key, (log) => {
        const recent = (log?.sends ?? []).filter((s) => Date.parse(s.at) > since);
        const sent = recent.map((s) => Date.parse(s.at)).sort((a, b) => a - b);
        // Free again when enough of these sends are an hour old to bring the count under the limit.
        const first = sent[sent.length - limit];
        if (first !== undefined) return { value: log, answer: new Date(first + hourMs) };
        return { value: { sends: [...recent, { at: now.toISOString(), requestId }] }, answer: undefined };
      });
      if (freeFrom) {
        for (const earlier of counted.reverse()) {
          await this.store.change('sends', earlier, (log) => {
            const kept = (log?.sends ?? []).filter((s) => s.requestId !== requestId && Date.parse(s.at) > since);
            return { value: kept.length > 0 ? { sends: kept } : undefined, answer: undefined };
          });
        }
        return freeFrom;
      }
      counted.push(key);
    }
    return undefined;
  }

  /** Checks a typed code against the challenge; only in the conversation the challenge was issued in. */
  async check(challengeId: string, conversationId: string, typed: string): Promise<CheckResult> {
    const now = this.clock.now().getTime();
    const challenge = Object.values((await this.store.read('challenges', conversationId)) ?? {}).find((c) => c.id === challengeId);
    if (!challenge) return fail('unknown');
    const locked = await this.lockedUntil(challenge.subject);
    if (locked) return fail('locked', { until: locked });
    // The account behind a name typed, locked out on another path since the code was sent: no code passes (and it says nothing).
    const accountLocked = challenge.account !== undefined && (await this.lockedUntil(challenge.account)) !== undefined;
    // The attempt is taken from the challenge's record before anything else: parallel checks get maxAttempts between them.
    const attempt = await this.store.change('challenges', conversationId, (open): { value: ConversationChallenges | undefined; answer: Attempt } => {
      const current = open?.[challenge.purpose];
      if (current?.id !== challengeId) return { value: open, answer: { outcome: 'unknown' } };
      if (Date.parse(current.expiresAt) <= now) return { value: liveChallenges(open, now, challenge.purpose), answer: { outcome: 'expired' } };
      if (current.attemptsLeft <= 0) return { value: open, answer: { outcome: 'exhausted' } };
      if (!accountLocked && matches(current, typed)) return { value: liveChallenges(open, now, challenge.purpose), answer: { outcome: 'passed' } };
      const attemptsLeft = current.attemptsLeft - 1;
      return { value: { ...liveChallenges(open, now), [challenge.purpose]: { ...current, attemptsLeft } }, answer: { outcome: 'wrong', attemptsLeft } };
    });
    if (attempt.outcome === 'wrong') {
      const rule = await this.codeFailureRule();
      if (challenge.account !== undefined) await this.recordFailure(challenge.account, rule);
      const until = await this.recordFailure(challenge.subject, rule);
      if (until) return fail('locked', { until });
      return attempt.attemptsLeft > 0 ? fail('wrong', { attemptsLeft: attempt.attemptsLeft }) : fail('exhausted');
    }
    if (attempt.outcome !== 'passed') return fail(attempt.outcome);
    // A pass clears the subject's failures, unless a parallel check locked the subject first.
    const lockedFirst = await this.store.change('failures', challenge.subject, (log) => {
      const lock = activeLock(log, now);
      return lock === undefined ? { value: undefined, answer: undefined } : { value: log, answer: new Date(lock) };
    });
    if (lockedFirst) return fail('locked', { until: lockedFirst });
    return ok({ userId: challenge.userId, methodId: challenge.methodId, purpose: challenge.purpose });
  }

  /** Records a passed step-up of the user in the conversation, and the method whose code proved it; it replaces the earlier one. */
  async grantStepUp(userId: string, conversationId: string, methodId?: string): Promise<void> {
    const { stepUpMinutes } = await this.policy();
    const now = this.clock.now().getTime();
    const grant: StepUpGrant = { userId, conversationId, at: new Date(now).toISOString(), ...(methodId === undefined ? {} : { methodId }) };
    await this.store.change('stepUps', userId, (held) => {
      const others = (held?.grants ?? []).filter((s) => s.conversationId !== conversationId && Date.parse(s.at) > now - stepUpMinutes * minuteMs);
      return { value: { grants: [...others, grant] }, answer: undefined };
    });
  }

  /** The step-up of this user in this conversation while it is recent and nothing voided it since. */
  async freshStepUp(user: DirectoryUser, conversationId: string): Promise<StepUpGrant | undefined> {
    const { stepUpMinutes } = await this.policy();
    const grant = (await this.store.read('stepUps', user.id))?.grants.find((s) => s.conversationId === conversationId);
    if (!grant) return undefined;
    const at = Date.parse(grant.at);
    if (at <= this.clock.now().getTime() - stepUpMinutes * minuteMs) return undefined;
    return grantedAfterRevocation(user, at) ? grant : undefined;
  }

  /** True while a step-up of this user in this conversation is recent and nothing voided it since. */
  async hasFreshStepUp(user: DirectoryUser, conversationId: string): Promise<boolean> {
    return (await this.freshStepUp(user, conversationId)) !== undefined;
  }

  /** Voids every step-up of the user (password changed, signed out everywhere). */
  async revokeStepUps(userId: string): Promise<void> {
    await this.store.change('stepUps', userId, () => ({ value: undefined, answer: undefined }));
  }
}
