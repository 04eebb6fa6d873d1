// The security info cards: the methods (masked, the default marked, with add / remove / default
// buttons), what to add and its details, which method to remove and the confirmation (with the new
// default when the default relied on it), and the choice of default.
import type { Translator } from '../bot/core/i18n/i18n.js';
import { portalLinks } from '../bot/core/portalLinks.js';
import type { AuthenticationMethod, PreferredSecondaryMethod } from '../bot/core/ports/directory.js';
import type { AddableKind, DefaultOption } from '../bot/core/usecases/methods.js';
import type { MethodsOverview } from '../bot/core/usecases/securityInfo.js';
import { cancelButton, formCard, startsGoal, type FormButton, type FormInput, type FormLine, type FormSpec } from './formCard.js';
import { methodDetail, methodLabel, methodPhrase, methodTitle, preferenceLabel } from '../bot/core/i18n/methodNames.js';
import type { CardAttachment } from './renderer.js';

/** securityinfo.view: every method with a remove button (when there is more than one), add and default buttons. */
export function methodsCard(t: Translator, overview: MethodsOverview): CardAttachment {
  const { methods, current, options, defaultMethodIds } = overview;
  const lines = methods.length === 0
    ? [{ text: t.t('securityInfo.none') }]
    : [{ text: t.t('securityInfo.defaultIs', { method: current ? preferenceLabel(t, current.preference, current.method) : t.t('securityInfo.noDefault') }) }];
  const buttons: FormButton[] = [{ title: t.t('securityInfo.addButton'), action: 'securityinfo.add', style: 'positive' }];
  if (options.length > 1) buttons.push({ title: t.t('securityInfo.defaultButton'), action: 'securityinfo.default' });
  return formCard({
    heading: t.t('securityInfo.heading'),
    lines,
    items: methods.map((m) => ({
      title: methodTitle(t, m),
      subtitle: methodDetail(m),
      badge: defaultMethodIds.includes(m.id) ? t.t('securityInfo.defaultBadge') : '',
      badgeTone: 'accent',
      buttons: methods.length > 1 ? [{ title: t.t('securityInfo.removeButton', { method: methodPhrase(t, m) }), action: 'securityinfo.remove', values: { target: m.id } }] : [],
    })),
    buttons,
    // The note on masked numbers and addresses, only when there is one to mask.
    ...(methods.length > 0 ? { footer: t.t('securityInfo.footer') } : {}),
  }, startsGoal);
}

/** What kind of method to add; each button's action is the kind. The Authenticator, when it is set up on Microsoft's page instead, is a link. */
export function addKindForm(t: Translator, kinds: readonly AddableKind[], authenticatorPage?: string): FormSpec {
  return {
    heading: t.t('securityInfo.addHeading'),
    lines: [{ text: t.t('securityInfo.addPick') }, ...(authenticatorPage ? [{ text: t.t('securityInfo.authenticatorOnPage', { url: authenticatorPage }) }] : [])],
    buttons: [...kinds.map((k) => ({ title: t.t(`securityInfo.kind.${k}`), action: k })), cancelButton(t)],
  };
}

/**
 * Asked to add an e-mail or a phone when there is no room for one more: the ones the user has
 * (masked), and a button to remove each, the way to make room (not when it is the only method).
 */
export function addTakenCard(t: Translator, kind: 'phone' | 'email', taken: readonly AuthenticationMethod[], methodCount: number): CardAttachment {
  const [email] = taken;
  return formCard({
    heading: t.t('securityInfo.addHeading'),
    lines: [{ text: kind === 'email' && email ? t.t('securityInfo.emailTaken', { address: methodDetail(email) }) : t.t('securityInfo.phonesFull') }],
    buttons: methodCount > 1 ? taken.map((m) => ({ title: t.t('securityInfo.removeButton', { method: methodPhrase(t, m) }), action: 'securityinfo.remove', values: { target: m.id } })) : [],
  }, startsGoal);
}

/** The new method's number, address or device name (`typed`: the one the user's message gave); for the Authenticator, the set-up guide. */
export function addDetailsForm(t: Translator, kind: AddableKind, problemKey?: string, typed?: string, phoneType?: 'mobile' | 'alternateMobile'): FormSpec {
  const problems: FormLine[] = problemKey ? [{ text: t.t(problemKey), warning: true }] : [];
  const input: FormInput =
    kind === 'phone' ? { kind: 'text', id: 'phone', label: t.t('securityInfo.phoneLabel'), style: 'tel', placeholder: t.t('securityInfo.phonePlaceholder'), maxLength: 32, value: typed }
      : kind === 'email' ? { kind: 'text', id: 'email', label: t.t('securityInfo.emailLabel'), style: 'email', placeholder: t.t('securityInfo.emailPlaceholder'), maxLength: 254, value: typed }
        : { kind: 'text', id: 'deviceName', label: t.t('securityInfo.deviceLabel'), style: 'text', placeholder: 'iPhone 15', maxLength: 64 };
  const guide = kind === 'authenticator'
    ? ['securityInfo.authenticator.step1', 'securityInfo.authenticator.step2', 'securityInfo.authenticator.step3'].map((key) => ({ text: t.t(key, { url: portalLinks.securityInfo }) }))
    : [{ text: t.t(`securityInfo.${kind}Intro`) }];
  return {
    heading: kind === 'phone' && phoneType ? t.t(`method.phone.${phoneType}`) : t.t(`securityInfo.kind.${kind}`),
    lines: [...problems, ...guide],
    inputs: [input],
    buttons: [{ title: t.t(kind === 'authenticator' ? 'securityInfo.pairButton' : 'securityInfo.sendCodeButton'), action: 'submit', style: 'positive' }, cancelButton(t)],
  };
}

/** Which method to remove. */
export function removePickForm(t: Translator, methods: readonly AuthenticationMethod[]): FormSpec {
  return {
    heading: t.t('securityInfo.removeHeading'),
    lines: [{ text: t.t('securityInfo.removePick') }],
    items: methods.map((m) => ({ title: methodLabel(t, m), buttons: [{ title: t.t('securityInfo.removeButton', { method: methodPhrase(t, m) }), action: 'choose', values: { methodId: m.id } }] })),
    buttons: [cancelButton(t)],
  };
}

/** A choice of default, the first preselected (the current one when given and allowed). */
export function defaultChoiceInput(t: Translator, id: string, label: string, options: readonly DefaultOption[], selected?: PreferredSecondaryMethod): FormInput {
  return {
    kind: 'choice', id, label,
    value: options.some((o) => o.preference === selected) ? selected : options[0]?.preference,
    choices: options.map((o) => ({ title: preferenceLabel(t, o.preference, o.method), value: o.preference })),
  };
}

/** The confirmation; with the new default in the same card when the default relied on the method (`wanted` preselected when it is a choice). */
export function removeConfirmForm(t: Translator, method: AuthenticationMethod, newDefaultChoices: readonly DefaultOption[], wanted?: PreferredSecondaryMethod): FormSpec {
  const asksDefault = newDefaultChoices.length > 0;
  return {
    heading: t.t('securityInfo.removeConfirmHeading'),
    lines: [
      { text: t.t('securityInfo.removeConfirm', { method: methodPhrase(t, method) }) },
      ...(asksDefault ? [{ text: t.t('securityInfo.removeDefaultNote') }] : []),
    ],
    inputs: asksDefault ? [defaultChoiceInput(t, 'newDefault', t.t('securityInfo.newDefaultLabel'), newDefaultChoices, wanted)] : [],
    buttons: [{ title: t.t('securityInfo.removeNow'), action: 'remove', style: 'destructive' }, cancelButton(t)],
    why: t.t('securityInfo.removeWhy', { method: methodPhrase(t, method) }),
  };
}

/** securityinfo.default when the methods allow one setting only, the default already: nothing to choose, and what to add for a choice. */
export function onlyDefaultCard(t: Translator, only: DefaultOption): CardAttachment {
  return formCard({
    heading: t.t('securityInfo.defaultHeading'),
    lines: [{ text: t.t('securityInfo.onlyDefault', { method: preferenceLabel(t, only.preference, only.method) }) }],
    buttons: [{ title: t.t('securityInfo.addButton'), action: 'securityinfo.add', style: 'positive' }],
  }, startsGoal);
}

/** securityinfo.default: the settings the methods allow, the current one selected. */
export function defaultForm(t: Translator, options: readonly DefaultOption[], current: PreferredSecondaryMethod): FormSpec {
  return {
    heading: t.t('securityInfo.defaultHeading'),
    lines: [{ text: t.t('securityInfo.defaultPick') }],
    inputs: [defaultChoiceInput(t, 'preference', t.t('securityInfo.defaultLabel'), options, current)],
    buttons: [{ title: t.t('common.save'), action: 'save', style: 'positive' }, cancelButton(t)],
  };
}
