// What every RecordStore promises, written once and run against each adapter (the files of
// DATA_DIR, Azure Table Storage): conditional writes and their conflicts, any partition and id,
// lists, removal, and no lost update among concurrent updates from two instances of the store.
import assert from 'node:assert/strict';
import { updateRecord, VersionConflictError, type RecordStore } from '../../../../bot/core/ports/recordStore.js';

/** A fresh, empty place for records (a folder, a table) and a way to open a store over it. */
export interface RecordStorePlace {
  /** A new instance over the same records, as another instance of the bot would have. */
  open(): Promise<RecordStore>;
  dispose(): Promise<void>;
}

/** Ids and partitions that a file name, a URL or a table key would trip over. */
export const oddNames = [
  'msteams/conversations/a:b|c/', 'a\\b', 'x'.repeat(300), 'y'.repeat(2000), '..', '.', 'anna@contoso.example',
  'ünïcode ✓ 日本語 😀', 'it\'s #1? 100% & more', 'tab\tand\u0001control\u007f', 'a b+c=d', '!41', '!!deadbeef', 'A', 'a',
];

export function recordStoreContract(name: string, fresh: () => Promise<RecordStorePlace>): void {
  describe(`RecordStore contract: ${name}`, function () {
    let place: RecordStorePlace;
    let store: RecordStore;
    beforeEach(async function () {
      place = await fresh();
      store = await place.open();
    });
    afterEach(async function () {
      await place?.dispose();
    });

    it('writes conditionally: absent, at a version, always; a stale version conflicts', async function () {
      const v1 = await store.put('p', 'a', { n: 1 }, { absent: true });
      await assert.rejects(store.put('p', 'a', { n: 9 }, { absent: true }), VersionConflictError);
      const v2 = await store.put('p', 'a', { n: 2 }, { version: v1 });
      assert.notEqual(v1, v2);
      await assert.rejects(store.put('p', 'a', { n: 9 }, { version: v1 }), VersionConflictError);
      assert.deepEqual(await store.get('p', 'a'), { value: { n: 2 }, version: v2 });
      const v3 = await store.put('p', 'a', { n: 3 });
      assert.deepEqual(await store.get('p', 'a'), { value: { n: 3 }, version: v3 });
      assert.equal((await store.get('p', 'b')), undefined);
    });

    it('a write at a version of a record that is gone, or never was, conflicts', async function () {
      const v1 = await store.put('p', 'a', { n: 1 });
      await assert.rejects(store.put('p', 'never', { n: 1 }, { version: v1 }), VersionConflictError);
      assert.equal(await store.remove('p', 'a'), true);
      await assert.rejects(store.put('p', 'a', { n: 2 }, { version: v1 }), VersionConflictError);
      assert.equal(await store.get('p', 'a'), undefined);
    });

    it('removes: always, at a version, while absent', async function () {
      const v1 = await store.put('p', 'a', { n: 1 });
      const v2 = await store.put('p', 'a', { n: 2 }, { version: v1 });
      await assert.rejects(store.remove('p', 'a', { version: v1 }), VersionConflictError);
      await assert.rejects(store.remove('p', 'a', { absent: true }), VersionConflictError);
      assert.equal(await store.remove('p', 'a', { version: v2 }), true);
      assert.equal(await store.get('p', 'a'), undefined);
      assert.equal(await store.remove('p', 'a'), false);
      assert.equal(await store.remove('p', 'a', { absent: true }), false);
      await assert.rejects(store.remove('p', 'a', { version: v2 }), VersionConflictError);
      assert.deepEqual(await store.list('p'), []);
    });

    it('keeps values as JSON gives them back: nested, unicode, large', async function () {
      const value = { text: 'Åsa – ünïcode ✓ 日本語 😀 "quoted" \\ back', n: 12.5, yes: true, none: null, list: [1, 'two', { three: 3 }], nested: { deeper: { deepest: [] } } };
      await store.put('values', 'mixed', value);
      assert.deepEqual((await store.get('values', 'mixed'))?.value, value);
      // 100,000 characters, astral ones among them: more than one property of a table holds.
      const large = { text: '😀abcdefghijklmnopq'.repeat(5_000) };
      const version = await store.put('values', 'large', large);
      assert.deepEqual(await store.get('values', 'large'), { value: large, version });
      for (const scalar of ['just text', 42, false, null]) {
        await store.put('values', 'scalar', scalar);
        assert.deepEqual((await store.get('values', 'scalar'))?.value, scalar);
      }
    });

    it("a read is the caller's own copy: changing it, or the value written, changes nothing stored", async function () {
      const written = { name: 'Åsa', list: [1, { two: 2 }], nested: { deeper: { n: 1 } }, when: new Date(Date.UTC(2026, 0, 2)), gone: undefined };
      const version = await store.put('values', 'copies', written);
      written.nested.deeper.n = 99;
      written.list.push(3);
      const first = await store.get<typeof written>('values', 'copies');
      assert.deepEqual(first, { value: { name: 'Åsa', list: [1, { two: 2 }], nested: { deeper: { n: 1 } }, when: '2026-01-02T00:00:00.000Z' }, version });
      assert.ok(first);
      (first.value.list[1] as { two: number }).two = 22;
      first.value.nested.deeper.n = 7;
      const second = await store.get<typeof written>('values', 'copies');
      assert.deepEqual(second?.value.nested, { deeper: { n: 1 } });
      assert.deepEqual(second?.value.list, [1, { two: 2 }]);
      assert.notEqual(second?.value, first?.value);
    });

    it('a view is the record as it is, frozen all the way down; a read after it is still a copy to change, and a write after it leaves the view as it was', async function () {
      const version = await store.put('values', 'viewed', { name: 'Åsa', list: [1, { two: 2 }], nested: { deeper: { n: 1 } } });
      const view = await store.view<{ name: string; list: [number, { two: number }]; nested: { deeper: { n: number } } }>('values', 'viewed');
      assert.deepEqual(view, { value: { name: 'Åsa', list: [1, { two: 2 }], nested: { deeper: { n: 1 } } }, version });
      assert.ok(view);
      assert.throws(() => { view.value.nested.deeper.n = 7; }, TypeError);
      assert.throws(() => { view.value.list[1].two = 22; }, TypeError);
      assert.throws(() => { (view.value.list as unknown as number[]).push(3); }, TypeError);
      assert.throws(() => { (view.value as { added?: boolean }).added = true; }, TypeError);
      const read = await store.get<{ nested: { deeper: { n: number } } }>('values', 'viewed');
      assert.ok(read);
      read.value.nested.deeper.n = 5;
      assert.equal((await store.view<{ nested: { deeper: { n: number } } }>('values', 'viewed'))?.value.nested.deeper.n, 1, 'changing a read changed the view');
      const next = await store.put('values', 'viewed', { name: 'Bo' }, { version });
      assert.deepEqual((await store.view('values', 'viewed'))?.value, { name: 'Bo' });
      assert.equal(view.value.name, 'Åsa');
      assert.deepEqual(await (await place.open()).view('values', 'viewed'), { value: { name: 'Bo' }, version: next }, 'another instance views the same');
      assert.equal(await store.view('values', 'never written'), undefined);
    });

    it('a write given the value\'s JSON text keeps that value; a read that asks for the text gets the value\'s own, or none', async function () {
      const value = { name: 'Åsa', list: [1, { two: 2 }], nested: { n: 1 } };
      const version = await store.put('values', 'with text', value, { absent: true }, JSON.stringify(value));
      const read = await store.get<typeof value>('values', 'with text', { withText: true });
      assert.deepEqual(read?.value, value);
      assert.equal(read?.version, version);
      // The text is the store's to give or not; given, it is the value's.
      if (read?.text !== undefined) assert.equal(read.text, JSON.stringify(read.value));
      assert.equal((await store.get('values', 'with text'))?.text, undefined, 'a read that does not ask gets no text');
      assert.deepEqual((await (await place.open()).get('values', 'with text', { withText: true }))?.value, value, 'another instance reads the same value');
    });

    it('keeps a value as it was written, as JSON gives it back: -0, boxed text, a part that changes once written', async function () {
      // A toJSON that moves on once it has been read: the store must keep what it wrote, not read the value again.
      let count = 1;
      const counter = { toJSON: (): { n: number } => { const n = count; queueMicrotask(() => { count += 1; }); return { n }; } };
      const version = await store.put('values', 'as written', { zero: -0, boxed: new String('ab'), counter });
      const read = await store.get<{ zero: number }>('values', 'as written');
      assert.deepEqual(read, { value: { zero: 0, boxed: 'ab', counter: { n: 1 } }, version });
      assert.ok(Object.is(read?.value.zero, 0), 'not -0');
      assert.deepEqual(await (await place.open()).get('values', 'as written'), read, 'another instance reads the same');
    });

    it('keeps any id in any partition apart: slashes, dots, unicode, control characters, 300 and 2000 characters', async function () {
      for (const [n, id] of oddNames.entries()) await store.put('odd partition/..', id, { id, n });
      for (const partition of oddNames) await store.put(partition, 'same id', { partition });
      const listed = await (await place.open()).list<{ id: string; n: number }>('odd partition/..');
      assert.deepEqual(listed.map((r) => r.id).sort(), [...oddNames].sort());
      for (const record of listed) assert.equal(record.value.id, record.id);
      for (const id of oddNames) assert.equal((await store.get<{ id: string }>('odd partition/..', id))?.value.id, id);
      assert.deepEqual([...await (await place.open()).ids('odd partition/..')].sort(), [...oddNames].sort(), 'ids gives the same ids as list');
      for (const partition of oddNames) {
        const inPartition = await store.list<{ partition: string }>(partition);
        assert.deepEqual(inPartition.map((r) => [r.id, r.value.partition]), [['same id', partition]], JSON.stringify(partition));
      }
    });

    it('lists a partition (records, or only their ids) with versions a conditional write accepts; an empty one is empty', async function () {
      await store.put('list', 'a', { n: 1 });
      await store.put('list', 'b', { n: 2 });
      await store.put('list-other', 'c', { n: 3 });
      await store.put('lis', 'd', { n: 4 });
      const listed = await store.list<{ n: number }>('list');
      assert.deepEqual(listed.map((r) => [r.id, r.value.n]).sort(), [['a', 1], ['b', 2]]);
      for (const record of listed) await store.put('list', record.id, { n: record.value.n * 10 }, { version: record.version });
      assert.deepEqual((await store.list<{ n: number }>('list')).map((r) => r.value.n).sort((x, y) => x - y), [10, 20]);
      assert.deepEqual(await store.list('nothing here'), []);
      assert.deepEqual([...await store.ids('list')].sort(), ['a', 'b']);
      await store.remove('list', 'a');
      assert.deepEqual(await store.ids('list'), ['b']);
      assert.deepEqual(await store.ids('nothing here'), []);
    });

    it('another instance reads what this one wrote, and its writes conflict with this one\'s', async function () {
      const other = await place.open();
      const v1 = await store.put('shared', 'r', { by: 'first' });
      assert.deepEqual(await other.get('shared', 'r'), { value: { by: 'first' }, version: v1 });
      await other.put('shared', 'r', { by: 'second' }, { version: v1 });
      await assert.rejects(store.put('shared', 'r', { by: 'stale' }, { version: v1 }), VersionConflictError);
      assert.deepEqual((await store.get('shared', 'r'))?.value, { by: 'second' });
    });

    it('50 concurrent increments from two instances: exactly 50', async function () {
      const instances = [store, await place.open()];
      await Promise.all(Array.from({ length: 50 }, (_, i) =>
        updateRecord<{ n: number }>(instances[i % 2] as RecordStore, 'counters', 'hits', (current) => ({ n: (current?.n ?? 0) + 1 }), 50)));
      assert.equal((await store.get<{ n: number }>('counters', 'hits'))?.value.n, 50);
    });
  });
}
