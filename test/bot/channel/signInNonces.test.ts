// The nonces of Sign in with Microsoft in the shared record store: given out by one instance and
// taken back by another, once, however many try at the same moment; expired and unknown ones never;
// a bounded number waiting; and only their hashes kept.
import assert from 'node:assert/strict';
import { RecordSignInNonces } from '../../../bot/channel/signInNonces.js';
import { ManualClock, minutes } from '../../fakes/memoryPorts.js';
import { MemoryRecords } from '../../fakes/memoryRecords.js';

describe('sign-in nonces (shared by every instance)', function () {
  it('a nonce one instance gave out is taken back once, by any instance', async function () {
    const records = new MemoryRecords();
    const clock = new ManualClock();
    const first = new RecordSignInNonces(records, clock);
    const second = new RecordSignInNonces(records.connect(), clock);
    const nonce = await first.issue();
    assert.equal(await second.redeem(nonce), true);
    assert.equal(await first.redeem(nonce), false);
    assert.equal(await second.redeem(nonce), false);
  });

  it('ten instances taking back one nonce at the same moment: exactly one does', async function () {
    const records = new MemoryRecords();
    const clock = new ManualClock();
    const nonce = await new RecordSignInNonces(records, clock).issue();
    const answers = await Promise.all(Array.from({ length: 10 }, () => new RecordSignInNonces(records.connect(), clock).redeem(nonce)));
    assert.deepEqual(answers.filter(Boolean), [true]);
  });

  it('an expired nonce, one never given out, and anything that is no nonce are refused', async function () {
    const clock = new ManualClock();
    const nonces = new RecordSignInNonces(new MemoryRecords(), clock);
    const nonce = await nonces.issue();
    const other = await nonces.issue();
    clock.advance(minutes(10));
    assert.equal(await nonces.redeem(nonce), false);
    assert.equal(await nonces.redeem('never-given-out'), false);
    for (const odd of [undefined, null, 42, '', 'x'.repeat(500), { nonce: other }]) assert.equal(await nonces.redeem(odd), false);
  });

  it('keeps at most `max` waiting, the oldest dropped first; the store holds hashes, never a nonce', async function () {
    const records = new MemoryRecords();
    const clock = new ManualClock();
    const nonces = new RecordSignInNonces(records, clock, minutes(10), 32);
    const issued: string[] = [];
    for (let i = 0; i < 400; i += 1) {
      issued.push(await nonces.issue());
      clock.advance(10);
    }
    const waiting = (await records.list<Record<string, number>>('signInNonces')).reduce((sum, r) => sum + Object.keys(r.value).length, 0);
    assert.ok(waiting <= 32, `${waiting} waiting`);
    const stored = JSON.stringify(await records.list('signInNonces'));
    assert.ok(issued.every((nonce) => !stored.includes(nonce)), 'a nonce itself is never stored');
    assert.equal(await nonces.redeem(issued[0]), false, 'the oldest went first');
    assert.equal(await nonces.redeem(issued.at(-1)), true, 'the newest waits');
  });
});
