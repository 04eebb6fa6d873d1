// How a sign-in method is named to the user: its kind and a masked address, in their language.
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { AuthenticationMethod, PreferredSecondaryMethod } from '../bot/core/ports/directory.js';
import { maskEmail, maskPhone } from '../bot/core/usecases/methods.js';

export function methodTitle(t: Translator, method: AuthenticationMethod): string {
  if (method.kind === 'phone') return t.t(`method.phone.${method.phoneType ?? 'mobile'}`);
  return t.t(`method.${method.kind}`);
}

/** The masked address or device of a method: "+46 70 *** ** 34", "s***@example.net", "iPhone 15". */
export function methodDetail(method: AuthenticationMethod): string {
  if (method.kind === 'phone') return method.phoneNumber ? maskPhone(method.phoneNumber) : '';
  if (method.kind === 'email') return method.emailAddress ? maskEmail(method.emailAddress) : '';
  return method.displayName ?? '';
}

/** One line: "Mobile phone +46 70 *** ** 34", "Authenticator app on iPhone 15". */
export function methodLabel(t: Translator, method: AuthenticationMethod): string {
  const detail = methodDetail(method);
  if (method.kind === 'microsoftAuthenticator' && detail) return t.t('method.authenticatorOn', { device: detail });
  return detail ? `${methodTitle(t, method)} ${detail}` : methodTitle(t, method);
}

/** "Text a code to +46 70 *** ** 34", "Notification in the Authenticator app"... */
export function preferenceLabel(t: Translator, preference: PreferredSecondaryMethod, method?: AuthenticationMethod): string {
  return t.t(`method.preference.${preference}`, { detail: method ? methodDetail(method) : '' });
}
