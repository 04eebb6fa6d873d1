// Sign-in methods: parse a new phone or e-mail, add a proven method, remove one (never the last,
// with a new default when needed), change the default. Every target id is checked against the
// user's own methods; every change is audited and announced.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { AuthenticationMethod, NewAuthenticationMethod, PreferredSecondaryMethod } from '../ports/directory.js';
import { defaultOptions, describeMethod, removalNeedsNewDefault } from './methods.js';
import { sendNotice } from './notices.js';
import { audit, type AccountServices, type Actor } from './services.js';

/** "+46 70 123 45 67", "070-123 45 67" (with the user's country) → the number in international format, or undefined. */
export function parseMobileNumber(text: string, defaultCountry?: string): { e164: string; display: string } | undefined {
  const trimmed = text.trim().replace(/^00/, '+');
  if (trimmed.length > 32) return undefined;
  const country = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(trimmed, country);
  if (!parsed?.isValid()) return undefined;
  const type = parsed.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return undefined;
  return { e164: parsed.number, display: parsed.formatInternational() };
}

/** The region of a language tag ("sv-SE" → "SE"), a reasonable country for numbers typed without one. */
export const regionOf = (tag: string | undefined): string | undefined => tag?.split(/[-_]/)[1]?.toUpperCase();

const emailPattern = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/u;

export function parseEmail(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed.length <= 254 && emailPattern.test(trimmed) ? trimmed : undefined;
}

export type AddOutcome = { ok: true; method: AuthenticationMethod } | { ok: false; error: 'duplicate' | 'notFound' };

/** Adds a method the user has just proven (a code sent to it was typed back). */
export async function addMethod(services: AccountServices, actor: Actor, method: NewAuthenticationMethod): Promise<AddOutcome> {
  const user = await services.directory.findUserById(actor.userId);
  if (!user) return { ok: false, error: 'notFound' };
  const before = await services.directory.listAuthenticationMethods(user.id);
  const duplicate = before.some((m) =>
    (method.kind === 'phone' && m.kind === 'phone' && m.phoneNumber?.replace(/\s/g, '') === method.phoneNumber.replace(/\s/g, '')) ||
    (method.kind === 'email' && m.kind === 'email' && m.emailAddress?.toLowerCase() === method.emailAddress.toLowerCase()));
  if (duplicate) return { ok: false, error: 'duplicate' };
  const added = await services.directory.addAuthenticationMethod(user.id, method);
  if (!added.ok) return { ok: false, error: 'notFound' };
  const preferences = await services.directory.getSignInPreferences(user.id);
  if (preferences?.userPreferredMethodForSecondaryAuthentication === 'none') {
    // The first method that can be a default becomes it, as on the security info page.
    const first = defaultOptions([added.value])[0];
    if (first) await services.directory.setSignInPreferences(user.id, { userPreferredMethodForSecondaryAuthentication: first.preference });
  }
  await audit(services, actor, 'securityinfo.add', 'success', { target: describeMethod(added.value) });
  await sendNotice(services, user, 'methodAdded', actor.locale, { methods: before, detail: describeMethod(added.value) });
  return { ok: true, method: added.value };
}

export type RemoveOutcome =
  | { ok: true }
  | { ok: false; error: 'notFound' | 'lastMethod' | 'newDefaultRequired' | 'invalidDefault' };

export async function removeMethod(
  services: AccountServices, actor: Actor, methodId: string, newDefault?: PreferredSecondaryMethod,
): Promise<RemoveOutcome> {
  const user = await services.directory.findUserById(actor.userId);
  if (!user) return { ok: false, error: 'notFound' };
  const methods = await services.directory.listAuthenticationMethods(user.id);
  const method = methods.find((m) => m.id === methodId);
  if (!method) {
    await audit(services, actor, 'securityinfo.remove', 'refused', { reason: 'notFound' });
    return { ok: false, error: 'notFound' };
  }
  if (methods.length <= 1) return { ok: false, error: 'lastMethod' };
  const preference = (await services.directory.getSignInPreferences(user.id))?.userPreferredMethodForSecondaryAuthentication ?? 'none';
  const remaining = methods.filter((m) => m.id !== methodId);
  if (removalNeedsNewDefault(method, methods, preference)) {
    const allowed = defaultOptions(remaining).map((o) => o.preference);
    if (allowed.length > 0 && newDefault === undefined) return { ok: false, error: 'newDefaultRequired' };
    if (newDefault !== undefined && !allowed.includes(newDefault)) return { ok: false, error: 'invalidDefault' };
    await services.directory.setSignInPreferences(user.id, { userPreferredMethodForSecondaryAuthentication: newDefault ?? 'none' });
  }
  const removed = await services.directory.removeAuthenticationMethod(user.id, methodId);
  if (!removed.ok) return { ok: false, error: 'notFound' };
  await audit(services, actor, 'securityinfo.remove', 'success', { target: describeMethod(method) });
  await sendNotice(services, user, 'methodRemoved', actor.locale, { methods, detail: describeMethod(method) });
  return { ok: true };
}

export async function setDefaultMethod(services: AccountServices, actor: Actor, preference: PreferredSecondaryMethod): Promise<{ ok: boolean }> {
  const user = await services.directory.findUserById(actor.userId);
  if (!user) return { ok: false };
  const methods = await services.directory.listAuthenticationMethods(user.id);
  if (!defaultOptions(methods).some((o) => o.preference === preference)) {
    await audit(services, actor, 'securityinfo.default', 'refused', { reason: 'notEligible' });
    return { ok: false };
  }
  await services.directory.setSignInPreferences(user.id, { userPreferredMethodForSecondaryAuthentication: preference });
  await audit(services, actor, 'securityinfo.default', 'success', { target: preference });
  await sendNotice(services, user, 'defaultChanged', actor.locale, { methods, detail: preference });
  return { ok: true };
}
