// What the helpdesk and the user are told when a ticket arrives or moves, each in their own
// language, in their own conversation with the bot.
import type { TicketAct } from '../../cards/cardVerbs.js';
import { toLocale, translator, type Translator } from '../../bot/core/i18n/i18n.js';
import type { GoalIntent } from '../../bot/core/goals.js';
import type { Ticket } from '../../bot/core/ports/tickets.js';
import type { AccountServices } from '../../bot/core/usecases/services.js';
import { actsOnTicket, startsGoal } from '../../cards/formCard.js';
import { ticketCard } from '../../cards/ticketCard.js';

/** A person's language: the one they used with the assistant (if known), else their directory preference. */
async function translatorFor(services: AccountServices, userId: string, used?: string): Promise<Translator> {
  const user = await services.directory.findUserById(userId);
  return translator(toLocale(used) ?? toLocale(user?.preferredLanguage) ?? 'en');
}

/** The card an agent works a ticket from. */
export async function agentTicketCard(services: AccountServices, t: Translator, ticket: Ticket, intro?: string) {
  const agent = ticket.assignedTo ? (await services.directory.findUserById(ticket.assignedTo))?.displayName : undefined;
  const acts: TicketAct[] = ticket.state === 'resolved' ? [] : ['assign', 'resolve', 'sendBack'];
  const lines = [
    ...(intro ? [intro] : []),
    t.t('agent.from', { user: ticket.userDisplayName, channel: ticket.channel, locale: ticket.locale }),
    ...(ticket.context.goal ? [t.t('agent.stoppedAt', { goal: t.t(`goal.${ticket.context.goal}.title`), step: ticket.context.step ?? '' })] : []),
    ...(ticket.context.objects?.length ? [t.t('agent.about', { objects: ticket.context.objects.map((o) => `${o.kind} ${o.label}`).join(', ') })] : []),
    ...(ticket.transcript.length ? [t.t('agent.transcript'), ...ticket.transcript.slice(-8).map((l) => `${t.t(l.from === 'user' ? 'agent.line.user' : 'agent.line.bot')} ${l.text}`)] : []),
  ];
  return ticketCard(t, ticket, {
    agentName: agent,
    now: services.clock.now(),
    lines,
    buttons: acts.map((act) => ({ title: t.t(`agent.act.${act}`), action: act, values: { ticket: ticket.number }, style: act === 'resolve' ? 'positive' : 'default' })),
    data: actsOnTicket,
  });
}

/** Posts a new ticket to every helpdesk agent who has talked to the bot. */
export async function announceTicket(services: AccountServices, number: string): Promise<void> {
  const ticket = await services.tickets.get(number);
  if (!ticket) return;
  const { helpdesk } = await services.directory.tenant();
  for (const agentId of helpdesk.agents) {
    if (agentId === ticket.userId) continue;
    const t = await translatorFor(services, agentId);
    const card = await agentTicketCard(services, t, ticket, t.t('agent.newTicket', { number }));
    await services.proactive.send(agentId, [{ text: t.t('agent.newTicket', { number }), attachment: card }]);
  }
}

/** Tells the user, in their language, that their ticket moved. */
export async function tellUser(services: AccountServices, ticket: Ticket, change: 'assigned' | 'resolved' | 'sentBack' | 'taskCompleted'): Promise<void> {
  const t = await translatorFor(services, ticket.userId, ticket.locale);
  const agent = ticket.assignedTo ? (await services.directory.findUserById(ticket.assignedTo))?.displayName ?? '' : '';
  const now = services.clock.now();
  if (change === 'sentBack' && ticket.task) {
    const task: GoalIntent = ticket.task;
    const text = t.t('ticket.user.sentBack', { number: ticket.number, goal: t.t(`goal.${task}.title`) });
    const card = ticketCard(t, ticket, {
      now,
      agentName: agent || undefined,
      lines: [text],
      buttons: [{ title: t.t(`goal.${task}.title`), action: task, style: 'positive', values: { task: ticket.number } }],
      data: startsGoal,
    });
    await services.proactive.send(ticket.userId, [{ text, attachment: card }]);
    return;
  }
  const text = t.t(`ticket.user.${change}`, { number: ticket.number, agent, resolution: ticket.resolution ?? '' });
  await services.proactive.send(ticket.userId, [{ text, attachment: ticketCard(t, ticket, { now, agentName: agent || undefined, lines: [text] }) }]);
}
