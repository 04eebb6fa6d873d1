// Sends a one-time code to where a verification step needs it: an existing method of the user, the
// account an anonymous user named (without ever revealing whether it exists), or a new phone, e-mail
// or Authenticator being registered.
import { translator, type Locale } from '../i18n/i18n.js';
import type { AuthenticationMethod, Directory, DirectoryUser, TenantInfo } from '../ports/directory.js';
import type { NotificationChannel } from '../ports/notifier.js';
import type { VerificationPurpose } from '../ports/verificationStore.js';
import { codeChannel, usableForReset } from './methods.js';
import type { AccountServices } from './services.js';
import type { CodeDestination, IssueResult } from './verification.js';

/** Where the code goes. Serializable: dialogs keep it to send a new code on request. */
export type CodeTarget =
  | { readonly kind: 'method'; readonly userId: string; readonly methodId: string; readonly purpose: 'stepUp' | 'reset' }
  | { readonly kind: 'claimed'; readonly name: string }
  | { readonly kind: 'newPhone'; readonly userId: string; readonly phoneNumber: string }
  | { readonly kind: 'newEmail'; readonly userId: string; readonly emailAddress: string }
  | { readonly kind: 'pairing'; readonly userId: string; readonly displayName: string };

export const userSubject = (userId: string): string => `user:${userId}`;

/** Methods that can pass a self-service reset gate, the user's default first. */
export async function resetMethods(directory: Directory, tenant: TenantInfo, user: DirectoryUser): Promise<AuthenticationMethod[]> {
  const methods = (await directory.listAuthenticationMethods(user.id)).filter((m) => usableForReset(m, tenant.policy.selfServicePasswordReset.methods));
  const preference = (await directory.getSignInPreferences(user.id))?.userPreferredMethodForSecondaryAuthentication;
  const rank = (m: AuthenticationMethod): number =>
    (preference === 'push' && m.kind === 'microsoftAuthenticator') || ((preference === 'sms' || preference === 'voiceMobile') && m.kind === 'phone' && m.phoneType === 'mobile') ? 0 : 1;
  return [...methods].sort((a, b) => rank(a) - rank(b));
}

/** Whether this account can reset its password by itself at all (tenant on, registered, enough methods). */
export async function canSelfReset(directory: Directory, tenant: TenantInfo, user: DirectoryUser): Promise<boolean> {
  if (!tenant.policy.selfServicePasswordReset.enabled || !user.accountEnabled || !user.selfServicePasswordResetRegistered) return false;
  return (await resetMethods(directory, tenant, user)).length >= tenant.policy.selfServicePasswordReset.gates;
}

interface Resolved {
  readonly subject: string;
  readonly purpose: VerificationPurpose;
  readonly userId?: string;
  readonly methodId?: string;
  readonly destination?: CodeDestination;
}

async function resolve(services: AccountServices, tenant: TenantInfo, target: CodeTarget): Promise<Resolved | undefined> {
  const { directory } = services;
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
      const method = user && (await canSelfReset(directory, tenant, user)) ? (await resetMethods(directory, tenant, user))[0] : undefined;
      // Rate limits and lock-outs are kept by the name typed, whether or not it is an account, so
      // that how they answer reveals nothing either.
      if (!user || !method) return { subject: `name:${name}`, purpose: 'reset' };
      return { subject: `name:${name}`, purpose: 'reset', userId: user.id, methodId: method.id, destination: to(user.id, codeChannel(method)) };
    }
    case 'newPhone':
      return { subject: userSubject(target.userId), purpose: 'proveNewMethod', userId: target.userId, destination: { userId: target.userId, channel: 'sms', to: target.phoneNumber } };
    case 'newEmail':
      return { subject: userSubject(target.userId), purpose: 'proveNewMethod', userId: target.userId, destination: { userId: target.userId, channel: 'email', to: target.emailAddress } };
    case 'pairing':
      return { subject: userSubject(target.userId), purpose: 'pairAuthenticator', userId: target.userId, destination: { userId: target.userId, channel: 'authenticator', to: target.displayName } };
  }
}

/** Sends a code for the target; undefined when the target is not (or no longer) the user's. */
export async function sendCode(services: AccountServices, target: CodeTarget, conversationId: string, locale: Locale): Promise<IssueResult | undefined> {
  const tenant = await services.directory.tenant();
  const resolved = await resolve(services, tenant, target);
  if (!resolved) return undefined;
  const t = translator(locale);
  const minutes = Math.max(1, Math.round(tenant.policy.verificationCode.ttlSeconds / 60));
  const kind = target.kind === 'pairing' ? 'pairing' : resolved.destination?.channel ?? 'sms';
  return services.verification.issue({
    ...resolved,
    conversationId,
    message: (code) => t.t(`code.message.${kind}`, { code, organization: tenant.displayName, minutes }),
  });
}
