// The in-memory RecordStore keeps the port's contract: conditional writes, lists by partition,
// copies out, and a second client that conflicts instead of overwriting.
import assert from 'node:assert/strict';
import { updateRecord, VersionConflictError } from '../../bot/core/ports/recordStore.js';
import { MemoryRecords } from './memoryRecords.js';

describe('memoryRecords (test fake)', function () {
  it('writes conditionally: absent, at a version, always', async function () {
    const store = new MemoryRecords();
    const v1 = await store.put('p', 'a', { n: 1 }, { absent: true });
    await assert.rejects(store.put('p', 'a', { n: 9 }, { absent: true }), VersionConflictError);
    const v2 = await store.put('p', 'a', { n: 2 }, { version: v1 });
    await assert.rejects(store.put('p', 'a', { n: 9 }, { version: v1 }), VersionConflictError);
    assert.notEqual(v1, v2);
    await store.put('p', 'a', { n: 3 });
    assert.deepEqual((await store.get('p', 'a'))?.value, { n: 3 });
    await assert.rejects(store.remove('p', 'a', { version: v2 }), VersionConflictError);
    assert.equal(await store.remove('p', 'a'), true);
    assert.equal(await store.remove('p', 'a'), false);
    assert.equal(await store.get('p', 'a'), undefined);
  });

  it('lists a partition, and returns copies', async function () {
    const store = new MemoryRecords();
    await store.put('p', 'a', { list: [1] });
    await store.put('p', 'b', { list: [2] });
    await store.put('q', 'c', {});
    const listed = await store.list<{ list: number[] }>('p');
    assert.deepEqual(listed.map((r) => r.id).sort(), ['a', 'b']);
    listed[0]?.value.list.push(9);
    assert.deepEqual((await store.get<{ list: number[] }>('p', listed[0]?.id ?? ''))?.value.list.length, 1);
    assert.deepEqual(await store.list('empty'), []);
    assert.deepEqual(store.partitions(), ['p', 'q']);
  });

  it('two clients share the records, and 100 increments from both lose none', async function () {
    const store = new MemoryRecords();
    const other = store.connect();
    await store.put('p', 'a', { n: 1 });
    assert.deepEqual((await other.get('p', 'a'))?.value, { n: 1 });
    const increment = (client: MemoryRecords) => updateRecord<{ n: number }>(client, 'c', 'counter', (current) => ({ n: (current?.n ?? 0) + 1 }), 100);
    await Promise.all(Array.from({ length: 100 }, (_, i) => increment(i % 2 ? store : other)));
    assert.equal((await store.get<{ n: number }>('c', 'counter'))?.value.n, 100);
  });
});
