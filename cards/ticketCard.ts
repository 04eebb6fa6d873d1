// A helpdesk ticket as a card: number, state, category, description, who works on it, last update.
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { Ticket } from '../bot/core/ports/tickets.js';
import { formCard, type FormButton } from './formCard.js';
import type { CardAttachment } from './renderer.js';

export function ticketFacts(t: Translator, ticket: Ticket, agentName: string | undefined, now: Date): { title: string; value: string }[] {
  return [
    { title: t.t('ticket.field.state'), value: t.t(`ticket.state.${ticket.state}`) },
    { title: t.t('ticket.field.category'), value: t.t(`ticket.category.${ticket.category}`) },
    { title: t.t('ticket.field.description'), value: ticket.description },
    ...(agentName ? [{ title: t.t('ticket.field.agent'), value: agentName }] : []),
    ...(ticket.resolution ? [{ title: t.t('ticket.field.resolution'), value: ticket.resolution }] : []),
    { title: t.t('ticket.field.updated'), value: t.relative(ticket.updatedAt, now) },
  ];
}

export function ticketCard(
  t: Translator, ticket: Ticket, options: { agentName?: string; now: Date; lines?: string[]; buttons?: FormButton[]; data?: (b: FormButton) => Record<string, string> },
): CardAttachment {
  return formCard({
    heading: t.t('ticket.heading', { number: ticket.number }),
    lines: (options.lines ?? []).map((text) => ({ text })),
    facts: ticketFacts(t, ticket, options.agentName, options.now),
    buttons: options.buttons,
  }, options.data ?? (() => ({})));
}
