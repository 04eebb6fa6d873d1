// The terms-of-use cards: every agreement with the user's state, and one pending agreement to
// accept or decline (with a notice when it is not in the user's language).
import type { Translator } from '../bot/core/i18n/i18n.js';
import { decidedAt, isPending, type AgreementView } from '../bot/core/usecases/agreements.js';
import type { TermsOfUse } from '../bot/core/ports/directory.js';
import { formCard, noData, type FormSpec } from './formCard.js';
import type { CardAttachment } from './renderer.js';

/** The agreement's title in the user's language when the tenant gives one, else its own. */
export const agreementTitle = (t: Translator, agreement: Pick<TermsOfUse, 'displayName' | 'localizedDisplayNames'>): string =>
  agreement.localizedDisplayNames?.[t.locale] ?? agreement.displayName;

/** "Acceptable use policy (2026.1)", titled in the user's language. */
export const agreementName = (t: Translator, agreement: TermsOfUse): string => `${agreementTitle(t, agreement)} (${agreement.version})`;

function statusLine(t: Translator, view: AgreementView): string {
  // A decision recorded without its time (an imported one) is said without a date.
  const recorded = decidedAt(view);
  const when = recorded ? t.date(recorded) : undefined;
  switch (view.status) {
    case 'accepted': return when ? t.t('termsOfUse.status.accepted', { when }) : t.t('termsOfUse.status.acceptedUndated');
    case 'declined': return when ? t.t('termsOfUse.status.declined', { when }) : t.t('termsOfUse.status.declinedUndated');
    case 'pendingNew': return t.t('termsOfUse.status.pendingNew');
    case 'pendingVersion': return t.t('termsOfUse.status.pendingVersion', { version: view.acceptance?.agreementVersion ?? '' });
  }
}

export function agreementsCard(t: Translator, views: readonly AgreementView[]): CardAttachment {
  return formCard({
    heading: t.t('termsOfUse.heading'),
    items: views.map((a) => ({ title: agreementName(t, a.agreement), subtitle: statusLine(t, a), badge: isPending(a) ? t.t('termsOfUse.pendingBadge') : '', badgeTone: 'warning' })),
  }, noData);
}

/** "English", "anglais", "Engels", "engelska": a language's name in the user's language (its code when Intl does not know it). */
function languageName(t: Translator, language: string): string {
  try {
    return new Intl.DisplayNames([t.locale], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/**
 * One agreement's text, Accept / Decline (each naming the agreement) / Later; `shownIn`: the language
 * of a text not in the user's; `accepted`: the older version the user accepted (for "what changed?":
 * there is no list of changes, only the versions, and the text shown is the whole current one).
 */
export function agreementForm(t: Translator, agreement: TermsOfUse, text: string, shownIn?: string, accepted?: string): FormSpec {
  return {
    heading: agreementName(t, agreement),
    lines: [
      ...(shownIn ? [{ text: t.t('termsOfUse.otherLanguage', { language: languageName(t, shownIn) }), warning: true }] : []),
      text.trim() === '' ? { text: t.t('termsOfUse.noText'), warning: true } : { text },
      { text: t.t('termsOfUse.askDecision') },
    ],
    buttons: [
      { title: t.t('termsOfUse.accept'), action: 'accept', style: 'positive', values: { agreementId: agreement.id } },
      { title: t.t('termsOfUse.decline'), action: 'decline', style: 'destructive', values: { agreementId: agreement.id } },
      { title: t.t('termsOfUse.later'), action: 'later', sendsInputs: false },
    ],
    why: t.t('termsOfUse.why'),
    changes: accepted !== undefined ? t.t('termsOfUse.changesSince', { previous: accepted, current: agreement.version }) : t.t('termsOfUse.changesFirst', { current: agreement.version }),
  };
}
