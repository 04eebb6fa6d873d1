// The audit log over records: append-only, the user's own entries newest first, nothing lost when
// two instances write at once, and a listing reads only that user's partition.
import assert from 'node:assert/strict';
import { RecordAuditLog } from '../../../../bot/adapters/records/recordAuditLog.js';
import type { AuditEntry } from '../../../../bot/core/ports/audit.js';
import { MemoryRecords } from '../../../fakes/memoryRecords.js';
import { recordStores, type OpenedRecords } from './recordStores.js';

const entry = (userId: string, minute: number, target = `t${minute}`): AuditEntry => ({
  userId, actorId: userId, action: 'password.change', target, channel: 'msteams', result: 'success', correlationId: `c-${target}`,
  at: new Date(Date.UTC(2025, 2, 10, 9, minute)).toISOString(),
});
const targets = (entries: readonly AuditEntry[]): (string | undefined)[] => entries.map((e) => e.target);

for (const { name, open } of recordStores) {
  describe(`record audit log ${name}`, function () {
    let records: OpenedRecords;
    let audit: RecordAuditLog;
    beforeEach(async function () {
      records = await open();
      audit = new RecordAuditLog(records.store);
    });
    afterEach(() => records.close());

    it("lists only the user's own entries, newest first, at most top", async function () {
      for (const minute of [3, 1, 7, 5]) await audit.record(entry('anna', minute));
      await audit.record(entry('bert', 9));
      assert.deepEqual(targets(await audit.listForUser('anna', 10)), ['t7', 't5', 't3', 't1']);
      assert.deepEqual(targets(await audit.listForUser('anna', 2)), ['t7', 't5']);
      assert.deepEqual(targets(await audit.listForUser('bert', 10)), ['t9']);
      assert.deepEqual(await audit.listForUser('anna', 0), []);
      assert.deepEqual(await audit.listForUser('nobody', 5), []);
      assert.deepEqual((await new RecordAuditLog(records.another()).listForUser('anna', 1))[0], entry('anna', 7), 'another instance reads them whole');
    });

    it('entries of the same moment come back in the order they were recorded', async function () {
      for (const target of ['first', 'second', 'third']) await audit.record(entry('anna', 0, target));
      assert.deepEqual(targets(await audit.listForUser('anna', 5)), ['third', 'second', 'first']);
    });

    it('50 entries recorded at once by two instances, at the same moment: all kept', async function () {
      const instances = [audit, new RecordAuditLog(records.another())];
      await Promise.all(Array.from({ length: 50 }, (_, i) => instances[i % 2]!.record(entry('anna', 0, `e${i}`))));
      const listed = await audit.listForUser('anna', 100);
      assert.equal(new Set(targets(listed)).size, 50);
    });

    it('takes over the entries of the old single file in their order, once', async function () {
      const old = [entry('anna', 1, 'a'), entry('bert', 1, 'b'), entry('anna', 1, 'c'), entry('anna', 2, 'd')];
      assert.equal(await audit.importEntries(old), 4);
      assert.equal(await audit.importEntries(old), 0, 'a second run adds nothing');
      await audit.record(entry('anna', 3, 'new'));
      assert.deepEqual(targets(await audit.listForUser('anna', 10)), ['new', 'd', 'c', 'a']);
    });
  });
}

describe('record audit log reads', function () {
  it("a user's listing reads that user's partition and nothing else, and only the entries it returns", async function () {
    const records = new MemoryRecords();
    const audit = new RecordAuditLog(records);
    for (let i = 0; i < 20; i += 1) await audit.record(entry(`user-${i % 4}`, i));
    records.reads.length = 0;
    assert.equal((await audit.listForUser('user-1', 10)).length, 5);
    assert.deepEqual(records.reads.map((r) => r.partition), Array<string>(6).fill('audit.user-1'));
    records.reads.length = 0;
    assert.deepEqual(await audit.listForUser('user-1', 2), [entry('user-1', 17), entry('user-1', 13)]);
    assert.equal(records.reads.filter((r) => r.id !== undefined).length, 2, 'two entries read');
  });
});
