// Change a password (knowing the current one) and reset it (after verification): policy checked,
// history respected, step-ups voided, the user told on their other channels, audited. A change also
// signs out every other session; after a reset the dialog offers that as the next step (sign out
// everywhere, below).
import type { Directory, PasswordPolicy, PasswordRefusal } from '../ports/directory.js';
import { fail, ok, type Result } from '../result.js';
import type { AuditTrail } from './auditTrail.js';
import type { Actor } from './actor.js';
import type { Codes } from './codes.js';
import type { Notices } from './notices.js';
import { checkPasswordRules, type PolicyFailure } from './passwordPolicy.js';
import type { FailureRule, Reserved, Verification } from './verification.js';
import type { Clock } from '../ports/clock.js';
import { unlessDirectoryFails } from './followUps.js';

/**
 * Wrong passwords of one account, in the chat (the current password) and at the demo sign-in alike:
 * five in fifteen minutes lock both for fifteen minutes.
 */
const passwordRule: FailureRule = { limit: 5, windowMinutes: 15, lockMinutes: 15 };
const passwordFailureKey = (userId: string): string => `password:${userId}`;

/** Whose password a sign-in checks: an account, or a name that is none (kept only as a digest), limited alike. */
export type PasswordSubject = { readonly userId: string } | { readonly nameDigest: string };

/** The failure key of a sign-in's subject (where its wrong passwords are counted). */
export const passwordSubjectKey = (subject: PasswordSubject): string =>
  'userId' in subject ? passwordFailureKey(subject.userId) : `password-name:${subject.nameDigest}`;

export type PasswordFailure =
  | { readonly error: 'policy'; readonly failures: readonly PolicyFailure[] }
  | { readonly error: 'wrongCurrent' | 'wrongCurrentOrRefused' | 'notFound' }
  | { readonly error: 'locked'; readonly until: Date };

/** Why a self-service reset cannot be done here: the tenant has it off, the user never registered, or too few methods. */
export type ResetBlocker = 'disabled' | 'notRegistered' | 'noMethods';

export interface PasswordsDependencies {
  readonly directory: Directory;
  readonly verification: Verification;
  readonly codes: Codes;
  readonly notices: Notices;
  readonly auditTrail: AuditTrail;
  readonly clock: Clock;
}

export class Passwords {
  constructor(private readonly deps: PasswordsDependencies) {}

  async policy(): Promise<PasswordPolicy> {
    return (await this.deps.directory.tenant()).policy.password;
  }

  /**
   * A password about to be checked at a sign-in: counted as a wrong one before the check, against
   * the account's budget that wrong current passwords in the chat use too, so that no more guesses
   * are checked than the rule allows, on any instance. A name that is no account has a budget of
   * its own, limited exactly alike.
   */
  reservePasswordCheck(subject: PasswordSubject): Promise<Reserved> {
    return this.deps.verification.reserveFailure(passwordSubjectKey(subject), passwordRule);
  }

  /** Until when password change is locked for this user (too many wrong current passwords), if it is. */
  changeLockedUntil(userId: string): Promise<Date | undefined> {
    return this.deps.verification.lockedUntil(passwordFailureKey(userId));
  }

  /** Changes the password and signs out every other session; `signedOut` is false when that last part could not be done. */
  async change(actor: Actor, input: { current: string; next: string; confirmation: string }): Promise<Result<{ readonly signedOut: boolean }, PasswordFailure>> {
    const { directory, verification, auditTrail } = this.deps;
    const user = await directory.findUserById(actor.userId);
    if (!user) return fail('notFound');
    const key = passwordFailureKey(user.id);
    const locked = await verification.lockedUntil(key);
    if (locked) return fail('locked', { until: locked });
    const { password: policy } = (await directory.tenant()).policy;
    // The rules anyone can check come first: nothing goes to the directory for a password it would refuse.
    const broken = checkPasswordRules(input.next, input.confirmation, policy, user);
    if (broken.length > 0) return this.refused(actor, 'password.change', broken);
    // The user typed both: the same one twice is no change, whatever the directory would answer
    // (Graph's refusal does not say why, and would count as a wrong current password).
    if (input.next === input.current) return this.refused(actor, 'password.change', [{ rule: 'sameAsCurrent', params: {} }]);
    const now = this.deps.clock.now();
    const changed = await auditTrail.attempt(actor, 'password.change', () => directory.changePassword(user.id, input.current, input.next, { at: now, historyCount: policy.historyCount }));
    if (!changed.ok) {
      if (changed.error === 'notFound') return fail('notFound');
      if (changed.error === 'wrongCurrent' || changed.error === 'wrongCurrentOrRefused') {
        // Counted either way: guessing the current password must stay limited.
        const until = await verification.recordFailure(key, passwordRule);
        await auditTrail.record(actor, 'password.change', 'refused', { reason: until ? 'lockedOut' : changed.error === 'wrongCurrent' ? 'wrongPassword' : 'wrongPasswordOrRefused' });
        return until ? fail('locked', { until }) : fail(changed.error);
      }
      return this.refused(actor, 'password.change', [refusalRule(changed.error, policy.historyCount)]);
    }
    await verification.revokeStepUps(user.id);
    await verification.clearFailures(key);
    await auditTrail.record(actor, 'password.change', 'success');
    // The password is changed now: what follows may fail without undoing it, and is said as it is.
    const signedOut = await unlessDirectoryFails(directory.revokeSignInSessions(user.id, now).then((r) => r.ok), false);
    const methods = await unlessDirectoryFails(directory.listAuthenticationMethods(user.id), []);
    await unlessDirectoryFails(this.deps.notices.send(user, 'passwordChanged', actor.locale, { methods }), undefined);
    return ok({ signedOut });
  }

  /** Whether a self-service reset can start: for a signed-in user, whether they can do it; for anyone else, whether the tenant allows it. */
  async readiness(userId: string | undefined): Promise<Result<void, ResetBlocker>> {
    const tenant = await this.deps.directory.tenant();
    if (!tenant.policy.selfServicePasswordReset.enabled) return fail('disabled');
    if (userId === undefined) return ok(undefined);
    const user = await this.deps.directory.findUserById(userId);
    if (!user?.selfServicePasswordResetRegistered) return fail('notRegistered');
    if (!(await this.deps.codes.canSelfReset(user, tenant))) return fail('noMethods');
    return ok(undefined);
  }

  /** How many different methods a self-service reset must verify with (the tenant's gates: one or two). */
  async resetGates(): Promise<number> {
    return (await this.deps.directory.tenant()).policy.selfServicePasswordReset.gates;
  }

  /** Sets a new password after the verification gates, and unlocks the account; says whether it was locked. */
  async reset(actor: Actor, input: { next: string; confirmation: string }): Promise<Result<{ readonly unlocked: boolean }, PasswordFailure>> {
    const { directory, verification, auditTrail } = this.deps;
    const user = await directory.findUserById(actor.userId);
    if (!user) return fail('notFound');
    const { password: policy } = (await directory.tenant()).policy;
    const broken = checkPasswordRules(input.next, input.confirmation, policy, user);
    if (broken.length > 0) return this.refused(actor, 'password.reset', broken);
    const reset = await auditTrail.attempt(actor, 'password.reset', () => directory.resetPassword(user.id, input.next, { at: this.deps.clock.now(), historyCount: policy.historyCount }));
    if (!reset.ok) return reset.error === 'notFound' ? fail('notFound') : this.refused(actor, 'password.reset', [refusalRule(reset.error, policy.historyCount)]);
    await verification.revokeStepUps(user.id);
    await verification.clearFailures(passwordFailureKey(user.id));
    await auditTrail.record(actor, 'password.reset', 'success', user.lockedOut ? { target: 'unlocked', subject: { type: 'unlocked' } } : {});
    const methods = await unlessDirectoryFails(directory.listAuthenticationMethods(user.id), []);
    await unlessDirectoryFails(this.deps.notices.send(user, 'passwordReset', actor.locale, { methods }), undefined);
    return ok({ unlocked: user.lockedOut });
  }

  /** Every session issued before now must sign in again; step-ups are void. */
  async signOutEverywhere(actor: Actor): Promise<Result<void, 'notFound'>> {
    const revoked = await this.deps.auditTrail.attempt(actor, 'signout.everywhere', () => this.deps.directory.revokeSignInSessions(actor.userId, this.deps.clock.now()));
    if (!revoked.ok) return fail('notFound');
    await this.deps.verification.revokeStepUps(actor.userId);
    await this.deps.auditTrail.record(actor, 'signout.everywhere', 'success');
    return ok(undefined);
  }

  private async refused(actor: Actor, action: 'password.change' | 'password.reset', failures: readonly PolicyFailure[]): Promise<Result<never, PasswordFailure>> {
    await this.deps.auditTrail.record(actor, action, 'refused', { reason: `policy.${failures.map((f) => f.rule).join(',')}` });
    return fail('policy', { failures });
  }
}

/** The rule a directory's refusal of a new password stands for. */
function refusalRule(refusal: PasswordRefusal, historyCount: number): PolicyFailure {
  if (refusal === 'history') return { rule: 'history', params: { count: historyCount } };
  return { rule: refusal === 'sameAsCurrent' ? 'sameAsCurrent' : 'directoryPolicy', params: {} };
}
