// The embedded ticket desk: DATA_DIR/tickets.json, numbered INC-000100 and up.
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { NewTicket, Ticket, TicketChange, Tickets } from '../../core/ports/tickets.js';

interface TicketsFile {
  lastNumber: number;
  tickets: Ticket[];
}

const firstNumber = 100;
const ticketNumberPattern = /^INC-\d{6}$/;

export class EmbeddedTickets implements Tickets {
  private constructor(private readonly db: Low<TicketsFile>) {}

  static async open(dataDir: string): Promise<EmbeddedTickets> {
    const db = new Low<TicketsFile>(new JSONFile<TicketsFile>(path.join(dataDir, 'tickets.json')), { lastNumber: firstNumber - 1, tickets: [] });
    await db.read();
    db.data.tickets ??= [];
    db.data.lastNumber ??= firstNumber - 1;
    return new EmbeddedTickets(db);
  }

  async create(ticket: NewTicket, at: Date): Promise<Ticket> {
    this.db.data.lastNumber += 1;
    const created: Ticket = {
      ...ticket,
      number: `INC-${String(this.db.data.lastNumber).padStart(6, '0')}`,
      state: 'new',
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      history: [{ at: at.toISOString(), actorId: ticket.userId, action: 'created' }],
    };
    this.db.data.tickets.push(created);
    await this.db.write();
    return created;
  }

  get(number: string): Promise<Ticket | undefined> {
    const wanted = number.trim().toUpperCase();
    return Promise.resolve(ticketNumberPattern.test(wanted) ? this.db.data.tickets.find((t) => t.number === wanted) : undefined);
  }

  listForUser(userId: string): Promise<readonly Ticket[]> {
    return Promise.resolve(this.db.data.tickets.filter((t) => t.userId === userId).reverse());
  }

  listOpen(): Promise<readonly Ticket[]> {
    return Promise.resolve(this.db.data.tickets.filter((t) => t.state !== 'resolved'));
  }

  async update(number: string, change: TicketChange): Promise<Ticket | undefined> {
    const index = this.db.data.tickets.findIndex((t) => t.number === number);
    const current = this.db.data.tickets[index];
    if (!current) return undefined;
    const { event, ...fields } = change;
    const updated: Ticket = { ...current, ...fields, updatedAt: event.at, history: [...current.history, event] };
    this.db.data.tickets[index] = updated;
    await this.db.write();
    return updated;
  }
}
