// The ticket desk over a RecordStore (files in DATA_DIR, or Azure Table Storage): one record a
// ticket, numbered INC-000100 and up, with two small indexes so no listing reads every ticket ever.
//
//   counters/tickets              { last }     the last number given; changed with updateRecord, so
//                                              two instances never give the same number
//   tickets/INC-000123            Ticket       the ticket itself, the only truth about it
//   tickets.user.<userId>/INC-…   { number }   one marker a ticket of that user (written once)
//   tickets.open/INC-…            { number }   one marker a ticket that is not resolved
//
// Markers are written before the ticket they point to, so a crash leaves at worst a marker of a
// ticket that does not exist (skipped when listing), never a ticket no list can find. The open
// markers follow the ticket's state after each change (see `followState`).
import { always, updateRecord, VersionConflictError, type RecordStore } from '../../core/ports/recordStore.js';
import { ticketNumberDigits, ticketNumberPrefix, type NewTicket, type Ticket, type TicketChange, type Tickets } from '../../core/ports/tickets.js';

const firstNumber = 100;
const ticketNumberPattern = new RegExp(`^${ticketNumberPrefix}-\\d{${ticketNumberDigits},}$`);
const partitions = {
  tickets: 'tickets',
  counters: 'counters',
  open: 'tickets.open',
  user: (userId: string) => `tickets.user.${userId}`,
};
/** Instances of the bot competing for the counter retry this often before a create fails. */
const counterAttempts = 50;

interface Counter {
  readonly last: number;
}

interface Marker {
  readonly number: string;
}

const numberOf = (n: number): string => `${ticketNumberPrefix}-${String(n).padStart(ticketNumberDigits, '0')}`;
const sequence = (number: string): number => Number(number.slice(`${ticketNumberPrefix}-`.length));

export class RecordTickets implements Tickets {
  constructor(private readonly records: RecordStore) {}

  async create(ticket: NewTicket, at: Date): Promise<Ticket> {
    const number = numberOf(await this.nextNumber());
    const created: Ticket = {
      ...ticket,
      number,
      state: 'new',
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      history: [{ at: at.toISOString(), actorId: ticket.userId, action: 'created' }],
    };
    await Promise.all([
      this.records.put<Marker>(partitions.user(ticket.userId), number, { number }, always),
      this.records.put<Marker>(partitions.open, number, { number }, always),
    ]);
    // The number is this instance's alone: the record cannot exist yet.
    await this.records.put<Ticket>(partitions.tickets, number, created, { absent: true });
    return created;
  }

  async get(number: string): Promise<Ticket | undefined> {
    const wanted = number.trim().toUpperCase();
    if (!ticketNumberPattern.test(wanted)) return undefined;
    return (await this.records.get<Ticket>(partitions.tickets, wanted))?.value;
  }

  listForUser(userId: string, top = Infinity): Promise<readonly Ticket[]> {
    return this.ticketsMarkedIn(partitions.user(userId), 'newest', top, (t) => t.userId === userId);
  }

  listOpen(top = Infinity): Promise<readonly Ticket[]> {
    return this.ticketsMarkedIn(partitions.open, 'oldest', top, (t) => t.state !== 'resolved');
  }

  async countOpen(): Promise<number> {
    return (await this.records.ids(partitions.open)).filter((id) => ticketNumberPattern.test(id)).length;
  }

  async update(number: string, change: TicketChange): Promise<Ticket | undefined> {
    if (!ticketNumberPattern.test(number)) return undefined;
    // A change that opens the ticket (again) gets its marker first: a crash then costs nothing.
    if (change.state !== undefined && change.state !== 'resolved' && (await this.records.get(partitions.tickets, number))) await this.markOpen(number);
    let changed = false;
    const updated = await updateRecord<Ticket>(this.records, partitions.tickets, number, (current) => {
      changed = false;
      if (!current || (change.onlyIf && !change.onlyIf(current))) return undefined;
      const { event, onlyIf: _onlyIf, ...fields } = change;
      changed = true;
      return { ...current, ...fields, updatedAt: event.at, history: [...current.history, event] };
    });
    if (!changed) return undefined;
    if (updated) await this.followState(number);
    return updated;
  }

  /**
   * Takes over tickets kept elsewhere before (the single tickets.json of earlier versions): each
   * ticket that is not here yet, its markers, and the counter past the last number given there.
   * Safe to run again after a crash half way.
   */
  async importTickets(tickets: readonly Ticket[], lastNumber: number): Promise<number> {
    let imported = 0;
    for (const ticket of tickets) {
      if (!ticketNumberPattern.test(ticket.number)) continue;
      await this.records.put<Marker>(partitions.user(ticket.userId), ticket.number, { number: ticket.number }, always);
      if (ticket.state !== 'resolved') await this.markOpen(ticket.number);
      try {
        await this.records.put<Ticket>(partitions.tickets, ticket.number, ticket, { absent: true });
        imported += 1;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    const highest = Math.max(lastNumber, ...tickets.filter((t) => ticketNumberPattern.test(t.number)).map((t) => sequence(t.number)));
    await updateRecord<Counter>(this.records, partitions.counters, 'tickets', (current) =>
      (current?.last ?? firstNumber - 1) >= highest ? undefined : { last: highest }, counterAttempts);
    return imported;
  }

  private async nextNumber(): Promise<number> {
    const counter = await updateRecord<Counter>(this.records, partitions.counters, 'tickets', (current) => ({ last: (current?.last ?? firstNumber - 1) + 1 }), counterAttempts);
    if (!counter) throw new Error('The ticket counter could not be advanced.');
    return counter.last;
  }

  /**
   * The tickets an index marks, in number order, at most `top` of those that pass `keep`: only
   * the markers' ids are listed, and tickets are read a page at a time until enough are found (a
   * marker can outlive its ticket's state after a crash).
   */
  private async ticketsMarkedIn(partition: string, order: 'oldest' | 'newest', top: number, keep: (ticket: Ticket) => boolean): Promise<Ticket[]> {
    const numbers = (await this.records.ids(partition)).filter((id) => ticketNumberPattern.test(id))
      .sort((a, b) => (order === 'oldest' ? sequence(a) - sequence(b) : sequence(b) - sequence(a)));
    const found: Ticket[] = [];
    const page = Math.max(1, Math.min(top, 50));
    for (let start = 0; start < numbers.length && found.length < top; start += page) {
      const tickets = await Promise.all(numbers.slice(start, start + page).map(async (number) => (await this.records.get<Ticket>(partitions.tickets, number))?.value));
      found.push(...tickets.filter((t): t is Ticket => t !== undefined && keep(t)));
    }
    return found.slice(0, top);
  }

  private async markOpen(number: string): Promise<void> {
    if (!(await this.records.get(partitions.open, number))) await this.records.put<Marker>(partitions.open, number, { number }, always);
  }

  /**
   * Makes the open marker say what the ticket says, then reads the ticket again: if it changed
   * meanwhile (another instance's update), once more. Whoever changes a ticket last therefore
   * leaves its marker right, however the updates of several instances interleave.
   */
  private async followState(number: string): Promise<void> {
    for (let round = 0; round < 20; round += 1) {
      const seen = await this.records.get<Ticket>(partitions.tickets, number);
      if (!seen) return;
      if (seen.value.state === 'resolved') await this.records.remove(partitions.open, number);
      else await this.markOpen(number);
      if ((await this.records.get(partitions.tickets, number))?.version === seen.version) return;
    }
  }
}
