import assert from 'node:assert/strict';
import { KeyedQueue } from '../../../bot/core/keyedQueue.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keyed queue', function () {
  it('runs the turns of one conversation one after the other, others alongside, and goes on after a failure', async function () {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const turn = (name: string, ms: number, fail = false) => async () => {
      log.push(`${name}>`);
      await pause(ms);
      log.push(`<${name}`);
      if (fail) throw new Error(name);
    };
    await Promise.allSettled([
      queue.run('a', turn('a1', 30, true)),
      queue.run('a', turn('a2', 1)),
      queue.run('b', turn('b1', 5)),
      queue.run(undefined, turn('x', 1)),
    ]);
    assert.ok(log.indexOf('a2>') > log.indexOf('<a1'), 'a2 starts after a1 ended (even though a1 failed)');
    assert.ok(log.indexOf('b1>') < log.indexOf('<a1'), 'another conversation does not wait');
    assert.ok(log.indexOf('x>') < log.indexOf('<a1'));
  });
});
