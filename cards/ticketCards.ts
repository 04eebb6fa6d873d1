// The helpdesk cards: a ticket (number, state, category, description, agent, last update), the
// hand-off form and its summary, the user's tickets, an agent's open tickets and the card an agent
// works a ticket from, the agent's resolve and send-back forms, the task card a user gets back,
// the dead-end offer of a ticket, and how to reach the helpdesk.
import { ticketCategories, selfServiceTasks, type GoalIntent, type TicketCategory } from '../bot/core/goals.js';
import type { Translator } from '../bot/core/i18n/i18n.js';
import type { HelpdeskContact } from '../bot/core/ports/directory.js';
import type { Ticket, TicketContext, TicketState } from '../bot/core/ports/tickets.js';
import { maxDescriptionLength } from '../bot/core/usecases/helpdesk.js';
import type { TicketAct } from './cardVerbs.js';
import { actsOnTicket, cancelButton, formCard, noData, startsGoal, type BadgeTone, type ButtonData, type FormButton, type FormLine, type FormSpec } from './formCard.js';
import type { CardAttachment } from './renderer.js';

const goalTitle = (t: Translator, goal: GoalIntent): string => t.t(`goal.${goal}.title`);

/** The task of a ticket sent back to its user, and the note the agent added to it (the latest). */
function taskOf(ticket: Ticket): { task: GoalIntent; note?: string } | undefined {
  if (ticket.state !== 'sentBack' || !ticket.task) return undefined;
  const note = ticket.history.filter((e) => e.action === 'sentBack').at(-1)?.note?.trim();
  return note ? { task: ticket.task, note } : { task: ticket.task };
}

function ticketFacts(t: Translator, ticket: Ticket, agentName: string | undefined, now: Date): { title: string; value: string }[] {
  const sentBack = taskOf(ticket);
  return [
    { title: t.t('ticket.field.state'), value: t.t(`ticket.state.${ticket.state}`) },
    ...(sentBack ? [{ title: t.t('ticket.field.task'), value: goalTitle(t, sentBack.task) }] : []),
    ...(sentBack?.note ? [{ title: t.t('ticket.field.note'), value: sentBack.note }] : []),
    { title: t.t('ticket.field.category'), value: t.t(`ticket.category.${ticket.category}`) },
    { title: t.t('ticket.field.description'), value: ticket.description },
    ...(agentName ? [{ title: t.t('ticket.field.agent'), value: agentName }] : []),
    ...(ticket.resolution ? [{ title: t.t('ticket.field.resolution'), value: ticket.resolution }] : []),
    { title: t.t('ticket.field.updated'), value: t.relative(ticket.updatedAt, now) },
  ];
}

export function ticketCard(
  t: Translator, ticket: Ticket, options: { agentName?: string; now: Date; lines?: readonly string[]; buttons?: readonly FormButton[]; data?: ButtonData },
): CardAttachment {
  return formCard({
    heading: t.t('ticket.heading', { number: ticket.number }),
    lines: (options.lines ?? []).map((text) => ({ text })),
    facts: ticketFacts(t, ticket, options.agentName, options.now),
    buttons: options.buttons,
  }, options.data ?? noData);
}

/** How to reach a person: the helpdesk's name, e-mail and phone, one line each. */
export function helpdeskLines(t: Translator, helpdesk: HelpdeskContact): string[] {
  return [
    t.t('helpdesk.contact.name', { helpdesk: helpdesk.displayName }),
    helpdesk.email ? t.t('helpdesk.contact.email', { email: helpdesk.email }) : '',
    helpdesk.phone ? t.t('helpdesk.contact.phone', { phone: helpdesk.phone }) : '',
  ].filter((line) => line !== '');
}

/** The hand-off: category (preselected from where the assistant stopped) and a short description (filled in with what was typed in the chat, when it was). */
export function ticketForm(t: Translator, helpdesk: HelpdeskContact, options: { category?: TicketCategory; context?: TicketContext; problemKey?: string; description?: string; suggestedDescription?: string }): FormSpec {
  const lines: FormLine[] = [
    ...(options.problemKey ? [{ text: t.t(options.problemKey), warning: true }] : []),
    { text: t.t('helpdesk.intro', { helpdesk: helpdesk.displayName }) },
    ...(options.context?.goal ? [{ text: t.t('helpdesk.contextKnown', { goal: goalTitle(t, options.context.goal) }) }] : []),
    ...(options.description ? [{ text: t.t('helpdesk.descriptionFromChat', { button: t.t('common.continue') }) }]
      : options.suggestedDescription ? [{ text: t.t('helpdesk.descriptionSuggested') }] : []),
  ];
  return {
    heading: t.t('helpdesk.heading'),
    lines,
    inputs: [
      { kind: 'choice', id: 'category', label: t.t('helpdesk.categoryLabel'), value: options.category ?? 'other', choices: ticketCategories.map((c) => ({ title: t.t(`ticket.category.${c}`), value: c })) },
      { kind: 'text', id: 'description', label: t.t('helpdesk.descriptionLabel'), value: options.description ?? options.suggestedDescription, placeholder: t.t('helpdesk.descriptionPlaceholder'), maxLength: maxDescriptionLength, errorMessage: t.t('helpdesk.descriptionRequired') },
    ],
    buttons: [{ title: t.t('common.continue'), action: 'submit', style: 'positive' }, cancelButton(t)],
    footer: t.t('helpdesk.noSecrets'),
  };
}

/** What will be sent, before it is: category, description, where the assistant stopped, about what, how many lines attached. */
export function ticketSummaryForm(t: Translator, request: { category: TicketCategory; description: string; context?: TicketContext; attachedLines: number }): FormSpec {
  const { context } = request;
  return {
    heading: t.t('helpdesk.summaryHeading'),
    facts: [
      { title: t.t('ticket.field.category'), value: t.t(`ticket.category.${request.category}`) },
      { title: t.t('ticket.field.description'), value: request.description },
      ...(context?.goal ? [{ title: t.t('helpdesk.where'), value: goalTitle(t, context.goal) }] : []),
      ...(context?.objects?.length ? [{ title: t.t('helpdesk.about'), value: context.objects.map((o) => o.label).join(', ') }] : []),
    ],
    lines: [{ text: t.t('helpdesk.attached', { count: request.attachedLines }) }],
    buttons: [{ title: t.t('helpdesk.send'), action: 'send', style: 'positive' }, cancelButton(t)],
  };
}

/** A dead end, said plainly, with the helpdesk's contact and "Open a ticket" / "No, thanks". */
export function handoffOfferForm(t: Translator, heading: string, lines: readonly string[]): FormSpec {
  return {
    heading,
    lines: lines.map((text) => ({ text })),
    buttons: [{ title: t.t('helpdesk.openTicket'), action: 'ticket', style: 'positive' }, { title: t.t('helpdesk.noThanks'), action: 'no', sendsInputs: false }],
  };
}

/** The button that starts the task a ticket was sent back with (none for any other ticket). */
function taskButtons(t: Translator, ticket: Ticket): FormButton[] {
  const sentBack = taskOf(ticket);
  return sentBack ? [{ title: goalTitle(t, sentBack.task), action: sentBack.task, style: 'positive', values: { task: ticket.number } }] : [];
}

/** The user's own tickets with state, last update and agent; one waiting for them says what to do, with the button that starts it. */
export function myTicketsCard(t: Translator, tickets: readonly { ticket: Ticket; agentName?: string }[], now: Date): CardAttachment {
  return formCard({
    heading: t.t('ticket.listHeading'),
    items: tickets.map(({ ticket, agentName }) => {
      const sentBack = taskOf(ticket);
      return {
        title: `${ticket.number} · ${t.t(`ticket.category.${ticket.category}`)}`,
        subtitle: [
          ticket.description, t.t('ticket.updated', { when: t.relative(ticket.updatedAt, now) }), agentName ? t.t('ticket.agent', { agent: agentName }) : '',
          sentBack?.note ? t.t('ticket.noteInList', { note: sentBack.note }) : '',
        ].filter(Boolean).join(' · '),
        badge: t.t(`ticket.state.${ticket.state}`),
        badgeTone: stateTone[ticket.state],
        buttons: taskButtons(t, ticket),
      };
    }),
  }, startsGoal);
}

/** A ticket's state at a glance: done, in hand, or waiting on the user. */
const stateTone: Record<TicketState, BadgeTone> = { new: 'accent', assigned: 'accent', sentBack: 'warning', resolved: 'good' };

/** For agents: the oldest open tickets, each with a button to open it, under how many are open in all. */
export function openTicketsCard(t: Translator, oldest: readonly Ticket[], total: number, now: Date): CardAttachment {
  return formCard({
    heading: t.t('agent.openHeading', { count: total }),
    items: oldest.map((ticket) => ({
      title: `${ticket.number} · ${ticket.userDisplayName}`,
      subtitle: [t.t(`ticket.category.${ticket.category}`), ticket.description, t.t('ticket.updated', { when: t.relative(ticket.updatedAt, now) })].join(' · '),
      // "Waiting for you" is the user's word for it; the agent reads whom it waits for.
      badge: t.t(ticket.state === 'sentBack' ? 'agent.state.sentBack' : `ticket.state.${ticket.state}`),
      badgeTone: stateTone[ticket.state],
      buttons: [{ title: t.t('agent.act.open', { number: ticket.number }), action: 'open', values: { ticket: ticket.number } }],
    })),
  }, actsOnTicket);
}

/** Where the assistant stopped, in words: the goal, and why it stopped when that is one the agent can read. */
function stoppedAt(t: Translator, goal: GoalIntent, step: string | undefined): string {
  const why = `agent.step.${step ?? ''}`;
  return step && t.has(why) ? t.t('agent.stoppedAt', { goal: goalTitle(t, goal), step: t.t(why) }) : t.t('agent.stoppedAtGoal', { goal: goalTitle(t, goal) });
}

/** The card an agent works a ticket from: who, where the assistant stopped, about what, every line attached (as many as the user was told), and the acts. */
export function agentTicketCard(t: Translator, ticket: Ticket, options: { agentName?: string; now: Date; intro?: string }): CardAttachment {
  const acts: TicketAct[] = ticket.state === 'resolved' ? [] : ['assign', 'resolve', 'sendBack'];
  const lines = [
    ...(options.intro ? [options.intro] : []),
    t.t('agent.from', { user: ticket.userDisplayName, channel: ticket.channel, locale: ticket.locale }),
    ...(ticket.context.goal ? [stoppedAt(t, ticket.context.goal, ticket.context.step)] : []),
    ...(ticket.context.objects?.length ? [t.t('agent.about', { objects: ticket.context.objects.map((o) => `${t.t(`agent.object.${o.kind}`)} ${o.label}`).join(', ') })] : []),
    ...(ticket.transcript.length ? [t.t('agent.transcript'), ...ticket.transcript.map((l) => `${t.t(l.from === 'user' ? 'agent.line.user' : 'agent.line.bot')} ${l.text}`)] : []),
  ];
  return ticketCard(t, ticket, {
    agentName: options.agentName,
    now: options.now,
    lines,
    buttons: acts.map((act) => ({ title: t.t(`agent.act.${act}`), action: act, values: { ticket: ticket.number }, style: act === 'resolve' ? 'positive' : 'default' })),
    data: actsOnTicket,
  });
}

/** An agent resolves a ticket: the comment the user will read (starting with the one the agent typed, if any). */
export function resolveForm(t: Translator, ticket: Ticket, comment?: string): FormSpec {
  return {
    heading: t.t('agent.resolveHeading', { number: ticket.number }),
    inputs: [{ kind: 'text', id: 'comment', label: t.t('agent.commentLabel'), value: comment, maxLength: maxDescriptionLength, errorMessage: t.t('agent.commentRequired') }],
    buttons: [{ title: t.t('agent.act.resolve'), action: 'resolve', style: 'positive' }, cancelButton(t)],
  };
}

/** An agent sends a ticket back as a self-service task: which goal, and a note (starting with the one the agent typed, if any). */
export function sendBackForm(t: Translator, ticket: Ticket, note?: string): FormSpec {
  return {
    heading: t.t('agent.sendBackHeading', { number: ticket.number }),
    lines: [{ text: t.t('agent.sendBackIntro', { user: ticket.userDisplayName }) }],
    inputs: [
      { kind: 'choice', id: 'task', label: t.t('agent.taskLabel'), value: selfServiceTasks[0], choices: selfServiceTasks.map((g) => ({ title: goalTitle(t, g), value: g })) },
      { kind: 'text', id: 'note', label: t.t('agent.noteLabel'), value: note, required: false, maxLength: maxDescriptionLength },
    ],
    buttons: [{ title: t.t('agent.act.sendBack'), action: 'sendBack', style: 'positive' }, cancelButton(t)],
  };
}

/**
 * One of the user's own tickets, as its status or as news of it (`lines`): for a task sent back,
 * what to do, the agent's note, and the button that starts it.
 */
export function ownTicketCard(t: Translator, ticket: Ticket, options: { agentName?: string; now: Date; lines?: readonly string[] }): CardAttachment {
  const buttons = taskButtons(t, ticket);
  return buttons.length === 0 ? ticketCard(t, ticket, options) : ticketCard(t, ticket, { ...options, buttons, data: startsGoal });
}

/** What a user is told when their ticket moves: a line, and for a task, the button that starts it. */
export function ticketUpdateCard(t: Translator, ticket: Ticket, text: string, options: { agentName?: string; now: Date }): CardAttachment {
  return ownTicketCard(t, ticket, { ...options, lines: [text] });
}
