// "What did you change on my account?": the user's own audit entries, newest first, each in the
// user's language: what was done (or refused), on what, when and where.
import type { Translator } from '../bot/core/i18n/i18n.js';
import { methodLabel, preferenceLabel } from '../bot/core/i18n/methodNames.js';
import type { AuditEntry, AuditSubject } from '../bot/core/ports/audit.js';
import type { TermsOfUse } from '../bot/core/ports/directory.js';
import { formCard, noData } from './formCard.js';
import type { CardAttachment } from './renderer.js';
import { agreementTitle } from './termsOfUseCards.js';

/** "Password change refused" where the action has its own words for the result, else the action. */
function title(t: Translator, entry: AuditEntry): string {
  if (entry.subject?.type === 'agreement') return t.t(`audit.action.termsofuse.${entry.subject.decision}`);
  const own = `audit.action.${entry.action}.${entry.result}`;
  return entry.result !== 'success' && t.has(own) ? t.t(own) : t.t(`audit.action.${entry.action}`);
}

function subjectText(t: Translator, subject: AuditSubject, agreements: readonly TermsOfUse[]): string {
  switch (subject.type) {
    case 'method': return methodLabel(t, subject.method);
    case 'preference': return preferenceLabel(t, subject.preference, subject.method);
    case 'device':
    case 'organization': return subject.name;
    case 'agreement': {
      const agreement = agreements.find((a) => a.id === subject.agreementId);
      return t.t('audit.subject.agreement', { agreement: agreement ? agreementTitle(t, agreement) : subject.name, version: subject.version });
    }
    case 'ticket': return subject.state ? t.t('audit.subject.ticketState', { number: subject.number, state: t.t(`ticket.state.${subject.state}`) }) : t.t('audit.subject.ticket', { number: subject.number });
    case 'unlocked': return t.t('audit.subject.unlocked');
  }
}

/** The entries; `agreements` gives the titles of agreements in the user's language. */
export function auditCard(t: Translator, entries: readonly AuditEntry[], agreements: readonly TermsOfUse[] = []): CardAttachment {
  return formCard({
    heading: t.t('audit.heading'),
    items: entries.map((e) => ({
      title: title(t, e),
      // Entries from before subjects were kept show nothing rather than an untranslated description.
      subtitle: [t.dateTime(e.at), e.subject ? subjectText(t, e.subject, agreements) : '', t.t(`audit.channel.${e.channel === 'msteams' ? 'teams' : 'web'}`)].filter(Boolean).join(' · '),
      badge: e.result === 'success' ? '' : t.t(`audit.result.${e.result}`),
      badgeTone: 'attention',
    })),
    footer: t.t('audit.footer'),
  }, noData);
}
