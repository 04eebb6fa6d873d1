// One-time codes, rate limits, lock-outs and step-up grants. Codes are random, stored only as a
// salted hash, compared in constant time, expire, and allow a few attempts; too many failures lock
// the subject out for a while; sends are limited per subject in each conversation, per conversation,
// and (a higher flood cap) per subject (see sendBudgets). A step-up is bound to user and
// conversation, records the method that proved it, and is void after a password change or a
// sign-out everywhere.
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../ports/clock.js';
import type { DirectoryUser, TenantPolicy } from '../ports/directory.js';
import type { NotificationChannel, Notifier } from '../ports/notifier.js';
import type { CodeChallenge, StepUpGrant, VerificationPurpose, VerificationRecords, VerificationStore } from '../ports/verificationStore.js';
import { fail, ok, type Result } from '../result.js';
import { grantedAfterRevocation } from './sessionRevocation.js';

const hourMs = 60 * 60 * 1000;
const minuteMs = 60 * 1000;

/** The flood cap: codes per subject an hour, over all conversations, as a multiple of maxSendsPerHour. */
const subjectFloodFactor = 4;

/**
 * The send budgets a code counts against, each for an hour: the subject in this conversation and the
 * conversation itself get maxSendsPerHour; the subject over all conversations gets the flood cap.
 * Why per conversation: anyone may type a person's name into the anonymous reset, so a single budget
 * per subject let five tries from a stranger's conversation block that person's own reset for an
 * hour. Now a stranger's conversation runs out of its own budget while the owner's conversation keeps
 * theirs, and the flood cap still bounds what one phone or mailbox receives. Someone who opens four
 * conversations or more an hour for one name can still reach that cap (bounding conversations is the
 * channel's part); the lock-out after wrong codes stays per subject. Subjects are kept by the name
 * typed, account or not, so no answer reveals which names are accounts.
 */
function sendBudgets(request: CodeRequest, maxSendsPerHour: number): { readonly key: string; readonly limit: number }[] {
  return [
    { key: `${request.subject}|conversation:${request.conversationId}`, limit: maxSendsPerHour },
    { key: `conversation:${request.conversationId}`, limit: maxSendsPerHour },
    { key: request.subject, limit: maxSendsPerHour * subjectFloodFactor },
  ];
}

export interface CodeDestination {
  readonly userId: string;
  readonly channel: NotificationChannel;
  readonly to: string;
}

export interface CodeRequest {
  readonly subject: string;
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

const digest = (salt: string, code: string): Buffer => createHash('sha256').update(`${salt}:${code}`).digest();

/** Spaces, dashes and dots people type inside codes are ignored. */
export const normalizeCode = (text: string): string => text.replace(/[\s.-]/g, '');

/** A typed message that can be a code (four to ten digits once spaces and dashes are gone). */
export const looksLikeCode = (text: string): boolean => /^\d{4,10}$/.test(normalizeCode(text));

export interface VerificationDependencies {
  readonly store: VerificationStore;
  readonly notifier: Notifier;
  readonly clock: Clock;
  /** The tenant's policy: code length, lifetime, attempts, sends per hour, lock-out, step-up window. */
  readonly policy: () => Promise<TenantPolicy>;
}

export class Verification {
  private records: Promise<VerificationRecords> | undefined;
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

  private async data(): Promise<VerificationRecords> {
    return (this.records ??= this.store.load());
  }

  private async save(records: VerificationRecords): Promise<void> {
    const now = this.clock.now().getTime();
    records.challenges = records.challenges.filter((c) => Date.parse(c.expiresAt) > now);
    records.sends = records.sends.filter((e) => Date.parse(e.at) > now - hourMs);
    records.failures = records.failures.filter((e) => Date.parse(e.at) > now - 24 * hourMs);
    records.lockouts = records.lockouts.filter((l) => Date.parse(l.until) > now);
    await this.store.save(records);
  }

  /** When the key is locked out, until when. */
  async lockedUntil(key: string): Promise<Date | undefined> {
    const now = this.clock.now().getTime();
    const until = (await this.data()).lockouts.filter((l) => l.key === key && Date.parse(l.until) > now).map((l) => Date.parse(l.until));
    return until.length > 0 ? new Date(Math.max(...until)) : undefined;
  }

  /** Counts a failure; returns the lock-out end when this failure locks the key. */
  async recordFailure(key: string, rule: FailureRule): Promise<Date | undefined> {
    const records = await this.data();
    const now = this.clock.now();
    records.failures.push({ key, at: now.toISOString() });
    const recent = records.failures.filter((f) => f.key === key && Date.parse(f.at) > now.getTime() - rule.windowMinutes * minuteMs);
    let until: Date | undefined;
    if (recent.length >= rule.limit) {
      until = new Date(now.getTime() + rule.lockMinutes * minuteMs);
      records.lockouts.push({ key, until: until.toISOString() });
      records.failures = records.failures.filter((f) => f.key !== key);
    }
    await this.save(records);
    return until;
  }

  async clearFailures(key: string): Promise<void> {
    const records = await this.data();
    records.failures = records.failures.filter((f) => f.key !== key);
    await this.save(records);
  }

  private async codeFailureRule(): Promise<FailureRule> {
    const { verificationCode: p } = await this.policy();
    return { limit: p.maxAttempts * 2, windowMinutes: 60, lockMinutes: p.lockoutMinutes };
  }

  /** Creates a code, sends it, and returns the challenge to check it against. */
  async issue(request: CodeRequest): Promise<IssueResult> {
    const { verificationCode: p } = await this.policy();
    const records = await this.data();
    const now = this.clock.now();
    const locked = await this.lockedUntil(request.subject);
    if (locked) return fail('locked', { until: locked });
    const budgets = sendBudgets(request, p.maxSendsPerHour);
    for (const { key, limit } of budgets) {
      const sent = records.sends.filter((s) => s.key === key && Date.parse(s.at) > now.getTime() - hourMs).map((s) => Date.parse(s.at)).sort((a, b) => a - b);
      // Free again when enough of these sends are an hour old to bring the count under the limit.
      const freeFrom = sent[sent.length - limit];
      if (freeFrom !== undefined) return fail('throttled', { until: new Date(freeFrom + hourMs) });
    }
    const code = Array.from({ length: p.length }, () => randomInt(10)).join('');
    const salt = randomBytes(16).toString('hex');
    const expiresAt = new Date(now.getTime() + p.ttlSeconds * 1000);
    const challenge: CodeChallenge = {
      id: randomUUID(),
      subject: request.subject,
      conversationId: request.conversationId,
      userId: request.userId,
      methodId: request.methodId,
      channel: request.destination?.channel,
      purpose: request.purpose,
      salt,
      // Nobody receives a code for a name that is no account: hash one nobody knows.
      codeHash: digest(salt, request.destination ? code : randomBytes(16).toString('hex')).toString('hex'),
      expiresAt: expiresAt.toISOString(),
      attemptsLeft: p.maxAttempts,
    };
    // A new code replaces the earlier ones of the same conversation and purpose.
    records.challenges = records.challenges.filter((c) => !(c.conversationId === request.conversationId && c.purpose === request.purpose));
    records.challenges.push(challenge);
    for (const { key } of budgets) records.sends.push({ key, at: now.toISOString() });
    await this.save(records);
    if (request.destination) {
      await this.notifier.send({ userId: request.destination.userId, to: request.destination.to, channel: request.destination.channel, text: request.message(code) });
    }
    return ok({ challengeId: challenge.id, expiresAt });
  }

  /** Checks a typed code against the challenge; only in the conversation the challenge was issued in. */
  async check(challengeId: string, conversationId: string, typed: string): Promise<CheckResult> {
    const records = await this.data();
    const now = this.clock.now();
    const challenge = records.challenges.find((c) => c.id === challengeId && c.conversationId === conversationId);
    if (!challenge) return fail('unknown');
    const locked = await this.lockedUntil(challenge.subject);
    if (locked) return fail('locked', { until: locked });
    if (Date.parse(challenge.expiresAt) <= now.getTime()) return fail('expired');
    if (challenge.attemptsLeft <= 0) return fail('exhausted');
    const expected = Buffer.from(challenge.codeHash, 'hex');
    const actual = digest(challenge.salt, normalizeCode(typed).slice(0, 64));
    if (expected.length === actual.length && timingSafeEqual(expected, actual)) {
      records.challenges = records.challenges.filter((c) => c !== challenge);
      records.failures = records.failures.filter((f) => f.key !== challenge.subject);
      await this.save(records);
      return ok({ userId: challenge.userId, methodId: challenge.methodId, purpose: challenge.purpose });
    }
    challenge.attemptsLeft -= 1;
    const until = await this.recordFailure(challenge.subject, await this.codeFailureRule());
    if (until) return fail('locked', { until });
    return challenge.attemptsLeft > 0 ? fail('wrong', { attemptsLeft: challenge.attemptsLeft }) : fail('exhausted');
  }

  /** Records a passed step-up of the user in the conversation, and the method whose code proved it; it replaces the earlier one. */
  async grantStepUp(userId: string, conversationId: string, methodId?: string): Promise<void> {
    const records = await this.data();
    const grant: StepUpGrant = { userId, conversationId, at: this.clock.now().toISOString(), ...(methodId === undefined ? {} : { methodId }) };
    records.stepUps = [...records.stepUps.filter((s) => !(s.userId === userId && s.conversationId === conversationId)), grant];
    await this.save(records);
  }

  /** The step-up of this user in this conversation while it is recent and nothing voided it since. */
  async freshStepUp(user: DirectoryUser, conversationId: string): Promise<StepUpGrant | undefined> {
    const { stepUpMinutes } = await this.policy();
    const grant = (await this.data()).stepUps.find((s) => s.userId === user.id && s.conversationId === conversationId);
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
    const records = await this.data();
    records.stepUps = records.stepUps.filter((s) => s.userId !== userId);
    await this.save(records);
  }
}
