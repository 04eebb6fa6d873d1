// The embedded record store: the RecordStore contract, one winner among concurrent updates (also
// between two stores over one folder, as two processes have, and between two processes), a store
// alone on its folder taking no locks and one joining it, a lock or a member left by a dead
// process, and what survives a kill -9 in the middle of heavy writing, alone or shared.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync, watch } from 'node:fs';
import { mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileRecords, hostTag } from '../../../../bot/adapters/embedded/fileRecords.js';
import { updateRecord, VersionConflictError } from '../../../../bot/core/ports/recordStore.js';
import { tempDir, type TempDir } from '../../../helpers.js';
import { recordStoreContract } from '../../core/ports/recordStoreContract.js';

const writer = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fileRecordsWriter.js');
const counter = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fileRecordsCounter.js');

const increment = (store: FileRecords, times: number): Promise<unknown> =>
  Promise.all(Array.from({ length: times }, () => updateRecord<{ n: number }>(store, 'c', 'counter', (current) => ({ n: (current?.n ?? 0) + 1 }), 100)));

/** The names of the lock files made in a partition's folder while `work` runs. */
async function locksDuring(folder: string, work: () => Promise<unknown>): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const locks: string[] = [];
  const watcher = watch(folder, (_event, name) => {
    if (name?.endsWith('.lock')) locks.push(name);
  });
  try {
    await work();
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    watcher.close();
  }
  return locks;
}

/** What each member file of a folder says ("alone" or "shared"), by file name. */
async function members(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(path.join(dir, '.members'))).filter((name) => !name.startsWith('.'));
  return new Map(await Promise.all(names.map(async (name) =>
    [name, (JSON.parse(await readFile(path.join(dir, '.members', name), 'utf8')) as { mode: string }).mode] as const)));
}

/** Waits (up to 5 s) until `holds`. */
async function until(holds: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await holds())) {
    if (Date.now() > deadline) assert.fail(`still not so after 5 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Two stores over the folder, both members: they share (closed with the folder). */
async function sharedStores(data: TempDir): Promise<[FileRecords, FileRecords]> {
  const stores: [FileRecords, FileRecords] = [data.records(data.dir), data.records(data.dir)];
  await Promise.all(stores.map((store) => store.put('p', 'joined', {})));
  return stores;
}

const exited = (child: ChildProcessWithoutNullStreams): Promise<number | null> =>
  new Promise((resolve) => (child.exitCode === null ? child.on('exit', resolve) : resolve(child.exitCode)));

recordStoreContract('FileRecords', async () => {
  const data = await tempDir();
  return { open: () => Promise.resolve(data.records(data.dir)), dispose: data.remove };
});

describe('file records', function () {
  let data: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async function () {
    data = await tempDir();
  });
  afterEach(async function () {
    await data.remove();
  });

  it('100 concurrent increments of one counter: none is lost', async function () {
    const store = data.records(data.dir);
    await Promise.all(Array.from({ length: 100 }, () => updateRecord<{ n: number }>(store, 'c', 'counter', (current) => ({ n: (current?.n ?? 0) + 1 }))));
    assert.equal((await store.get<{ n: number }>('c', 'counter'))?.value.n, 100);
  });

  it('two stores over one folder, as two processes sharing a DATA_DIR: concurrent increments, none lost', async function () {
    const stores = [data.records(data.dir), data.records(data.dir)];
    await Promise.all(Array.from({ length: 100 }, (_, i) => updateRecord<{ n: number }>(stores[i % 2] as FileRecords, 'c', 'counter', (current) => ({ n: (current?.n ?? 0) + 1 }))));
    assert.equal((await stores[0]?.get<{ n: number }>('c', 'counter'))?.value.n, 100);
  });

  it('a lock left by a process that died is taken over at once (stores sharing their folder take locks)', async function () {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.on('exit', resolve));
    const [store] = await sharedStores(data);
    await store.put('p', 'a', { n: 1 });
    await writeFile(path.join(data.dir, 'p', '.a.json.lock'), `${String(dead.pid)} ${hostTag}`);
    const started = Date.now();
    await store.put('p', 'a', { n: 2 });
    assert.ok(Date.now() - started < 5_000);
    assert.deepEqual((await store.get('p', 'a'))?.value, { n: 2 });
    assert.deepEqual((await readdir(path.join(data.dir, 'p'))).filter((f) => f.endsWith('.lock')), [], 'no lock is left behind');
  });

  it('a lock left empty by a process killed between creating it and writing its owner is taken over after 2 s, not 30 s', async function () {
    this.timeout(40_000);
    const [store] = await sharedStores(data);
    await store.put('p', 'a', { n: 1 });
    const lock = path.join(data.dir, 'p', '.a.json.lock');
    await writeFile(lock, '');
    const threeSecondsAgo = new Date(Date.now() - 3_000);
    await utimes(lock, threeSecondsAgo, threeSecondsAgo);
    const started = Date.now();
    await store.put('p', 'a', { n: 2 });
    assert.ok(Date.now() - started < 5_000, `took ${String(Date.now() - started)} ms`);
    assert.deepEqual((await store.get('p', 'a'))?.value, { n: 2 });
  });

  it('kill -9 during heavy writes, 20 times, the writer sharing the folder: the store opens and holds every acknowledged write', async function () {
    this.timeout(120_000);
    await data.records(data.dir).put('p', 'reader', {});
    await killDuringWrites(data.dir, 'shared');
  });

  it('kill -9 during heavy writes, 20 times, the writer alone on the folder (no locks): every acknowledged write holds', async function () {
    this.timeout(120_000);
    await killDuringWrites(data.dir, 'alone');
  });

  it('kill -9 of a writer alone while its checkpoints write thousands of records to their files, 4 times: every acknowledged write holds', async function () {
    this.timeout(180_000);
    // A checkpoint begins a second after a write, or once the journal holds 4 MB (about 1,000 of these writes).
    await killDuringWrites(data.dir, 'alone', { rounds: 4, acksBeforeKill: (round) => 800 + round * 500 });
  });

  it('keeps records of partitions and ids that run together ("a" + "bc", "ab" + "c") apart', async function () {
    const store = data.records(data.dir);
    await store.put('a', 'bc', { in: 'a' });
    await store.put('ab', 'c', { in: 'ab' });
    assert.deepEqual((await store.get('a', 'bc'))?.value, { in: 'a' });
    assert.deepEqual((await store.get('ab', 'c'))?.value, { in: 'ab' });
  });

  describe('the journal of a store working alone', function () {
    const journals = async (): Promise<string[]> => (await readdir(path.join(data.dir, '.journal')).catch(() => [])).filter((name) => name.endsWith('.log'));
    const fileText = (partition: string, id: string): Promise<string | undefined> => readFile(path.join(data.dir, partition, `${id}.json`), 'utf8').catch(() => undefined);

    it('a write is a line of the journal first; a moment later its record file holds the last value and the journal is gone', async function () {
      const store = data.records(data.dir);
      for (let n = 1; n <= 20; n += 1) await store.put('p', 'r', { n });
      await store.put('p', 'other', { n: 0 });
      assert.equal(await fileText('p', 'r'), undefined, 'no record file yet');
      assert.equal((await journals()).length, 1);
      assert.deepEqual((await store.get('p', 'r'))?.value, { n: 20 });
      assert.deepEqual((await store.list('p')).map((record) => record.id).sort(), ['other', 'r'], 'a listing has the journal\'s records');
      await until(async () => (await journals()).length === 0, 'the journal is checkpointed');
      assert.deepEqual((JSON.parse(await fileText('p', 'r') ?? '{}') as { value: unknown }).value, { n: 20 });
      await store.close();
    });

    it('close writes the journal\'s records to their files (a removal removes the file) and deletes the journal', async function () {
      const store = data.records(data.dir);
      await store.put('p', 'kept', { n: 1 });
      await store.put('p', 'gone', { n: 2 });
      await store.close();
      const reopened = data.records(data.dir);
      await reopened.remove('p', 'gone');
      await reopened.put('p', 'kept', { n: 3 });
      assert.deepEqual(await reopened.ids('p'), ['kept'], 'a listing leaves out what the journal removed');
      assert.ok(await fileText('p', 'gone'), 'still a file until the checkpoint');
      await reopened.close();
      assert.equal(await fileText('p', 'gone'), undefined);
      assert.deepEqual((JSON.parse(await fileText('p', 'kept') ?? '{}') as { value: unknown }).value, { n: 3 });
      assert.deepEqual(await journals(), []);
    });

    it('a journal left by a process that died is written to the record files before the next store reads anything, and deleted', async function () {
      const dead = spawn(process.execPath, ['-e', '0']);
      await new Promise((resolve) => dead.on('exit', resolve));
      const first = data.records(data.dir);
      await first.put('p', 'removed', { n: 0 });
      await first.close();
      await mkdir(path.join(data.dir, '.journal'), { recursive: true });
      const line = (id: string, value: unknown): string => `{"f":"p/${id}.json","r":${value === null ? 'null' : JSON.stringify({ id, version: `left.${id}`, value })}}`;
      await writeFile(path.join(data.dir, '.journal', `${String(dead.pid)}.deadbeef-1.${hostTag}~00000001.log`),
        `\n${line('a', { n: 1 })}\n${line('a', { n: 2 })}\n${line('removed', null)}\n{"f":"p/cut.json","r":{"id"`);
      const store = data.records(data.dir);
      assert.deepEqual(await store.get('p', 'a'), { value: { n: 2 }, version: 'left.a' });
      assert.equal(await store.get('p', 'removed'), undefined);
      assert.equal(await store.get('p', 'cut'), undefined);
      assert.deepEqual(await journals(), []);
      assert.deepEqual((JSON.parse(await fileText('p', 'a') ?? '{}') as { value: unknown }).value, { n: 2 });
      await assert.rejects(store.put('p', 'a', { n: 3 }, { version: 'older' }), VersionConflictError);
      await store.close();
    });
    it('a write made while a checkpoint runs reaches its file by the next checkpoint, with no write after it', async function () {
      const store = data.records(data.dir);
      await Promise.all(Array.from({ length: 300 }, (_, i) => store.put('p', `k${i}`, { i })));
      // The checkpoint of those writes begins a second after them; this write comes while it runs.
      await until(async () => (await fileText('p', 'k0')) !== undefined || (await fileText('p', 'k299')) !== undefined, 'the checkpoint writes');
      await store.put('p', 'late', { late: true });
      await until(async () => (await fileText('p', 'late')) !== undefined && (await journals()).length === 0, 'the late write is checkpointed too');
      await store.close();
    });

    it('writes that come faster than checkpoints write their records wait for them: the journals stay short, and every write holds', async function () {
      const store = data.records(data.dir, { checkpointChars: 2_000, backlogChars: 6_000 });
      // A slow disk for the record files (not for the journal).
      const slowed = store as unknown as { writeAtomically: (file: string, text: string) => Promise<void> };
      const write = slowed.writeAtomically.bind(store);
      slowed.writeAtomically = async (file, text) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return write(file, text);
      };
      const journalText = async (): Promise<number> => {
        let chars = 0;
        for (const name of await journals()) chars += (await readFile(path.join(data.dir, '.journal', name), 'utf8').catch(() => '')).length;
        return chars;
      };
      let most = 0;
      let writing = true;
      const watching = (async () => {
        while (writing) {
          most = Math.max(most, await journalText());
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      })();
      const filler = 'x'.repeat(100);
      // A steady stream: ten writes at a time, the next ten as soon as those are done.
      for (let batch = 0; batch < 30; batch += 1) await Promise.all(Array.from({ length: 10 }, (_, k) => store.put('p', `r${batch * 10 + k}`, { batch, filler })));
      writing = false;
      await watching;
      // Without the wait the journals would hold all 300 records (about 60,000 characters) while the files lag behind.
      assert.ok(most < 6_000 + 2_000 + 12_000, `the journals held at most ${most} characters`);
      slowed.writeAtomically = write;
      await store.close();
      const check = data.records(data.dir);
      assert.equal((await check.ids('p')).length, 300);
      await check.close();
    });

    it('writes that come while close runs are not lost when another store joins right after: each is done, and its record holds, by the time close ends', async function () {
      for (let round = 0; round < 2; round += 1) {
        const dir = path.join(data.dir, `round-${round}`);
        const closing = new FileRecords(dir);
        await Promise.all(Array.from({ length: 200 }, (_, i) => closing.put('p', `seed${i}`, { i })));
        const acknowledged: string[] = [];
        const pending: Promise<unknown>[] = [];
        let closed = false;
        let n = 0;
        const done = closing.close().then(() => {
          closed = true;
        });
        // A steady stream of writes, some of them on their way to the disk whenever close gets on.
        const keepWriting = (): void => {
          // (close waits for the writes that come while it runs: the stream ends by itself.)
          if (closed || n >= 2_000) return;
          for (let k = 0; k < 4; k += 1) {
            const id = `w${n += 1}`;
            pending.push(closing.put('p', id, { id }).then(() => acknowledged.push(id), () => undefined));
          }
          setTimeout(keepWriting, 1);
        };
        keepWriting();
        await done;
        assert.equal(acknowledged.length, n, 'every write begun before close ended is done');
        assert.deepEqual(await members(dir), new Map(), 'and the store has left');
        // Another process would join at this moment: one that sees the first gone reads its journals.
        const joiner = new FileRecords(dir, { joinWaitMs: 30_000 });
        await joiner.get('p', 'seed0');
        await Promise.allSettled(pending);
        await joiner.close();
        await closing.close();
        const check = new FileRecords(dir);
        const lost: string[] = [];
        for (const id of acknowledged) if (!(await check.get('p', id))) lost.push(id);
        await check.close();
        assert.ok(acknowledged.length > 0, 'writes were acknowledged');
        assert.deepEqual(lost, [], `round ${round}: acknowledged writes lost`);
      }
    });
  });

  describe('alone or shared', function () {
    it('a store alone on its folder takes no lock file, and reads its own writes', async function () {
      const store = data.records(data.dir);
      const locks = await locksDuring(path.join(data.dir, 'c'), async () => {
        await increment(store, 100);
        for (let n = 0; n < 20; n += 1) await store.put('c', `r${n}`, { n });
        await store.remove('c', 'r0');
      });
      assert.deepEqual(locks, []);
      assert.equal((await store.get<{ n: number }>('c', 'counter'))?.value.n, 100);
      assert.deepEqual(await store.get('c', 'r0'), undefined);
      assert.deepEqual((await store.get('c', 'r19'))?.value, { n: 19 });
      assert.deepEqual([...(await members(data.dir)).values()], ['alone']);
    });

    it('a view alone is the kept value itself, no copy, until a write replaces it; shared, it is read from the file, frozen as well', async function () {
      const first = data.records(data.dir);
      await first.put('p', 'r', { by: 'first', list: [1] });
      const view = await first.view<{ by: string; list: number[] }>('p', 'r');
      assert.equal((await first.view('p', 'r'))?.value, view?.value, 'the same object twice: no copy');
      assert.ok(Object.isFrozen(view?.value) && Object.isFrozen(view?.value.list));
      assert.notEqual((await first.get('p', 'r'))?.value, view?.value, 'a read is still a copy');
      await first.put('p', 'r', { by: 'first again', list: [2] });
      assert.deepEqual((await first.view('p', 'r'))?.value, { by: 'first again', list: [2] });
      assert.deepEqual(view?.value, { by: 'first', list: [1] }, 'what was viewed stays as it was');

      const second = data.records(data.dir);
      await second.put('p', 'r', { by: 'second', list: [3] });
      assert.deepEqual([...(await members(data.dir)).values()], ['shared', 'shared']);
      const shared = await first.view<{ by: string; list: number[] }>('p', 'r');
      assert.deepEqual(shared?.value, { by: 'second', list: [3] }, "the first views the second's write");
      assert.ok(Object.isFrozen(shared?.value) && Object.isFrozen(shared?.value.list));
      await second.put('p', 'r', { by: 'second again', list: [4] });
      assert.deepEqual((await first.view('p', 'r'))?.value, { by: 'second again', list: [4] });
    });

    it('alone, it keeps the text of what it wrote: a read that asks gets it, each read parses its own copy, a view is made once; a restart reads the file', async function () {
      const store = data.records(data.dir);
      const value = { by: 'text', list: [1] };
      const written = store.put('p', 'r', value);
      value.list.push(2);
      await written;
      const text = '{"by":"text","list":[1]}';
      const first = await store.get<typeof value>('p', 'r', { withText: true });
      assert.deepEqual(first, { value: { by: 'text', list: [1] }, version: first?.version, text }, 'the value as it was when put was called');
      first?.value.list.push(9);
      const second = await store.get<typeof value>('p', 'r', { withText: true });
      assert.deepEqual(second?.value, { by: 'text', list: [1] });
      assert.equal(second?.text, text);
      const view = await store.view<typeof value>('p', 'r');
      assert.ok(Object.isFrozen(view?.value.list));
      assert.equal((await store.view('p', 'r'))?.value, view?.value, 'the view is made once');
      const afterView = await store.get<typeof value>('p', 'r', { withText: true });
      afterView?.value.list.push(3);
      assert.equal(afterView?.text, text);
      assert.deepEqual(view?.value, { by: 'text', list: [1] }, 'a read after the view is its own copy');
      // Given the text, it writes that text (the caller promises it is the value's).
      await store.put('p', 'given', { a: 1 }, { absent: true }, '{"a":1}');
      assert.deepEqual((await store.get('p', 'given', { withText: true }))?.text, '{"a":1}');
      await assert.rejects(store.put('p', 'nothing', undefined), TypeError, 'a value JSON cannot write is refused');
      await store.close();
      const again = data.records(data.dir);
      assert.deepEqual((await again.get('p', 'r'))?.value, { by: 'text', list: [1] });
      assert.deepEqual((await again.get('p', 'given'))?.value, { a: 1 });
      assert.equal(await again.get('p', 'nothing'), undefined);
      await again.close();
    });

    it('a second store joins one that works alone: the first shares (locks), neither reads a stale record, no increment is lost', async function () {
      const first = data.records(data.dir);
      await increment(first, 30);
      await first.put('p', 'r', { by: 'first' });
      assert.deepEqual((await first.get('p', 'r'))?.value, { by: 'first' });
      const readBeforeJoin = await first.get<{ by: string }>('p', 'r');
      if (readBeforeJoin) readBeforeJoin.value.by = 'changed by a caller';
      assert.deepEqual((await first.get('p', 'r'))?.value, { by: 'first' }, 'a caller changing what it read changes nothing stored');

      const second = data.records(data.dir);
      assert.equal((await second.get<{ n: number }>('c', 'counter'))?.value.n, 30);
      await second.put('p', 'joined', {});
      assert.deepEqual([...(await members(data.dir)).values()], ['shared', 'shared'], 'the second went in once the first shared');
      await second.put('p', 'r', { by: 'second' });
      assert.deepEqual((await first.get('p', 'r'))?.value, { by: 'second' }, 'the first reads the second\'s write');
      await first.remove('p', 'r');
      assert.equal(await second.get('p', 'r'), undefined);

      const locks = await locksDuring(path.join(data.dir, 'c'), () => Promise.all([increment(first, 50), increment(second, 50)]));
      assert.ok(locks.length > 0, 'sharing, writes lock');
      for (const store of [first, second]) assert.equal((await store.get<{ n: number }>('c', 'counter'))?.value.n, 130);
    });

    it('a store joins while the first has writes under way: none is lost', async function () {
      const first = data.records(data.dir);
      await first.put('p', 'first', {});
      const underWay = [increment(first, 100), ...Array.from({ length: 20 }, (_, n) => first.put('p', `r${n}`, { n }))];
      const second = data.records(data.dir);
      await Promise.all([...underWay, increment(second, 100)]);
      for (const store of [first, second]) {
        assert.equal((await store.get<{ n: number }>('c', 'counter'))?.value.n, 200);
        for (let n = 0; n < 20; n += 1) assert.deepEqual((await store.get('p', `r${n}`))?.value, { n });
      }
    });

    it('a store left alone again (the other closed) works alone again, and reads what the other wrote', async function () {
      const first = data.records(data.dir);
      await first.put('p', 'r', { by: 'first' });
      assert.deepEqual((await first.get('p', 'r'))?.value, { by: 'first' }, 'kept in memory, alone');
      const second = data.records(data.dir);
      await second.put('p', 'r', { by: 'second' });
      await second.close();
      await until(async () => [...(await members(data.dir)).values()].join() === 'alone', 'the first works alone');
      assert.deepEqual((await first.get('p', 'r'))?.value, { by: 'second' });
      assert.deepEqual(await locksDuring(path.join(data.dir, 'c'), () => increment(first, 20)), []);
      await second.put('p', 'again', {});
      assert.deepEqual([...(await members(data.dir)).values()], ['shared', 'shared']);
    });

    it('a store left alone while its locked write waits on the disk reads that write afterwards, and a write on the older version is refused', async function () {
      const [first, second] = await sharedStores(data);
      const before = await first.put('p', 'r', { n: 1 });
      // A slow disk for the first store's next write: it begins shared, holding the record's lock.
      const slowed = first as unknown as { writeAtomically: (file: string, text: string) => Promise<void> };
      const write = slowed.writeAtomically.bind(first);
      let disk!: () => void;
      const diskDone = new Promise<void>((resolve) => {
        disk = resolve;
      });
      slowed.writeAtomically = async (file, text) => {
        await diskDone;
        return write(file, text);
      };
      const writing = first.put('p', 'r', { n: 2 }, { version: before });
      await second.close();
      await until(async () => [...(await members(data.dir)).values()].join() === 'alone', 'the first works alone again');
      assert.deepEqual((await first.get('p', 'r'))?.value, { n: 1 }, 'read while the write waits: the file as it still is');
      disk();
      const after = await writing;
      slowed.writeAtomically = write;
      assert.deepEqual(await first.get('p', 'r'), { value: { n: 2 }, version: after });
      await assert.rejects(first.put('p', 'r', { n: 11 }, { version: before }), VersionConflictError);
      assert.deepEqual((await first.get('p', 'r'))?.value, { n: 2 });
    });

    it('a member working alone that never lets a joiner in: a write or a read fails saying which file, leaves no member behind, and goes through once that member is gone', async function () {
      const silent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
      try {
        await mkdir(path.join(data.dir, '.members'), { recursive: true });
        const name = `${String(silent.pid)}.cafebabe-1.${hostTag}`;
        await writeFile(path.join(data.dir, '.members', name), JSON.stringify({ mode: 'alone' }));
        const store = data.records(data.dir, { joinWaitMs: 300 });
        await assert.rejects(store.put('p', 'r', { n: 1 }), (error: Error) => error.message.includes('within 0.3 s') && error.message.includes(name));
        assert.deepEqual((await members(data.dir)).size, 1, 'only the silent member is listed');
        // A read waits for that member as well: its journal may hold records newer than their files.
        await assert.rejects(store.get('p', 'r'), (error: Error) => error.message.includes(name));
        silent.kill('SIGKILL');
        await exited(silent);
        const version = await store.put('p', 'r', { n: 2 });
        assert.deepEqual(await store.get('p', 'r'), { value: { n: 2 }, version });
        assert.deepEqual([...(await members(data.dir)).values()], ['alone']);
        await store.close();
      } finally {
        silent.kill('SIGKILL');
      }
    });

    it('members left by processes that died (or by an earlier process with this pid) do not keep a new store sharing', async function () {
      const dead = spawn(process.execPath, ['-e', '0']);
      await new Promise((resolve) => dead.on('exit', resolve));
      await mkdir(path.join(data.dir, '.members'), { recursive: true });
      const left = [`${String(dead.pid)}.deadbeef-1.${hostTag}`, `${process.pid}.0123abcd-7.${hostTag}`];
      for (const name of left) await writeFile(path.join(data.dir, '.members', name), JSON.stringify({ mode: 'alone' }));
      const store = data.records(data.dir);
      assert.deepEqual(await locksDuring(path.join(data.dir, 'c'), () => increment(store, 20)), []);
      const now = await members(data.dir);
      assert.deepEqual([...now.values()], ['alone']);
      for (const name of left) assert.ok(!now.has(name), `${name} was removed`);
    });

    it('a member and a lock of a process in another pid namespace or boot (the same host name) are not judged by their pid', async function () {
      const dead = spawn(process.execPath, ['-e', '0']);
      await new Promise((resolve) => dead.on('exit', resolve));
      // Another container with this host name, whose pid means nothing here: "no such process" says nothing of it.
      // (Its file says the host name alone, as one whose place cannot be told, or an earlier version, says it.)
      const elsewhere = hostname().replace(/[^\w.-]/g, '_');
      assert.notEqual(elsewhere, hostTag);
      await mkdir(path.join(data.dir, '.members'), { recursive: true });
      const name = `${String(dead.pid)}.cafebabe-1.${elsewhere}`;
      await writeFile(path.join(data.dir, '.members', name), JSON.stringify({ mode: 'alone' }));
      const store = data.records(data.dir, { joinWaitMs: 300 });
      await assert.rejects(store.put('p', 'r', { n: 1 }), (error: Error) => error.message.includes(name));
      assert.ok((await members(data.dir)).has(name), 'its member file stays');
      await store.close();
      await rm(path.join(data.dir, '.members', name));
      const [first] = await sharedStores(data);
      await first.put('p', 'a', { n: 1 });
      const lock = path.join(data.dir, 'p', '.a.json.lock');
      await writeFile(lock, `${String(dead.pid)} ${elsewhere}`);
      let written = false;
      const writing = first.put('p', 'a', { n: 2 }).then(() => {
        written = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(written, false, 'the lock is not taken over');
      await rm(lock);
      await writing;
      assert.deepEqual((await first.get('p', 'a'))?.value, { n: 2 });
    });

    it('a member of another container of this machine (this boot) is gone once its file is 30 s old, at once, with no wait to hear it', async function () {
      const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().slice(0, 8);
      await mkdir(path.join(data.dir, '.members'), { recursive: true });
      // A restarted container's earlier self: pid 1 of a pid namespace gone now.
      const earlier = `1.cafebabe-1.${hostname().replace(/[^\w.-]/g, '_')}_${boot}-4026500000`;
      await writeFile(path.join(data.dir, '.members', earlier), JSON.stringify({ mode: 'alone' }));
      const minuteAgo = new Date(Date.now() - 60_000);
      await utimes(path.join(data.dir, '.members', earlier), minuteAgo, minuteAgo);
      const store = data.records(data.dir, { joinWaitMs: 300 });
      await store.put('p', 'r', { n: 1 });
      assert.deepEqual([...(await members(data.dir)).values()], ['alone'], 'its file was removed');
      await store.close();
      // One that touched its file a moment ago lives: it is waited for.
      const live = earlier.replace('cafebabe', 'feedface');
      await writeFile(path.join(data.dir, '.members', live), JSON.stringify({ mode: 'alone' }));
      const again = data.records(data.dir, { joinWaitMs: 300 });
      await assert.rejects(again.put('p', 'r', { n: 2 }), (error: Error) => error.message.includes(live));
    });

    it('two processes adding to one counter, the second starting while the first works alone: none is lost', async function () {
      this.timeout(60_000);
      const start = (): { child: ChildProcessWithoutNullStreams; added: Promise<void> } => {
        const child = spawn(process.execPath, [counter, data.dir, '150']);
        child.stderr.pipe(process.stderr);
        return { child, added: new Promise((resolve) => child.stdout.once('data', () => resolve())) };
      };
      const a = start();
      await a.added;
      const b = start();
      assert.deepEqual(await Promise.all([exited(a.child), exited(b.child)]), [0, 0]);
      assert.equal((await data.records(data.dir).get<{ n: number }>('c', 'counter'))?.value.n, 300);
    });
  });
});

/** What the member file of a process says, read at once (in a handler that must go on to kill it). */
function memberMode(dir: string, pid: number | undefined): string {
  try {
    const name = readdirSync(path.join(dir, '.members')).find((n) => n.startsWith(`${String(pid)}.`)) ?? '';
    return (JSON.parse(readFileSync(path.join(dir, '.members', name), 'utf8')) as { mode: string }).mode;
  } catch (error) {
    return `no member file (${String(error)})`;
  }
}

/**
 * Kills a writer (fileRecordsWriter) with SIGKILL once it acknowledged some writes, 20 times (unless
 * told), each time checking that every acknowledged write holds; the writer works `mode` (alone:
 * nothing else is a member of the folder meanwhile, the store that checks closes before the next round).
 */
async function killDuringWrites(dir: string, mode: 'alone' | 'shared', options: { readonly rounds?: number; readonly acksBeforeKill?: (round: number) => number } = {}): Promise<void> {
  const { rounds = 20, acksBeforeKill = (round: number) => 20 + round * 3 } = options;
  for (let round = 1; round <= rounds; round += 1) {
    const child = spawn(process.execPath, [writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = 0;
    let buffer = '';
    let writerWorked: string | undefined;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        for (const line of buffer.split('\n').slice(0, -1)) acked = Math.max(acked, Number(line.replace('ack ', '')));
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
        if (acked >= acksBeforeKill(round) && writerWorked === undefined) {
          writerWorked = memberMode(dir, child.pid);
          child.kill('SIGKILL');
        }
      });
      child.on('exit', () => resolve());
    });
    assert.ok(acked >= acksBeforeKill(round), `round ${round}: the writer was killed mid-write (${acked} writes acknowledged), not stopped on its own`);
    assert.equal(writerWorked, mode, `round ${round}: the writer worked ${mode}`);
    const store = new FileRecords(dir);
    for (let n = 1; n <= acked; n += 1) assert.equal((await store.get<{ n: number }>('items', `item-${n}`))?.value.n, n, `round ${round}: item ${n} of ${acked}`);
    assert.ok(((await store.get<{ count: number }>('counters', 'writes'))?.value.count ?? 0) >= acked, `round ${round}: the counter holds`);
    assert.equal((await store.list('items')).length >= acked, true);
    // Records are whole: every file parses (list would have thrown otherwise); temp files are ignored.
    assert.ok((await readdir(path.join(dir, 'items'))).length >= acked);
    if (mode === 'alone') await store.close();
  }
}
