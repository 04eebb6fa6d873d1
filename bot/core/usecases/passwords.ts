// Change a password (knowing the current one) and reset it (after verification): policy checked,
// history respected, sessions and step-ups voided, the user told on their other channels, audited.
import type { DirectoryUser } from '../ports/directory.js';
import { sendNotice } from './notices.js';
import { checkPasswordRules, type PolicyFailure } from './passwordPolicy.js';
import { audit, type AccountServices, type Actor } from './services.js';
import type { FailureRule } from './verification.js';

/** Wrong current passwords in the chat: five in fifteen minutes lock password change for fifteen minutes. */
export const currentPasswordRule: FailureRule = { limit: 5, windowMinutes: 15, lockMinutes: 15 };
export const passwordFailureKey = (userId: string): string => `password:${userId}`;

export type PasswordOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly error: 'policy'; readonly failures: readonly PolicyFailure[] }
  | { readonly ok: false; readonly error: 'wrongCurrent' }
  | { readonly ok: false; readonly error: 'locked'; readonly until: Date }
  | { readonly ok: false; readonly error: 'notFound' };

async function policyFailures(services: AccountServices, user: DirectoryUser, next: string, confirmation: string): Promise<PolicyFailure[]> {
  const { policy } = await services.directory.tenant();
  const failures = checkPasswordRules(next, confirmation, policy.password, user);
  if (failures.length > 0) return failures;
  if (await services.directory.isRecentPassword(user.id, next, Math.max(1, policy.password.historyCount))) {
    const same = await services.directory.verifyPassword(user.id, next);
    return [same ? { rule: 'sameAsCurrent', params: {} } : { rule: 'history', params: { count: policy.password.historyCount } }];
  }
  return [];
}

export async function changePassword(
  services: AccountServices, actor: Actor, input: { current: string; next: string; confirmation: string },
): Promise<PasswordOutcome> {
  const user = await services.directory.findUserById(actor.userId);
  if (!user) return { ok: false, error: 'notFound' };
  const key = passwordFailureKey(user.id);
  const locked = await services.verification.lockedUntil(key);
  if (locked) return { ok: false, error: 'locked', until: locked };
  if (!(await services.directory.verifyPassword(user.id, input.current))) {
    const until = await services.verification.recordFailure(key, currentPasswordRule);
    await audit(services, actor, 'password.change', 'refused', { reason: until ? 'lockedOut' : 'wrongPassword' });
    return until ? { ok: false, error: 'locked', until } : { ok: false, error: 'wrongCurrent' };
  }
  const failures = await policyFailures(services, user, input.next, input.confirmation);
  if (failures.length > 0) {
    await audit(services, actor, 'password.change', 'refused', { reason: `policy.${failures.map((f) => f.rule).join(',')}` });
    return { ok: false, error: 'policy', failures };
  }
  const now = services.clock.now();
  const set = await services.directory.setPassword(user.id, input.next, { unlock: false, at: now });
  if (!set.ok) return { ok: false, error: 'notFound' };
  await services.directory.revokeSignInSessions(user.id, now);
  await services.verification.revokeStepUps(user.id);
  await services.verification.clearFailures(key);
  await audit(services, actor, 'password.change', 'success');
  await sendNotice(services, user, 'passwordChanged', actor.locale, { methods: await services.directory.listAuthenticationMethods(user.id) });
  return { ok: true };
}

/** Sets a new password after the verification gates, and unlocks the account. */
export async function resetPassword(
  services: AccountServices, actor: Actor, input: { next: string; confirmation: string },
): Promise<PasswordOutcome> {
  const user = await services.directory.findUserById(actor.userId);
  if (!user) return { ok: false, error: 'notFound' };
  const failures = await policyFailures(services, user, input.next, input.confirmation);
  if (failures.length > 0) {
    await audit(services, actor, 'password.reset', 'refused', { reason: `policy.${failures.map((f) => f.rule).join(',')}` });
    return { ok: false, error: 'policy', failures };
  }
  const set = await services.directory.setPassword(user.id, input.next, { unlock: true, at: services.clock.now() });
  if (!set.ok) return { ok: false, error: 'notFound' };
  await services.verification.revokeStepUps(user.id);
  await services.verification.clearFailures(passwordFailureKey(user.id));
  await audit(services, actor, 'password.reset', 'success', { target: user.lockedOut ? 'unlocked' : undefined });
  await sendNotice(services, user, 'passwordReset', actor.locale, { methods: await services.directory.listAuthenticationMethods(user.id) });
  return { ok: true };
}

/** Every session issued before now must sign in again; step-ups are void. */
export async function signOutEverywhere(services: AccountServices, actor: Actor): Promise<boolean> {
  const revoked = await services.directory.revokeSignInSessions(actor.userId, services.clock.now());
  if (!revoked.ok) return false;
  await services.verification.revokeStepUps(actor.userId);
  await audit(services, actor, 'signout.everywhere', 'success');
  return true;
}
