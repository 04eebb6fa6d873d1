// The password cards: what the rules are, which one failed, and the inputs (password style only);
// the account name an anonymous reset starts from; sign out everywhere, asked or offered.
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { PasswordPolicy } from '../bot/core/ports/directory.js';
import type { PolicyFailure } from '../bot/core/usecases/passwordPolicy.js';
import { cancelButton, yesNoButtons, type FormInput, type FormLine, type FormSpec } from './formCard.js';

function policyLine(t: Translator, policy: PasswordPolicy): string {
  return t.t('password.rules', { min: policy.minLength, classes: policy.requiredCharacterClasses, history: policy.historyCount });
}

export function failureLines(t: Translator, failures: readonly PolicyFailure[]): FormLine[] {
  return failures.map((f) => ({ text: t.t(`password.rule.${f.rule}`, f.params), warning: true }));
}

const passwordInput = (t: Translator, id: string, labelKey: string): FormInput =>
  ({ kind: 'text', id, label: t.t(labelKey), style: 'password', maxLength: 256, errorMessage: t.t('password.required') });

export function newPasswordForm(t: Translator, options: { headingKey: string; introKey?: string; withCurrent: boolean; policy: PasswordPolicy; problems: readonly FormLine[] }): FormSpec {
  return {
    heading: t.t(options.headingKey),
    lines: [...options.problems, ...(options.introKey ? [{ text: t.t(options.introKey) }] : []), { text: policyLine(t, options.policy) }],
    inputs: [
      ...(options.withCurrent ? [passwordInput(t, 'currentPassword', 'password.current')] : []),
      passwordInput(t, 'newPassword', 'password.new'),
      passwordInput(t, 'confirmPassword', 'password.confirm'),
    ],
    buttons: [
      { title: t.t(options.withCurrent ? 'password.changeButton' : 'password.resetButton'), action: 'submit', style: 'positive' },
      cancelButton(t),
    ],
    footer: t.t('password.privacy'),
  };
}

/** An anonymous reset: which account (typed in the card or as a message). */
export function accountNameForm(t: Translator, exampleDomain: string): FormSpec {
  return {
    heading: t.t('passwordReset.heading'),
    lines: [{ text: t.t('passwordReset.askAccount') }],
    inputs: [{ kind: 'text', id: 'account', label: t.t('passwordReset.accountLabel'), style: 'email', placeholder: t.t('passwordReset.accountPlaceholder', { domain: exampleDomain }), maxLength: 256 }],
    buttons: [{ title: t.t('common.continue'), action: 'submit', style: 'positive' }, cancelButton(t)],
  };
}

/** signout.everywhere: what it does, Yes / No. */
export function signOutForm(t: Translator): FormSpec {
  return { heading: t.t('signout.heading'), lines: [{ text: t.t('signout.explain') }], buttons: yesNoButtons(t) };
}

/** After a reset: sign out everywhere too? Yes / No. */
export function signOutOfferForm(t: Translator): FormSpec {
  return { heading: t.t('signout.offerHeading'), lines: [{ text: t.t('signout.offer') }], buttons: yesNoButtons(t) };
}
