// The journal of a store working alone: the writes of a moment go out together, a record counts
// once its line is on disk, a batch that failed leaves nothing to read, and reading a journal left
// behind skips what cannot be trusted.
import assert from 'node:assert/strict';
import { fdatasync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RecordJournal } from '../../../../bot/adapters/embedded/recordJournal.js';
import { tempDir } from '../../../helpers.js';

const record = (id: string, n: number): string => JSON.stringify({ id, version: `v${n}`, value: { n, text: 'line\nbreak "quoted" é' } });

describe('record journal', function () {
  let data: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async function () {
    data = await tempDir();
  });
  afterEach(async function () {
    await data.remove();
  });

  it('appends made while the disk is busy go out in one batch; a record is in entries once its line is on disk, not before', async function () {
    const journal = new RecordJournal(data.dir, path.join(data.dir, 'one.log'));
    const files = Array.from({ length: 100 }, (_, i) => path.join(data.dir, 'p', `r${i}.json`));
    const appended = files.map((file, i) => journal.append(file, record(`r${i}`, i)));
    assert.equal(journal.entries.size, 0, 'nothing counts before it is on disk');
    await Promise.all(appended);
    assert.equal(journal.entries.size, 100);
    assert.equal(journal.entries.get(files[7] as string), record('r7', 7));
    await journal.close();
    const text = await readFile(journal.file, 'utf8');
    const batches = text.split('\n').filter((line) => line === '').length;
    assert.ok(batches >= 2 && batches <= 4, `100 appends in ${batches} batches`);
    assert.deepEqual(RecordJournal.read(data.dir, journal.file), journal.entries);
  });

  it('a batch whose fdatasync fails is refused and cut off the file: read after a crash, the journal has only what was acknowledged', async function () {
    let failures = 1;
    const disk = {
      dataSync: async (fd: number): Promise<void> => {
        if (failures > 0) {
          failures -= 1;
          throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
        }
        await new Promise<void>((resolve, reject) => {
          fdatasync(fd, (error) => (error ? reject(error) : resolve()));
        });
      },
    };
    const journal = new RecordJournal(data.dir, path.join(data.dir, 'failing.log'), { disk });
    const a = path.join(data.dir, 'p', 'a.json');
    const b = path.join(data.dir, 'p', 'b.json');
    await assert.rejects(journal.append(a, record('a', 1)), /EIO/);
    assert.equal(journal.entries.size, 0);
    assert.equal(await readFile(journal.file, 'utf8'), '', 'the refused line is gone from the file');
    await journal.append(b, record('b', 2));
    assert.deepEqual(RecordJournal.read(data.dir, journal.file), new Map([[b, record('b', 2)]]));
    await journal.close();
  });

  it('a journal that cannot cut a failed batch off takes no more records', async function () {
    const disk = { dataSync: (): Promise<void> => Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })) };
    const journal = new RecordJournal(data.dir, path.join(data.dir, 'broken.log'), { disk });
    await assert.rejects(journal.append(path.join(data.dir, 'p', 'a.json'), record('a', 1)), /EIO/);
    await assert.rejects(journal.append(path.join(data.dir, 'p', 'b.json'), record('b', 2)), /takes no more records/);
    assert.equal(journal.entries.size, 0);
    await journal.close();
  });

  it('a journal left behind: the last line of a record wins, null removes, and a line cut short, a line that is no entry or a path out of the folder is skipped', async function () {
    const file = path.join(data.dir, 'left.log');
    const a = path.join(data.dir, 'p', 'a.json');
    const b = path.join(data.dir, 'p', 'b.json');
    await writeFile(file, [
      '',
      `{"f":"p/a.json","r":${record('a', 1)}}`,
      `{"f":"p/b.json","r":${record('b', 1)}}`,
      `{"f":"p/a.json","r":${record('a', 2)}}`,
      `{"f":"p/c.json","r":{"id":"c","ver`,
      `{"f":"../outside.json","r":${record('x', 1)}}`,
      `{"f":"p/d.json"}`,
      '[1, 2]',
      '',
      `{"f":"p/b.json","r":null}`,
      '',
    ].join('\n'));
    assert.deepEqual(RecordJournal.read(data.dir, file), new Map([[a, record('a', 2)], [b, null]]));
  });
});
