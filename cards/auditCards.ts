// "What did you change on my account?": the user's own audit entries, newest first.
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { AuditEntry } from '../bot/core/ports/audit.js';
import { formCard, noData } from './formCard.js';
import type { CardAttachment } from './renderer.js';

export function auditCard(t: Translator, entries: readonly AuditEntry[]): CardAttachment {
  return formCard({
    heading: t.t('audit.heading'),
    lines: [{ text: t.t('audit.intro', { count: entries.length }) }],
    items: entries.map((e) => ({
      title: t.t(`audit.action.${e.action}`),
      subtitle: [t.dateTime(e.at), e.target, t.t(`audit.channel.${e.channel === 'msteams' ? 'teams' : 'web'}`)].filter(Boolean).join(' · '),
      badge: e.result === 'success' ? '' : t.t(`audit.result.${e.result}`),
      badgeTone: 'attention',
    })),
    footer: t.t('audit.footer'),
  }, noData);
}
