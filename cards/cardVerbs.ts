// What a card button asks for, as the `verb` of its data. The verbs are persisted in cards people
// already have on screen: plain constants, never renamed.
export const cardVerbs = {
  startGoal: 'goal.start',
  showMenu: 'menu.show',
  reportProfileError: 'profile.reportError',
  /** A helpdesk agent's action on a ticket; allowed to agents only, checked where it is handled. */
  ticketAction: 'ticket.act',
  /** A step of a goal dialog: carries the one-time nonce of the card it came from. */
  submitStep: 'step.submit',
  /** Teams: a card seen by several people asks for the live view of the one it is for (carries the nonce). */
  refreshCard: 'card.refresh',
} as const;

/** What a helpdesk agent can do with a ticket from its card. */
export const ticketActs = ['open', 'assign', 'resolve', 'sendBack'] as const;
export type TicketAct = (typeof ticketActs)[number];
