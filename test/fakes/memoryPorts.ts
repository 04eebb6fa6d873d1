// In-memory fakes of the small ports (audit, notifier, tickets, proactive messages) and a clock that only moves when a test moves it. Each records what it was given so a
// test can assert on it.
import type { Audit, AuditEntry } from '../../bot/core/ports/audit.js';
import type { Clock } from '../../bot/core/ports/clock.js';
import type { Notification, Notifier } from '../../bot/core/ports/notifier.js';
import type { OutgoingMessage, Proactive } from '../../bot/core/ports/proactive.js';
import type { NewTicket, Ticket, TicketChange, Tickets } from '../../bot/core/ports/tickets.js';

/** A fixed Monday morning, so dates in tests read the same on every run. */
export const testStart = new Date('2025-03-10T09:00:00.000Z');

export class ManualClock implements Clock {
  private time: number;

  constructor(start: Date = testStart) {
    this.time = start.getTime();
  }

  now(): Date {
    return new Date(this.time);
  }

  advance(ms: number): void {
    this.time += ms;
  }
}

export const minutes = (n: number): number => n * 60 * 1000;

export class MemoryAudit implements Audit {
  /** Every entry, oldest first. */
  readonly entries: AuditEntry[] = [];

  record(entry: AuditEntry): Promise<void> {
    this.entries.push({ ...entry });
    return Promise.resolve();
  }

  listForUser(userId: string, top: number): Promise<readonly AuditEntry[]> {
    return Promise.resolve(this.entries.filter((e) => e.userId === userId).reverse().slice(0, Math.max(0, top)));
  }
}

export class MemoryNotifier implements Notifier {
  /** Every notification, in the order sent. */
  readonly sent: Notification[] = [];

  send(notification: Notification): Promise<void> {
    this.sent.push({ ...notification });
    return Promise.resolve();
  }

  /** The notifications that went to this phone number, address or Authenticator. */
  to(address: string): Notification[] {
    return this.sent.filter((n) => n.to === address);
  }
}

const firstTicketNumber = 100;

export class MemoryTickets implements Tickets {
  private readonly tickets: Ticket[] = [];

  create(ticket: NewTicket, at: Date): Promise<Ticket> {
    const created: Ticket = {
      ...ticket,
      number: `INC-${String(firstTicketNumber + this.tickets.length).padStart(6, '0')}`,
      state: 'new',
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      history: [{ at: at.toISOString(), actorId: ticket.userId, action: 'created' }],
    };
    this.tickets.push(created);
    return Promise.resolve(created);
  }

  get(number: string): Promise<Ticket | undefined> {
    return Promise.resolve(this.tickets.find((t) => t.number === number.trim().toUpperCase()));
  }

  listForUser(userId: string, top = Infinity): Promise<readonly Ticket[]> {
    return Promise.resolve(this.tickets.filter((t) => t.userId === userId).reverse().slice(0, top));
  }

  listOpen(top = Infinity): Promise<readonly Ticket[]> {
    return Promise.resolve(this.tickets.filter((t) => t.state !== 'resolved').slice(0, top));
  }

  countOpen(): Promise<number> {
    return Promise.resolve(this.tickets.filter((t) => t.state !== 'resolved').length);
  }

  update(number: string, change: TicketChange): Promise<Ticket | undefined> {
    const index = this.tickets.findIndex((t) => t.number === number);
    const current = this.tickets[index];
    if (!current || (change.onlyIf && !change.onlyIf(current))) return Promise.resolve(undefined);
    const { event, onlyIf: _onlyIf, ...fields } = change;
    const updated: Ticket = { ...current, ...fields, updatedAt: event.at, history: [...current.history, event] };
    this.tickets[index] = updated;
    return Promise.resolve(updated);
  }
}

export class MemoryProactive implements Proactive {
  /** What was delivered, to whom, in order. */
  readonly sent: { readonly userId: string; readonly messages: readonly OutgoingMessage[] }[] = [];
  /** People with no stored conversation (or whose channel refuses): sends to them fail. */
  readonly unreachable = new Set<string>();

  /** The language the assistant last spoke with each person, as a test sets it. */
  readonly languages = new Map<string, string>();

  languageOf(userId: string): Promise<string | undefined> {
    return Promise.resolve(this.languages.get(userId));
  }

  send(userId: string, messages: readonly OutgoingMessage[]): Promise<boolean> {
    if (this.unreachable.has(userId)) return Promise.resolve(false);
    this.sent.push({ userId, messages: [...messages] });
    return Promise.resolve(true);
  }
}
