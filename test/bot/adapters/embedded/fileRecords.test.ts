// The embedded record store: the RecordStore contract, one winner among concurrent updates (also
// between two stores over one folder, as two processes have), a lock left by a dead process, and
// what survives a kill -9 in the middle of heavy writing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileRecords } from '../../../../bot/adapters/embedded/fileRecords.js';
import { updateRecord } from '../../../../bot/core/ports/recordStore.js';
import { tempDir } from '../../../helpers.js';
import { recordStoreContract } from '../../core/ports/recordStoreContract.js';

const writer = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fileRecordsWriter.js');

recordStoreContract('FileRecords', async () => {
  const data = await tempDir();
  return { open: () => Promise.resolve(new FileRecords(data.dir)), dispose: data.remove };
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
    const store = new FileRecords(data.dir);
    await Promise.all(Array.from({ length: 100 }, () => updateRecord<{ n: number }>(store, 'c', 'counter', (current) => ({ n: (current?.n ?? 0) + 1 }))));
    assert.equal((await store.get<{ n: number }>('c', 'counter'))?.value.n, 100);
  });

  it('two stores over one folder, as two processes sharing a DATA_DIR: concurrent increments, none lost', async function () {
    const stores = [new FileRecords(data.dir), new FileRecords(data.dir)];
    await Promise.all(Array.from({ length: 100 }, (_, i) => updateRecord<{ n: number }>(stores[i % 2] as FileRecords, 'c', 'counter', (current) => ({ n: (current?.n ?? 0) + 1 }))));
    assert.equal((await stores[0]?.get<{ n: number }>('c', 'counter'))?.value.n, 100);
  });

  it('a lock left by a process that died is taken over at once', async function () {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.on('exit', resolve));
    const store = new FileRecords(data.dir);
    await store.put('p', 'a', { n: 1 });
    await writeFile(path.join(data.dir, 'p', '.a.json.lock'), `${String(dead.pid)} ${hostname()}`);
    const started = Date.now();
    await store.put('p', 'a', { n: 2 });
    assert.ok(Date.now() - started < 5_000);
    assert.deepEqual((await store.get('p', 'a'))?.value, { n: 2 });
    assert.deepEqual((await readdir(path.join(data.dir, 'p'))).filter((f) => f.endsWith('.lock')), [], 'no lock is left behind');
  });

  it('a lock left empty by a process killed between creating it and writing its owner is taken over after 2 s, not 30 s', async function () {
    this.timeout(40_000);
    const store = new FileRecords(data.dir);
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

  it('kill -9 during heavy writes, 20 times: the store opens and holds every acknowledged write', async function () {
    this.timeout(120_000);
    for (let round = 1; round <= 20; round += 1) {
      const child = spawn(process.execPath, [writer, data.dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      let acked = 0;
      let buffer = '';
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          for (const line of buffer.split('\n').slice(0, -1)) acked = Math.max(acked, Number(line.replace('ack ', '')));
          buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
          if (acked >= 20 + round * 3) child.kill('SIGKILL');
        });
        child.on('exit', () => resolve());
      });
      assert.ok(acked >= 20 + round * 3, `round ${round}: the writer was killed mid-write (${acked} writes acknowledged), not stopped on its own`);
      const store = new FileRecords(data.dir);
      for (let n = 1; n <= acked; n += 1) assert.equal((await store.get<{ n: number }>('items', `item-${n}`))?.value.n, n, `round ${round}: item ${n} of ${acked}`);
      assert.ok(((await store.get<{ count: number }>('counters', 'writes'))?.value.count ?? 0) >= acked, `round ${round}: the counter holds`);
      assert.equal((await store.list('items')).length >= acked, true);
      // Records are whole: every file parses (list would have thrown otherwise); temp files are ignored.
      assert.ok((await readdir(path.join(data.dir, 'items'))).length >= acked);
    }
  });
});
