// Requests counted per client address in the shared record store: the limit holds across
// instances, a check that did not run is given back, and the records of addresses with nothing
// left in the window are swept away, one that counted a check meanwhile staying.
import assert from 'node:assert/strict';
import { SharedSourceRateLimit } from '../../bot/sourceRateLimit.js';
import { ManualClock, minutes } from '../fakes/memoryPorts.js';
import { MemoryRecords } from '../fakes/memoryRecords.js';

const rule = { limit: 3, windowMs: minutes(1) };

describe('requests counted per address (shared by every instance)', function () {
  it('the limit counts the checks of both instances; a check given back frees its place; the window frees them all', async function () {
    const records = new MemoryRecords();
    const clock = new ManualClock();
    const first = new SharedSourceRateLimit(records, 'test.sources', clock, rule);
    const second = new SharedSourceRateLimit(records.connect(), 'test.sources', clock, rule);
    const checks = await Promise.all([first.take('10.0.0.1'), second.take('10.0.0.1'), first.take('10.0.0.1')]);
    assert.ok(checks.every((c) => c.ok));
    const refused = await second.take('10.0.0.1');
    assert.deepEqual(refused, { ok: false, retryAfterSeconds: 60 });
    assert.equal((await first.take('10.0.0.2')).ok, true, 'another address has its own count');
    const taken = checks[0];
    if (taken?.ok) await taken.giveBack();
    assert.equal((await second.take('10.0.0.1')).ok, true, 'the place given back');
    assert.equal((await first.take('10.0.0.1')).ok, false);
    clock.advance(minutes(1));
    assert.equal((await first.take('10.0.0.1')).ok, true);
  });

  it('sweeps the records of addresses with nothing left in the window, now and then, by itself', async function () {
    const records = new MemoryRecords();
    const clock = new ManualClock();
    const limit = new SharedSourceRateLimit(records, 'test.sources', clock, rule);
    for (let i = 0; i < 50; i += 1) await limit.take(`10.0.1.${i}`);
    clock.advance(minutes(5));
    await limit.take('10.0.2.1');
    assert.equal((await records.ids('test.sources')).length, 51, 'not yet: the last sweep was less than ten minutes ago');
    clock.advance(minutes(5));
    await limit.take('10.0.2.2');
    assert.deepEqual([...(await records.ids('test.sources'))].sort(), ['10.0.2.2'], 'the fifty and the one of five minutes before went; the address just counted stays');
  });

  it('a sweep leaves an address that counted a check after the sweep read it', async function () {
    const records = new MemoryRecords();
    const clock = new ManualClock();
    const limit = new SharedSourceRateLimit(records, 'test.sources', clock, rule);
    await limit.take('10.0.0.1');
    clock.advance(minutes(2));
    // The other instance counts a check of the address while this one sweeps.
    const other = new SharedSourceRateLimit(records.connect(), 'test.sources', clock, rule);
    const [removed] = await Promise.all([limit.sweep(), other.take('10.0.0.1')]);
    assert.ok(removed <= 1);
    // Whichever came first (the check's write, or the removal, and the check's write again on a record of its own), the check holds.
    assert.equal((await records.get<{ checks: unknown[] }>('test.sources', '10.0.0.1'))?.value.checks.length, 1);
  });
});
