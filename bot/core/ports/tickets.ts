// The helpdesk's ticket desk: cases the assistant hands to a person, with what a person needs to
// pick them up without asking again. Never a password, code or token.
import type { GoalIntent, TicketCategory } from '../goals.js';

/** Ticket numbers read INC-000123: the prefix, a dash and at least this many digits (zero-padded). */
export const ticketNumberPrefix = 'INC';
export const ticketNumberDigits = 6;

export type TicketState = 'new' | 'assigned' | 'sentBack' | 'resolved';

/** Where the assistant stopped, and what it was about. */
export interface TicketContext {
  readonly goal?: GoalIntent;
  readonly step?: string;
  readonly objects?: readonly { readonly kind: 'device' | 'method' | 'organization'; readonly id: string; readonly label: string }[];
}

export interface TranscriptLine {
  readonly from: 'user' | 'bot';
  readonly text: string;
  readonly at: string;
}

export interface TicketEvent {
  readonly at: string;
  readonly actorId: string;
  readonly action: 'created' | 'assigned' | 'resolved' | 'sentBack' | 'taskCompleted';
  readonly note?: string;
}

export interface Ticket {
  readonly number: string;
  readonly userId: string;
  readonly userDisplayName: string;
  readonly channel: string;
  readonly locale: string;
  readonly category: TicketCategory;
  readonly description: string;
  readonly state: TicketState;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly assignedTo?: string;
  readonly resolution?: string;
  /** The goal the user was sent back to complete with the assistant. */
  readonly task?: GoalIntent;
  readonly context: TicketContext;
  readonly transcript: readonly TranscriptLine[];
  readonly history: readonly TicketEvent[];
}

export type NewTicket = Pick<Ticket, 'userId' | 'userDisplayName' | 'channel' | 'locale' | 'category' | 'description' | 'context' | 'transcript'>;

export interface TicketChange {
  /**
   * Checked against the ticket as stored, in the same atomic step as the change: when false the
   * ticket is left as it is (a second press of "Assign", a resolve racing another).
   */
  readonly onlyIf?: (current: Ticket) => boolean;
  readonly state?: TicketState;
  readonly assignedTo?: string;
  readonly resolution?: string;
  readonly task?: GoalIntent;
  readonly event: TicketEvent;
}

export interface Tickets {
  create(ticket: NewTicket, at: Date): Promise<Ticket>;
  get(number: string): Promise<Ticket | undefined>;
  /** The user's own tickets, newest first; the `top` newest when given. */
  listForUser(userId: string, top?: number): Promise<readonly Ticket[]>;
  /** Tickets not resolved yet, oldest first; the `top` oldest when given. */
  listOpen(top?: number): Promise<readonly Ticket[]>;
  /** How many tickets are not resolved yet. */
  countOpen(): Promise<number>;
  /** The ticket changed; undefined when there is no such ticket or `onlyIf` kept it as it was. */
  update(number: string, change: TicketChange): Promise<Ticket | undefined>;
}
