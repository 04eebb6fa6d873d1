import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StateConflictError } from '../../../bot/channel/checkedStorage.js';
import { RecordStorage } from '../../../bot/channel/recordStorage.js';
import { readText, writeText, type WithStateText } from '../../../bot/channel/textTrackedState.js';
import type { RecordStore } from '../../../bot/core/ports/recordStore.js';
import { MemoryRecords } from '../../fakes/memoryRecords.js';
import { tempDir, type TempDir } from '../../helpers.js';

describe('state storage over per-record files', function () {
  let data: TempDir;
  let dir: string;
  beforeEach(async () => {
    data = await tempDir();
    dir = data.dir;
  });
  afterEach(() => data.remove());

  it('reads back what was written, from a new instance too (a restart)', async function () {
    const file = path.join(dir, 'records');
    await new RecordStorage(data.records(file)).write({ a: { n: 1, nested: { x: [1, 2] } } });
    const items = await new RecordStorage(data.records(file)).read(['a', 'missing']);
    assert.deepEqual({ ...items.a, eTag: undefined }, { n: 1, nested: { x: [1, 2] }, eTag: undefined });
    assert.equal(items.missing, undefined);
  });

  it('refuses a write with a stale eTag and keeps the newer value', async function () {
    const storage = new RecordStorage(data.records());
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k'])).k as { eTag: string };
    const second = (await storage.read(['k'])).k as { eTag: string };
    await storage.write({ k: { v: 2, eTag: first.eTag } });
    await assert.rejects(storage.write({ k: { v: 3, eTag: second.eTag } }), StateConflictError);
    assert.equal(((await storage.read(['k'])).k as { v: number }).v, 2);
  });

  it('"*" and a missing eTag overwrite', async function () {
    const storage = new RecordStorage(data.records());
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    await storage.write({ k: { v: 3 } });
    assert.equal(((await storage.read(['k'])).k as { v: number }).v, 3);
  });

  it('returns copies: changing a read item does not change the store', async function () {
    const storage = new RecordStorage(data.records());
    await storage.write({ k: { list: [1] } });
    const item = (await storage.read(['k'])).k as { list: number[] };
    item.list.push(2);
    assert.deepEqual(((await storage.read(['k'])).k as { list: number[] }).list, [1]);
  });

  it('writes a state item from the text it is handed, and reads it back with that text beside it; the text is never part of the value', async function () {
    const file = path.join(dir, 'records');
    const storage = new RecordStorage(data.records(file));
    await storage.write({ k: { list: [1], [writeText]: '{"list":[1]}' } as WithStateText });
    const item = (await storage.read(['k'])).k as WithStateText & { list: number[] };
    assert.deepEqual({ ...item, eTag: undefined }, { list: [1], eTag: undefined, [readText]: '{"list":[1]}' });
    // A store that keeps no text (another instance reads the file) gives none; the value is the same.
    const restarted = (await new RecordStorage(data.records(file)).read(['k'])).k as WithStateText & { list: number[] };
    assert.deepEqual({ ...restarted, eTag: undefined }, { list: [1], eTag: undefined });
    const memory = new RecordStorage(new MemoryRecords());
    await memory.write({ k: { list: [2], [writeText]: '{"list":[2]}' } as WithStateText });
    assert.equal(((await memory.read(['k'])).k as WithStateText)[readText], undefined);
  });

  it('an item read, changed and written back as it was read (botbuilder\'s own BotState) is stored with its change, not the text it was read with', async function () {
    const file = path.join(dir, 'records');
    const storage = new RecordStorage(data.records(file));
    await storage.write({ k: { count: 1 } });
    const item = (await storage.read(['k'])).k as WithStateText & { count: number };
    assert.equal(item[readText], '{"count":1}');
    item.count = 2;
    await storage.write({ k: item });
    assert.deepEqual({ ...(await storage.read(['k'])).k, eTag: undefined }, { count: 2, eTag: undefined, [readText]: '{"count":2}' });
    assert.deepEqual({ ...(await new RecordStorage(data.records(file)).read(['k'])).k, eTag: undefined }, { count: 2, eTag: undefined });
  });

  it('many concurrent writes all land on disk', async function () {
    const file = path.join(dir, 'records');
    const storage = new RecordStorage(data.records(file));
    await Promise.all(Array.from({ length: 50 }, (_, i) => storage.write({ [`k${i}`]: { i } })));
    const items = await new RecordStorage(data.records(file)).read(Array.from({ length: 50 }, (_, i) => `k${i}`));
    assert.equal(Object.keys(items).length, 50);
  });

  it('the take-over of state.json stops on a failing store and keeps the file; items already there are skipped', async function () {
    const file = path.join(dir, 'state.json');
    await writeFile(file, JSON.stringify({ items: { a: { value: { n: 1 } }, b: { value: { n: 2 } } } }));
    const records = new MemoryRecords();
    await records.put('state', 'a', { n: 0 });
    const failing: RecordStore = { ...records, get: records.get.bind(records), view: records.view.bind(records), list: records.list.bind(records), ids: records.ids.bind(records), remove: records.remove.bind(records), put: () => Promise.reject(new Error('disk full')) };
    await assert.rejects(new RecordStorage(failing).importLegacyFile(file), /disk full/);
    assert.ok(existsSync(file), 'nothing was taken over: the file stays for the next start');
    assert.equal(await new RecordStorage(records).importLegacyFile(file), 2);
    assert.deepEqual((await records.get('state', 'a'))?.value, { n: 0 }, 'an item already there is kept');
    assert.ok(existsSync(`${file}.imported`));
  });

  it('deletes', async function () {
    const file = path.join(dir, 'records');
    const storage = new RecordStorage(data.records(file));
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a']);
    assert.deepEqual(Object.keys(await new RecordStorage(data.records(file)).read(['a', 'b'])), ['b']);
  });
});
