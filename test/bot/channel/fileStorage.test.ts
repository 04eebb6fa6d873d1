import assert from 'node:assert/strict';
import path from 'node:path';
import { StateConflictError } from '../../../bot/channel/checkedStorage.js';
import { FileStorage } from '../../../bot/channel/fileStorage.js';
import { tempDir } from '../../helpers.js';

describe('file storage', function () {
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => ({ dir, remove } = await tempDir()));
  afterEach(() => remove());

  it('reads back what was written, from a new instance too (a restart)', async function () {
    const file = path.join(dir, 'state.json');
    await new FileStorage(file).write({ a: { n: 1, nested: { x: [1, 2] } } });
    const items = await new FileStorage(file).read(['a', 'missing']);
    assert.deepEqual({ ...items.a, eTag: undefined }, { n: 1, nested: { x: [1, 2] }, eTag: undefined });
    assert.equal(items.missing, undefined);
  });

  it('refuses a write with a stale eTag and keeps the newer value', async function () {
    const storage = new FileStorage(path.join(dir, 'state.json'));
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k'])).k as { eTag: string };
    const second = (await storage.read(['k'])).k as { eTag: string };
    await storage.write({ k: { v: 2, eTag: first.eTag } });
    await assert.rejects(storage.write({ k: { v: 3, eTag: second.eTag } }), StateConflictError);
    assert.equal(((await storage.read(['k'])).k as { v: number }).v, 2);
  });

  it('"*" and a missing eTag overwrite', async function () {
    const storage = new FileStorage(path.join(dir, 'state.json'));
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    await storage.write({ k: { v: 3 } });
    assert.equal(((await storage.read(['k'])).k as { v: number }).v, 3);
  });

  it('returns copies: changing a read item does not change the store', async function () {
    const storage = new FileStorage(path.join(dir, 'state.json'));
    await storage.write({ k: { list: [1] } });
    const item = (await storage.read(['k'])).k as { list: number[] };
    item.list.push(2);
    assert.deepEqual(((await storage.read(['k'])).k as { list: number[] }).list, [1]);
  });

  it('many concurrent writes all land on disk', async function () {
    const file = path.join(dir, 'state.json');
    const storage = new FileStorage(file);
    await Promise.all(Array.from({ length: 50 }, (_, i) => storage.write({ [`k${i}`]: { i } })));
    const items = await new FileStorage(file).read(Array.from({ length: 50 }, (_, i) => `k${i}`));
    assert.equal(Object.keys(items).length, 50);
  });

  it('deletes', async function () {
    const file = path.join(dir, 'state.json');
    const storage = new FileStorage(file);
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a']);
    assert.deepEqual(Object.keys(await new FileStorage(file).read(['a', 'b'])), ['b']);
  });
});
