// The in-memory record store keeps the RecordStore contract the real ones keep: conditional writes,
// versions, one winner among parallel updates, and a second handle that sees the same records.
import assert from 'node:assert/strict';
import { updateRecord, VersionConflictError } from '../../bot/core/ports/recordStore.js';
import { MemoryRecords } from './memoryRecords.js';

describe('MemoryRecords', function () {
  it('writes conditionally: absent, at a version, always; removes at a version', async function () {
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

  it('hands out copies: changing what was read or written changes nothing stored', async function () {
    const store = new MemoryRecords();
    const value = { list: [1] };
    await store.put('p', 'a', value);
    value.list.push(2);
    const read = await store.get<{ list: number[] }>('p', 'a');
    read?.value.list.push(3);
    assert.deepEqual((await store.get('p', 'a'))?.value, { list: [1] });
    assert.deepEqual((await store.list('p')).map((r) => [r.id, r.value]), [['a', { list: [1] }]]);
  });

  it('100 parallel increments through two handles (two processes): none is lost', async function () {
    const one = new MemoryRecords();
    const two = one.anotherProcess();
    const increment = (store: MemoryRecords): Promise<unknown> => updateRecord<{ n: number }>(store, 'c', 'counter', (current) => ({ n: (current?.n ?? 0) + 1 }), 100);
    await Promise.all(Array.from({ length: 100 }, (_, i) => increment(i % 2 === 0 ? one : two)));
    assert.equal((await two.get<{ n: number }>('c', 'counter'))?.value.n, 100);
  });
});
