// The ticket desk over records: numbers that never collide, even from two instances at once;
// updates that lose nothing; the user's list newest first and the open list oldest first, read
// from their indexes, not from every ticket ever.
import assert from 'node:assert/strict';
import { RecordTickets } from '../../../../bot/adapters/records/recordTickets.js';
import type { RecordStore, WriteCondition } from '../../../../bot/core/ports/recordStore.js';
import type { NewTicket, Ticket, TicketChange } from '../../../../bot/core/ports/tickets.js';
import { MemoryRecords } from '../../../fakes/memoryRecords.js';
import { recordStores, type OpenedRecords } from './recordStores.js';

const at = new Date('2025-03-10T09:00:00.000Z');
const request = (userId: string, description = 'Help'): NewTicket => ({
  userId, userDisplayName: userId, channel: 'msteams', locale: 'en-US', category: 'other', description, context: {}, transcript: [],
});
const change = (state: TicketChange['state'], actorId = 'agent', note?: string): TicketChange => ({
  state, event: { at: at.toISOString(), actorId, action: state === 'resolved' ? 'resolved' : state === 'sentBack' ? 'sentBack' : 'assigned', note },
});
const numbers = (tickets: readonly Ticket[]): string[] => tickets.map((t) => t.number);

for (const { name, open } of recordStores) {
  describe(`record tickets ${name}`, function () {
    let records: OpenedRecords;
    let tickets: RecordTickets;
    beforeEach(async function () {
      records = await open();
      tickets = new RecordTickets(records.store);
    });
    afterEach(() => records.close());

    it('numbers tickets INC-000100 upward and finds them by number, as typed', async function () {
      const first = await tickets.create(request('anna', 'Printer'), at);
      const second = await tickets.create(request('bert'), at);
      assert.deepEqual([first.number, second.number], ['INC-000100', 'INC-000101']);
      assert.equal(first.state, 'new');
      assert.deepEqual(first.history, [{ at: at.toISOString(), actorId: 'anna', action: 'created' }]);
      assert.deepEqual(await tickets.get(' inc-000100 '), first);
      assert.equal(await tickets.get('INC-999999'), undefined);
      assert.equal(await tickets.get('../../etc'), undefined);
      assert.equal(await tickets.update('INC-999999', change('assigned')), undefined);
      // Another instance (a restart) goes on from the last number.
      assert.equal((await new RecordTickets(records.another()).create(request('anna'), at)).number, 'INC-000102');
    });

    it('50 concurrent creates from two instances: 50 distinct numbers, every ticket listed', async function () {
      this.timeout(60_000);
      const instances = [tickets, new RecordTickets(records.another())];
      const created = await Promise.all(Array.from({ length: 50 }, (_, i) => instances[i % 2]!.create(request(`user-${i % 5}`, `Ticket ${i}`), at)));
      const given = new Set(numbers(created));
      assert.equal(given.size, 50);
      assert.deepEqual([...given].sort(), Array.from({ length: 50 }, (_, i) => `INC-${String(100 + i).padStart(6, '0')}`));
      const open = await instances[1]!.listOpen();
      assert.deepEqual(numbers(open), [...given].sort());
      let mine = 0;
      for (let u = 0; u < 5; u += 1) mine += (await instances[0]!.listForUser(`user-${u}`)).length;
      assert.equal(mine, 50);
      for (const ticket of created) assert.equal((await instances[1]!.get(ticket.number))?.description, ticket.description);
    });

    it('concurrent updates of one ticket from two instances lose no history event', async function () {
      this.timeout(60_000);
      const { number } = await tickets.create(request('anna'), at);
      const instances = [tickets, new RecordTickets(records.another())];
      await Promise.all(Array.from({ length: 20 }, (_, i) => instances[i % 2]!.update(number, change('assigned', `agent-${i}`))));
      const history = (await tickets.get(number))?.history ?? [];
      assert.equal(history.length, 21);
      assert.deepEqual(history.slice(1).map((e) => e.actorId).sort(), Array.from({ length: 20 }, (_, i) => `agent-${i}`).sort());
    });

    it("lists the user's own tickets newest first, and open ones oldest first", async function () {
      const a1 = await tickets.create(request('anna'), at);
      const b1 = await tickets.create(request('bert'), at);
      const a2 = await tickets.create(request('anna'), at);
      const a3 = await tickets.create(request('anna'), at);
      assert.deepEqual(numbers(await tickets.listForUser('anna')), [a3.number, a2.number, a1.number]);
      assert.deepEqual(numbers(await tickets.listForUser('bert')), [b1.number]);
      assert.deepEqual(await tickets.listForUser('nobody'), []);
      assert.deepEqual(numbers(await tickets.listOpen()), [a1.number, b1.number, a2.number, a3.number]);

      const resolved = await tickets.update(a2.number, { ...change('resolved'), resolution: 'Done' });
      assert.equal(resolved?.state, 'resolved');
      assert.equal(resolved?.resolution, 'Done');
      assert.deepEqual(numbers(await tickets.listOpen()), [a1.number, b1.number, a3.number]);
      assert.deepEqual(numbers(await tickets.listForUser('anna')), [a3.number, a2.number, a1.number], 'resolved tickets stay in the user list');
      // Opened again: listed again.
      await tickets.update(a2.number, change('sentBack'));
      assert.deepEqual(numbers(await tickets.listOpen()), [a1.number, b1.number, a2.number, a3.number]);
    });

    it('lists only the `top` newest of a user, or oldest open, and counts the open ones', async function () {
      const made: Ticket[] = [];
      for (let i = 0; i < 12; i += 1) made.push(await tickets.create(request(i % 3 === 0 ? 'bert' : 'anna'), at));
      const annas = numbers(made.filter((t) => t.userId === 'anna'));
      assert.deepEqual(numbers(await tickets.listForUser('anna', 3)), annas.reverse().slice(0, 3));
      assert.deepEqual(numbers(await tickets.listOpen(4)), numbers(made.slice(0, 4)));
      // The oldest resolved: the next ones fill its place, the count follows.
      await tickets.update(made[0]!.number, change('resolved'));
      await tickets.update(made[2]!.number, change('resolved'));
      assert.deepEqual(numbers(await tickets.listOpen(4)), numbers([made[1]!, ...made.slice(3, 6)]));
      assert.equal(await tickets.countOpen(), 10);
      assert.deepEqual(numbers(await tickets.listOpen()).length, 10);
    });

    it('a change with a condition, pressed four times at once from two instances, is made once; the others leave the ticket as it is', async function () {
      const other = new RecordTickets(records.another());
      const { number } = await tickets.create(request('anna'), at);
      const assign: TicketChange = { ...change('assigned', 'oliver'), assignedTo: 'oliver', onlyIf: (t) => !(t.state === 'assigned' && t.assignedTo === 'oliver') };
      const results = await Promise.all([tickets.update(number, assign), other.update(number, assign), tickets.update(number, assign), other.update(number, assign)]);
      assert.equal(results.filter((r) => r !== undefined).length, 1, 'one applied');
      assert.equal((await tickets.get(number))?.history.filter((e) => e.action === 'assigned').length, 1);
    });

    it('resolving and reopening one ticket at once from two instances: the open list follows the last change', async function () {
      this.timeout(60_000);
      const other = new RecordTickets(records.another());
      for (let round = 0; round < 20; round += 1) {
        const { number } = await tickets.create(request('anna'), at);
        await Promise.all([tickets.update(number, change('resolved')), other.update(number, change('sentBack')), tickets.update(number, change('resolved'))]);
        const state = (await other.get(number))?.state;
        assert.equal((await other.listOpen()).some((t) => t.number === number), state !== 'resolved', `round ${round}: ${state}`);
        assert.equal(await records.store.get('tickets.open', number) !== undefined, state !== 'resolved', `round ${round}: the open index says ${state}`);
      }
    });

    it('an instance that resolved a ticket, slow to update the open index while another reopened it: the index follows the ticket', async function () {
      const { number } = await tickets.create(request('anna'), at);
      const store = records.store;
      let reached: () => void = () => undefined;
      const atRemove = new Promise<void>((resolve) => (reached = resolve));
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const slow: RecordStore = {
        get: <T>(partition: string, id: string) => store.get<T>(partition, id),
        view: <T>(partition: string, id: string) => store.view<T>(partition, id),
        put: <T>(partition: string, id: string, value: T, condition?: WriteCondition) => store.put<T>(partition, id, value, condition),
        list: <T>(partition: string) => store.list<T>(partition),
        ids: (partition: string) => store.ids(partition),
        async remove(partition, id, condition) {
          if (partition === 'tickets.open') {
            reached();
            await gate;
          }
          return store.remove(partition, id, condition);
        },
      };
      const resolving = new RecordTickets(slow).update(number, change('resolved'));
      await atRemove;
      await new RecordTickets(records.another()).update(number, change('sentBack'));
      release();
      await resolving;
      assert.equal((await tickets.get(number))?.state, 'sentBack');
      assert.deepEqual(numbers(await tickets.listOpen()), [number]);
    });
  });
}

describe('record tickets read only what they list', function () {
  it("the user's list reads that user's index and tickets; the open list the open index and open tickets", async function () {
    const records = new MemoryRecords();
    const tickets = new RecordTickets(records);
    for (let i = 0; i < 30; i += 1) {
      const { number } = await tickets.create(request(`user-${i}`), at);
      if (i < 25) await tickets.update(number, change('resolved'));
    }
    const mine = await tickets.create(request('anna'), at);
    records.reads.length = 0;
    assert.deepEqual(numbers(await tickets.listForUser('anna')), [mine.number]);
    assert.deepEqual(records.reads, [{ partition: 'tickets.user.anna' }, { partition: 'tickets', id: mine.number }]);
    records.reads.length = 0;
    assert.equal((await tickets.listOpen()).length, 6);
    assert.equal(records.reads.filter((r) => r.partition === 'tickets').length, 6, 'the resolved tickets are not read');
    records.reads.length = 0;
    assert.equal((await tickets.listOpen(2)).length, 2);
    assert.equal(await tickets.countOpen(), 6);
    assert.equal(records.reads.filter((r) => r.partition === 'tickets').length, 2, 'only the two tickets shown are read');
  });

  it('takes over tickets of the old single file: each once, markers included, and numbering goes on after them', async function () {
    const records = new MemoryRecords();
    const tickets = new RecordTickets(records);
    const old = (n: number, userId: string, state: Ticket['state']): Ticket => ({
      ...request(userId), number: `INC-${String(n).padStart(6, '0')}`, state, createdAt: at.toISOString(), updatedAt: at.toISOString(),
      history: [{ at: at.toISOString(), actorId: userId, action: 'created' }],
    });
    const kept = [old(100, 'anna', 'resolved'), old(101, 'bert', 'new'), old(102, 'anna', 'assigned')];
    assert.equal(await tickets.importTickets(kept, 102), 3);
    assert.equal(await tickets.importTickets(kept, 102), 0, 'a second run adds nothing');
    assert.deepEqual(numbers(await tickets.listForUser('anna')), ['INC-000102', 'INC-000100']);
    assert.deepEqual(numbers(await tickets.listOpen()), ['INC-000101', 'INC-000102']);
    assert.deepEqual(await tickets.get('INC-000101'), kept[1]);
    assert.equal((await tickets.create(request('anna'), at)).number, 'INC-000103');
  });
});
