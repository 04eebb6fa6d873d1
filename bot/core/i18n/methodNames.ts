// How a sign-in method is named to the user: its kind and a masked address, in their language.
import type { Translator } from './i18n.js';
import type { AuthenticationMethod, AuthenticationMethodKind, PreferredSecondaryMethod } from '../ports/directory.js';
import { maskEmail, maskPhone } from '../usecases/methods.js';

/** A method as it may be kept (in the audit log): its kind and its masked detail, nothing more. */
export interface MethodSummary {
  readonly kind: AuthenticationMethodKind;
  readonly phoneType?: AuthenticationMethod['phoneType'];
  /** Masked: "+46 70 *** ** 34", "s***@example.net", or the device's name. */
  readonly detail: string;
}

export function methodSummary(method: AuthenticationMethod): MethodSummary {
  return { kind: method.kind, ...(method.phoneType ? { phoneType: method.phoneType } : {}), detail: methodDetail(method) };
}

export function methodTitle(t: Translator, method: Pick<AuthenticationMethod, 'kind' | 'phoneType'>): string {
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
export function methodLabel(t: Translator, method: AuthenticationMethod | MethodSummary): string {
  const { detail } = 'detail' in method ? method : methodSummary(method);
  if (method.kind === 'microsoftAuthenticator' && detail) return t.t('method.authenticatorOn', { device: detail });
  return detail ? `${methodTitle(t, method)} ${detail}` : methodTitle(t, method);
}

/** What `method.phrase` calls a method's kind ("mobile", "email", "authenticatorApp" when the app has no device name). */
function phraseKind(method: AuthenticationMethod): string {
  if (method.kind === 'phone') return method.phoneType ?? 'mobile';
  if (method.kind === 'microsoftAuthenticator') return method.displayName ? 'microsoftAuthenticator' : 'authenticatorApp';
  return method.kind;
}

/** The method as it reads inside a sentence: "your mobile phone +46 70 *** ** 34", "the Authenticator app on iPhone 15". */
export function methodPhrase(t: Translator, method: AuthenticationMethod): string {
  // A method with no detail to show (a security key with no name) ends at its kind.
  return t.t('method.phrase', { kind: phraseKind(method), detail: methodDetail(method) }).trim();
}

/**
 * "Text a code to +46 70 *** ** 34", "Notification in the Authenticator app"...; without the method
 * (an audit entry from before methods were kept with it), "Text a code to your mobile phone".
 */
export function preferenceLabel(t: Translator, preference: PreferredSecondaryMethod, method?: AuthenticationMethod | MethodSummary): string {
  const detail = !method ? '' : 'detail' in method ? method.detail : methodDetail(method);
  const general = `method.preference.${preference}.noDetail`;
  if (!detail && t.has(general)) return t.t(general);
  return t.t(`method.preference.${preference}`, { detail });
}
