// The password cards: what the rules are, which one failed, and the inputs (password style only).
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { PasswordPolicy } from '../bot/core/ports/directory.js';
import type { PolicyFailure } from '../bot/core/usecases/passwordPolicy.js';
import type { FormInput, FormLine, FormSpec } from './formCard.js';

export function policyLine(t: Translator, policy: PasswordPolicy): string {
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
      { title: t.t('common.cancel'), action: 'cancel', sendsInputs: false },
    ],
    footer: t.t('password.privacy'),
  };
}
