// The sign-in cards: recent sign-ins with the unusual ones marked and "This wasn't me", and the
// steps that protect the account, chosen in one card.
import { localeTag, type Translator } from '../bot/core/i18n/i18n.js';
import type { SignInView } from '../bot/core/usecases/signIns.js';
import { cancelButton, formCard, startsGoal, type FormSpec } from './formCard.js';
import type { CardAttachment } from './renderer.js';

/** The target of the "This wasn't me" button. */
export const notMeTarget = 'notMe';

function place(t: Translator, view: SignInView): string {
  const { city, countryOrRegion } = view.signIn.location ?? {};
  let country = countryOrRegion;
  try {
    if (countryOrRegion) country = new Intl.DisplayNames([localeTag(t.locale)], { type: 'region' }).of(countryOrRegion) ?? countryOrRegion;
  } catch {
    // Not a region code: show it as it is.
  }
  return [city, country].filter(Boolean).join(', ');
}

/** Which time zone the times are in: the user's, named, or UTC. */
function timesFooter(t: Translator, now: Date): string {
  const zone = t.zoneName(now);
  return zone ? t.t('signins.footerZone', { zone }) : t.t('signins.footer');
}

/** Why a sign-in failed, in the user's language, from its error code (the directory's text is English only). */
export function failureReason(t: Translator, errorCode: number): string {
  const key = `signins.reason.${errorCode}`;
  return t.has(key) ? t.t(key) : t.t('signins.reason.other', { code: String(errorCode) });
}

function signInLine(t: Translator, view: SignInView, now: Date): string {
  const s = view.signIn;
  const device = [s.deviceDetail?.displayName, s.deviceDetail?.operatingSystem, s.deviceDetail?.browser].filter(Boolean).join(', ');
  const { errorCode } = s.status;
  const result = errorCode === undefined ? t.t('signins.resultUnknown') : errorCode === 0 ? t.t('signins.success') : t.t('signins.failure', { reason: failureReason(t, errorCode) });
  // A time still to come is shown as it is, without "in 3 days" (the card marks it).
  const when = view.reason === 'future' ? t.dateTime(s.createdDateTime) : `${t.dateTime(s.createdDateTime)} (${t.relative(s.createdDateTime, now)})`;
  return [when, place(t, view), device, result].filter(Boolean).join(' · ');
}

/** The sentence that sums the list up: how many, or how many look unusual. */
export function signInsSummary(t: Translator, views: readonly SignInView[]): string {
  const unusual = views.filter((v) => v.unusual).length;
  return unusual > 0 ? t.t('signins.unusualIntro', { count: unusual }) : t.t('signins.intro', { count: views.length });
}

export function signInsCard(t: Translator, views: readonly SignInView[], now: Date): CardAttachment {
  return formCard({
    heading: t.t('signins.heading'),
    items: views.map((v) => ({
      title: v.signIn.appDisplayName ?? t.t('signins.unknownApp'),
      subtitle: signInLine(t, v, now),
      badge: v.reason ? t.t(`signins.unusual.${v.reason}`) : '',
      badgeTone: v.reason === 'failure' ? 'attention' : 'warning',
    })),
    buttons: [{ title: t.t('signins.notMe'), action: 'signins.view', style: 'destructive', values: { target: notMeTarget } }],
    footer: timesFooter(t, now),
  }, startsGoal);
}

/** "This wasn't me": sign out everywhere, change the password, the helpdesk (`nothingChosen`: asked again after all three were switched off). */
export function secureAccountForm(t: Translator, nothingChosen = false): FormSpec {
  return {
    heading: t.t('signins.secureHeading'),
    lines: [
      ...(nothingChosen ? [{ text: t.t('signins.nothingChosen', { cancel: t.t('common.cancel') }), warning: true }] : []),
      { text: t.t('signins.secureIntro') },
    ],
    inputs: [
      { kind: 'toggle', id: 'signOut', label: t.t('signins.step.signOut') },
      { kind: 'toggle', id: 'changePassword', label: t.t('signins.step.changePassword') },
      { kind: 'toggle', id: 'helpdesk', label: t.t('signins.step.helpdesk') },
    ],
    buttons: [{ title: t.t('common.continue'), action: 'secure', style: 'positive' }, cancelButton(t)],
  };
}
