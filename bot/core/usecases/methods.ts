// Sign-in methods as the assistant shows and uses them: masked for display, which ones can receive
// a code, which ones can be the default second factor, and which one is the default now.
import type { AuthenticationMethod, Device, PreferredSecondaryMethod } from '../ports/directory.js';
import type { NotificationChannel } from '../ports/notifier.js';

/** "+46 70 123 45 34" → "+46 70 *** ** 34": country code and area kept, the last two digits shown. */
export function maskPhone(phone: string): string {
  const groups = phone.trim().split(/\s+/);
  if (groups.length >= 3) {
    const last = groups.length - 1;
    return groups.map((g, i) => {
      if (i < 2) return g;
      if (i === last) return g.replace(/\d(?=\d{2})/g, '*');
      return g.replace(/\d/g, '*');
    }).join(' ');
  }
  // Graph's own form, "+33 781234567": the country code and the number's first digit kept.
  const [country, national] = groups;
  if (groups.length === 2 && country && national && /^\+\d{1,3}$/.test(country) && /^\d{5,}$/.test(national)) {
    return `${country} ${national[0] ?? ''}${'*'.repeat(national.length - 3)}${national.slice(-2)}`;
  }
  const digits = phone.replace(/[^\d+]/g, '');
  return digits.length <= 5 ? '*'.repeat(digits.length) : `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}

/** "sven@example.net" → "s***@example.net". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.charAt(0)}***${email.slice(at)}`;
}

/** Where a code for this method goes, when it can receive one in the chat. */
export function codeChannel(method: AuthenticationMethod): { channel: NotificationChannel; to: string } | undefined {
  switch (method.kind) {
    case 'phone':
      // Text messages reach mobile phones; an office line only takes calls.
      return method.phoneNumber && method.phoneType !== 'office' ? { channel: 'sms', to: method.phoneNumber } : undefined;
    case 'email':
      return method.emailAddress ? { channel: 'email', to: method.emailAddress } : undefined;
    case 'microsoftAuthenticator':
      return { channel: 'authenticator', to: method.displayName ?? 'Microsoft Authenticator' };
    default:
      return undefined;
  }
}

/** The methods that can prove identity in the chat, in a stable order. */
export function verifiableMethods(methods: readonly AuthenticationMethod[]): AuthenticationMethod[] {
  return methods.filter((m) => codeChannel(m) !== undefined);
}

/** Self-service password reset policy names (Entra's) → whether a method counts for it. */
export function usableForReset(method: AuthenticationMethod, allowed: readonly string[]): boolean {
  if (!codeChannel(method)) return false;
  switch (method.kind) {
    case 'email': return allowed.includes('email');
    case 'phone': return allowed.includes('mobilePhone');
    case 'microsoftAuthenticator': return allowed.includes('microsoftAuthenticator') || allowed.includes('mobileApp');
    default: return false;
  }
}

/** Which methods can serve a default second-factor setting. */
function serves(method: AuthenticationMethod, preference: PreferredSecondaryMethod): boolean {
  switch (preference) {
    case 'push': return method.kind === 'microsoftAuthenticator';
    case 'oath': return method.kind === 'microsoftAuthenticator' || method.kind === 'softwareOath';
    case 'sms':
    case 'voiceMobile': return method.kind === 'phone' && method.phoneType === 'mobile';
    case 'voiceAlternateMobile': return method.kind === 'phone' && method.phoneType === 'alternateMobile';
    case 'voiceOffice': return method.kind === 'phone' && method.phoneType === 'office';
    case 'none': return false;
  }
}

const preferenceOrder: readonly PreferredSecondaryMethod[] = ['push', 'oath', 'sms', 'voiceMobile', 'voiceAlternateMobile', 'voiceOffice'];

/** A default-method setting as Graph names it (`none` included), for values that come from a card. */
export const isPreferredSecondaryMethod = (value: unknown): value is PreferredSecondaryMethod =>
  value === 'none' || preferenceOrder.some((p) => p === value);

/** A default second-factor setting and the method that serves it. */
export interface DefaultOption {
  readonly preference: PreferredSecondaryMethod;
  readonly method: AuthenticationMethod;
}

/** The default settings the user's methods allow, with the method that serves each. */
export function defaultOptions(methods: readonly AuthenticationMethod[]): DefaultOption[] {
  return preferenceOrder.flatMap((preference) => {
    const method = methods.find((m) => serves(m, preference));
    return method ? [{ preference, method }] : [];
  });
}

/** True when this method is what the current default relies on. */
export function isDefaultMethod(method: AuthenticationMethod, methods: readonly AuthenticationMethod[], preference: PreferredSecondaryMethod): boolean {
  return serves(method, preference) && methods.find((m) => serves(m, preference))?.id === method.id;
}

/** True when removing this method leaves the current default with nothing to serve it. */
export function removalNeedsNewDefault(method: AuthenticationMethod, methods: readonly AuthenticationMethod[], preference: PreferredSecondaryMethod): boolean {
  return serves(method, preference) && !methods.some((m) => m.id !== method.id && serves(m, preference));
}

/** A plain, masked description of a method for audit entries and logs (never localized). */
export function describeMethod(method: AuthenticationMethod): string {
  if (method.kind === 'phone' && method.phoneNumber) return `phone ${maskPhone(method.phoneNumber)}`;
  if (method.kind === 'email' && method.emailAddress) return `email ${maskEmail(method.emailAddress)}`;
  return [method.kind, method.displayName].filter(Boolean).join(' ');
}

/** The kinds of method a user can add in the chat. */
export type AddableKind = 'phone' | 'email' | 'authenticator';

/**
 * What the user may still add, as on the security info page: a mobile and an alternate mobile
 * phone, one e-mail, any number of Authenticator apps; and which phone slot a new number takes.
 */
export function addableKinds(methods: readonly AuthenticationMethod[]): { kinds: AddableKind[]; phoneType?: 'mobile' | 'alternateMobile' } {
  const has = (type: string): boolean => methods.some((m) => m.kind === 'phone' && m.phoneType === type);
  const phoneType = !has('mobile') ? 'mobile' : !has('alternateMobile') ? 'alternateMobile' : undefined;
  const kinds: AddableKind[] = [];
  if (phoneType) kinds.push('phone');
  if (!methods.some((m) => m.kind === 'email')) kinds.push('email');
  kinds.push('authenticator');
  return { kinds, phoneType };
}

/** The Authenticator registered on a device, matched by name (case and outer spaces ignored). */
export function authenticatorOn(device: Device, methods: readonly AuthenticationMethod[]): AuthenticationMethod | undefined {
  const name = device.displayName.trim().toLowerCase();
  return methods.find((m) => m.kind === 'microsoftAuthenticator' && m.displayName?.trim().toLowerCase() === name);
}
