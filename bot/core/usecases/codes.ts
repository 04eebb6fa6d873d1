// One-time codes where a verification step needs them: to an existing method of the user, to the
// account an anonymous user named (without ever revealing whether it exists), or to a new phone,
// e-mail or Authenticator being registered; and the check of a code typed back.
import { translator, type Locale } from '../i18n/i18n.js';
import type { AuthenticationMethod, Directory, DirectoryUser, TenantInfo } from '../ports/directory.js';
import type { NotificationChannel } from '../ports/notifier.js';
import type { VerificationPurpose } from '../ports/verificationStore.js';
import { fail, type Result } from '../result.js';
import { codeChannel, isDefaultMethod, usableForReset } from './methods.js';
import type { CheckResult, CodeDestination, NotIssued, Verification } from './verification.js';

/** How long a code stays valid, in whole minutes (at least one), as messages and cards say it. */
const minutesOf = (tenant: TenantInfo): number => Math.max(1, Math.round(tenant.policy.verificationCode.ttlSeconds / 60));

/** Where the code goes. Serializable: dialogs keep it to send a new code on request. */
export type CodeTarget =
  | { readonly kind: 'method'; readonly userId: string; readonly methodId: string; readonly purpose: 'stepUp' | 'reset' }
  | { readonly kind: 'claimed'; readonly name: string }
  | { readonly kind: 'newPhone'; readonly userId: string; readonly phoneNumber: string }
  | { readonly kind: 'newEmail'; readonly userId: string; readonly emailAddress: string }
  | { readonly kind: 'pairing'; readonly userId: string; readonly displayName: string };

/** The rate-limit and lock-out key of a known user. */
export const userSubject = (userId: string): string => `user:${userId}`;

/** A code was sent; or not, because of a limit (until when), or because the target is not the user's. */
export type SendResult = Result<{ readonly challengeId: string; readonly expiresAt: Date }, NotIssued | { readonly error: 'unavailable' }>;

interface Resolved {
  readonly subject: string;
  readonly account?: string;
  readonly purpose: VerificationPurpose;
  readonly userId?: string;
  readonly methodId?: string;
  readonly destination?: CodeDestination;
}

export class Codes {
  constructor(private readonly deps: { readonly directory: Directory; readonly verification: Verification }) {}

  /** Methods that can pass a self-service reset gate, the user's default first. */
  async resetMethods(user: DirectoryUser, tenant?: TenantInfo): Promise<AuthenticationMethod[]> {
    const { directory } = this.deps;
    const allowed = (tenant ?? (await directory.tenant())).policy.selfServicePasswordReset.methods;
    const all = await directory.listAuthenticationMethods(user.id);
    const preference = (await directory.getSignInPreferences(user.id))?.userPreferredMethodForSecondaryAuthentication ?? 'none';
    const rank = (m: AuthenticationMethod): number => (isDefaultMethod(m, all, preference) ? 0 : 1);
    return all.filter((m) => usableForReset(m, allowed)).sort((a, b) => rank(a) - rank(b));
  }

  /** Whether this account can reset its password by itself at all (tenant on, registered, enough methods). */
  async canSelfReset(user: DirectoryUser, tenant?: TenantInfo): Promise<boolean> {
    const { policy } = tenant ?? (await this.deps.directory.tenant());
    if (!policy.selfServicePasswordReset.enabled || !user.accountEnabled || !user.selfServicePasswordResetRegistered) return false;
    return (await this.resetMethods(user, tenant)).length >= policy.selfServicePasswordReset.gates;
  }

  /** How long a code stays valid, in whole minutes (at least one). */
  async minutesValid(): Promise<number> {
    return minutesOf(await this.deps.directory.tenant());
  }

  /** How many digits a code has (the tenant's policy). */
  async digits(): Promise<number> {
    return (await this.deps.directory.tenant()).policy.verificationCode.length;
  }

  /** Sends a code for the target, in the user's language; "unavailable" when the target is not (or no longer) the user's. */
  async send(target: CodeTarget, conversationId: string, locale: Locale): Promise<SendResult> {
    const tenant = await this.deps.directory.tenant();
    const resolved = await this.resolve(tenant, target);
    if (!resolved) return fail('unavailable');
    const t = translator(locale);
    const minutes = minutesOf(tenant);
    const kind = target.kind === 'pairing' ? 'pairing' : resolved.destination?.channel ?? 'sms';
    return this.deps.verification.issue({
      ...resolved,
      conversationId,
      message: (code) => t.t(`code.message.${kind}`, { code, organization: tenant.displayName, minutes }),
    });
  }

  /** Checks a typed code against the challenge, in the conversation it was issued in. */
  check(challengeId: string, conversationId: string, typed: string): Promise<CheckResult> {
    return this.deps.verification.check(challengeId, conversationId, typed);
  }

  private async resolve(tenant: TenantInfo, target: CodeTarget): Promise<Resolved | undefined> {
    const { directory } = this.deps;
    const to = (userId: string, where: { channel: NotificationChannel; to: string } | undefined): CodeDestination | undefined =>
      where ? { userId, ...where } : undefined;
    switch (target.kind) {
      case 'method': {
        const method = (await directory.listAuthenticationMethods(target.userId)).find((m) => m.id === target.methodId);
        const destination = method && to(target.userId, codeChannel(method));
        return destination ? { subject: userSubject(target.userId), purpose: target.purpose, userId: target.userId, methodId: target.methodId, destination } : undefined;
      }
      case 'claimed': {
        const name = target.name.trim().toLowerCase();
        const user = await directory.findUserByPrincipalName(name);
        const method = user && (await this.canSelfReset(user, tenant)) ? (await this.resetMethods(user, tenant))[0] : undefined;
        // Rate limits and lock-outs answer by the name typed, whether or not it is an account, so
        // that how they answer reveals nothing either; the account's own hold silently (Verification.issue).
        if (!user || !method) return { subject: `name:${name}`, purpose: 'reset' };
        return { subject: `name:${name}`, account: userSubject(user.id), purpose: 'reset', userId: user.id, methodId: method.id, destination: to(user.id, codeChannel(method)) };
      }
      case 'newPhone':
        return { subject: userSubject(target.userId), purpose: 'proveNewMethod', userId: target.userId, destination: { userId: target.userId, channel: 'sms', to: target.phoneNumber } };
      case 'newEmail':
        return { subject: userSubject(target.userId), purpose: 'proveNewMethod', userId: target.userId, destination: { userId: target.userId, channel: 'email', to: target.emailAddress } };
      case 'pairing':
        return { subject: userSubject(target.userId), purpose: 'pairAuthenticator', userId: target.userId, destination: { userId: target.userId, channel: 'authenticator', to: target.displayName } };
    }
  }
}
