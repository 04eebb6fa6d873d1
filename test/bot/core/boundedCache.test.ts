import assert from 'node:assert/strict';
import { BoundedCache } from '../../../bot/core/boundedCache.js';

describe('bounded cache', function () {
  it('works an answer out once per key, and gives the same answer as the work does', function () {
    const cache = new BoundedCache<string | null>(8);
    const answer = (key: string) => (key.startsWith('x') ? null : key.toUpperCase());
    const worked: string[] = [];
    const work = (key: string) => {
      worked.push(key);
      return answer(key);
    };
    for (const key of ['a', 'b', 'x1', 'a', 'x1', 'b']) assert.equal(cache.get(key, work), answer(key), key);
    assert.deepEqual(worked, ['a', 'b', 'x1'], 'a kept answer, null included, is not worked out again');
  });

  it('keeps at most its size, dropping the oldest first', function () {
    const cache = new BoundedCache<number>(3);
    let worked = 0;
    const work = (key: string) => {
      worked++;
      return key.length;
    };
    for (const key of ['a', 'bb', 'ccc', 'dddd']) cache.get(key, work);
    assert.equal(cache.count, 3);
    assert.equal(worked, 4);
    cache.get('bb', work);
    assert.equal(worked, 4, 'a recent answer is still kept');
    cache.get('a', work);
    assert.equal(worked, 5, 'the oldest was dropped and is worked out again');
    for (let i = 0; i < 1000; i++) cache.get(`k${i}`, work);
    assert.equal(cache.count, 3);
  });

  it('forgets an answer only while it is still the one kept for its key', function () {
    const cache = new BoundedCache<{ n: number }>(2);
    let n = 0;
    const work = () => ({ n: (n += 1) });
    const first = cache.get('a', work);
    cache.forget('a', { n: first.n });
    assert.equal(cache.get('a', work), first, 'an equal object that is not the kept one forgets nothing');
    cache.forget('a', first);
    const second = cache.get('a', work);
    assert.notEqual(second, first, 'worked out again once forgotten');
    cache.forget('a', first);
    assert.equal(cache.get('a', work), second, 'forgetting an older answer leaves the newer one');
  });
});
